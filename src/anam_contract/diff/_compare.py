"""Compare two spec versions: walk them side by side and run every registered rule at every place."""

from __future__ import annotations

# The rule modules register their rules on import; nothing else of theirs is used here.
from anam_contract.diff import _rules_fields, _rules_operations, _rules_schema  # noqa: F401
from anam_contract.diff._model import Change
from anam_contract.diff._registry import apply
from anam_contract.diff._walk import sites
from anam_contract.spec import Spec


def compare_specs(old: Spec, new: Spec) -> list[Change]:
    """Every change from `old` to `new`, one per rule and place, in a stable order."""
    changes = {change for site in sites(old, new) for change in apply(site)}
    return sorted(changes)
