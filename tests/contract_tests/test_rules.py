"""The rule checks' own reading of answers (the walks themselves run in contract_tests/test_rules.py)."""

from __future__ import annotations

from contract_tests.support._rules import _lists

PID = "7cd5b735-66b8-4d17-8a02-7670f9b9c6ea"


def test_a_page_holds_the_persona_whatever_the_letter_case_of_its_id() -> None:
    # UUIDs are case-insensitive (RFC 4122): a list spelling them in upper case still lists them.
    assert _lists([{"id": PID.upper()}], PID)
    assert _lists([{"id": PID}], PID.upper())
    assert not _lists([{"id": "7cd5b735-66b8-4d17-8a02-000000000000"}], PID)
    assert not _lists("not a list", PID) and not _lists([None, {"name": "x"}], PID)
