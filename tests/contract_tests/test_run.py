"""The engine of a run: every check on every response, each failure turned into differences with
a pointer and a kind, recorded instead of raised, and an in-process 500 reported at once."""

from __future__ import annotations

import json
from typing import Any

import httpx
import requests
from schemathesis import Case, Response
from schemathesis.specs.openapi.checks import ignored_auth
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from anam_contract.mock import DEFAULT_API_KEY, create_app
from anam_contract.mock._serving import serving
from anam_contract.suite import SuiteRun, read_settings, start_run
from anam_contract.suite._recording import Entry

PERSONA_ID = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"


def _run(app: Any = None) -> SuiteRun:
    return start_run(read_settings({}), app=app)


def _answer(case: Case[Any], status: int, body: bytes, content_type: str | None = "application/json") -> Response:
    request = requests.Request(case.method, "http://mock" + case.formatted_path, headers={"x": "y"}).prepare()
    headers = {"content-type": [content_type]} if content_type else {}
    if status == 401:  # the challenge the spec requires of every 401
        headers["www-authenticate"] = ["Bearer"]
    return Response(status_code=status, headers=headers, content=body, request=request, elapsed=0.0, verify=True)


def _validate(run: SuiteRun, case: Case[Any], response: Response) -> list[Entry]:
    # `ignored_auth` sends the request again without the key; a response made up here has no
    # request behind it to repeat.
    run.validate(case, response, lambda: case.validate_response(response, excluded_checks=[ignored_auth]))
    return run.recorder.sorted_entries()


def _persona(run: SuiteRun) -> dict[str, Any]:
    status, created = run.caller.request(
        "POST", "/v1/personas", key=run.key, body={"name": "Engine", "systemPrompt": "Hello."}
    )
    assert status == 201
    return dict(created)


def test_a_null_object_is_one_difference_seen_by_the_schema_and_the_client_checks() -> None:
    run = _run()
    persona = _persona(run)
    case = run.schema["/v1/personas/{id}"]["GET"].Case(path_parameters={"id": persona["id"]})
    entries = _validate(run, case, _answer(case, 200, json.dumps({**persona, "avatar": None}).encode()))
    assert [(e.operation_id, e.status, e.pointer, e.kind) for e in entries] == [
        ("getPersona", "200", "/avatar", "schema")
    ]
    assert {"response_schema_conformance", "client_parses_response"} <= entries[0].checks
    assert entries[0].got == "null" and "object" in entries[0].expected
    assert entries[0].reproduction is not None and entries[0].reproduction.startswith("curl -X GET")


def test_a_status_difference_names_both_statuses() -> None:
    run = _run()
    persona = _persona(run)
    case = run.schema["/v1/personas"]["POST"].Case(body={"name": "Engine"}, media_type="application/json")
    [entry] = _validate(run, case, _answer(case, 200, json.dumps(persona).encode()))
    assert (entry.operation_id, entry.status, entry.kind) == ("createPersona", "200", "status")
    assert (entry.got, entry.expected) == ("server answered 200", "201")


def test_an_error_without_a_json_body_is_one_difference_and_checking_goes_on() -> None:
    run = _run()
    case = run.schema["/v1/personas"]["GET"].Case(query={"perPage": 1})
    [entry] = _validate(run, case, _answer(case, 401, b"", content_type=None))
    assert (entry.status, entry.pointer, entry.kind, entry.got) == ("401", "", "body", "an empty body")
    [entry] = _validate(run, case, _answer(case, 401, b"", content_type=None))
    assert entry.count == 2 and run.recorder.of("listPersonas") == 2


async def _boom(request: Request) -> JSONResponse:
    raise ValueError("the store is broken")


def test_an_in_process_exception_is_a_server_error_of_its_operation_at_once() -> None:
    run = _run(Starlette(routes=[Route("/v1/personas", _boom, methods=["GET"])]))
    case = run.schema["/v1/personas"]["GET"].Case(query={"perPage": 1})
    run.execute(case)  # recorded, not raised
    run.execute(case)
    [entry] = run.recorder.sorted_entries()
    assert (entry.operation_id, entry.status, entry.kind) == ("listPersonas", "500", "server_error")
    assert "ValueError: the store is broken" in entry.got
    assert entry.count == 2


def test_the_mock_as_it_is_shows_no_difference() -> None:
    run = _run(create_app())
    persona = _persona(run)
    for case in (
        run.schema["/v1/personas/{id}"]["GET"].Case(path_parameters={"id": persona["id"]}),
        run.schema["/v1/personas"]["GET"].Case(query={"perPage": 5}),
    ):
        run.execute(case)
    assert run.recorder.sorted_entries() == []
    assert run.recorder.of("getPersona") == 1 and run.recorder.of("listPersonas") == 1


def test_the_live_cleanup_reports_what_the_model_finds_and_never_raises_it() -> None:
    # A persona of the run deleted behind the model's back (as a faulty API might): the cleanup's
    # DELETE answers 404 where the model expects 200; that is a difference of the report, and the
    # cleanup still ends (it runs at the session's end, where an error would lose the report).
    with serving(create_app()) as base_url:
        env = {"CONTRACT_LIVE": "1", "ANAM_API_KEY": DEFAULT_API_KEY, "ANAM_BASE_URL": base_url}
        run = start_run(read_settings(env))
        body = {"name": run.settings.run_prefix + "cleanup"}
        with run.part("rules"):
            status, created = run.caller.request("POST", "/v1/personas", key=run.key, body=body)
        assert status == 201
        gone = httpx.delete(
            f"{base_url}/v1/personas/{created['id']}", headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}
        )
        assert gone.status_code == 200
        assert run.cleanup() == []
    [entry] = run.recorder.sorted_entries()
    assert (entry.operation_id, entry.status, entry.kind) == ("deletePersona", "404", "status")
