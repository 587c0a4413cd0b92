"""The oracle follows exchanges in order and names the rule an answer breaks."""

from __future__ import annotations

import warnings
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import SimpleNamespace
from typing import Any

import pytest

from anam_contract.mock import create_app
from anam_contract.mock._defaults import DEFAULT_API_KEY, DEFAULT_FIXTURES_DATA, OTHER_ORG_API_KEY
from anam_contract.spec import Spec
from anam_contract.suite._catalogue import live_organisations, mock_organisations
from anam_contract.suite._differences import ContractFailure, Exchange, collecting, key_label
from anam_contract.suite._model import BODY_LIMIT
from anam_contract.suite._oracle import DOCUMENTED_RULES, Oracle
from anam_contract.suite._settings import read_settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette announces a move of its test client; it works as it is
    from starlette.testclient import TestClient

SPEC = Spec.load()
OWN, OTHER = key_label(DEFAULT_API_KEY), key_label(OTHER_ORG_API_KEY)
PID = "aaaaaaaa-1111-4111-8111-111111111111"
# When the exchanges below were sent (a fixed moment: a write's stamps are held to the time of their
# own request, never to the clock when the test runs), and stamps of that moment, a second apart
# for updates.
SENT = datetime(2026, 3, 4, 12, 0, 0, tzinfo=UTC)
NOW = f"{SENT:%Y-%m-%dT%H:%M:%S}.000Z"
LATER = f"{SENT + timedelta(seconds=1):%Y-%m-%dT%H:%M:%S}.000Z"
LATEST = f"{SENT + timedelta(seconds=2):%Y-%m-%dT%H:%M:%S}.000Z"


def _oracle() -> Oracle:
    return Oracle(SPEC, mock_organisations(DEFAULT_FIXTURES_DATA))


def _ex(
    method: str, path: str, status: int, response: Any, *, body: Any = None, key: Any = OWN, **query: Any
) -> Exchange:
    return Exchange(method, path, query, body, key, status, response, sent_at=SENT)


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


def _answered(case_id: str, method: str, path: str, status: int, answer: Any) -> tuple[Any, Any]:
    request = SimpleNamespace(
        url=f"http://mock.test{path}", body=None, method=method, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    )
    response = SimpleNamespace(request=request, status_code=status, headers={}, json=lambda: answer, elapsed=0.0)
    return SimpleNamespace(id=case_id, method=method), response


def test_an_answer_whose_check_never_ran_is_reported_with_its_own_command_not_another_cases() -> None:
    oracle = _oracle()
    oracle.reproduce = lambda exchange: f"curl -X {exchange.method} {exchange.path}"
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    oracle.after_call(None, *_answered("case-1", "GET", f"/v1/personas/{PID}", 200, _created("Grace")))
    with collecting() as noted:
        # The next case's answer agrees; the first case was never checked.
        oracle.after_call(None, *_answered("case-2", "GET", f"/v1/personas/{PID}", 200, _created("Ada")))
    assert [(d.pointer, d.reproduction) for d in noted] == [("/name", f"curl -X GET /v1/personas/{PID}")]
    assert oracle.pending == {}


def _live_oracle() -> Oracle:
    settings = read_settings({"ANAM_API_KEY": DEFAULT_API_KEY, "ANAM_BASE_URL": "http://127.0.0.1:1"})
    return Oracle(SPEC, live_organisations(settings))


