"""The rule registry: every breaking-change rule is a function `(Site) -> Iterable[str]`.

A rule yields one message per change it finds at a site. Its snake_case function name is its public
id (CLI text, JSON report, docs); what its changes break is a property of the rule, declared once
where it is registered, as two verdicts; the docstring's first line says why.

- `wire`: breaks deployed clients, built from the old spec and now talking to the new server (a
  renamed JSON key: the old client still reads the old one and fails on every response).
- `source`: breaks code on upgrade, written against the old generated client and run with the one
  regenerated from the new spec (a renamed model class: imports fail).
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
    wire: bool
    source: bool
    why: str
    check: Check

    @property
    def breaking(self) -> bool:
        return self.wire or self.source

    def run(self, site: Site) -> Iterator[Change]:
        if site.kind != self.kind or (self.direction is not None and site.direction != self.direction):
            return
        for detail in self.check(site):
            yield Change(site.location, self.id, detail, wire=self.wire, source=self.source)


RULES: dict[str, Rule] = {}


def rule(
    kind: Kind,
    *,
    breaking: bool,
    wire: bool | None = None,
    source: bool | None = None,
    direction: Direction | None = None,
) -> Callable[[Check], Check]:
    """Register the decorated function as a rule; its name becomes the rule id.

    `breaking` gives both verdicts at once; `wire` or `source` overrides one where they differ.
    """

    def register(check: Check) -> Check:
        name = check.__name__
        if name in RULES:
            raise ValueError(f"rule {name} is registered twice")
        doc = (check.__doc__ or "").strip()
        if not doc:
            raise ValueError(f"rule {name} needs a docstring saying why it is (not) breaking")
        why = " ".join(doc.split("\n\n")[0].split())
        verdicts = (breaking if wire is None else wire, breaking if source is None else source)
        RULES[name] = Rule(name, kind, direction, *verdicts, why, check)
        return check

    return register


def apply(site: Site) -> Iterator[Change]:
    for registered in RULES.values():
        yield from registered.run(site)
