"""iter_all walks every page, sync and async, without page numbers from the caller."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from anam_personas_client.models import PersonaList

from anam_personas import PersonaSummary
from anam_personas._pagination import iterate
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


@pytest.mark.parametrize("bad_next", [1, 2])
def test_a_next_that_does_not_advance_ends_the_walk(bad_next: int) -> None:
    page = page_json(IDS[0:2], 2, 3)
    page["meta"]["next"] = bad_next
    calls: list[int] = []

    def fetch(number: int) -> PersonaList:
        calls.append(number)
        return PersonaList.from_dict(page)

    assert len(list(iterate(fetch))) == 2
    assert calls == [1]


def test_an_empty_list_yields_nothing() -> None:
    script = Script([httpx.Response(200, json=page_json([], 1, 1))])
    assert list(sync_client(script).personas.iter_all()) == []
    assert len(script.requests) == 1
    assert script.requests[0].url.params["perPage"] == "100"