def _mock_persona() -> dict[str, Any]:
    """A persona as the mock answers it: every catalogue object whole, as the schema wants it."""
    client = TestClient(create_app(), base_url="http://mock")
    answer = client.post("/v1/personas", json={"name": "Ada"}, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"})
    persona: dict[str, Any] = answer.json()
    # Stamped as if made at SENT, the moment the exchanges built of it say they were sent.
    return {**persona, "createdAt": NOW, "updatedAt": NOW}


def test_a_live_model_learns_no_catalogue_id_from_a_field_the_schema_refuses() -> None:
    oracle = _live_oracle()
    persona = _mock_persona()
    pid = persona["id"]
    oracle.observe(_ex("POST", "/v1/personas", 201, persona, body={"name": "Ada"}))
    voices = oracle.model.orgs["own"].catalogue.voices
    assert persona["voice"]["id"] in voices
    broken = {**persona, "voice": {**persona["voice"], "id": "voice-de23e340"}, "updatedAt": "2030-01-01T00:00:00Z"}
    oracle.observe(_ex("PUT", f"/v1/personas/{pid}", 200, broken, body={"name": "Ada"}))
    # The voice id is no UUID: the model does not take it for a voice a create may name.
    assert "voice-de23e340" not in voices
    expected = oracle.model.expect_create(oracle.model.orgs["own"], {"name": "Bo", "voiceId": "voice-de23e340"})
    assert expected.statuses is None


def test_catalogue_objects_and_server_choices_are_not_judged_in_a_list() -> None:
    oracle = _live_oracle()
    persona = _mock_persona()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, persona, body={"name": "Ada"}))
    summary = {key: persona[key] for key in oracle.model.summary_fields if key in persona}
    # Another owner of the avatar (the catalogue's), another voiceSpeed (the server's choice).
    owner = "9d1c3a57-0b7e-4f21-8c6d-5e4f3a2b1c0d"
    item = {**summary, "voiceSpeed": None, "avatar": {**persona["avatar"], "createdByOrganizationId": owner}}
    meta = {"total": 1, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [item], "meta": meta}))
    # What a write set is still judged: another avatar id is a difference.
    moved = {**item, "avatar": {**item["avatar"], "id": "aaaaaaaa-0000-4000-8000-000000000000"}}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [moved], "meta": meta}))
    assert [d.pointer for d in caught.value.differences] == ["/data/0/avatar/id"]


def test_a_field_an_update_ignored_is_one_difference_not_again_at_each_read() -> None:
    oracle = _oracle()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    ignored = {**_created("Ada"), "updatedAt": LATER}  # description still null
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 200, ignored, body={"description": "\U0001f600"}))
    assert [d.pointer for d in caught.value.differences] == ["/description"]
    oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, ignored))
    meta = {"total": 1, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [ignored], "meta": meta}))
    # A third value is a difference again; and once an answer agrees, only the docs' value is right.
    with pytest.raises(ContractFailure):
        oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, {**ignored, "description": "other"}))
    fixed = {**ignored, "description": "now", "updatedAt": LATEST}
    oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 200, fixed, body={"description": "now"}))
    with pytest.raises(ContractFailure):
        oracle.observe_caller(_ex("GET", f"/v1/personas/{PID}", 200, ignored))


def test_a_live_first_page_that_is_not_full_must_hold_every_persona_the_model_knows() -> None:
    oracle = _live_oracle()
    persona = _mock_persona()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, persona, body={"name": "Ada"}))
    meta = {"total": 0, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [], "meta": meta}, search="AD"))
    assert [(d.pointer, d.kind) for d in caught.value.differences] == [("/data", "rule:search_completeness")]
    # A search the name does not contain, a full page (more may follow), or a later page: no claim.
    oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [], "meta": meta}, search="Bo"))
    other = {"id": "bbbbbbbb-2222-4222-8222-222222222222", "name": "Someone else"}
    full = {"data": [other], "meta": {**meta, "perPage": 1, "total": 2, "lastPage": 2, "next": 2}}
    oracle.observe_caller(_ex("GET", "/v1/personas", 200, full, perPage="1"))
    beyond = {**meta, "currentPage": 2, "prev": 1}
    oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [], "meta": beyond}, page="2"))


def test_a_live_model_expects_404_for_another_organisations_persona_and_learns_nothing_from_it() -> None:
    settings = read_settings(
        {"ANAM_API_KEY": DEFAULT_API_KEY, "ANAM_OTHER_ORG_API_KEY": OTHER_ORG_API_KEY, "ANAM_BASE_URL": "http://x:1"}
    )
    oracle = Oracle(SPEC, live_organisations(settings))
    persona = _mock_persona()
    pid = persona["id"]
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, persona, body={"name": "Ada"}))
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", f"/v1/personas/{pid}", 200, persona, key=OTHER))
    assert "organisation_isolation" in caught.value.title
    assert pid not in oracle.model.orgs["other"].personas
    oracle.observe_caller(_ex("DELETE", f"/v1/personas/{pid}", 404, {"error": "Not Found"}, key=OTHER))


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
    challenged = Exchange(
        "GET", "/v1/personas", {}, None, stranger, 401, {"error": "no"}, source="caller", sent_at=SENT
    )
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


