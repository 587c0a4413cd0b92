"""The in-memory personas of every organisation, and the operations on them.

Every operation runs start to finish under one lock and without awaiting, so on uvicorn's single
event loop (and from threads, as in Starlette's TestClient) a read-modify-write cannot interleave
with another: concurrent updates of different fields of one persona all land. Records are replaced,
never mutated, so a handler may serialise one after the lock is released.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from anam_contract.mock._catalogue import MockFixtures, Organisation
from anam_contract.mock._errors import ApiError, not_found
from anam_contract.mock._fixtures import FixtureError
from anam_contract.mock._rules import StoredPersona, Variants, apply, blank_persona, create_defaults

JSON = Any


def stamp(ms: int) -> str:
    """Milliseconds since the epoch as the API writes a date-time: `2026-04-20T10:00:00.000Z`."""
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


class Store:
    def __init__(self, fixtures: MockFixtures, variants: Variants, summary_fields: Sequence[str]) -> None:
        self._callers = fixtures.organisation_for_key()
        self._variants = variants
        self._summary_fields = tuple(summary_fields)
        self._lock = threading.Lock()
        self._last_ms = 0
        # Per organisation, personas in creation order (dicts keep insertion order): the list shows
        # them newest first, so the order is stable and needs no sort.
        self._personas: dict[str, dict[str, StoredPersona]] = {org.id: {} for org in fixtures.organisations}
        for org in fixtures.organisations:
            # Reversed, so the list shows a file's personas in the file's order.
            for index, body in reversed(list(enumerate(org.personas))):
                try:
                    self.create(org, {k: v for k, v in body.items() if k != "id"}, body.get("id"))
                except ApiError as error:
                    raise FixtureError(f"organisation {org.name!r}, personas[{index}]: {error.message}") from None

    def caller(self, key: str) -> tuple[Organisation, bool] | None:
        """The organisation an API key belongs to and whether the key is read-only."""
        return self._callers.get(key)

    def _tick(self) -> int:
        # Strictly increasing: two writes in one millisecond still get ordered stamps, so
        # updatedAt always moves and createdAt orders the list.
        self._last_ms = max(time.time_ns() // 1_000_000, self._last_ms + 1)
        return self._last_ms

    def create(self, org: Organisation, body: Mapping[str, JSON], persona_id: str | None = None) -> Mapping[str, JSON]:
        with self._lock:
            personas = self._personas[org.id]
            if persona_id is None:
                persona_id = str(uuid.uuid4())
                while persona_id in personas:  # never in practice; cheap insurance for distinct ids
                    persona_id = str(uuid.uuid4())
            elif persona_id in personas:
                raise ApiError(400, "invalid_request", f"id: persona {persona_id} already exists")
            ms = self._tick()
            blank = StoredPersona(blank_persona(persona_id, stamp(ms)))
            public, hidden = apply(org, blank, {**create_defaults(org), **body}, self._variants)
            personas[persona_id] = StoredPersona(public, hidden, ms)
            return public

    def get(self, org: Organisation, persona_id: str) -> Mapping[str, JSON]:
        found = self._personas[org.id].get(persona_id)
        if found is None:
            raise not_found()
        return found.public

    def update(self, org: Organisation, persona_id: str, body: Mapping[str, JSON]) -> Mapping[str, JSON]:
        with self._lock:
            personas = self._personas[org.id]
            before = personas.get(persona_id)
            if before is None:
                raise not_found()
            public, hidden = apply(org, before, body, self._variants)
            ms = max(self._tick(), before.updated_ms + 1)
            public["updatedAt"] = stamp(ms)
            personas[persona_id] = StoredPersona(public, hidden, ms)
            return public

    def delete(self, org: Organisation, persona_id: str) -> None:
        with self._lock:
            if self._personas[org.id].pop(persona_id, None) is None:
                raise not_found()

    def page(self, org: Organisation, page: int, per_page: int, search: str | None) -> dict[str, JSON]:
        start = (page - 1) * per_page
        with self._lock:
            newest_first = reversed(self._personas[org.id].values())
            if search:
                needle = search.casefold()
                matching = [p for p in newest_first if needle in p.public["name"].casefold()]
                total, chosen = len(matching), matching[start : start + per_page]
            else:
                # Without a search only the page itself is walked, not every persona.
                total = len(self._personas[org.id])
                chosen = list(islice(newest_first, min(start, total), min(start + per_page, total)))
        last_page = max(1, -(-total // per_page))
        fields = self._summary_fields
        data = [{k: p.public[k] for k in fields if k in p.public} for p in chosen]
        return {
            "data": data,
            "meta": {
                "total": total,
                "lastPage": last_page,
                "currentPage": page,
                "perPage": per_page,
                # Past the end, `prev` points at the last page that has personas, not at another empty one.
                "prev": min(page - 1, last_page) if page > 1 else None,
                "next": page + 1 if page < last_page else None,
            },
        }
