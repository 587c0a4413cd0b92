"""The synchronous client."""

from __future__ import annotations

import time
from collections.abc import Iterator
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
    Attempts,
    Settings,
    SettingsView,
    SyncRuntime,
    Warned,
    generated_httpx_args,
    request_args,
)
from anam_personas._config import Timeout
from anam_personas._pagination import iterate
from anam_personas._retries import RetryPolicy

T = TypeVar("T")


class Anam(SettingsView):
    """Client of the Anam personas API.

    The key comes from `api_key` or `ANAM_API_KEY`; the base URL from `base_url`,
    `ANAM_BASE_URL` or the spec's server. Pass `http_client` to bring your own `httpx.Client`
    (proxies, TLS, transport): it is never changed, since base URL, key and timeout go on each
    request, so one pool can serve clients of several organisations.

    A success body that breaks the spec is parsed anyway and the misfits are listed on the
    returned model's `spec_violations`; `strict=True` (here or per call) raises
    `APIResponseValidationError` naming every one instead.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool = False,
        http_client: httpx.Client | None = None,
        _runtime: SyncRuntime | None = None,
    ) -> None:
        self._settings = Settings.resolve(api_key, base_url, timeout, retry, strict)
        self._runtime: SyncRuntime = _runtime or SyncRuntime(sleep=time.sleep)
        self._http = http_client if http_client is not None else httpx.Client()
        self._warned = Warned()
        self._generated: GeneratedClient | None = None
        self.personas = Personas(self)

    @property
    def generated(self) -> GeneratedClient:
        """The generated package's client, sharing this client's connection, key and base URL.

        Pass it to the generated functions (`sync_detailed`, `asyncio_detailed`, ...) to get
        their `Response` objects; those calls are not retried and raise no typed errors.
        """
        if self._generated is None:
            self._generated = GeneratedClient(
                base_url=self._settings.base_url,
                timeout=self._settings.default_httpx_timeout(),
                httpx_args=generated_httpx_args(self._settings, self._http),
            )
        return self._generated

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._settings.base_url!r})"

    def _send(
        self, call: ops.Call[T], timeout: Timeout | float | None, retry: RetryPolicy | None, strict: bool | None
    ) -> T:
        attempts = Attempts(call, self._settings, self._runtime, timeout, retry)
        while True:
            limits = attempts.limits()
            outcome: httpx.Response | Exception
            try:
                outcome = self._http.request(**request_args(call, self._settings), timeout=limits)
            except httpx.RequestError as error:
                outcome = error
            delay = attempts.retry_delay(outcome)
            if delay is None:
                return attempts.finish(outcome, self.strict if strict is None else strict, self._warned)
            if isinstance(outcome, httpx.Response):
                outcome.close()
            self._runtime.sleep(delay)


class Personas:
    """The persona operations of an `Anam` client. Every method takes `timeout`, `retry` and
    `strict` to override the client's settings for that one call."""

    def __init__(self, client: Anam) -> None:
        self._client = client

    def create(
        self,
        body: CreatePersonaRequest,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
        return self._client._send(ops.create(body), timeout, retry, strict)

    def get(
        self,
        persona_id: UUID | str,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Persona:
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

        `timeout` and `retry` apply to each page request.
        """
        return iterate(
            lambda number: self.list(page=number, per_page=per_page, search=search, timeout=timeout, retry=retry)
        )
