"""`AsyncAnam` on each of anyio's backends: asyncio and trio (anyio's pytest plugin runs each test on both)."""

from __future__ import annotations

import httpx
import pytest

from anam_personas import CreatePersonaRequest, NotFoundError, RetryPolicy
from anam_personas._async_client import AsyncAnam
from tests._waiting import HANG_GUARD_S
from tests.personas._fakes import API_KEY, BASE_URL, PERSONA_ID, Script, page_json, persona_json, status


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    return backend


def _client(script: Script, retry: RetryPolicy | None = None) -> AsyncAnam:
    # The real runtime: its sleep is anyio's, which must work under trio as well as asyncio; and its
    # clock, so the call's overall limit is only a guard against a hang (the retries must all come).
    transport = httpx.MockTransport(script)
    http = httpx.AsyncClient(transport=transport)
    return AsyncAnam(api_key=API_KEY, base_url=BASE_URL, retry=retry, timeout=HANG_GUARD_S, http_client=http)


@pytest.mark.anyio
async def test_calls_retries_and_their_waits_run_on_the_backend() -> None:
    script = Script([status(503), status(503), httpx.Response(200, json=persona_json(name="Cara"))])
    async with _client(script, RetryPolicy(initial_delay=0.001, max_retries=2)) as client:
        persona = await client.personas.get(PERSONA_ID)
    assert persona.name == "Cara" and len(script.requests) == 3


@pytest.mark.anyio
async def test_pages_raw_responses_and_errors_on_the_backend() -> None:
    ids = [f"00000000-0000-0000-0000-0000000000{n:02d}" for n in range(1, 5)]
    script = Script(
        [
            httpx.Response(200, json=page_json(ids[:2], 1, 2)),
            httpx.Response(200, json=page_json(ids[2:], 2, 2)),
            httpx.Response(201, json=persona_json(), headers={"X-Request-Id": "r-9"}),
            status(404),
        ]
    )
    async with _client(script) as client:
        seen = [str(summary.id) async for summary in client.personas.iter_all(per_page=2)]
        raw = await client.personas.with_raw_response.create(CreatePersonaRequest(name="Cara"))
        with pytest.raises(NotFoundError):
            await client.personas.get(PERSONA_ID)
    assert seen == ids and raw.request_id == "r-9"
