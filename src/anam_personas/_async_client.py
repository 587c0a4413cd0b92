"""The asynchronous client: the same surface as `Anam`, with coroutines (asyncio)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Self, TypeVar
from uuid import UUID

import httpx
from anam_personas_client import Client as GeneratedClient
from anam_personas_client.models import (
    CreatePersonaRequest,
    DeletePersonaResponse,
    Persona,
    PersonaList,
    PersonaSummary,
    UpdatePersonaRequest,
)

from anam_personas import _operations as ops
from anam_personas._base import (
    AsyncRuntime,
    Attempts,
    Settings,
    SettingsView,
    Warned,
    generated_httpx_args,
    request_args,
)
from anam_personas._config import Timeout
from anam_personas._pagination import aiterate
from anam_personas._retries import RetryPolicy

T = TypeVar("T")


class AsyncAnam(SettingsView):
    """Async client of the Anam personas API; configured exactly like `Anam`.

    Pass `http_client` to bring your own `httpx.AsyncClient`.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool = False,
        http_client: httpx.AsyncClient | None = None,
        _runtime: AsyncRuntime | None = None,
    ) -> None:
        self._settings = Settings.resolve(api_key, base_url, timeout, retry, strict)
        self._runtime: AsyncRuntime = _runtime or AsyncRuntime(sleep=asyncio.sleep)
        self._http = http_client if http_client is not None else httpx.AsyncClient()
        self._warned = Warned()
        self._generated: GeneratedClient | None = None
        self.personas = AsyncPersonas(self)

    @property
    def generated(self) -> GeneratedClient:
        """The generated package's client for `asyncio_detailed` and friends (no retries, no typed errors)."""
        if self._generated is None:
            self._generated = GeneratedClient(
                base_url=self._settings.base_url,
                timeout=self._settings.default_httpx_timeout(),
                httpx_args=generated_httpx_args(self._settings, self._http),
            )
        return self._generated

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._settings.base_url!r})"

    async def _send(
        self, call: ops.Call[T], timeout: Timeout | float | None, retry: RetryPolicy | None, strict: bool | None
    ) -> T:
        attempts = Attempts(call, self._settings, self._runtime, timeout, retry)
        while True:
            limits = attempts.limits()
            outcome: httpx.Response | Exception
            try:
                outcome = await self._http.request(**request_args(call, self._settings), timeout=limits)
            except httpx.RequestError as error:
                outcome = error
            delay = attempts.retry_delay(outcome)
            if delay is None:
                return attempts.finish(outcome, self.strict if strict is None else strict, self._warned)
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            await self._runtime.sleep(delay)


class AsyncPersonas:
    """The persona operations of an `AsyncAnam` client; see `Personas`."""

    def __init__(self, client: AsyncAnam) -> None:
        self._client = client

    async def create(
        self,
        body: CreatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        return await self._client._send(ops.create(body), timeout, retry, strict)

    async def get(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        return await self._client._send(ops.get(persona_id), timeout, retry, strict)

    async def update(
        self,
        persona_id: UUID | str,
        body: UpdatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        return await self._client._send(ops.update(persona_id, body), timeout, retry, strict)

    async def list(
        self,
        *,
        page: int = 1,
        per_page: int = 10,
        search: str | None = None,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> PersonaList:
        """One page of personas, newest first; `iter_all` walks them all."""
        return await self._client._send(ops.list_page(page, per_page, search), timeout, retry, strict)

    async def delete(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> DeletePersonaResponse:
        return await self._client._send(ops.delete(persona_id), timeout, retry, strict)

    def iter_all(
        self,
        *,
        per_page: int = 100,
        search: str | None = None,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> AsyncIterator[PersonaSummary]:
        """Every persona (matching `search`), for `async for`; pages are fetched as needed."""

        async def fetch(number: int) -> PersonaList:
            return await self.list(page=number, per_page=per_page, search=search, timeout=timeout, retry=retry)

        return aiterate(fetch)
