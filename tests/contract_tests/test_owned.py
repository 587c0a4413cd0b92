"""Live mode: generated cases by id go to the run's own personas, bodies and malformed ids kept."""

from __future__ import annotations

import warnings
from typing import Any

from anam_contract.mock import DEFAULT_API_KEY, create_app
from anam_contract.suite import Caller, Guard, read_settings, start_run
from anam_contract.suite._owned import KEEP_RANDOM_GETS, OwnIds
from anam_contract.suite._settings import ApiKey

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

FOREIGN = "5e1d9b2c-7a3f-4e8d-9c1b-2a3d4e5f6a7b"
SETTINGS = read_settings(
    {"CONTRACT_LIVE": "1", "ANAM_API_KEY": DEFAULT_API_KEY, "ANAM_BASE_URL": "http://127.0.0.1:1"}, run_id="t"
)
SCHEMA = start_run(read_settings({})).schema


def _own() -> OwnIds:
    guard = Guard(run_prefix=SETTINGS.run_prefix, cap=3)
    caller = Caller(TestClient(create_app(), base_url="http://mock"), guard)
    return OwnIds(guard=guard, caller=caller, key=ApiKey(DEFAULT_API_KEY), settings=SETTINGS)


def _case(method: str, persona_id: str, body: Any = None) -> Any:
    operation = SCHEMA["/v1/personas/{id}"][method]
    if body is None:
        return operation.Case(path_parameters={"id": persona_id})
    return operation.Case(path_parameters={"id": persona_id}, body=body, media_type="application/json")


def test_an_update_of_a_drawn_id_goes_to_a_persona_the_run_made_with_its_body_kept() -> None:
    own = _own()
    case = _case("PUT", FOREIGN, body={"skipGreeting": "not a boolean"})
    own.aim("updatePersona", case)
    made = case.path_parameters["id"]
    assert made != FOREIGN and own.guard.owns(made)
    assert case.body == {"skipGreeting": "not a boolean"}
    # The next case reuses it rather than making another persona.
    second = _case("PUT", FOREIGN, body={})
    own.aim("updatePersona", second)
    assert second.path_parameters["id"] == made and len(own.guard.created) == 1


def test_a_malformed_id_is_a_negative_case_and_is_sent_as_drawn() -> None:
    own = _own()
    case = _case("DELETE", "not-a-uuid")
    own.aim("deletePersona", case)
    assert case.path_parameters["id"] == "not-a-uuid" and own.guard.created == []


def test_some_gets_keep_their_random_id_for_the_404_path() -> None:
    own = _own()
    ids = []
    for _ in range(KEEP_RANDOM_GETS * 2):
        case = _case("GET", FOREIGN)
        own.aim("getPersona", case)
        ids.append(case.path_parameters["id"])
    assert ids.count(FOREIGN) == 2


def test_a_deleted_persona_is_not_offered_again_while_the_cap_allows_a_new_one() -> None:
    own = _own()
    first = _case("DELETE", FOREIGN)
    own.aim("deletePersona", first)
    second = _case("DELETE", FOREIGN)
    own.aim("deletePersona", second)
    assert first.path_parameters["id"] != second.path_parameters["id"]


def test_a_list_case_first_makes_a_persona_when_the_run_has_none_alive() -> None:
    own = _own()
    listing = SCHEMA["/v1/personas"]["GET"].Case(query={"perPage": 10})
    own.aim("listPersonas", listing)
    assert len(own.guard.created) == 1 and listing.query == {"perPage": 10}
    own.aim("listPersonas", listing)
    assert len(own.guard.created) == 1  # one is enough while it lives
