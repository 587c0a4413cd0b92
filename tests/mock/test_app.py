"""Auth, organisation isolation, routing and the basic lifecycle, over HTTP against the app."""

from __future__ import annotations

import httpx
import pytest

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, READ_ONLY_API_KEY, _store, create_app

from ._support import AVATAR_LIV, LLM_ZDR, VOICE_ZDR, auth, conforming_client

pytestmark = pytest.mark.anyio

CREATE = {"name": "Cara", "avatarId": AVATAR_LIV, "voiceId": VOICE_ZDR, "llmId": LLM_ZDR}


async def _create(client: httpx.AsyncClient, **fields: object) -> dict[str, object]:
    response = await client.post("/v1/personas", json={**CREATE, **fields})
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


async def test_missing_key_is_401() -> None:
    async with conforming_client(key=None) as client:
        response = await client.get("/v1/personas")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer not-a-key-we-know", "Basic bW9jazptb2Nr", "Bearer", "mock-default-key"])
async def test_unknown_or_malformed_key_is_401(header: str) -> None:
    async with conforming_client(key=None) as client:
        response = await client.get("/v1/personas", headers={"Authorization": header})
    assert response.status_code == 401


async def test_error_body_never_repeats_the_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/personas", headers=auth("secret-looking-key-123"))
    assert response.status_code == 401
    assert "secret-looking-key-123" not in response.text


async def test_read_only_key_reads_but_cannot_write(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    read_only = auth(READ_ONLY_API_KEY)
    assert (await client.get(f"/v1/personas/{persona['id']}", headers=read_only)).status_code == 200
    assert (await client.get("/v1/personas", headers=read_only)).status_code == 200
    writes = [
        client.post("/v1/personas", json=CREATE, headers=read_only),
        client.put(f"/v1/personas/{persona['id']}", json={"name": "x"}, headers=read_only),
        client.delete(f"/v1/personas/{persona['id']}", headers=read_only),
    ]
    for write in writes:
        response = await write
        assert response.status_code == 403, response.text
        assert response.json()["error"] == "forbidden"
    # Nothing changed.
    assert (await client.get(f"/v1/personas/{persona['id']}")).json()["name"] == "Cara"


async def test_other_organisation_sees_nothing_and_changes_nothing(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    other = auth(OTHER_ORG_API_KEY)
    path = f"/v1/personas/{persona['id']}"
    assert (await client.get(path, headers=other)).status_code == 404
    assert (await client.put(path, json={"name": "stolen"}, headers=other)).status_code == 404
    assert (await client.delete(path, headers=other)).status_code == 404
    listed = (await client.get("/v1/personas", headers=other)).json()
    assert listed["data"] == [] and listed["meta"]["total"] == 0
    # The owner still has it, unchanged.
    assert (await client.get(path)).json()["name"] == "Cara"


async def test_not_found_is_the_same_for_other_org_and_never_existed(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    other = auth(OTHER_ORG_API_KEY)
    theirs = await client.get(f"/v1/personas/{persona['id']}", headers=other)
    nobody = await client.get("/v1/personas/4b0b7f8e-1d8a-4f57-9d0c-6f3b7e0a9c11", headers=other)
    assert theirs.status_code == nobody.status_code == 404
    assert theirs.json() == nobody.json()


async def test_create_then_get_returns_the_same_persona(client: httpx.AsyncClient) -> None:
    created = await _create(client, systemPrompt="Be brief.")
    fetched = await client.get(f"/v1/personas/{created['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == created


async def test_get_unknown_id_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/personas/4b0b7f8e-1d8a-4f57-9d0c-6f3b7e0a9c11")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


async def test_id_is_matched_whatever_its_letter_case(client: httpx.AsyncClient) -> None:
    created = await _create(client)
    response = await client.get(f"/v1/personas/{str(created['id']).upper()}")
    assert response.status_code == 200
    assert response.json()["id"] == created["id"]


async def test_delete_then_every_call_on_the_id_is_404(client: httpx.AsyncClient) -> None:
    created = await _create(client)
    path = f"/v1/personas/{created['id']}"
    deleted = await client.delete(path)
    assert deleted.status_code == 200
    assert str(created["id"]) in deleted.json()["message"]
    assert (await client.get(path)).status_code == 404
    assert (await client.put(path, json={"name": "back"})).status_code == 404
    assert (await client.delete(path)).status_code == 404
    assert (await client.get("/v1/personas")).json()["meta"]["total"] == 0


async def test_unsupported_method_is_405_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.patch("/v1/personas/4b0b7f8e-1d8a-4f57-9d0c-6f3b7e0a9c11", json={})
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "PUT", "DELETE"}
    response = await client.delete("/v1/personas")
    assert response.status_code == 405
    assert "POST" in response.headers["allow"]


async def test_unknown_path_is_404_with_error_body(client: httpx.AsyncClient) -> None:
    response = await client.get("/v2/everything")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


async def test_an_unexpected_failure_is_a_500_error_body_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr(_store.Store, "get", broken)
    app = create_app()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock.test", headers=auth(DEFAULT_API_KEY)) as c:
        response = await c.get("/v1/personas/4b0b7f8e-1d8a-4f57-9d0c-6f3b7e0a9c11")
    assert response.status_code == 500
    assert response.json()["error"] == "internal_error"
    assert "internal detail" not in response.text and "Traceback" not in response.text
