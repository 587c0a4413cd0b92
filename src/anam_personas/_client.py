"""The synchronous client."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Self, TypeVar

import httpx
from anam_personas_client import Client as GeneratedClient

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
from anam_personas._personas import Personas
from anam_personas._raw import RawResponse
from anam_personas._retries import RetryPolicy
from anam_personas._useragent import USER_AGENT

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
        self._setup(
            Settings.resolve(api_key, base_url, timeout, retry, strict),
            _runtime or SyncRuntime(sleep=time.sleep),
            http_client if http_client is not None else httpx.Client(),
            Warned(),
            owns_http=True,
        )

    def _setup(
        self, settings: Settings, runtime: SyncRuntime, http: httpx.Client, warned: Warned, *, owns_http: bool
    ) -> None:
        self._settings = settings
        self._runtime: SyncRuntime = runtime
        self._http = http
        # A client made by `with_options` borrows the pool; only the client that made it closes it.
        self._owns_http = owns_http
        self._warned = warned
        self._generated: GeneratedClient | None = None
        self.personas = Personas(self)

    def with_options(
        self,
        *,
        timeout: Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        strict: bool | None = None,
    ) -> Anam:
        """A client with these settings merged over this one's, sharing its connection pool and key.

        Only what is given changes: `retry=RetryPolicy(retry_post=True)` keeps this client's
        `max_retries`, a number for `timeout` keeps its connect limit. Closing the new client
        leaves the pool open; closing this one closes it for both.
        """
        derived = Anam.__new__(Anam)
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

        Pass it to the generated functions (`sync_detailed`, `asyncio_detailed`, ...) to get
        their `Response` objects; those calls are not retried and raise no typed errors.
        """
        if self._generated is None:
            self._generated = GeneratedClient(
                base_url=self._settings.base_url,
                timeout=self._settings.default_httpx_timeout(),
                headers={"User-Agent": USER_AGENT},
                httpx_args=generated_httpx_args(self._settings, self._http),
            )
        return self._generated

    def close(self) -> None:
        """Close the connection pool (unless this client came from `with_options`)."""
        if self._owns_http:
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
        return self._send_raw(call, timeout, retry, strict).parsed

    def _send_raw(
        self, call: ops.Call[T], timeout: Timeout | float | None, retry: RetryPolicy | None, strict: bool | None
    ) -> RawResponse[T]:
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
                model, response = attempts.finish(outcome, self.strict if strict is None else strict, self._warned)
                return RawResponse(model, response)
            if isinstance(outcome, httpx.Response):
                outcome.close()
            self._runtime.sleep(delay)
