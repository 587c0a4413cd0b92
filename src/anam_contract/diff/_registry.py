"""The rule registry: every breaking-change rule is a function `(Site) -> Iterable[str]`.

A rule yields one message per change it finds at a site. Its snake_case function name is its public
id (CLI text, JSON report, docs); whether its changes break users of the generated client is a
property of the rule, declared once where it is registered; the docstring's first line says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from anam_contract.diff._model import Change, Direction, Kind, Site

Check = Callable[[Site], Iterable[str]]


@dataclass(frozen=True)
class Rule:
    id: str
    kind: Kind
    direction: Direction | None  # None: both directions
    breaking: bool
    why: str
    check: Check

    def run(self, site: Site) -> Iterator[Change]:
        if site.kind != self.kind or (self.direction is not None and site.direction != self.direction):
            return
        for detail in self.check(site):
            yield Change(site.location, self.id, self.breaking, detail)


RULES: dict[str, Rule] = {}


def rule(kind: Kind, *, breaking: bool, direction: Direction | None = None) -> Callable[[Check], Check]:
    """Register the decorated function as a rule; its name becomes the rule id."""

    def register(check: Check) -> Check:
        name = check.__name__
        if name in RULES:
            raise ValueError(f"rule {name} is registered twice")
        doc = (check.__doc__ or "").strip()
        if not doc:
            raise ValueError(f"rule {name} needs a docstring saying why it is (not) breaking")
        RULES[name] = Rule(name, kind, direction, breaking, " ".join(doc.split("\n\n")[0].split()), check)
        return check

    return register


def apply(site: Site) -> Iterator[Change]:
    for registered in RULES.values():
        yield from registered.run(site)
