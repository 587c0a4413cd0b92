"""What the suite found, as data: one `Difference` per thing the server did that the spec or the
documented rules do not say, and the exchanges the suite observed.

Checks report through `fail()`, which both raises (so a check still fails the way schemathesis
expects) and hands the structured differences to whoever is `collecting()` around the check: the
run's recorder, which deduplicates them into the report. Both the suite's engine and its checks
import this module; it imports nothing of the suite, so neither depends on the other.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# A status the report shows for a difference in what the suite sent rather than what came back.
REQUEST = "request"


@dataclass(frozen=True)
class Difference:
    """One way a response differs from what the spec or a documented rule says.

    - `operation_id`: the spec's operationId (e.g. `getPersona`).
    - `status`: the status the server answered (or `REQUEST` for the client's request side).
    - `pointer`: RFC 6901 pointer into the response body (`""` for the whole response or a rule
      about the exchange rather than one field).
    - `kind`: what sort of difference: `schema`, `status`, `not_json`, `server_error`, or
      `rule:<snake_case_rule_name>` for a documented rule.
    - `expected` / `got`: what the spec or rule says, and a short excerpt of what the server sent.
    - `check`: the registered check (or rule) that saw it.
    - `reproduction`: a curl command for the exchange that showed it, when that exchange is not
      the case being checked (a check's or rule's own request); not part of its identity.
    """

    operation_id: str
    status: int | str
    pointer: str
    kind: str
    expected: str
    got: str
    check: str
    reproduction: str | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Two differences with the same key are one entry of the report (array indices generalised)."""
        return (self.operation_id, str(self.status), generalise(self.pointer), self.kind)

    def __str__(self) -> str:
        where = self.pointer or "(whole response)"
        return f"{where}: {self.got} (expected {self.expected}) [{self.check}]"


_INDEX = re.compile(r"/\d+(?=/|$)")


def generalise(pointer: str) -> str:
    """`/data/7/createdAt` -> `/data/[]/createdAt`: one difference however many items show it."""
    return _INDEX.sub("/[]", pointer)


def excerpt(value: Any, limit: int = 80) -> str:
    """A short, single-line rendering of a JSON value for the report."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:  # a value that refers to itself
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ContractFailure(AssertionError):
    """A check's failure: a title naming operation, status and rule, and the differences behind it."""

    def __init__(self, operation_id: str, status: int | str, title: str, differences: list[Difference]) -> None:
        self.operation_id = operation_id
        self.status = status
        self.title = title
        self.differences = tuple(differences)
        lines = "\n".join(f"  {difference}" for difference in differences)
        super().__init__(f"{operation_id} {status}: {title}\n{lines}")


_COLLECTED: ContextVar[list[Difference] | None] = ContextVar("contract_differences", default=None)


@contextmanager
def collecting() -> Iterator[list[Difference]]:
    """Every difference `fail()` reports inside the block lands in the yielded list."""
    found: list[Difference] = []
    token = _COLLECTED.set(found)
    try:
        yield found
    finally:
        _COLLECTED.reset(token)


def note(differences: list[Difference]) -> None:
    """Hand differences to the active collector without raising (for checks that go on)."""
    sink = _COLLECTED.get()
    if sink is not None:
        sink.extend(differences)


def note_or_fail(operation_id: str, status: int | str, title: str, differences: list[Difference]) -> None:
    """Inside a collector, only note the differences (the run goes on and the test fails at its
    end); outside one (a rule called directly), raise them as `fail()` does."""
    if _COLLECTED.get() is not None:
        note(differences)
        return
    raise ContractFailure(operation_id, status, title, differences)


def fail(operation_id: str, status: int | str, title: str, differences: list[Difference]) -> None:
    """Report `differences` to the collector, then raise them as one `ContractFailure`."""
    note(differences)
    raise ContractFailure(operation_id, status, title, differences)


@dataclass(frozen=True)
class Exchange:
    """One request the suite sent and what came back, as an observer of the run sees it."""

    method: str
    path: str
    query: dict[str, Any]
    body: Any
    # Which organisation's key (an opaque label, never the key itself), or None for no key.
    key_label: str | None
    status: int
    response: Any
    # The operation and the source of the request (`case`, `check`, `rule`...), for messages.
    operation_id: str | None = None
    source: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    # What was sent when `body` is NOT_JSON and the sender knows it (the suite's own requests), and
    # whether it was declared JSON (else the spec's answer is a 415, not a 400).
    raw: bytes | None = None
    declared_json: bool = True
    # When the suite sent the request, by its own clock (aware, UTC), recorded by whoever built the
    # exchange: what a write's stamps are held to when the server sends no `Date`. Never the time
    # the exchange is judged, which may come long after (a run on a busy machine).
    sent_at: datetime = field(kw_only=True)


Observer = Callable[[Exchange], None]
# An Exchange's body when what was sent is not JSON (or declared as something else).
NOT_JSON: Any = object()


def key_label(secret: str | None) -> str | None:
    """A stable, non-reversible name for a key, so observers can tell organisations apart
    without ever holding the key."""
    if secret is None:
        return None
    return "key-" + hashlib.sha256(secret.encode()).hexdigest()[:10]
