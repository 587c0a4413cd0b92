"""The sync client against scripted MockTransport replies: requests, retries, timeouts, errors."""

from __future__ import annotations

import json
from uuid import UUID

import httpx
import pytest
from anam_personas_client.api.personas import get_persona

from anam_personas import (
    Anam,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    CreatePersonaRequest,
    InternalServerError,
    NotFoundError,
    Persona,
    RateLimitError,
    RetryPolicy,
    Timeout,
    UpdatePersonaRequest,
    spec_violations,
)
from tests.personas._fakes import (
    API_KEY,
    BASE_URL,
    PERSONA_ID,
    FakeClock,
    Script,
    persona_json,
    status,
    sync_client,
)


def test_get_sends_key_to_base_url_and_returns_the_generated_model() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    persona = sync_client(script).personas.get(PERSONA_ID)
    assert isinstance(persona, Persona)
    assert persona.name == "Cara"
    (request,) = script.requests
    assert request.method == "GET"
    assert str(request.url) == f"{BASE_URL}/v1/personas/{PERSONA_ID}"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"


def test_create_update_delete_and_list_send_what_the_spec_says() -> None:
    script = Script(
        [
            httpx.Response(201, json=persona_json()),
            httpx.Response(200, json=persona_json(name="Renamed")),
            httpx.Response(200, json={"data": [], "meta": _empty_meta()}),
            httpx.Response(200, json={"message": "Persona deleted"}),
        ]
    )
    personas = sync_client(script).personas
    assert personas.create(CreatePersonaRequest(name="Cara", system_prompt="Be brief.")).name == "Cara"
    assert personas.update(PERSONA_ID, UpdatePersonaRequest(name="Renamed")).name == "Renamed"
    assert personas.list(page=2, per_page=5, search="Ca").data == []
    assert personas.delete(PERSONA_ID).message == "Persona deleted"
    create, update, listing, delete = script.requests
    assert (create.method, create.url.path) == ("POST", "/v1/personas")
    # Compared as JSON: httpx 0.27 puts spaces after separators, 0.28 does not.
    assert json.loads(create.read()) == {"name": "Cara", "systemPrompt": "Be brief."}
    assert (update.method, update.url.path, json.loads(update.read())) == (
        "PUT",
        f"/v1/personas/{PERSONA_ID}",
        {"name": "Renamed"},
    )
    assert dict(listing.url.params) == {"page": "2", "perPage": "5", "search": "Ca"}
    assert (delete.method, delete.url.path) == ("DELETE", f"/v1/personas/{PERSONA_ID}")


def test_a_malformed_id_fails_before_any_request() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    with pytest.raises(ValueError, match="must be a UUID"):
        sync_client(script).personas.get("not-a-uuid")
    assert script.requests == []


def test_get_is_retried_with_exponential_backoff_then_succeeds() -> None:
    clock = FakeClock()
    script = Script([status(503), status(502), httpx.Response(200, json=persona_json())])
    assert sync_client(script, clock).personas.get(PERSONA_ID).name == "Cara"
    assert len(script.requests) == 3
    assert clock.sleeps == [0.5, 1.0]


def test_jitter_shortens_the_wait_by_at_most_its_fraction() -> None:
    clock = FakeClock(draw=0.999)
    script = Script([status(500), httpx.Response(200, json=persona_json())])
    sync_client(script, clock).personas.get(PERSONA_ID)
    assert clock.sleeps == [pytest.approx(0.5 * (1 - 0.25 * 0.999))]


def test_retries_stop_at_max_retries_and_raise_the_last_status() -> None:
    clock = FakeClock()
    script = Script([status(500, {"error": "boom"})])
    with pytest.raises(InternalServerError) as caught:
        sync_client(script, clock).personas.get(PERSONA_ID)
    assert len(script.requests) == 3
    assert clock.sleeps == [0.5, 1.0]
    assert caught.value.body is not None and caught.value.body.error == "boom"


def test_a_status_still_failing_after_the_retries_says_how_many_were_made() -> None:
    script = Script([status(503, {"error": "busy"})])
    with pytest.raises(InternalServerError, match=r"answered 503 Service Unavailable after 2 retries: busy"):
        sync_client(script).personas.get(PERSONA_ID)
    with pytest.raises(InternalServerError) as caught:
        sync_client(script, retry=RetryPolicy(max_retries=0)).personas.get(PERSONA_ID)
    assert "retries" not in str(caught.value)


