"""Documented rules no built-in check knows, tried on purpose rather than left to chance.

Generated sequences reach some of these rules too (the `update_keeps_sent_fields`,
`create_keeps_sent_fields` and `other_organisation_sees_nothing` checks run on every response), but
how often depends on the draw; these tests make sure each run tries them at least once, on the mock
or a live server. The rules themselves live in `suite/_rules.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from anam_contract.suite import (
    UPDATE_VALUES,
    Refused,
    check_deleted_persona_is_gone,
    check_other_organisation_sees_nothing,
    check_read_only_key_cannot_write,
    check_search_ignores_letter_case,
    check_tool_ids_replace_the_list,
    check_update_changes_only_what_it_sends,
    check_update_refuses_invalid_bodies,
    create_persona,
    current_run,
    walk_documented_rules,
    write_piece,
)

RUN = current_run()

# One value per field an update may send (the walk's values, plus options and tools, which every
# voice provider and catalogue accept in these forms).
UPDATES: dict[str, Any] = {**UPDATE_VALUES, "voiceGenerationOptions": {"speed": 1.1}, "toolIds": []}


@pytest.fixture(scope="module")
def persona() -> Iterator[dict[str, Any]]:
    """One persona for every rule test (a live run may create only a few)."""
    created = create_persona(
        RUN, "rules", description="made by the contract suite", systemPrompt="You are a helpful assistant."
    )
    yield created
    RUN.caller.request("DELETE", f"/v1/personas/{created['id']}", key=RUN.key)


@pytest.mark.parametrize("field", sorted(UPDATES))
def test_update_changes_only_the_field_it_sends(persona: dict[str, Any], field: str) -> None:
    value = RUN.settings.run_prefix + UPDATES[field] if field == "name" else UPDATES[field]
    check_update_changes_only_what_it_sends(RUN, persona["id"], field, value)


def test_update_refuses_what_the_spec_does_not_allow(persona: dict[str, Any]) -> None:
    check_update_refuses_invalid_bodies(RUN, persona["id"])


def test_other_organisation_sees_nothing(persona: dict[str, Any]) -> None:
    if RUN.other_key is None:
        pytest.skip("needs a second organisation's key: set ANAM_OTHER_ORG_API_KEY (the mock has one)")
    check_other_organisation_sees_nothing(RUN, persona["id"], RUN.other_key)


def test_tool_ids_replace_the_tool_list(persona: dict[str, Any]) -> None:
    if RUN.settings.tool_id is None:
        pytest.skip("needs a tool of the organisation: set ANAM_TOOL_ID (the mock has the docs' example tool)")
    check_tool_ids_replace_the_list(RUN, persona["id"], RUN.settings.tool_id)


def test_search_ignores_letter_case(persona: dict[str, Any]) -> None:
    check_search_ignores_letter_case(RUN, persona["id"])


def test_a_deleted_persona_is_gone_everywhere() -> None:
    try:
        check_deleted_persona_is_gone(RUN)
    except Refused as refusal:
        # A live run whose persona cap leaves the rules no second persona: nothing was sent.
        RUN.skipped(refusal)
        pytest.skip(f"held back by the live-mode guard: {refusal}")


def test_a_read_only_key_cannot_write(persona: dict[str, Any]) -> None:
    if RUN.read_only_key is None:
        pytest.skip("needs a read-only key of the same organisation: set ANAM_READ_ONLY_API_KEY (the mock has one)")
    check_read_only_key_cannot_write(RUN, persona["id"], RUN.read_only_key)


def test_documented_rules_on_organisations_with_data() -> None:
    """Every documented rule once, with values that change, judged by the model of the docs; then
    the rule coverage: how often this process exercised each rule (generated cases included)."""
    assert RUN.oracle is not None
    if RUN.oracle.seed_problems:
        raise RUN.oracle.seed_problems[0]
    try:
        walk_documented_rules(RUN)
    except Refused as refusal:
        # A live run whose persona cap leaves the walk no persona: nothing was sent.
        RUN.skipped(refusal)
        pytest.skip(f"held back by the live-mode guard: {refusal}")
    rows = RUN.oracle.rule_rows()
    write_piece("coverage", "documented-rules", rows)
    never = [row[0] for row in rows if not row[1]]
    if RUN.settings.live:
        return  # a live catalogue may offer no second avatar or voice: the table shows what was reached
    assert not never, "documented rules never exercised: " + ", ".join(never)
