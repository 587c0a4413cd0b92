"""The rule checks' own reading of answers (the walks themselves run in contract_tests/test_rules.py)."""

from __future__ import annotations

import pytest

from anam_contract.suite import read_settings, start_run
from anam_contract.suite._differences import collecting
from anam_contract.suite._rules import _lists, check_search_ignores_letter_case, create_persona
from tests.contract_tests import documented_faults

PID = "7cd5b735-66b8-4d17-8a02-7670f9b9c6ea"


def test_a_page_holds_the_persona_whatever_the_letter_case_of_its_id() -> None:
    # UUIDs are case-insensitive (RFC 4122): a list spelling them in upper case still lists them.
    assert _lists([{"id": PID.upper()}], PID)
    assert _lists([{"id": PID}], PID.upper())
    assert not _lists([{"id": "7cd5b735-66b8-4d17-8a02-000000000000"}], PID)
    assert not _lists("not a list", PID) and not _lists([None, {"name": "x"}], PID)


def test_the_search_rule_finds_a_name_by_a_part_from_its_middle() -> None:
    # A server that keeps only names starting with the text fails the rule (in any mode: the rule
    # does not rely on the model's knowledge of the organisation).
    run = start_run(read_settings({}), app=documented_faults.search_prefix_only())
    with collecting():  # the model's own notes of the same fault are not this test's business
        persona = create_persona(run, "search-rule")
        with pytest.raises(AssertionError, match="search must keep the names that contain it"):
            check_search_ignores_letter_case(run, persona["id"])
    clean = start_run(read_settings({}))
    persona = create_persona(clean, "search-rule")
    check_search_ignores_letter_case(clean, persona["id"])
