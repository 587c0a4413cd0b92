"""Hypothesis strategies for the spec's schemas, from schemathesis' own JSON Schema generator.

schemathesis 4 generates request data with its built-in generator (it no longer depends on
hypothesis-jsonschema), so using the same engine here means the property tests and the API
tests draw from the same idea of "a valid value of this schema". The engine lives in a module
schemathesis does not document as public; the exact pin in pyproject.toml keeps it in place,
and this file is the only place that touches it.
"""

from __future__ import annotations

from typing import Any

import jsonschema_rs
from hypothesis.strategies import SearchStrategy
from schemathesis.generation.jsonschema.builder import build
from schemathesis.specs.openapi.formats import get_default_format_strategies

from anam_contract.spec import Spec


def component_strategy(spec: Spec, component: str) -> SearchStrategy[Any]:
    """Valid JSON values of `#/components/schemas/<component>`."""
    # The root carries the spec's components so every `#/components/...` ref inside resolves.
    root = {"$ref": f"#/components/schemas/{component}", "components": spec.document["components"]}
    strategy: SearchStrategy[Any] = build(
        root, draft=jsonschema_rs.Draft202012, formats=get_default_format_strategies()
    )
    return strategy
