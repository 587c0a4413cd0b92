"""Fakes shared by the client tests: a clock that sleeps instantly, scripted transports, bodies."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from anam_contract.spec import Spec
from anam_personas import Anam, AsyncAnam, RetryPolicy, Timeout
from anam_personas._base import AsyncRuntime, SyncRuntime

API_KEY = "sk-test-7c1e0f6b2d4a48f5"
BASE_URL = "https://api.test.anam.invalid"
PERSONA_ID = "00000000-0000-0000-0000-000000000000"
START = datetime(2026, 4, 22, 12, 0, 0, tzinfo=UTC)

_SPEC = Spec.load()


def persona_json(**changes: Any) -> dict[str, Any]:
    """The spec's persona example, with `changes` applied."""
    body = copy.deepcopy(_SPEC.pointer("#/components/examples/PersonaExample")["value"])
    body.update(changes)
    return dict(body)


def summary_json(persona_id: str, name: str) -> dict[str, Any]:
    full = persona_json(id=persona_id, name=name)
    keys = ("id", "name", "description", "personaPreset", "avatar", "voice", "voiceSpeed", "createdAt", "updatedAt")
    return {key: full[key] for key in keys}


def page_json(ids: list[str], page: int, last_page: int, per_page: int = 2) -> dict[str, Any]:
    return {
        "data": [summary_json(persona_id, f"persona {persona_id[-2:]}") for persona_id in ids],
        "meta": {
            "total": per_page * last_page,
            "lastPage": last_page,
            "currentPage": page,
            "perPage": per_page,
            "prev": page - 1 if page > 1 else None,
            "next": page + 1 if page < last_page else None,
        },
    }


@dataclass
class FakeClock:
    """Monotonic and wall time that only move when the client sleeps; records every sleep."""

    elapsed: float = 0.0
    draw: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.elapsed

    def now(self) -> datetime:
        return START + timedelta(seconds=self.elapsed)

    def random(self) -> float:
        return self.draw

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.elapsed += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def runtime(self) -> SyncRuntime:
        return SyncRuntime(sleep=self.sleep, monotonic=self.monotonic, now=self.now, random=self.random)

    def async_runtime(self) -> AsyncRuntime:
        return AsyncRuntime(sleep=self.async_sleep, monotonic=self.monotonic, now=self.now, random=self.random)


Reply = httpx.Response | Exception


class Script:
    """A MockTransport handler answering from a list of replies (the last one repeats)."""

    def __init__(self, replies: Iterable[Reply | Callable[[httpx.Request], Reply]]) -> None:
        self._replies = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self._replies[min(len(self.requests), len(self._replies)) - 1]
        if callable(reply) and not isinstance(reply, httpx.Response | Exception):
            reply = reply(request)
        if isinstance(reply, Exception):
            raise reply
        return reply


def sync_client(
    script: Script, clock: FakeClock | None = None, *, retry: RetryPolicy | None = None, timeout: Timeout | None = None
) -> Anam:
    return Anam(
        api_key=API_KEY,
        base_url=BASE_URL,
        retry=retry,
        timeout=timeout,
        http_client=httpx.Client(transport=httpx.MockTransport(script)),
        _runtime=(clock or FakeClock()).runtime(),
    )


def async_client(
    script: Script, clock: FakeClock | None = None, *, retry: RetryPolicy | None = None, timeout: Timeout | None = None
) -> AsyncAnam:
    return AsyncAnam(
        api_key=API_KEY,
        base_url=BASE_URL,
        retry=retry,
        timeout=timeout,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(script)),
        _runtime=(clock or FakeClock()).async_runtime(),
    )


def status(code: int, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
    if body is None:
        body = {"error": f"status {code}"}
    return httpx.Response(code, json=body, headers=headers)