def _stamped(oracle: Oracle, minutes_off: int, date_header: str | None) -> list[str]:
    """The stamp differences of a create sent at SENT whose stamps are `minutes_off` from then."""
    stamp = f"{SENT + timedelta(minutes=minutes_off):%Y-%m-%dT%H:%M:%S}.000Z"
    persona = {**_created("Ada"), "createdAt": stamp, "updatedAt": stamp}
    exchange = _ex("POST", "/v1/personas", 201, persona, body={"name": "Ada"})
    if date_header is not None:
        exchange = replace(exchange, headers={"date": date_header})
    try:
        oracle.observe_caller(exchange)
    except ContractFailure as failure:
        return sorted(d.pointer for d in failure.differences if d.kind == "rule:stamps_name_the_write")
    return []


def test_stamps_half_an_hour_off_are_wrong_by_the_servers_date_or_the_one_clock_in_process() -> None:
    assert _stamped(_oracle(), -30, None) == ["/createdAt", "/updatedAt"]
    assert _stamped(_oracle(), 1, None) == []
    # The server's own clock, from its Date header, is what the stamps are held to.
    server_clock = format_datetime(SENT - timedelta(minutes=30), usegmt=True)
    assert _stamped(_oracle(), -30, server_clock) == []
    assert _stamped(_oracle(), 0, server_clock) == ["/createdAt", "/updatedAt"]


def test_stamps_are_held_to_the_moment_their_own_request_was_sent_not_to_when_they_are_judged() -> None:
    create = _ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"})  # stamped NOW, sent at SENT
    _oracle().observe_caller(create)  # months after SENT by the machine's clock, and still right
    with pytest.raises(ContractFailure) as caught:
        _oracle().observe_caller(replace(create, sent_at=SENT + timedelta(hours=1)))
    assert {d.kind for d in caught.value.differences} == {"rule:stamps_name_the_write"}


def test_a_generated_case_is_taken_as_sent_when_its_answer_arrived_less_the_time_it_took() -> None:
    oracle = _oracle()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    case, response = _answered("case-1", "GET", f"/v1/personas/{PID}", 200, _created("Grace"))
    response.elapsed = 3600.0
    before = datetime.now(UTC)
    oracle.after_call(None, case, response)
    after = datetime.now(UTC)
    exchange = oracle.pending["case-1"].exchange
    assert exchange is not None
    assert before - timedelta(hours=1) <= exchange.sent_at <= after - timedelta(hours=1)


def test_a_live_server_without_a_date_header_gets_a_day_for_its_clock() -> None:
    oracle = _live_oracle()
    assert _stamped(oracle, -30, None) == []
    assert _stamped(_live_oracle(), -3 * 24 * 60, None) == ["/createdAt", "/updatedAt"]


def test_a_reset_the_update_itself_documents_is_named_before_an_earlier_refusal() -> None:
    oracle = _oracle()
    options = {"stability": 0.4, "similarityBoost": 0.8, "speed": 1.1}
    with_options = {**_created("Ada"), "voiceGenerationOptions": options, "updatedAt": LATER}
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, _created("Ada"), body={"name": "Ada"}))
    set_options = {"voiceGenerationOptions": options}
    oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 200, with_options, body=set_options))
    # Cartesia's options on an ElevenLabs voice: refused, and the persona keeps its options.
    refused = {"voiceGenerationOptions": {"volume": 1.5, "speed": 1.4}}
    oracle.observe_caller(_ex("PUT", f"/v1/personas/{PID}", 400, {"error": "bad"}, body=refused))
    # A new voice without options must reset them: this answer kept them.
    moved = {**with_options, "voice": {"id": "6bfbe25a-979d-40f3-a92b-5394170af54b"}, "updatedAt": LATEST}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(
            _ex("PUT", f"/v1/personas/{PID}", 200, moved, body={"voiceId": "6bfbe25a-979d-40f3-a92b-5394170af54b"})
        )
    assert {(d.pointer, d.kind) for d in caught.value.differences} == {
        ("/voiceGenerationOptions", "rule:voice_change_resets_options")
    }


