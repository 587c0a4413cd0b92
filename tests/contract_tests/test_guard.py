"""The live-mode guard: what it lets through to a real organisation, and what it remembers."""

from __future__ import annotations

import json
import uuid

import pytest

from anam_contract.suite import Guard, Refused
from anam_contract.suite._guard import UNUSED_PREFIX

PREFIX = "anam-contract-run-test-"
MINE = "11111111-1111-4111-8111-111111111111"
THEIRS = "22222222-2222-4222-8222-222222222222"


def _body(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def _guard(cap: int = 5) -> Guard:
    guard = Guard(run_prefix=PREFIX, cap=cap)
    guard.admit("POST", "/v1/personas", _body(name=PREFIX + "x"))
    guard.observe("POST", "/v1/personas", 201, _body(id=MINE, name=PREFIX + "x"))
    return guard


def test_reads_always_pass() -> None:
    guard = _guard()
    for path in ("/v1/personas", f"/v1/personas/{THEIRS}", "/v1/personas?search=a"):
        guard.admit("GET", path, None)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "POST"])
def test_only_personas_of_this_run_may_change(method: str) -> None:
    guard = _guard()
    with pytest.raises(Refused, match="not a persona this run created"):
        guard.admit(method, f"/v1/personas/{THEIRS}", _body(description="x"))
    guard.admit(method, f"/v1/personas/{MINE.upper()}", _body(description="x"))
    assert guard.refused == {"not a persona this run created": 1}


@pytest.mark.parametrize(
    "body",
    [_body(name="Cara"), _body(description="no name"), b"not json", _body(name=3), b"[]"],
)
def test_a_create_needs_the_run_prefix(body: bytes) -> None:
    with pytest.raises(Refused):
        Guard(run_prefix=PREFIX, cap=5).admit("POST", "/v1/personas", body)


def test_a_rename_keeps_the_prefix() -> None:
    guard = _guard()
    with pytest.raises(Refused, match="run prefix"):
        guard.admit("PUT", f"/v1/personas/{MINE}", _body(name="Cara"))
    guard.admit("PUT", f"/v1/personas/{MINE}", _body(name=PREFIX + "Cara"))
    guard.admit("PUT", f"/v1/personas/{MINE}", _body(skipGreeting=True))


def test_an_update_of_an_own_persona_with_a_body_that_names_nothing_goes_out() -> None:
    # A negative update body that is no JSON object cannot rename the persona; on an id the run
    # created it is sent (a 400 is what the suite wants to see), on any other id it is not.
    guard = _guard()
    for body in (b"not json", b"[]", b"3"):
        guard.admit("PUT", f"/v1/personas/{MINE}", body)
        with pytest.raises(Refused, match="not a persona this run created"):
            guard.admit("PUT", f"/v1/personas/{THEIRS}", body)


def test_the_cap_counts_creates_and_refunds_failed_ones() -> None:
    guard = Guard(run_prefix=PREFIX, cap=2)
    for index in range(2):
        guard.admit("POST", "/v1/personas", _body(name=PREFIX))
        guard.observe("POST", "/v1/personas", 201, _body(id=f"id-{index}"))
    with pytest.raises(Refused, match="cap of 2"):
        guard.admit("POST", "/v1/personas", _body(name=PREFIX))
    assert guard.created == ["id-0", "id-1"]


def test_shares_split_the_cap_between_parts() -> None:
    guard = Guard(run_prefix=PREFIX, cap=10)
    guard.share({"cases": 0.2, "rules": 0.1})
    guard.part = "cases"
    for _ in range(2):
        guard.admit("POST", "/v1/personas", _body(name=PREFIX))
        guard.observe("POST", "/v1/personas", 400, _body(error="bad"))
    for index in range(2):
        guard.admit("POST", "/v1/personas", _body(name=PREFIX))
        guard.observe("POST", "/v1/personas", 201, _body(id=f"id-{index}"))
    with pytest.raises(Refused, match="cases share"):
        guard.admit("POST", "/v1/personas", _body(name=PREFIX))
    guard.part = "rules"
    guard.admit("POST", "/v1/personas", _body(name=PREFIX))


def test_an_unanswered_create_gives_its_slot_back() -> None:
    guard = Guard(run_prefix=PREFIX, cap=1)
    guard.admit("POST", "/v1/personas", _body(name=PREFIX))
    guard.released("POST", "/v1/personas")
    guard.admit("POST", "/v1/personas", _body(name=PREFIX))


def test_a_random_id_the_run_drew_may_be_written_to_and_no_other() -> None:
    guard = _guard()
    drawn = guard.unused_id()
    assert uuid.UUID(drawn).version == 4 and drawn.startswith(UNUSED_PREFIX) and drawn != guard.unused_id()
    for method in ("PUT", "DELETE"):
        guard.admit(method, f"/v1/personas/{drawn.upper()}", b'{"description": "nobody"}')
        with pytest.raises(Refused):
            guard.admit(method, f"/v1/personas/{uuid.uuid4()}", b'{"description": "somebody"}')
    # Nothing to clean up: the run made nothing there.
    assert drawn not in guard.created
