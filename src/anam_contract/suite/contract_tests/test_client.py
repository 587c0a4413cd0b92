"""The generated client end to end against the mock, sync and async.

In-process (the sync client over Starlette's test client, the async one over httpx's
ASGITransport) and once over a real socket to the mock served by uvicorn: create, get, update,
list, delete, and error statuses that parse into the Error model. Then the production client
(`anam_personas`) in strict mode: a clean journey on the mock (a checkout adds one test per
response-shape fault, on its broken copies of the mock).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import anyio
import httpx
import pytest
from anam_personas_client.api.personas import (
    create_persona,
    delete_persona,
    get_persona,
    list_personas,
    update_persona,
)
from anam_personas_client.client import AuthenticatedClient
from anam_personas_client.models import (
    CreatePersonaRequest,
    DeletePersonaResponse,
    Error,
    Persona,
    PersonaList,
    UpdatePersonaRequest,
)

from anam_contract.mock import DEFAULT_API_KEY, create_app
from anam_contract.mock._serving import serving
from anam_contract.suite import current_run
from anam_personas import Anam, spec_violations

with warnings.catch_warnings():
    # See suite/_run.py: Starlette announces a move of its test client; it works unchanged.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

RUN = current_run()
pytestmark = pytest.mark.skipif(
    RUN.settings.live, reason="the client end to end runs against the mock; a live run checks it on every response"
)
BASE = "http://mock.test"
UNKNOWN_ID = UUID("00000000-0000-4000-8000-000000000000")


def _new_persona() -> CreatePersonaRequest:
    return CreatePersonaRequest(
        name="End to end",
        avatar_id=RUN.settings.avatar_id,
        voice_id=RUN.settings.voice_id,
        llm_id=RUN.settings.llm_id,
        system_prompt="You are a helpful assistant.",
    )


def _client(token: str = DEFAULT_API_KEY, base_url: str = BASE) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token=token)


def exercise_sync(client: AuthenticatedClient, stranger: AuthenticatedClient) -> None:
    """Every operation once with the sync functions, and the errors each documents."""
    created = create_persona.sync_detailed(client=client, body=_new_persona())
    assert created.status_code == 201 and isinstance(created.parsed, Persona)
    persona_id = UUID(str(created.parsed.id))
    assert created.parsed.brain.system_prompt == "You are a helpful assistant."

    fetched = get_persona.sync(persona_id, client=client)
    assert isinstance(fetched, Persona) and fetched.to_dict() == created.parsed.to_dict()

    updated = update_persona.sync(persona_id, client=client, body=UpdatePersonaRequest(description="updated"))
    assert isinstance(updated, Persona) and updated.description == "updated" and updated.name == "End to end"

    page = list_personas.sync(client=client, search="end to END", per_page=100)
    assert isinstance(page, PersonaList) and str(persona_id) in {str(item.id) for item in page.data}

    deleted = delete_persona.sync(persona_id, client=client)
    assert isinstance(deleted, DeletePersonaResponse) and deleted.message
    _assert_error(get_persona.sync_detailed(persona_id, client=client), 404)
    _assert_error(get_persona.sync_detailed(UNKNOWN_ID, client=client), 404)
    _assert_error(list_personas.sync_detailed(client=stranger), 401)
    unknown_avatar = _new_persona()
    unknown_avatar.avatar_id = "no-such-avatar"
    error = _assert_error(create_persona.sync_detailed(client=client, body=unknown_avatar), 400)
    assert "avatarId" in str(error.to_dict()), f"the 400 does not name avatarId: {error.to_dict()}"


async def exercise_async(client: AuthenticatedClient, stranger: AuthenticatedClient) -> None:
    """The same journey with the async functions."""
    created = await create_persona.asyncio_detailed(client=client, body=_new_persona())
    assert created.status_code == 201 and isinstance(created.parsed, Persona)
    persona_id = UUID(str(created.parsed.id))
    fetched = await get_persona.asyncio(persona_id, client=client)
    assert isinstance(fetched, Persona) and fetched.to_dict() == created.parsed.to_dict()
    updated = await update_persona.asyncio(persona_id, client=client, body=UpdatePersonaRequest(skip_greeting=True))
    assert isinstance(updated, Persona) and updated.skip_greeting is True
    page = await list_personas.asyncio(client=client, per_page=100)
    assert isinstance(page, PersonaList) and str(persona_id) in {str(item.id) for item in page.data}
    deleted = await delete_persona.asyncio(persona_id, client=client)
    assert isinstance(deleted, DeletePersonaResponse)
    _assert_error(await delete_persona.asyncio_detailed(persona_id, client=client), 404)
    _assert_error(await get_persona.asyncio_detailed(persona_id, client=stranger), 401)


def _assert_error(response: Any, status: int) -> Error:
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.content!r}"
    assert isinstance(response.parsed, Error), f"a {status} did not parse into Error: {response.content!r}"
    return response.parsed


@pytest.fixture
def app() -> Any:
    return create_app()


@pytest.fixture
def clients(app: Any) -> Iterator[tuple[AuthenticatedClient, AuthenticatedClient]]:
    with (
        TestClient(app, base_url=BASE, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}) as own,
        TestClient(app, base_url=BASE, headers={"Authorization": "Bearer not-a-key"}) as other,
    ):
        yield _client().set_httpx_client(own), _client("not-a-key").set_httpx_client(other)


def test_sync_client_in_process(clients: tuple[AuthenticatedClient, AuthenticatedClient]) -> None:
    exercise_sync(*clients)


def test_async_client_in_process(app: Any) -> None:
    async def journey() -> None:
        transport = httpx.ASGITransport(app=app)
        async with (
            httpx.AsyncClient(transport=transport, base_url=BASE, headers=_auth(DEFAULT_API_KEY)) as own,
            httpx.AsyncClient(transport=transport, base_url=BASE, headers=_auth("not-a-key")) as other,
        ):
            client = _client().set_async_httpx_client(own)
            stranger = _client("not-a-key").set_async_httpx_client(other)
            await exercise_async(client, stranger)

    anyio.run(journey)


def test_sync_and_async_client_over_a_socket(app: Any) -> None:
    with serving(app) as base_url:
        with _client(base_url=base_url) as client, _client("not-a-key", base_url) as stranger:
            exercise_sync(client, stranger)

        async def journey() -> None:
            async with _client(base_url=base_url) as client, _client("not-a-key", base_url) as stranger:
                await exercise_async(client, stranger)

        anyio.run(journey)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# The production client (anam_personas) in strict mode: on the mock every body conforms, so a
# strict journey passes (on a mock that breaks the response shape, strict mode names the place:
# the checkout's contract_tests/test_client.py tries that on its broken copies of the mock).
STRICT_BASE = "http://strict.test"


def _production(app: Any, *, strict: bool = True) -> tuple[TestClient, Anam]:
    http = TestClient(app, base_url=STRICT_BASE)
    return http, Anam(api_key=DEFAULT_API_KEY, base_url=STRICT_BASE, http_client=http, strict=strict)


@pytest.mark.filterwarnings("ignore:You should not use the 'timeout' argument")
def test_production_client_in_strict_mode_against_the_mock(app: Any) -> None:
    http, client = _production(app)
    with http:
        created = client.personas.create(_new_persona())
        assert spec_violations(created) == ()
        assert client.personas.get(created.id).to_dict() == created.to_dict()
        updated = client.personas.update(created.id, UpdatePersonaRequest(description="strict"))
        assert updated.description == "strict"
        assert str(created.id) in {str(item.id) for item in client.personas.iter_all(per_page=1)}
        assert client.personas.list(per_page=100).meta.current_page == 1
        client.personas.delete(created.id)
