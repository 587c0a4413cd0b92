"""Walk every page of the persona list without the caller handling page numbers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from uuid import UUID

from anam_personas_client.models import PageMeta, PersonaList, PersonaSummary


def _next_page(meta: PageMeta) -> int | None:
    """The page after `meta`, or None at the end.

    A `next` that does not move forward ends the walk too, so a misbehaving server cannot loop it.
    """
    following = meta.next_
    if following is None or following <= meta.current_page:
        return None
    return following


def _fresh(page: PersonaList, seen: set[UUID]) -> list[PersonaSummary]:
    # The list is newest first: a persona created during the walk pushes older ones onto the
    # next page, where they would show up twice. Each id is yielded once.
    fresh = [persona for persona in page.data if persona.id not in seen]
    seen.update(persona.id for persona in fresh)
    return fresh


def iterate(fetch: Callable[[int], PersonaList]) -> Iterator[PersonaSummary]:
    """Every persona of every page, `fetch(page_number)` giving one page."""
    seen: set[UUID] = set()
    number: int | None = 1
    while number is not None:
        page = fetch(number)
        yield from _fresh(page, seen)
        number = _next_page(page.meta)


async def aiterate(fetch: Callable[[int], Awaitable[PersonaList]]) -> AsyncIterator[PersonaSummary]:
    """The async twin of `iterate`."""
    seen: set[UUID] = set()
    number: int | None = 1
    while number is not None:
        page = await fetch(number)
        for persona in _fresh(page, seen):
            yield persona
        number = _next_page(page.meta)
