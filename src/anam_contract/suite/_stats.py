"""Counts for the end-of-run summary: operations, cases, checks, failures, skips, links."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Stats:
    cases: Counter[str] = field(default_factory=Counter)
    checks: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    links: Counter[str] = field(default_factory=Counter)

    def record_case(self, operation: str, results: list[tuple[str, bool]]) -> None:
        self.cases[operation] += 1
        for name, passed in results:
            self.checks[name] += 1
            if not passed:
                self.failures[f"{operation}: {name}"] += 1

    def to_json(self) -> dict[str, Any]:
        return {name: dict(getattr(self, name)) for name in ("cases", "checks", "failures", "skipped", "links")}

    @classmethod
    def merged(cls, pieces: list[dict[str, Any]]) -> Stats:
        total = cls()
        for piece in pieces:
            for name in ("cases", "checks", "failures", "skipped", "links"):
                getattr(total, name).update(piece.get(name, {}))
        return total


def link_label(transition_id: str, *, inferred: bool) -> str:
    """A declared link by its name in the spec; an inferred one by its whole transition id.

    schemathesis names a transition `<source> -> [<status>] <link name> -> <target>`.
    """
    parts = transition_id.split(" -> ")
    if inferred or len(parts) != 3:
        return f"inferred: {transition_id}"
    return parts[1].split("] ", 1)[-1]
