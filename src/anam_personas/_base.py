"""What the sync and the async client share: settings, one call's retry state, result mapping.

The clients only differ in how they send and how they sleep; everything that decides what to
do with an outcome lives here, once.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import httpx

from anam_personas._config import Timeout, resolve_api_key, resolve_base_url
from anam_personas._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    parse_error_body,
    status_error_class,
)
from anam_personas._operations import Call
from anam_personas._redact import BearerAuth, Secret
from anam_personas._retries import RetryPolicy

T = TypeVar("T")
SleepT = TypeVar("SleepT")

logger = logging.getLogger("anam_personas")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Runtime(Generic[SleepT]):
    """The clocks, the random source and the sleep a client uses; tests swap in fakes."""

    sleep: SleepT
    monotonic: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = _utc_now
    random: Callable[[], float] = random.random


SyncRuntime = Runtime[Callable[[float], None]]
AsyncRuntime = Runtime[Callable[[float], Awaitable[None]]]


@dataclass(frozen=True)
class Settings:
    """A client's resolved configuration."""

    secret: Secret = field(repr=False)
    base_url: str
    timeout: Timeout
    retry: RetryPolicy

    @classmethod
    def resolve(
        cls,
        api_key: str | None,
        base_url: str | None,
        timeout: Timeout | float | None,
        retry: RetryPolicy | None,
    ) -> Settings:
        return cls(
            secret=resolve_api_key(api_key),
            base_url=resolve_base_url(base_url),
            timeout=Timeout() if timeout is None else Timeout.coerce(timeout),
            retry=RetryPolicy() if retry is None else retry,
        )

    def default_httpx_timeout(self) -> httpx.Timeout:
        return self.timeout.for_attempt(self.timeout.total)


class SettingsView:
    """The read-only settings both clients expose; one place, so the two cannot drift apart."""

    _settings: Settings

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def timeout(self) -> Timeout:
        return self._settings.timeout

    @property
    def retry(self) -> RetryPolicy:
        return self._settings.retry


class Attempts(Generic[T]):
    """The retry state of one call: its deadline, the retries made, what to do with an outcome."""

    def __init__(
        self,
        call: Call[T],
        settings: Settings,
        runtime: Runtime[Any],
        timeout: Timeout | float | None,
        retry: RetryPolicy | None,
    ) -> None:
        self.call = call
        self._secret = settings.secret
        self._runtime = runtime
        self._timeout = settings.timeout if timeout is None else Timeout.coerce(timeout)
        self._policy = settings.retry if retry is None else retry
        self._deadline = runtime.monotonic() + self._timeout.total
        self.retries = 0

    def limits(self) -> httpx.Timeout:
        """httpx limits for the next attempt; APITimeoutError when the call's budget is spent."""
        remaining = self._deadline - self._runtime.monotonic()
        if remaining <= 0:
            raise APITimeoutError(
                f"{self.call.label} used up its {self._timeout.total:g} s timeout after {self.retries} retries"
            )
        logger.debug("sending %s (attempt %d)", self.call.label, self.retries + 1)
        return self._timeout.for_attempt(remaining)

    def retry_delay(self, outcome: httpx.Response | Exception) -> float | None:
        """Seconds to wait before the next attempt, or None when `outcome` is final."""
        delay = self._policy.delay_for(
            self.call.method, outcome, self.retries, self._runtime.random(), self._runtime.now()
        )
        if delay is None:
            return None
        if self._runtime.monotonic() + delay >= self._deadline:
            # The retry could not finish within the call's timeout; report what happened instead.
            logger.debug("not retrying %s: a %.2f s wait would pass its timeout", self.call.label, delay)
            return None
        self.retries += 1
        reason = f"status {outcome.status_code}" if isinstance(outcome, httpx.Response) else type(outcome).__name__
        logger.info(
            "retrying %s in %.2f s (retry %d of %d) after %s",
            self.call.label,
            delay,
            self.retries,
            self._policy.max_retries,
            reason,
        )
        return delay

    def finish(self, outcome: httpx.Response | Exception) -> T:
        """The parsed success body, or the exception that stands for `outcome`."""
        if isinstance(outcome, Exception):
            raise self._transport_error(outcome) from outcome
        if not 200 <= outcome.status_code < 300:
            raise self._status_error(outcome)
        try:
            data = outcome.json()
            if not isinstance(data, dict):
                raise TypeError("the body is not a JSON object")
            return self.call.parse(data)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            message = f"{self.call.label} answered {outcome.status_code} with a body the spec does not allow: {error}"
            raise APIResponseValidationError(self._secret.redact(message), response=outcome) from None

    def _status_error(self, response: httpx.Response) -> Exception:
        body = parse_error_body(response)
        message = f"{self.call.label} answered {response.status_code} {response.reason_phrase}"
        if body is not None:
            message += f": {body.error}"
            if isinstance(body.message, str) and body.message:
                message += f" ({body.message})"
        cls = status_error_class(response.status_code)
        return cls(self._secret.redact(message), response=response, body=body)

    def _transport_error(self, error: Exception) -> Exception:
        retried = f" after {self.retries} retries" if self.retries else ""
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(
                self._secret.redact(f"{self.call.label} timed out{retried}"), request=_request(error)
            )
        detail = self._secret.redact(f"{type(error).__name__}: {error}")
        return APIConnectionError(f"{self.call.label} failed{retried}: {detail}", request=_request(error))


def _request(error: Exception) -> httpx.Request | None:
    try:
        return error.request if isinstance(error, httpx.RequestError) else None
    except RuntimeError:
        # httpx raises when an exception was created without a request.
        return None


def configure_http(
    http_client: httpx.Client | httpx.AsyncClient,
    settings: Settings,
) -> None:
    """Point an httpx client at the API: base URL, key and default timeout.

    Other settings (transport, proxies, TLS, event hooks) stay as the caller made them.
    """
    http_client.base_url = httpx.URL(settings.base_url)
    http_client.auth = BearerAuth(settings.secret)
    http_client.timeout = settings.default_httpx_timeout()
