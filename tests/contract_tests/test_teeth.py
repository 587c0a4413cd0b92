"""The suite has teeth: each fault the contract suite must catch, put into a copy of the mock, makes
the suite's checks fail with a message naming the operation and the field or rule.

Each fault is tried with one hand-picked request rather than a whole generated run, so these
tests take milliseconds; the same faults were also run through `make contract` in full.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from schemathesis.core.failures import FailureGroup

from anam_contract.suite import (
    SuiteRun,
    check_deleted_persona_is_gone,
    check_read_only_key_cannot_write,
    check_search_ignores_letter_case,
    check_tool_ids_replace_the_list,
    check_update_changes_only_what_it_sends,
    check_update_refuses_invalid_bodies,
    create_persona,
    read_settings,
    start_run,
)
from anam_contract.suite._settings import DEFAULT_AVATAR_ID, DEFAULT_LLM_ID, DEFAULT_TOOL_ID, DEFAULT_VOICE_ID
from tests.contract_tests import faults

VALID_CREATE: dict[str, Any] = {
    "name": "Teeth",
    "avatarId": DEFAULT_AVATAR_ID,
    "voiceId": DEFAULT_VOICE_ID,
    "llmId": DEFAULT_LLM_ID,
    "skipGreeting": True,
}


def _run(fault: Callable[[], Any] | None) -> SuiteRun:
    # Hand-picked requests need no seeded organisations (test_documented_faults.py walks seeded ones).
    settings = dataclasses.replace(read_settings({}), seed_personas=False)
    return start_run(settings, app=None if fault is None else fault())


def _create(run: SuiteRun) -> None:
    case = run.schema["/v1/personas"]["POST"].Case(
        body=dict(VALID_CREATE), media_type="application/json", headers=_auth(run)
    )
    case.call_and_validate()


def _update(run: SuiteRun) -> None:
    status, created = run.caller.request("POST", "/v1/personas", key=run.key, body=VALID_CREATE)
    assert status == 201
    operation = run.schema["/v1/personas/{id}"]["PUT"]
    case = operation.Case(
        path_parameters={"id": created["id"]},
        body={"skipGreeting": False},
        media_type="application/json",
        headers=_auth(run),
    )
    case.call_and_validate()


def _new(run: SuiteRun) -> str:
    status, created = run.caller.request("POST", "/v1/personas", key=run.key, body=VALID_CREATE)
    assert status == 201
    return str(created["id"])


def _get(run: SuiteRun) -> None:
    operation = run.schema["/v1/personas/{id}"]["GET"]
    case = operation.Case(path_parameters={"id": _new(run)}, headers=_auth(run))
    case.call_and_validate()


def _list(run: SuiteRun) -> None:
    # Two personas, so that the order of a page shows.
    _new(run)
    _new(run)
    case = run.schema["/v1/personas"]["GET"].Case(query={"perPage": 10}, headers=_auth(run))
    case.call_and_validate()


def _auth(run: SuiteRun) -> dict[str, str]:
    # Generated cases get the key from the schemathesis auth the run configures; a case built by
    # hand carries it itself.
    return {"Authorization": run.key.header()}


# (fault, the request that meets it, words the failure must contain: the operation and the field or rule)
CASES = [
    (faults.null_in_enum, _create, ["createPersona 201", "/voice/provider", "VoiceProvider"]),
    (faults.unknown_enum_value, _create, ["createPersona 201", "/voice/provider", "ACME_SPEECH"]),
    (faults.server_error_on_input, _create, ["Server error", "500"]),
    (faults.lost_field_after_update, _update, ["updatePersona 200", "/skipGreeting", "update_keeps_sent_fields"]),
    (faults.other_organisation_can_read, _create, ["getPersona 200", "rule not_found", "other_organisation"]),
    (faults.missing_required_field, _create, ["createPersona 201", "updatedAt"]),
    (faults.wrong_status_code, _create, ["Undocumented status code", "200", "201"]),
    (faults.create_ignores_skip_greeting, _create, ["createPersona 201", "/skipGreeting", "create_keeps_sent_fields"]),
    (faults.get_answers_another_persona, _get, ["getPersona 200", "/id", "the path names"]),
    (faults.list_total_off_by_one, _list, ["listPersonas 200", "paging rules", "/data"]),
    (faults.list_next_always_set, _list, ["listPersonas 200", "paging rules", "/meta/next"]),
    (faults.list_oldest_first, _list, ["listPersonas 200", "newest first", "/data/1/createdAt"]),
]


def _partial_update(run: SuiteRun) -> None:
    check_update_changes_only_what_it_sends(run, create_persona(run, "teeth")["id"], "description", "changed")


def _tools(run: SuiteRun) -> None:
    check_tool_ids_replace_the_list(run, create_persona(run, "teeth")["id"], DEFAULT_TOOL_ID)


def _search(run: SuiteRun) -> None:
    check_search_ignores_letter_case(run, create_persona(run, "Teeth")["id"])


def _invalid_update(run: SuiteRun) -> None:
    check_update_refuses_invalid_bodies(run, create_persona(run, "teeth")["id"])


def _read_only(run: SuiteRun) -> None:
    assert run.read_only_key is not None
    check_read_only_key_cannot_write(run, create_persona(run, "teeth")["id"], run.read_only_key)


# The same for the rules `test_rules.py` tries on purpose: (fault, the rule's function, words). The
# model of the documented behaviour sees the rule's requests too and names the broken rule first.
RULE_CASES = [
    (faults.updated_at_never_moves, _partial_update, ["updatePersona", "updated_at_moves", "/updatedAt"]),
    (faults.name_change_drops_tools, _tools, ["updatePersona", "tool_ids_replace", "/tools"]),
    (faults.tool_ids_appended, _tools, ["updatePersona", "tool_ids_replace", "/tools"]),
    (faults.deleted_persona_still_listed, check_deleted_persona_is_gone, ["listPersonas", "delete_removes", "/data/0"]),
    (faults.search_matches_letter_case, _search, ["listPersonas", "search_completeness", "/data"]),
    (faults.search_ignored, _search, ["listPersonas", "search_soundness", "/meta/total"]),
    (faults.read_only_key_can_write, _read_only, ["createPersona", "read_only_key", "expected 403"]),
    (faults.update_ignores_invalid_fields, _invalid_update, ["updatePersona", "request_schema", "expected 400"]),
]


@pytest.mark.parametrize(("fault", "request_", "words"), CASES, ids=[fault.__name__ for fault, _, _ in CASES])
def test_the_suite_fails_on_the_fault(
    fault: Callable[[], Any], request_: Callable[[SuiteRun], None], words: list[str]
) -> None:
    with pytest.raises(FailureGroup) as failure:
        request_(_run(fault))
    message = str(failure.value)
    missing = [word for word in words if word not in message]
    assert not missing, f"the failure does not mention {missing}:\n{message}"


@pytest.mark.parametrize(("fault", "rule", "words"), RULE_CASES, ids=[fault.__name__ for fault, _, _ in RULE_CASES])
def test_the_rule_tests_fail_on_the_fault(
    fault: Callable[[], Any], rule: Callable[[SuiteRun], None], words: list[str]
) -> None:
    with pytest.raises(AssertionError) as failure:
        rule(_run(fault))
    message = str(failure.value)
    missing = [word for word in words if word not in message]
    assert not missing, f"the failure does not mention {missing}:\n{message}"


REQUESTS = [
    _create,
    _update,
    _get,
    _list,
    _partial_update,
    _tools,
    _search,
    _read_only,
    _invalid_update,
    check_deleted_persona_is_gone,
]


@pytest.mark.parametrize("request_", REQUESTS, ids=[request_.__name__.strip("_") for request_ in REQUESTS])
def test_the_same_requests_pass_on_the_mock_as_it_is(request_: Callable[[SuiteRun], None]) -> None:
    request_(_run(None))