def test_a_live_page_must_list_the_personas_the_model_knows_newest_first() -> None:
    oracle = _live_oracle()
    older = {**_mock_persona(), "createdAt": NOW, "updatedAt": NOW}
    newer = {**_mock_persona(), "createdAt": LATER, "updatedAt": LATER}
    for persona in (older, newer):
        oracle.observe_caller(_ex("POST", "/v1/personas", 201, persona, body={"name": "Ada"}))
    meta = {"total": 3, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    # Known to the model by id alone, stamped as the server pleases: only the stamps the model holds count.
    someone = {"id": "bbbbbbbb-2222-4222-8222-222222222222", "name": "Someone else"}
    # Newest first, whatever the personas the model does not know between them.
    oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [newer, someone, older], "meta": meta}))
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [older, someone, newer], "meta": meta}))
    kinds = {(d.pointer, d.kind) for d in caught.value.differences}
    assert ("/data", "rule:list_order") in kinds


def test_a_list_query_the_spec_accepts_must_be_answered_200() -> None:
    oracle = _oracle()
    refused = {"error": "invalid_request", "message": "search: 12 is not of type 'string'"}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 400, refused, search="12"))
    assert [(d.kind, d.expected) for d in caught.value.differences] == [("status", "200 (rule list_query)")]
    # Out of the spec's range, or a parameter twice: the model claims nothing of the status.
    oracle.observe_caller(_ex("GET", "/v1/personas", 400, refused, perPage="101"))
    oracle.observe_caller(_ex("GET", "/v1/personas", 400, refused, page=["1", "2"]))


def test_a_live_page_of_the_suites_own_list_follows_the_paging_rules_of_the_spec() -> None:
    oracle = _live_oracle()
    # A full last page (10 of 10): the spec's `next` is null there.
    meta = {"total": 10, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": 2}
    people = [{"id": f"bbbbbbbb-2222-4222-8222-2222222222{n:02d}", "name": f"P{n}"} for n in range(10)]
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": people, "meta": meta}, perPage="10"))
    found = [(d.pointer, d.kind) for d in caught.value.differences]
    assert found == [("/meta/next", "rule:list_page_follows_its_meta")]


def test_a_list_parameter_given_twice_is_a_400_in_process() -> None:
    page = {"data": [], "meta": {"total": 0, "lastPage": 1, "currentPage": 1, "perPage": 5, "prev": None, "next": None}}
    with pytest.raises(ContractFailure) as caught:
        _oracle().observe_caller(_ex("GET", "/v1/personas", 200, page, perPage=["5", "7"]))
    assert [d.expected for d in caught.value.differences] == ["400 (rule parameter_given_once)"]
    # Live, which value wins is the API's own business; a parameter the spec does not name may
    # come as often as it likes.
    _live_oracle().observe_caller(_ex("GET", "/v1/personas", 200, page, perPage=["5", "7"]))
    _oracle().observe_caller(_ex("GET", "/v1/personas", 200, page, **{"Z": ["1", "2"]}))


def test_a_page_number_that_is_no_whole_number_is_a_400_in_process_and_never_a_5xx() -> None:
    meta = {"total": 0, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    page = {"data": [], "meta": meta}
    with pytest.raises(ContractFailure) as caught:
        _oracle().observe_caller(_ex("GET", "/v1/personas", 200, page, page="1e3"))
    assert [d.expected for d in caught.value.differences] == ["400 (rule query_types)"]
    _live_oracle().observe_caller(_ex("GET", "/v1/personas", 200, page, page="1e3"))
    # Live too: whatever the suite itself sent, a server error is a difference.
    with pytest.raises(ContractFailure) as caught:
        _live_oracle().observe_caller(_ex("GET", "/v1/personas", 500, {"error": "boom"}, page="9" * 5000))
    assert ["no_server_error" in d.expected for d in caught.value.differences] == [True]


def test_a_live_page_of_another_organisation_must_not_show_a_persona_the_run_made() -> None:
    env = {"ANAM_API_KEY": DEFAULT_API_KEY, "ANAM_OTHER_ORG_API_KEY": OTHER_ORG_API_KEY, "ANAM_BASE_URL": "http://x:1"}
    oracle = Oracle(SPEC, live_organisations(read_settings(env)))
    made = _mock_persona()
    oracle.observe_caller(_ex("POST", "/v1/personas", 201, made, body={"name": "Ada"}))
    meta = {"total": 1, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
    with pytest.raises(ContractFailure) as caught:
        oracle.observe_caller(_ex("GET", "/v1/personas", 200, {"data": [made], "meta": meta}, key=OTHER, search="Ad"))
    assert [(d.pointer, d.kind) for d in caught.value.differences] == [("/data/0/id", "rule:organisation_isolation")]
