from __future__ import annotations

import copy
from typing import Any

import pytest

from anam_contract.spec import Spec

SPEC = Spec.load()
PERSONA_EXAMPLE: dict[str, Any] = SPEC.pointer("#/components/examples/PersonaExample")["value"]


@pytest.fixture
def persona_json() -> dict[str, Any]:
    """A fresh copy of the persona from the reference pages, safe to mutate."""
    return copy.deepcopy(PERSONA_EXAMPLE)
