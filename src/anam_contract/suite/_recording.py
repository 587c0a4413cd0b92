"""The run's record of differences: each distinct one once, with how many responses showed it.

Every response the suite checks is handed to `Recorder.response` with the differences found on
it (from schemathesis' checks and from the suite's own). They are deduplicated by
`Difference.key` (operation, status, pointer with array indices generalised, kind); two checks
that saw the same thing make one entry naming both. A difference a custom check could only
describe as a rule (`rule:<check>`) is folded into a schema or body difference of the same
response at the same place, since it is the same fact seen by a second check.

The recorder also counts, per operation, the cases generated, sent, held back (by reason) and
failed, and per pytest test the same, so that a test that sent nothing is reported skipped.
Under pytest-xdist each worker writes its record as a piece (`to_json`), merged by `merged`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from anam_contract.suite._differences import Difference, generalise

_FOLDABLE = ("schema", "body", "status", "server_error")
# Checks whose whole-body complaint ("the client cannot parse it") is about the body's shape, so it
# is the same fact as any schema difference of that response, or as their own pointed ones.
_SHAPE_CHECKS = frozenset({"client_parses_response"})


@dataclass
class Entry:
    """One distinct difference of the run."""

    operation_id: str
    status: str
    pointer: str
    kind: str
    expected: str
    got: str
    checks: set[str]
    count: int = 0
    reproduction: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.operation_id, self.status, self.pointer, self.kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "operation_id": self.operation_id,
            "status": self.status,
            "pointer": self.pointer,
            "kind": self.kind,
            "expected": self.expected,
            "got": self.got,
            "checks": sorted(self.checks),
            "count": self.count,
            "reproduction": self.reproduction,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(**{**data, "checks": set(data["checks"])})


@dataclass
class OperationCounts:
    generated: int = 0
    sent: int = 0
    held: Counter[str] = field(default_factory=Counter)
    failed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"generated": self.generated, "sent": self.sent, "held_back": dict(self.held), "failed": self.failed}

    def add(self, data: dict[str, Any]) -> None:
        self.generated += data.get("generated", 0)
        self.sent += data.get("sent", 0)
        self.held.update(data.get("held_back", {}))
        self.failed += data.get("failed", 0)


@dataclass
class Recorder:
    entries: dict[tuple[str, str, str, str], Entry] = field(default_factory=dict)
    operations: dict[str, OperationCounts] = field(default_factory=dict)
    # The operations' method and path, for the report's lines (`getPersona GET /v1/personas/{id}`).
    labels: dict[str, str] = field(default_factory=dict)
    # What the pytest test now running has done; reset by `begin_test`.
    test: OperationCounts = field(default_factory=OperationCounts)
    test_differences: dict[tuple[str, str, str, str], Entry] = field(default_factory=dict)

    def begin_test(self) -> None:
        self.test = OperationCounts()
        self.test_differences = {}

    def counts(self, operation_id: str) -> OperationCounts:
        return self.operations.setdefault(operation_id, OperationCounts())

    def generated(self, operation_id: str) -> None:
        self.counts(operation_id).generated += 1
        self.test.generated += 1

    def held_back(self, operation_id: str, reason: str) -> None:
        self.counts(operation_id).held[reason] += 1
        self.test.held[reason] += 1

    def response(
        self, operation_id: str, differences: list[Difference], reproduction: str | None, *, sent: bool = True
    ) -> None:
        """One response checked, showing `differences` (an empty list: it agreed with the spec)."""
        counts = self.counts(operation_id)
        if sent:
            counts.sent += 1
            self.test.sent += 1
        merged = fold(differences)
        if merged:
            counts.failed += 1
            self.test.failed += 1
        for difference in merged:
            for target in (self.entries, self.test_differences):
                entry = target.get(_key(difference))
                if entry is None:
                    entry = target[_key(difference)] = _entry(difference, reproduction)
                entry.count += 1
                entry.checks.update(_checks(difference))

    def extra(self, differences: list[Difference]) -> None:
        """Differences a test reported outside any response this recorder saw (a rule test's)."""
        for difference in fold(differences):
            if _key(difference) in self.test_differences:
                continue
            self.counts(difference.operation_id)
            for target in (self.entries, self.test_differences):
                entry = target.setdefault(_key(difference), _entry(difference, None))
                entry.count += 1
                entry.checks.update(_checks(difference))

    def of(self, operation_id: str) -> int:
        """How many responses of the operation were checked."""
        counts = self.operations.get(operation_id)
        return counts.sent if counts is not None else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "entries": [entry.to_json() for entry in self.entries.values()],
            "operations": {name: counts.to_json() for name, counts in self.operations.items()},
            "labels": self.labels,
        }

    @classmethod
    def merged(cls, pieces: list[dict[str, Any]]) -> Recorder:
        total = cls()
        for piece in pieces:
            total.labels.update(piece.get("labels", {}))
            for name, data in piece.get("operations", {}).items():
                total.counts(name).add(data)
            for data in piece.get("entries", []):
                entry = Entry.from_json(data)
                known = total.entries.get(entry.key)
                if known is None:
                    total.entries[entry.key] = entry
                else:
                    known.count += entry.count
                    known.checks |= entry.checks
                    known.reproduction = known.reproduction or entry.reproduction
        total.entries = consolidated(total.entries)
        return total

    def sorted_entries(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda entry: entry.key)


