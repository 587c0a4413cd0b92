"""Walk every page of the persona list without the caller handling page numbers.

The walk counts pages itself (1, 2, 3...) rather than following the server's `next`, and trusts
the server only as far as it is consistent: it stops at the last page, raises `PaginationError`
when the server repeats a page or its meta contradicts itself, and never asks for more pages
than the first answer's `lastPage` plus a small margin for personas created during the walk.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

from anam_personas_client.models import PersonaList, PersonaSummary

from anam_personas._errors import PaginationError

logger = logging.getLogger("anam_personas")

# Pages a walk may ask for beyond the first answer's lastPage: personas created while walking
# push older ones onward, which can add a page or two, never more in practice.
EXTRA_PAGES = 2


def _count(value: Any) -> int | None:
    # A page number the server sent, or None when it sent something that is not one.
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


class _Walk:
    """The state of one walk: which page comes next, what was seen, when to stop."""

    def __init__(self) -> None:
        self.number = 1
        self.limit: int | None = None
        self._seen_ids: set[str] = set()
        self._seen_pages: set[tuple[str, ...]] = set()

    def take(self, page: PersonaList) -> tuple[list[PersonaSummary], bool]:
        """The new personas of the page just fetched, and whether to fetch another."""
        meta = getattr(page, "meta", None)
        last = _count(getattr(meta, "last_page", None))
        current = getattr(meta, "current_page", None)
        following = getattr(meta, "next_", None)
        data = page.data if isinstance(page.data, list) else []
        items = [item for item in data if isinstance(item, PersonaSummary)]
        ids = tuple(str(item.id) for item in items)
        if isinstance(current, int) and current != self.number:
            raise PaginationError(f"asked for page {self.number}, the server answered currentPage {current!r}")
        if ids and ids in self._seen_pages:
            raise PaginationError(f"page {self.number} repeats a page already seen; stopping the walk")
        self._seen_pages.add(ids)
        if last is None:
            logger.warning("page %d of listPersonas has no usable lastPage; stopping the walk there", self.number)
            return self._fresh(items), False
        if self.limit is None:
            self.limit = last + EXTRA_PAGES
        more = self.number < last and bool(items)
        if not isinstance(following, int | None):
            following = self.number + 1 if more else None  # a misfit already listed; the count decides
        if (following is not None and following != self.number + 1) or (following is None and more):
            raise PaginationError(
                f"page {self.number}: next is {following!r} while lastPage is {last}; the meta contradicts itself"
            )
        if more and self.number >= self.limit:
            raise PaginationError(f"the list kept growing past {self.limit} pages; stopping the walk")
        self.number += 1
        return self._fresh(items), more

    def _fresh(self, items: list[PersonaSummary]) -> list[PersonaSummary]:
        # The list is newest first: a persona created during the walk pushes older ones onto the
        # next page, where they would show up twice. Each id is yielded once.
        fresh = [item for item in items if str(item.id) not in self._seen_ids]
        self._seen_ids.update(str(item.id) for item in fresh)
        return fresh


def iterate(fetch: Callable[[int], PersonaList]) -> Iterator[PersonaSummary]:
    """Every persona of every page, `fetch(page_number)` giving one page."""
    walk = _Walk()
    more = True
    while more:
        fresh, more = walk.take(fetch(walk.number))
        yield from fresh


async def aiterate(fetch: Callable[[int], Awaitable[PersonaList]]) -> AsyncIterator[PersonaSummary]:
    """The async twin of `iterate`."""
    walk = _Walk()
    more = True
    while more:
        fresh, more = walk.take(await fetch(walk.number))
        for item in fresh:
            yield item
