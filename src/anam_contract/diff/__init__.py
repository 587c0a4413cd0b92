"""What changed between two versions of the spec, and what it breaks: deployed clients (built from
the old spec, calling the new server) and code on upgrade (run with the regenerated client).

`compare_specs` runs the breaking-change rules (a registry, `RULES`, keyed by rule id) over two
specs, each change carrying both verdicts; `compare_client` regenerates the client from both and
compares the public API of the two packages; `read_spec_source` reads a spec from a file or from a
git revision.
"""

from __future__ import annotations

from anam_contract.diff._api import ApiChange, compare_packages
from anam_contract.diff._client import compare_client
from anam_contract.diff._compare import compare_specs
from anam_contract.diff._model import Change, Location
from anam_contract.diff._registry import RULES, Rule
from anam_contract.diff._sources import (
    DEFAULT_SPEC_IN_REPO,
    SourceError,
    SpecSource,
    load_source,
    read_spec_source,
    repository_root,
    working_tree_source,
)

__all__ = [
    "DEFAULT_SPEC_IN_REPO",
    "RULES",
    "ApiChange",
    "Change",
    "Location",
    "Rule",
    "SourceError",
    "SpecSource",
    "compare_client",
    "compare_packages",
    "compare_specs",
    "load_source",
    "read_spec_source",
    "repository_root",
    "working_tree_source",
]