def test_max_retries_is_configurable_per_client_and_per_call() -> None:
    script = Script([status(504)])
    client = sync_client(script, retry=RetryPolicy(max_retries=4))
    with pytest.raises(InternalServerError):
        client.personas.get(PERSONA_ID)
    assert len(script.requests) == 5
    with pytest.raises(InternalServerError):
        client.personas.get(PERSONA_ID, retry=RetryPolicy(max_retries=0))
    assert len(script.requests) == 6


@pytest.mark.parametrize("code", [408, 429, 500, 502, 503, 504])
def test_every_retryable_status_is_retried_on_put_and_delete(code: int) -> None:
    script = Script([status(code), httpx.Response(200, json=persona_json())])
    sync_client(script).personas.update(PERSONA_ID, UpdatePersonaRequest(name="x"))
    assert len(script.requests) == 2
    script = Script([status(code), httpx.Response(200, json={"message": "gone"})])
    sync_client(script).personas.delete(PERSONA_ID)
    assert len(script.requests) == 2


@pytest.mark.parametrize("code", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_not_retried(code: int) -> None:
    clock = FakeClock()
    script = Script([status(code)])
    with pytest.raises(APIStatusError):
        sync_client(script, clock).personas.get(PERSONA_ID)
    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_post_is_not_retried_by_default() -> None:
    script = Script([status(503), httpx.Response(201, json=persona_json())])
    with pytest.raises(InternalServerError):
        sync_client(script).personas.create(CreatePersonaRequest(name="Cara"))
    assert len(script.requests) == 1


def test_post_connection_errors_are_not_retried_by_default() -> None:
    script = Script([httpx.ConnectError("refused"), httpx.Response(201, json=persona_json())])
    with pytest.raises(APIConnectionError):
        sync_client(script).personas.create(CreatePersonaRequest(name="Cara"))
    assert len(script.requests) == 1


def test_post_is_retried_when_asked_per_call_or_per_client() -> None:
    script = Script([status(503), httpx.Response(201, json=persona_json())])
    sync_client(script).personas.create(CreatePersonaRequest(name="Cara"), retry=RetryPolicy(retry_post=True))
    assert len(script.requests) == 2
    script = Script([status(429), httpx.Response(201, json=persona_json())])
    sync_client(script, retry=RetryPolicy(retry_post=True)).personas.create(CreatePersonaRequest(name="Cara"))
    assert len(script.requests) == 2


def test_connection_errors_are_retried_then_raised_as_api_connection_error() -> None:
    clock = FakeClock()
    script = Script([httpx.ConnectError("connection refused")])
    with pytest.raises(APIConnectionError, match="connection refused") as caught:
        sync_client(script, clock).personas.get(PERSONA_ID)
    assert not isinstance(caught.value, APITimeoutError)
    assert len(script.requests) == 3
    assert clock.sleeps == [0.5, 1.0]


def test_a_connection_error_then_success_returns_the_persona() -> None:
    script = Script([httpx.ReadError("reset"), httpx.Response(200, json=persona_json())])
    assert sync_client(script).personas.get(PERSONA_ID).name == "Cara"


def test_timeouts_raise_api_timeout_error() -> None:
    script = Script([httpx.ReadTimeout("read timed out")])
    with pytest.raises(APITimeoutError, match="timed out after 2 retries"):
        sync_client(script).personas.get(PERSONA_ID)
    assert len(script.requests) == 3


def test_default_timeouts_are_finite_30_s_overall_and_5_s_connect() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    sync_client(script).personas.get(PERSONA_ID)
    assert script.requests[0].extensions["timeout"] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


def test_timeout_is_configurable_per_client_and_per_call() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    client = sync_client(script, timeout=Timeout(total=12.0, connect=2.0))
    client.personas.get(PERSONA_ID)
    client.personas.get(PERSONA_ID, timeout=3.0)
    assert script.requests[0].extensions["timeout"] == {"connect": 2.0, "read": 12.0, "write": 12.0, "pool": 12.0}
    # A number for one call replaces the total only: the client's 2 s connect limit stays.
    assert script.requests[1].extensions["timeout"] == {"connect": 2.0, "read": 3.0, "write": 3.0, "pool": 3.0}


def test_the_overall_timeout_spans_retries() -> None:
    clock = FakeClock()
    script = Script([status(503, headers={"Retry-After": "8"})])
    with pytest.raises(InternalServerError):
        sync_client(script, clock, timeout=Timeout(total=10.0)).personas.get(PERSONA_ID)
    # One wait of 8 s fits in 10 s; a second one would end past the deadline, so it is not made.
    assert clock.sleeps == [8.0]
    assert len(script.requests) == 2
    # The retry only gets what is left of the budget.
    assert script.requests[1].extensions["timeout"]["read"] == pytest.approx(2.0)


def test_retry_after_in_seconds_replaces_the_backoff() -> None:
    clock = FakeClock()
    script = Script([status(429, headers={"Retry-After": "3"}), httpx.Response(200, json=persona_json())])
    sync_client(script, clock).personas.get(PERSONA_ID)
    assert clock.sleeps == [3.0]


def test_retry_after_as_http_date_is_read_against_the_response_date() -> None:
    clock = FakeClock()
    headers = {"Date": "Wed, 22 Apr 2026 09:00:00 GMT", "Retry-After": "Wed, 22 Apr 2026 09:00:07 GMT"}
    script = Script([status(503, headers=headers), httpx.Response(200, json=persona_json())])
    sync_client(script, clock).personas.get(PERSONA_ID)
    assert clock.sleeps == [7.0]


def test_retry_after_is_capped() -> None:
    clock = FakeClock()
    script = Script([status(429, headers={"Retry-After": "3600"}), httpx.Response(200, json=persona_json())])
    policy = RetryPolicy(max_retry_after=4.0)
    sync_client(script, clock, retry=policy, timeout=Timeout(total=100.0)).personas.get(PERSONA_ID)
    assert clock.sleeps == [4.0]


def test_unreadable_retry_after_falls_back_to_backoff() -> None:
    clock = FakeClock()
    script = Script([status(503, headers={"Retry-After": "soon"}), httpx.Response(200, json=persona_json())])
    sync_client(script, clock).personas.get(PERSONA_ID)
    assert clock.sleeps == [0.5]


def test_rate_limit_error_carries_the_response() -> None:
    script = Script([status(429, {"error": "rate_limited"}, headers={"Retry-After": "1"})])
    with pytest.raises(RateLimitError) as caught:
        sync_client(script, retry=RetryPolicy(max_retries=0)).personas.get(PERSONA_ID)
    assert caught.value.response.headers["Retry-After"] == "1"
    assert caught.value.status_code == 429


def test_not_found_is_typed() -> None:
    script = Script([status(404, {"error": "not_found", "message": "No persona with this id"})])
    with pytest.raises(NotFoundError, match=r"404 Not Found: not_found \(No persona with this id\)"):
        sync_client(script).personas.get(PERSONA_ID)


def test_a_success_body_of_the_wrong_shape_is_kept_by_default_and_raises_when_strict() -> None:
    script = Script([httpx.Response(200, json={"id": "x"})])
    client = sync_client(script)
    persona = client.personas.get(PERSONA_ID)
    assert persona.id == "x"
    assert "/id" in {item.pointer for item in spec_violations(persona)}
    assert "/name" in {item.pointer for item in spec_violations(persona)}
    with pytest.raises(APIResponseValidationError, match=r"/id: expected string \(uuid\), got \"x\"") as caught:
        client.personas.get(PERSONA_ID, strict=True)
    assert caught.value.violations == spec_violations(persona)


def test_a_success_body_that_is_not_json_raises_response_validation_error() -> None:
    client = sync_client(Script([httpx.Response(200, text="<html>")]))
    with pytest.raises(APIResponseValidationError, match="not JSON"):
        client.personas.get(PERSONA_ID)


def test_bad_request_with_non_json_body_has_no_parsed_body() -> None:
    script = Script([httpx.Response(400, text="bad gateway page")])
    with pytest.raises(BadRequestError) as caught:
        sync_client(script).personas.get(PERSONA_ID)
    assert caught.value.body is None


def test_generated_detailed_functions_share_the_connection_and_key() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    client = sync_client(script)
    response = get_persona.sync_detailed(UUID(PERSONA_ID), client=client.generated)
    assert response.status_code == 200
    assert isinstance(response.parsed, Persona)
    assert script.requests[0].headers["Authorization"] == f"Bearer {API_KEY}"
    assert str(script.requests[0].url) == f"{BASE_URL}/v1/personas/{PERSONA_ID}"


def test_context_manager_closes_the_http_client() -> None:
    http = httpx.Client(transport=httpx.MockTransport(Script([status(200)])))
    with Anam(api_key=API_KEY, http_client=http):
        pass
    assert http.is_closed


def _empty_meta() -> dict[str, object]:
    return {"total": 0, "lastPage": 1, "currentPage": 2, "perPage": 5, "prev": 1, "next": None}
