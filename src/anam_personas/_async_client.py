"""The asynchronous client: the same surface as `Anam`, with coroutines, on any anyio backend (asyncio, trio)."""

from __future__ import annotations

from types import TracebackType
from typing import Self, TypeVar

import anyio
import httpx
from anam_personas_client import Client as GeneratedClient

from anam_personas import _operations as ops
from anam_personas._async_personas import AsyncPersonas
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
from anam_personas._raw import RawResponse
from anam_personas._retries import RetryPolicy
from anam_personas._useragent import USER_AGENT

T = TypeVar("T")


class AsyncAnam(SettingsView):
    """Async client of the Anam personas API; configured exactly like `Anam`, on asyncio or trio.

    The key comes from `api_key` or `ANAM_API_KEY`; the base URL from `base_url`,
    `ANAM_BASE_URL` or the spec's server. Pass `http_client` to bring your own `httpx.AsyncClient`
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
        http_client: httpx.AsyncClient | None = None,
        _runtime: AsyncRuntime | None = None,
    ) -> None:
        self._setup(
            Settings.resolve(api_key, base_url, timeout, retry, strict),
            _runtime or AsyncRuntime(sleep=anyio.sleep),
            http_client if http_client is not None else httpx.AsyncClient(),
            Warned(),
            owns_http=True,
        )

    def _setup(
        self, settings: Settings, runtime: AsyncRuntime, http: httpx.AsyncClient, warned: Warned, *, owns_http: bool
    ) -> None:
        self._settings = settings
        self._runtime: AsyncRuntime = runtime
        self._http = http
        # A client made by `with_options` borrows the pool; only the client that made it closes it.
        self._owns_http = owns_http
        self._warned = warned
        self._generated: GeneratedClient | None = None
        self.personas = AsyncPersonas(self)

    def with_options(
        self,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> AsyncAnam:
        """A client with these settings merged over this one's, sharing its connection pool and key.

        Only what is given changes: `retry=RetryPolicy(retry_post=True)` keeps this client's
        `max_retries`, a number for `timeout` keeps its connect limit. Closing the new client
        leaves the pool open; closing this one closes it for both.
        """
        derived = AsyncAnam.__new__(AsyncAnam)
        derived._setup(
            self._settings.with_options(timeout, retry, strict),
            self._runtime,
            self._http,
            self._warned,
            owns_http=False,
        )
        return derived

    @property
    def generated(self) -> GeneratedClient:
        """The generated package's client, sharing this client's connection, key and base URL.

        Pass it to the generated `asyncio_detailed` functions to get their `Response` objects;
        those calls are not retried and raise no typed errors.
        """
        if self._generated is None:
            self._generated = GeneratedClient(
                base_url=self._settings.base_url,
                timeout=self._settings.default_httpx_timeout(),
                headers={"User-Agent": USER_AGENT},
                httpx_args=generated_httpx_args(self._settings, self._http),
            )
        return self._generated

    async def close(self) -> None:
        """Close the connection pool (unless this client came from `with_options`)."""
        if self._owns_http:
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
        return (await self._send_raw(call, timeout, retry, strict)).parsed

    async def _send_raw(
        self, call: ops.Call[T], timeout: Timeout | float | None, retry: RetryPolicy | None, strict: bool | None
    ) -> RawResponse[T]:
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
                model, response = attempts.finish(outcome, self.strict if strict is None else strict, self._warned)
                return RawResponse(model, response)
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            await self._runtime.sleep(delay)
