"""Spec edits proposed for drift findings, registered per drift rule like the rules themselves.

A proposer reads one finding and returns either an `Edit` (the one change to the spec that makes the
finding go away) or the reason it cannot pick one, which turns the finding into "needs a decision".
A rule with no proposer always needs a decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from anam_contract.drift._context import Context, Observed
from anam_contract.drift._model import Page
from anam_contract.drift._pages import Role
from anam_contract.drift._propose_locate import Path, field_path, root
from anam_contract.drift._registry import RULES, Finding
from anam_contract.spec import Spec


@dataclass(frozen=True)
class Edit:
    path: Path  # the node the edit changes
    aspect: str  # what of it ("enum cara-5", "type", "property mood"): two edits of one aspect must agree
    wanted: str  # the state the edit leaves, compared when several findings edit one aspect
    summary: str  # one line for the output
    apply: Callable[[Any], None]  # changes the round-trip document in place; a no-op when already done


@dataclass
class Where:
    """A finding, its page and the spec (parsed, and as the round-trip document being edited)."""

    finding: Finding
    page: Page
    spec: Spec
    document: Any

    @cached_property
    def _context(self) -> Context:
        return Context.build(self.page, Role("only", True), self.spec)

    @property
    def status(self) -> str | None:
        # The response a rendered page shows, as the drift rules read it (see Context.build).
        statuses = self.page.statuses
        return statuses[0] if len(statuses) == 1 and self.page.shape != "markdown" else None

    def observed(self) -> Observed | None:
        """Everything the page says about the finding's field, merged as the rules merged it."""
        return next(
            (o for o in self._context.fields if o.location == self.finding.location and o.name == self.finding.field),
            None,
        )

    def field(self, name: str | None = None) -> Path | None:
        finding = self.finding
        if finding.operation is None or finding.location is None:
            return None
        name = finding.field if name is None else name
        if name is None:
            return None
        if not name:
            return root(self.spec, self.document, finding.operation, finding.location, self.status)
        return field_path(self.spec, self.document, finding.operation, finding.location, name, status=self.status)


Proposer = Callable[[Where], Edit | str]

PROPOSERS: dict[str, Proposer] = {}


def proposes(rule_name: str) -> Callable[[Proposer], Proposer]:
    """Register the proposer of a drift rule (one per rule; the rule must exist)."""

    def register(function: Proposer) -> Proposer:
        if rule_name not in RULES:
            raise ValueError(f"no drift rule {rule_name} to propose edits for")
        if rule_name in PROPOSERS:
            raise ValueError(f"drift rule {rule_name} has two proposers")
        PROPOSERS[rule_name] = function
        return function

    return register
