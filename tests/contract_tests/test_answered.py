"""What a write's answer showed where it broke a rule: accepted again on a read until settled."""

from __future__ import annotations

from anam_contract.suite._answered import Answered

PID = "aaaaaaaa-1111-4111-8111-111111111111"


def test_a_disputed_value_is_accepted_until_an_answer_agrees_with_the_docs() -> None:
    answered = Answered()
    assert not answered.accepts(PID, "description", None)
    answered.disputed(PID, "description", None)
    assert answered.accepts(PID, "description", None)
    assert not answered.accepts(PID, "description", "other") and not answered.accepts(PID, "name", None)
    # Re-spelt values are the same value (a date-time with another offset, say).
    answered.disputed(PID, "createdAt", "2026-01-01T00:00:00Z")
    assert answered.accepts(PID, "createdAt", "2026-01-01T00:00:00.000+00:00")
    answered.settled(PID, "description")
    assert not answered.accepts(PID, "description", None)
    answered.forget(PID)
    assert not answered.accepts(PID, "createdAt", "2026-01-01T00:00:00Z")
    # No persona id (an answer without one): nothing is held.
    answered.disputed(None, "name", "x")
    assert not answered.accepts(None, "name", "x")