def consolidated(entries: dict[tuple[str, str, str, str], Entry]) -> dict[tuple[str, str, str, str], Entry]:
    """Across responses and tests: a rule entry at the same operation, status and place as another
    entry is the same difference seen by another check (a rule test and a per-response check of the
    same rule, or a schema check), so it joins that entry; the entry that is not a rule wins."""
    ordered = sorted(entries.values(), key=lambda entry: (entry.kind.startswith("rule:"), entry.key))
    kept: dict[tuple[str, str, str, str], Entry] = {}
    for entry in ordered:
        host = None
        if entry.pointer and entry.kind.startswith("rule:"):
            host = next((k for k in kept.values() if _same_place(k, entry)), None)
        if host is None:
            kept[entry.key] = entry
            continue
        host.checks |= entry.checks
        host.count = max(host.count, entry.count)
        host.reproduction = host.reproduction or entry.reproduction
    return kept


def _same_place(host: Entry, entry: Entry) -> bool:
    same = (host.operation_id, host.status) == (entry.operation_id, entry.status)
    return same and bool(host.pointer) and _covers(host.pointer, entry.pointer, entry.checks)


def fold(differences: list[Difference]) -> list[Difference]:
    """One response's differences, each key once: a rule difference at the place of a schema (or
    body, status) difference of the same response becomes that difference, seen by one more check."""
    by_key: dict[tuple[str, str, str, str], Difference] = {}
    also: dict[tuple[str, str, str, str], set[str]] = {}
    plain = [d for d in differences if not d.kind.startswith("rule:")]
    rules = [d for d in differences if d.kind.startswith("rule:")]
    pointed = {d.check for d in rules if d.pointer}
    # "cannot parse it" next to the places it names is one fact, told by those places.
    rules = [d for d in rules if d.pointer or d.check not in _SHAPE_CHECKS or d.check not in pointed]
    for difference in plain:
        key = _key(difference)
        by_key.setdefault(key, difference)
        also.setdefault(key, set()).add(difference.check)
    for difference in rules:
        host = _host(difference, plain)
        key = _key(host if host is not None else difference)
        by_key.setdefault(key, difference if host is None else host)
        also.setdefault(key, set()).add(difference.check)
    return [_with_checks(by_key[key], also[key]) for key in by_key]


def _host(rule: Difference, plain: list[Difference]) -> Difference | None:
    for candidate in plain:
        if candidate.kind not in _FOLDABLE or str(candidate.status) != str(rule.status):
            continue
        if rule.pointer and _covers(candidate.pointer, rule.pointer, _checks(rule)):
            return candidate
        if not rule.pointer and rule.check in _SHAPE_CHECKS:
            return candidate
    return None


def _overlaps(left: str, right: str) -> bool:
    return left == right or right.startswith(left + "/") or left.startswith(right + "/")


def _covers(host: str, rule: str, checks: set[str]) -> bool:
    """Whether a rule difference at `rule` is the fact a difference at `host` already states: at
    the same place, inside it (a wrong `/tools` explains a wrong `/tools/0/id`), or an object
    holding it (`/voice` changed, where `/voice/id` is no UUID). A rule about a list that holds the
    host in one of its items (a page's `/data` holding too many personas, beside an item's missing
    field) is another fact; only the client's "cannot parse" is told by any place inside it."""
    if checks & _SHAPE_CHECKS:
        return _overlaps(rule, host)
    if rule == host or rule.startswith(host + "/"):
        return True
    if not host.startswith(rule + "/"):
        return False
    step = host[len(rule) + 1 :].split("/", 1)[0]
    return not (step.isdigit() or step == "[]")


def _with_checks(difference: Difference, checks: set[str]) -> Difference:
    # The command that repeats it stays with it (a difference of the suite's own request has its own).
    return replace(difference, check=",".join(sorted(checks)))


def _checks(difference: Difference) -> set[str]:
    return {check for check in difference.check.split(",") if check}


def _key(difference: Difference) -> tuple[str, str, str, str]:
    return difference.key


def _entry(difference: Difference, reproduction: str | None) -> Entry:
    return Entry(
        operation_id=difference.operation_id,
        status=str(difference.status),
        pointer=generalise(difference.pointer),
        kind=difference.kind,
        expected=difference.expected,
        got=difference.got,
        checks=set(),
        # A difference seen on the suite's own request carries that request's command; the
        # case being checked would not show it.
        reproduction=difference.reproduction or reproduction,
    )
