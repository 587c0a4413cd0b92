"""The persona operations of the asynchronous client: typed values, or the raw response with them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING
from uuid import UUID

from anam_personas_client.models import (
    CreatePersonaRequest,
    DeletePersonaResponse,
    Persona,
    PersonaList,
    PersonaSummary,
    UpdatePersonaRequest,
)

from anam_personas import _operations as ops
from anam_personas._config import Timeout
from anam_personas._pagination import aiterate
from anam_personas._raw import RawResponse
from anam_personas._retries import RetryPolicy

if TYPE_CHECKING:
    from anam_personas._async_client import AsyncAnam


class AsyncPersonas:
    """The persona operations of an `AsyncAnam` client, as coroutines; see `Personas`."""

    def __init__(self, client: AsyncAnam) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> AsyncPersonasWithRawResponse:
        """The same operations, each returning a `RawResponse` (status, headers, request id, parsed value)."""
        return AsyncPersonasWithRawResponse(self._client)

    async def create(
        self,
        body: CreatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        """Create a persona (POST /v1/personas); not retried unless `retry_post` is set."""
        return await self._client._send(ops.create(body), timeout, retry, strict)

    async def get(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        """The persona with this id (GET /v1/personas/{id}); `NotFoundError` when there is none."""
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
        """Change the fields `body` sets, leaving the others (PUT /v1/personas/{id})."""
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
        """Delete the persona with this id (DELETE /v1/personas/{id})."""
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
            return await self.list(
                page=number, per_page=per_page, search=search, timeout=timeout, retry=retry, strict=strict
            )

        return aiterate(fetch)


class AsyncPersonasWithRawResponse:
    """`client.personas.with_raw_response` of `AsyncAnam`: each coroutine returns a `RawResponse`.

    Retries, timeouts, strict mode and typed errors apply exactly as on `client.personas`.
    """

    def __init__(self, client: AsyncAnam) -> None:
        self._client = client

    async def create(
        self,
        body: CreatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[Persona]:
        """`AsyncPersonas.create`, with the response it came from."""
        return await self._client._send_raw(ops.create(body), timeout, retry, strict)

    async def get(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[Persona]:
        """`AsyncPersonas.get`, with the response it came from."""
        return await self._client._send_raw(ops.get(persona_id), timeout, retry, strict)

    async def update(
        self,
        persona_id: UUID | str,
        body: UpdatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[Persona]:
        """`AsyncPersonas.update`, with the response it came from."""
        return await self._client._send_raw(ops.update(persona_id, body), timeout, retry, strict)

    async def list(
        self,
        *,
        page: int = 1,
        per_page: int = 10,
        search: str | None = None,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[PersonaList]:
        """`AsyncPersonas.list`, with the response it came from."""
        return await self._client._send_raw(ops.list_page(page, per_page, search), timeout, retry, strict)

    async def delete(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[DeletePersonaResponse]:
        """`AsyncPersonas.delete`, with the response it came from."""
        return await self._client._send_raw(ops.delete(persona_id), timeout, retry, strict)
