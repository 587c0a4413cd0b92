"""What SDK users take for granted: a User-Agent, `with_options`, per-call options that merge, raw responses."""

from __future__ import annotations

import sys
from uuid import UUID

import anyio
import httpx
import pytest
from anam_personas_client.api.personas import get_persona

import anam_personas
from anam_personas import (
    CreatePersonaRequest,
    InternalServerError,
    NotFoundError,
    Persona,
    RawResponse,
    RetryPolicy,
    Timeout,
)
from tests.personas._fakes import (
    API_KEY,
    BASE_URL,
    PERSONA_ID,
    FakeClock,
    Script,
    async_client,
    page_json,
    persona_json,
    status,
    sync_client,
)

EXPECTED_AGENT = (
    f"anam-personas/{anam_personas.__version__} python/{sys.version_info.major}.{sys.version_info.minor}"
    f" httpx/{httpx.__version__}"
)


def test_every_request_names_the_client_its_python_and_httpx() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    # The caller's own httpx.Client has a User-Agent of its own, which the client's replaces per request.
    own = httpx.Client(transport=httpx.MockTransport(script), headers={"User-Agent": "theirs/1.0"})
    client = anam_personas.Anam(api_key=API_KEY, base_url=BASE_URL, http_client=own)
    client.personas.get(PERSONA_ID)
    client.with_options(strict=True).personas.with_raw_response.get(PERSONA_ID)
    get_persona.sync_detailed(UUID(PERSONA_ID), client=client.generated)
    assert [request.headers["User-Agent"] for request in script.requests] == [EXPECTED_AGENT] * 3
    assert own.headers["User-Agent"] == "theirs/1.0", "the caller's client was changed"


def test_the_async_client_sends_the_user_agent_too() -> None:
    script = Script([httpx.Response(200, json=persona_json())])

    async def scenario() -> None:
        async with async_client(script) as client:
            await client.personas.get(PERSONA_ID)

    anyio.run(scenario)
    assert script.requests[0].headers["User-Agent"] == EXPECTED_AGENT


def test_a_per_call_retry_policy_changes_only_what_it_names() -> None:
    # The client retries 4 times; the call only allows POST to be retried, and keeps the 4.
    script = Script([status(503)])
    client = sync_client(script, retry=RetryPolicy(max_retries=4))
    with pytest.raises(InternalServerError, match="after 4 retries"):
        client.personas.create(CreatePersonaRequest(name="Cara"), retry=RetryPolicy(retry_post=True))
    assert len(script.requests) == 5


def test_a_per_call_policy_can_still_turn_retries_off() -> None:
    script = Script([status(503)])
    client = sync_client(script, retry=RetryPolicy(max_retries=4, initial_delay=2.0))
    with pytest.raises(InternalServerError):
        client.personas.get(PERSONA_ID, retry=RetryPolicy(max_retries=0))
    assert len(script.requests) == 1


def test_merged_policies_keep_the_base_values_for_what_is_not_named() -> None:
    base = RetryPolicy(max_retries=5, initial_delay=1.0)
    merged = RetryPolicy(initial_delay=0.25, retry_statuses={503}).merged_over(base)
    assert (merged.max_retries, merged.initial_delay, merged.retry_statuses) == (5, 0.25, frozenset({503}))
    assert merged.max_delay == RetryPolicy().max_delay
    # Merging once more keeps what both named.
    assert RetryPolicy(jitter=0.0).merged_over(merged).initial_delay == 0.25
    assert RetryPolicy(max_retries=2) == RetryPolicy(), "a policy's value is its fields, not how it was spelt"


def test_a_per_call_timeout_object_keeps_the_clients_connect_limit_when_it_names_none() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    client = sync_client(script, timeout=Timeout(total=12.0, connect=2.0))
    client.personas.get(PERSONA_ID, timeout=Timeout(total=6.0))
    client.personas.get(PERSONA_ID, timeout=Timeout(connect=1.0))
    assert script.requests[0].extensions["timeout"] == {"connect": 2.0, "read": 6.0, "write": 6.0, "pool": 6.0}
    assert script.requests[1].extensions["timeout"] == {"connect": 1.0, "read": 12.0, "write": 12.0, "pool": 12.0}


def test_with_options_makes_a_client_on_the_same_pool_with_merged_settings() -> None:
    script = Script([status(503), httpx.Response(200, json=persona_json())])
    clock = FakeClock()
    client = sync_client(script, clock, retry=RetryPolicy(max_retries=3, initial_delay=1.0))
    tuned = client.with_options(timeout=9.0, retry=RetryPolicy(initial_delay=4.0), strict=True)
    assert tuned._http is client._http, "with_options must share the connection pool"
    assert (tuned.retry.max_retries, tuned.retry.initial_delay) == (3, 4.0)
    assert (tuned.timeout.total, tuned.strict, tuned.base_url) == (9.0, True, client.base_url)
    assert (client.retry.initial_delay, client.strict, client.timeout.total) == (1.0, False, 30.0), (
        "the original changed"
    )
    tuned.personas.get(PERSONA_ID)
    assert clock.sleeps == [4.0]
    assert {request.headers["Authorization"] for request in script.requests} == {f"Bearer {API_KEY}"}


def test_closing_a_client_made_by_with_options_leaves_the_shared_pool_open() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    client = sync_client(script)
    with client.with_options(strict=True) as tuned:
        tuned.personas.get(PERSONA_ID)
    assert not client._http.is_closed
    client.personas.get(PERSONA_ID)
    client.close()
    assert client._http.is_closed


def test_the_raw_response_carries_status_headers_request_id_and_the_model() -> None:
    headers = {"X-Request-Id": "req-81f2", "RateLimit-Remaining": "41"}
    script = Script([status(502), httpx.Response(201, json=persona_json(name="Cara"), headers=headers)])
    client = sync_client(script, retry=RetryPolicy(retry_post=True))
    raw = client.personas.with_raw_response.create(CreatePersonaRequest(name="Cara"))
    assert isinstance(raw, RawResponse) and isinstance(raw.parsed, Persona)
    assert (raw.status_code, raw.request_id, raw.headers["ratelimit-remaining"]) == (201, "req-81f2", "41")
    assert raw.parse() is raw.parsed and raw.parsed.name == "Cara"
    assert len(script.requests) == 2, "the raw path retries like the plain one"


def test_the_raw_path_raises_the_same_typed_errors() -> None:
    script = Script([status(404, {"error": "Persona not found"})])
    with pytest.raises(NotFoundError, match="Persona not found"):
        sync_client(script).personas.with_raw_response.get(PERSONA_ID)


def test_a_response_without_a_request_id_says_none() -> None:
    script = Script([httpx.Response(200, json=page_json([], 1, 1))])
    raw = sync_client(script).personas.with_raw_response.list()
    assert raw.request_id is None and raw.parsed.data == []


def test_async_raw_responses_and_with_options() -> None:
    script = Script([status(503), httpx.Response(200, json=persona_json(), headers={"Request-Id": "r-1"})])

    async def scenario() -> RawResponse[Persona]:
        async with async_client(script, retry=RetryPolicy(max_retries=0)) as client:
            tuned = client.with_options(retry=RetryPolicy(max_retries=1))
            assert tuned._http is client._http
            return await tuned.personas.with_raw_response.get(PERSONA_ID)

    raw = anyio.run(scenario)
    assert (raw.status_code, raw.request_id, len(script.requests)) == (200, "r-1", 2)
