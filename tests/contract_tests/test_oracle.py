"""The oracle follows exchanges in order and names the rule an answer breaks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from anam_contract.mock._defaults import DEFAULT_API_KEY, DEFAULT_FIXTURES_DATA, OTHER_ORG_API_KEY
from anam_contract.spec import Spec
from contract_tests.support._catalogue import mock_organisations
from contract_tests.support._differences import ContractFailure, Exchange, key_label
from contract_tests.support._model import BODY_LIMIT
from contract_tests.support._oracle import DOCUMENTED_RULES, Oracle

SPEC = Spec.load()
OWN, OTHER = key_label(DEFAULT_API_KEY), key_label(OTHER_ORG_API_KEY)
PID = "aaaaaaaa-1111-4111-8111-111111111111"
# Stamps of "now" (a write's stamps must name the moment of the write), a second apart for updates.
_START = datetime.now(UTC).replace(microsecond=0)
NOW = f"{_START:%Y-%m-%dT%H:%M:%S}.000Z"
LATER = f"{_START + timedelta(seconds=1):%Y-%m-%dT%H:%M:%S}.000Z"
LATEST = f"{_START + timedelta(seconds=2):%Y-%m-%dT%H:%M:%S}.000Z"


def _oracle() -> Oracle:
    return Oracle(SPEC, mock_organisations(DEFAULT_FIXTURES_DATA))


def _ex(
    method: str, path: str, status: int, response: Any, *, body: Any = None, key: Any = OWN, **query: Any
) -> Exchange:
    return Exchange(method, path, query, body, key, status, response)


def _created(name: str, pid: str = PID) -> dict[str, Any]:
    return {
        "id": pid,
        "name": name,
        "description": None,
        "avatar": {"id": "071b0286-4cce-4808-bee2-e642f1062de3"},
        "avatarModel": None,
        "voice": {"id": "de23e340-1416-4dd8-977d-065a7ca11697"},
        "voiceDetectionOptions": None,
        "voiceGenerationOptions": None,
        "llmId": "a7cf662c-2ace-4de1-a21e-ef0fbf144bb7",
        "brain": {"systemPrompt": None},
        "tools": [],
        "skipGreeting": False,
        "zeroDataRetention": False,
        "createdAt": NOW,
        "updatedAt": NOW,
        # What no request sets (NOTES M2).
        "personaPreset": "",
        "voiceSpeed": 1,
        "knowledge": [],
        "shareLinks": None,
        "primaryShareLink": None,
        "enableAudioPassthrough": False,
        "widgetConfig": {},
    }


def test_a_create_then_a_get_that_differs_names_the_field() -> None:
    oracle = _oracle()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, _created("Grace")))
    assert caught.value.operation_id == "getPersona"
    assert [d.pointer for d in caught.value.differences] == ["/name"]
    assert "get_shows_the_persona_as_last_written" in caught.value.title


def test_a_search_that_misses_a_name_containing_it_is_incomplete() -> None:
    oracle = _oracle()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Roland"), body={"name": "Roland"}))
    meta = {"total": 0, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    page = {"data": [], "meta": meta}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, page, search="LAN"))
    kinds = {d.kind for d in caught.value.differences}
    assert kinds == {"rule:list_meta", "rule:search_completeness"}


def test_another_organisation_listing_the_persona_breaks_isolation() -> None:
    oracle = _oracle()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    meta = {"total": 1, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [{"id": PID}], "meta": meta}, key=OTHER))
    assert "rule:organisation_isolation" in {d.kind for d in caught.value.differences}


def test_a_key_nobody_has_must_get_401_and_a_deleted_persona_404() -> None:
    oracle = _oracle()
    with pytest.raises(ContractFailure, match="unauthorized"):
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": []}, key=key_label("not-a-key")))
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    oracle.observe_caller(_ex("DELETE", f"/v1/personas/{PID}", 200, {"message": "gone"}))
    with pytest.raises(ContractFailure, match="deleted"):
        oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, _created("Ada")))


def test_every_documented_rule_has_a_coverage_row() -> None:
    rows = _oracle().rule_rows()
    assert len(rows) == len(DOCUMENTED_RULES)
    assert all(row[1] == 0 and row[3] == ["never exercised"] for row in rows)


def test_a_prompt_update_judges_only_the_brain_the_model_knows() -> None:
    oracle = _oracle()
    renamed = {**_created("Ada"), "brain": {"system_prompt": None, "personality": None}}
    with pytest.raises(ContractFailure):  # the create's brain breaks the schema: not learnt
        oracle.observe_caller(_ex("POST", "/v1/personas", 201, renamed, body={"name": "Ada"}))
    answer = {**_created("Ada"), "brain": {"personality": None, "systemPrompt": "Be brief."}}
    answer["updatedAt"] = LATER
    # `personality` is not a difference: the model never knew the brain held it.
    oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 200, answer, body={"systemPrompt": "Be brief."}))
    wrong = {**answer, "brain": {"personality": None, "systemPrompt": "Be long."}}
    wrong["updatedAt"] = LATEST
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 200, wrong, body={"systemPrompt": "Be short."}))
    assert [d.pointer for d in caught.value.differences] == ["/brain/systemPrompt"]


def test_a_difference_on_the_suites_own_request_carries_that_requests_command() -> None:
    oracle = _oracle()
    oracle.reproduce = lambda exchange: f"curl -X {exchange.method} {exchange.path}"
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, _created("Grace")))
    assert [d.reproduction for d in caught.value.differences] == [f"curl -X GET /v1/personas/{PID}"]


def test_a_refused_update_that_stored_part_of_its_body_breaks_changes_nothing() -> None:
    oracle = _oracle()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    # A valid new name beside an avatar the catalogue lacks: the whole update is refused.
    refused = {"name": "Grace", "avatarId": "00000000-0000-4000-8000-00000000dead"}
    oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 400, {"error": "bad"}, body=refused))
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, _created("Grace")))
    assert [(d.pointer, d.kind) for d in caught.value.differences] == [("/name", "rule:refused_update_changes_nothing")]
    assert oracle.model.exercised["refused_update_changes_nothing"] == 1


def test_the_suites_own_401_without_its_declared_header_is_a_difference() -> None:
    oracle = _oracle()
    stranger = key_label("not-a-key")
    challenged = Exchange("GET", "/v1/personas", {}, None, stranger, 401, {"error": "no"}, source="caller")
    oracle.observe_caller(replace(challenged, headers={"www-authenticate": "Bearer"}))
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(challenged)
    assert [(d.pointer, d.kind) for d in caught.value.differences] == [
        ("(header WWW-Authenticate)", "rule:declared_response_headers")
    ]


def test_a_path_id_that_is_not_a_uuid_is_a_400_after_the_keys_refusals() -> None:
    oracle = _oracle()
    with pytest.raises(ContractFailure, match="path_id_is_a_uuid"):
        oracle.observe_caller(_ex("GET", "/v1/personas/not-an-id", 404, {"error": "not found"}))
    # A key nobody has is refused first: 401, whatever the id.
    with pytest.raises(ContractFailure, match="unauthorized"):
        oracle.observe_caller(_ex("GET", "/v1/personas/not-an-id", 400, {"error": "bad"}, key=key_label("nobody")))
    oracle.observe_caller(_ex("GET", "/v1/personas/not-an-id", 400, {"error": "bad id"}))


def test_a_body_over_the_documented_limit_must_get_413_and_changes_nothing() -> None:
    oracle = _oracle()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    huge = {"description": "x" * (BODY_LIMIT + 1)}
    with pytest.raises(ContractFailure, match="body_limit"):
        oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 200, _created("Ada"), body=huge))
    oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 413, {"error": "too large"}, body=huge))
    oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, _created("Ada")))


def test_a_write_stamped_far_from_now_breaks_the_stamps_rule() -> None:
    oracle = _oracle()
    epoch = {**_created("Ada"), "createdAt": "1970-01-01T00:00:00.001Z", "updatedAt": "1970-01-01T00:00:00.001Z"}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("POST", "/v1/personas", 201, epoch, body={"name": "Ada"}))
    assert {(d.pointer, d.kind) for d in caught.value.differences} == {
        ("/createdAt", "rule:stamps_name_the_write"),
        ("/updatedAt", "rule:stamps_name_the_write"),
    }
