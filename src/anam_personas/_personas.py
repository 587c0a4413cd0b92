"""The persona operations of the synchronous client: typed values, or the raw response with them."""

from __future__ import annotations

from collections.abc import Iterator
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
from anam_personas._pagination import iterate
from anam_personas._raw import RawResponse
from anam_personas._retries import RetryPolicy

if TYPE_CHECKING:
    from anam_personas._client import Anam


class Personas:
    """The persona operations of an `Anam` client. Every method takes `timeout`, `retry` and
    `strict`, merged over the client's settings for that one call."""

    def __init__(self, client: Anam) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> PersonasWithRawResponse:
        """The same operations, each returning a `RawResponse` (status, headers, request id, parsed value)."""
        return PersonasWithRawResponse(self._client)

    def create(
        self,
        body: CreatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        """Create a persona (POST /v1/personas); not retried unless `retry_post` is set."""
        return self._client._send(ops.create(body), timeout, retry, strict)

    def get(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        """The persona with this id (GET /v1/personas/{id}); `NotFoundError` when there is none."""
        return self._client._send(ops.get(persona_id), timeout, retry, strict)

    def update(
        self,
        persona_id: UUID | str,
        body: UpdatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        """Change the fields `body` sets, leaving the others (PUT /v1/personas/{id})."""
        return self._client._send(ops.update(persona_id, body), timeout, retry, strict)

    def list(
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
        return self._client._send(ops.list_page(page, per_page, search), timeout, retry, strict)

    def delete(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> DeletePersonaResponse:
        """Delete the persona with this id (DELETE /v1/personas/{id})."""
        return self._client._send(ops.delete(persona_id), timeout, retry, strict)

    def iter_all(
        self,
        *,
        per_page: int = 100,
        search: str | None = None,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Iterator[PersonaSummary]:
        """Every persona (matching `search`), fetching pages as the loop needs them.

        `timeout`, `retry` and `strict` apply to each page request.
        """
        return iterate(
            lambda number: self.list(
                page=number, per_page=per_page, search=search, timeout=timeout, retry=retry, strict=strict
            )
        )


class PersonasWithRawResponse:
    """`client.personas.with_raw_response`: each operation returns a `RawResponse` of its model.

    Retries, timeouts, strict mode and typed errors apply exactly as on `client.personas`.
    """

    def __init__(self, client: Anam) -> None:
        self._client = client

    def create(
        self,
        body: CreatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[Persona]:
        """`Personas.create`, with the response it came from."""
        return self._client._send_raw(ops.create(body), timeout, retry, strict)

    def get(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[Persona]:
        """`Personas.get`, with the response it came from."""
        return self._client._send_raw(ops.get(persona_id), timeout, retry, strict)

    def update(
        self,
        persona_id: UUID | str,
        body: UpdatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[Persona]:
        """`Personas.update`, with the response it came from."""
        return self._client._send_raw(ops.update(persona_id, body), timeout, retry, strict)

    def list(
        self,
        *,
        page: int = 1,
        per_page: int = 10,
        search: str | None = None,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[PersonaList]:
        """`Personas.list`, with the response it came from."""
        return self._client._send_raw(ops.list_page(page, per_page, search), timeout, retry, strict)

    def delete(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> RawResponse[DeletePersonaResponse]:
        """`Personas.delete`, with the response it came from."""
        return self._client._send_raw(ops.delete(persona_id), timeout, retry, strict)
