"""iter_all walks every page, sync and async, without page numbers from the caller."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from anam_personas_client.models import PersonaList

from anam_personas import PaginationError, PersonaSummary
from anam_personas._pagination import EXTRA_PAGES, iterate
from tests.personas._fakes import Script, async_client, page_json, sync_client

IDS = [f"00000000-0000-0000-0000-0000000000{n:02d}" for n in range(1, 6)]


def _three_pages() -> Script:
    def reply(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        return httpx.Response(200, json=page_json(IDS[(number - 1) * 2 : number * 2], number, last_page=3))

    return Script([reply])


def test_sync_iter_all_crosses_pages_lazily() -> None:
    script = _three_pages()
    walk = sync_client(script).personas.iter_all(per_page=2, search="persona")
    assert script.requests == []  # nothing is fetched before the loop asks
    first = next(walk)
    assert isinstance(first, PersonaSummary)
    assert len(script.requests) == 1
    assert [str(first.id)] + [str(p.id) for p in walk] == IDS
    assert [dict(r.url.params) for r in script.requests] == [
        {"page": str(n), "perPage": "2", "search": "persona"} for n in (1, 2, 3)
    ]


def test_async_iter_all_crosses_pages() -> None:
    script = _three_pages()

    async def collect() -> list[str]:
        client = async_client(script)
        return [str(p.id) async for p in client.personas.iter_all(per_page=2)]

    assert asyncio.run(collect()) == IDS
    assert [r.url.params["page"] for r in script.requests] == ["1", "2", "3"]


def test_a_persona_pushed_onto_the_next_page_is_yielded_once() -> None:
    pages = [page_json(IDS[0:2], 1, 2), page_json(IDS[1:3], 2, 2)]
    assert [str(p.id) for p in iterate(lambda n: PersonaList.from_dict(pages[n - 1]))] == IDS[0:3]


def _walk(replies: list[dict[str, Any]]) -> tuple[Script, list[str]]:
    script = Script([httpx.Response(200, json=body) for body in replies])
    return script, [str(p.id) for p in sync_client(script).personas.iter_all(per_page=2)]


def test_a_server_answering_page_one_to_every_request_is_stopped_with_a_clear_error() -> None:
    looping = page_json(IDS[0:2], 1, 3)
    script = Script([httpx.Response(200, json=looping)])
    with pytest.raises(PaginationError, match="asked for page 2, the server answered currentPage 1"):
        list(sync_client(script).personas.iter_all(per_page=2))
    assert len(script.requests) == 2


def test_a_server_that_ignores_the_page_number_is_caught_by_the_repeated_page() -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        return httpx.Response(200, json=page_json(IDS[0:2], number, last_page=1000))

    script = Script([reply])
    with pytest.raises(PaginationError, match="page 2 repeats"):
        list(sync_client(script).personas.iter_all(per_page=2))
    assert len(script.requests) == 2


def test_a_next_that_contradicts_the_page_count_raises() -> None:
    page = page_json(IDS[0:2], 1, 3)
    page["meta"]["next"] = 7
    with pytest.raises(PaginationError, match="contradicts"):
        _walk([page])


def test_a_list_that_keeps_growing_stops_at_the_first_last_page_plus_the_margin() -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        ids = [f"00000000-0000-0000-0000-{number:06d}{n:06d}" for n in range(2)]
        return httpx.Response(200, json=page_json(ids, number, last_page=number + 1))

    script = Script([reply])
    with pytest.raises(PaginationError, match="kept growing"):
        list(sync_client(script).personas.iter_all(per_page=2))
    assert len(script.requests) == 2 + EXTRA_PAGES


def test_meta_of_the_wrong_types_ends_the_walk_after_that_page_without_raising() -> None:
    page = page_json(IDS[0:2], 1, 3)
    page["meta"] = {"lastPage": "three", "currentPage": None, "next": "2"}
    script, ids = _walk([page])
    assert ids == IDS[0:2]
    assert len(script.requests) == 1


def test_the_walk_stops_at_the_last_page_even_when_next_points_on() -> None:
    last = page_json(IDS[2:4], 2, 2)
    last["meta"]["next"] = None
    script, ids = _walk([page_json(IDS[0:2], 1, 2), last, page_json(IDS[4:5], 3, 3)])
    assert ids == IDS[0:4]
    assert len(script.requests) == 2


def test_an_empty_list_yields_nothing() -> None:
    script = Script([httpx.Response(200, json=page_json([], 1, 1))])
    assert list(sync_client(script).personas.iter_all()) == []
    assert len(script.requests) == 1
    assert script.requests[0].url.params["perPage"] == "100"
