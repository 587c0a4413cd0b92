"""Listing (paging, search, order, meta) and concurrency of the in-memory store, over HTTP."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ._support import AVATAR_LIV, LLM_ZDR, VOICE_CARTESIA, VOICE_ZDR

pytestmark = pytest.mark.anyio


async def _create_named(client: httpx.AsyncClient, *names: str) -> list[str]:
    ids = []
    for name in names:
        response = await client.post("/v1/personas", json={"name": name})
        assert response.status_code == 201
        ids.append(response.json()["id"])
    return ids


async def _trickled(body: dict[str, Any]) -> AsyncIterator[bytes]:
    # Hand the body over in pieces, letting the event loop switch tasks between them as it does
    # when bytes arrive over a socket: without this, in-process requests never interleave.
    raw = json.dumps(body).encode()
    for start in range(0, len(raw), 8):
        await asyncio.sleep(0)
        yield raw[start : start + 8]


def _put(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> Any:
    return client.put(path, content=_trickled(body), headers={"content-type": "application/json"})


async def _page(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get("/v1/personas", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_empty_organisation_has_one_empty_page(client: httpx.AsyncClient) -> None:
    page = await _page(client)
    assert page == {
        "data": [],
        "meta": {"total": 0, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None},
    }


async def test_pages_are_newest_first_with_right_meta(client: httpx.AsyncClient) -> None:
    ids = await _create_named(client, "p1", "p2", "p3", "p4", "p5")
    newest_first = list(reversed(ids))
    first = await _page(client, perPage=2)
    assert [p["id"] for p in first["data"]] == newest_first[:2]
    assert first["meta"] == {"total": 5, "lastPage": 3, "currentPage": 1, "perPage": 2, "prev": None, "next": 2}
    middle = await _page(client, perPage=2, page=2)
    assert [p["id"] for p in middle["data"]] == newest_first[2:4]
    assert middle["meta"]["prev"] == 1 and middle["meta"]["next"] == 3
    last = await _page(client, perPage=2, page=3)
    assert [p["id"] for p in last["data"]] == newest_first[4:]
    assert last["meta"] == {"total": 5, "lastPage": 3, "currentPage": 3, "perPage": 2, "prev": 2, "next": None}


async def test_past_the_end_is_empty_with_prev_on_the_last_page(client: httpx.AsyncClient) -> None:
    await _create_named(client, "a", "b", "c")
    beyond = await _page(client, perPage=2, page=9)
    assert beyond["data"] == []
    assert beyond["meta"] == {"total": 3, "lastPage": 2, "currentPage": 9, "perPage": 2, "prev": 2, "next": None}


async def test_order_is_stable_and_unchanged_by_updates(client: httpx.AsyncClient) -> None:
    ids = await _create_named(client, "a", "b", "c")
    await client.put(f"/v1/personas/{ids[0]}", json={"name": "a2"})
    listed = [p["id"] for p in (await _page(client))["data"]]
    assert listed == list(reversed(ids))
    assert listed == [p["id"] for p in (await _page(client))["data"]]


async def test_search_is_a_case_insensitive_substring_of_the_name(client: httpx.AsyncClient) -> None:
    await _create_named(client, "Sales Coach", "support bot", "COACHING demo", "Tutor")
    found = await _page(client, search="coach")
    assert sorted(p["name"] for p in found["data"]) == ["COACHING demo", "Sales Coach"]
    assert found["meta"]["total"] == 2
    assert (await _page(client, search="zzz"))["meta"] == {
        "total": 0,
        "lastPage": 1,
        "currentPage": 1,
        "perPage": 10,
        "prev": None,
        "next": None,
    }


async def test_list_items_are_the_summary_shape(client: httpx.AsyncClient) -> None:
    await _create_named(client, "a")
    item = (await _page(client))["data"][0]
    assert "brain" not in item and "tools" not in item
    assert item["avatar"]["id"] == AVATAR_LIV


async def test_concurrent_updates_of_different_fields_all_land(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/personas", json={"name": "start", "voiceId": VOICE_ZDR, "llmId": LLM_ZDR})
    persona_id = created.json()["id"]
    changes: list[dict[str, Any]] = [
        {"name": "renamed"},
        {"description": "described"},
        {"systemPrompt": "prompted"},
        {"skipGreeting": True},
        {"avatarModel": "cara-3"},
        {"toolIds": ["tool-id-2"]},
        {"voiceDetectionOptions": {"endOfSpeechSensitivity": 0.25}},
        {"zeroDataRetention": True},
        {"languageCode": "fr"},
        {"uninterruptibleGreeting": True},
    ]
    path = f"/v1/personas/{persona_id}"
    responses = await asyncio.gather(*(_put(client, path, change) for change in changes))
    assert [r.status_code for r in responses] == [200] * len(changes)
    final = (await client.get(path)).json()
    assert final["name"] == "renamed"
    assert final["description"] == "described"
    assert final["brain"]["systemPrompt"] == "prompted"
    assert final["skipGreeting"] is True
    assert final["avatarModel"] == "cara-3"
    assert [t["id"] for t in final["tools"]] == ["tool-id-2"]
    assert final["voiceDetectionOptions"] == {"endOfSpeechSensitivity": 0.25}
    assert final["zeroDataRetention"] is True
    assert len({r.json()["updatedAt"] for r in responses}) == len(changes)


async def test_concurrent_updates_and_a_voice_change_keep_their_own_fields(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/personas", json={"name": "start"})
    path = f"/v1/personas/{created.json()['id']}"
    many = [{"description": f"d{i}"} for i in range(20)]
    await asyncio.gather(*(_put(client, path, c) for c in [*many, {"voiceId": VOICE_CARTESIA}]))
    final = (await client.get(path)).json()
    assert final["voice"]["id"] == VOICE_CARTESIA
    assert final["description"].startswith("d")


async def test_concurrent_creates_get_distinct_ids(client: httpx.AsyncClient) -> None:
    trickled = [
        client.post("/v1/personas", content=_trickled({"name": f"n{i}"}), headers={"content-type": "application/json"})
        for i in range(50)
    ]
    responses = await asyncio.gather(*trickled)
    assert all(r.status_code == 201 for r in responses)
    ids = {r.json()["id"] for r in responses}
    assert len(ids) == 50
    listed = await _page(client, perPage=100)
    assert listed["meta"]["total"] == 50 and {p["id"] for p in listed["data"]} == ids


@pytest.mark.parametrize("search", [None, "a"])
async def test_a_page_far_past_the_end_is_empty_not_an_error(client: httpx.AsyncClient, search: str | None) -> None:
    await _create_named(client, "a")
    params: dict[str, Any] = {"page": 10**20, **({"search": search} if search else {})}
    beyond = await _page(client, **params)
    assert beyond["data"] == []
    assert beyond["meta"]["currentPage"] == 10**20 and beyond["meta"]["prev"] == 1 and beyond["meta"]["next"] is None
