"""What the sync and the async client share: settings, one call's retry state, result mapping.

The clients only differ in how they send and how they sleep; everything that decides what to
do with an outcome lives here, once.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
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
from anam_personas._useragent import USER_AGENT
from anam_personas._violations import SpecViolation

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
    strict: bool = False

    @classmethod
    def resolve(
        cls,
        api_key: str | None,
        base_url: str | None,
        timeout: Timeout | float | None,
        retry: RetryPolicy | None,
        strict: bool = False,
    ) -> Settings:
        return cls(
            secret=resolve_api_key(api_key),
            base_url=resolve_base_url(base_url),
            timeout=Timeout() if timeout is None else Timeout.coerce(timeout),
            retry=RetryPolicy() if retry is None else retry,
            strict=strict,
        )

    def with_options(self, timeout: Timeout | float | None, retry: RetryPolicy | None, strict: bool | None) -> Settings:
        """These settings with the given ones merged in (`None` keeps a setting as it is)."""
        return replace(
            self,
            timeout=self.timeout if timeout is None else Timeout.coerce(timeout).merged_over(self.timeout),
            retry=self.retry if retry is None else retry.merged_over(self.retry),
            strict=self.strict if strict is None else strict,
        )

    def default_httpx_timeout(self) -> httpx.Timeout:
        return self.timeout.for_attempt(self.timeout.total)


class SettingsView:
    """The read-only settings both clients expose; one place, so the two cannot drift apart."""

    _settings: Settings

    @property
    def base_url(self) -> str:
        """The API's base URL, without a trailing slash."""
        return self._settings.base_url

    @property
    def timeout(self) -> Timeout:
        """The time limits of each call."""
        return self._settings.timeout

    @property
    def retry(self) -> RetryPolicy:
        """How each call is retried."""
        return self._settings.retry

    @property
    def strict(self) -> bool:
        """True when a success body that breaks the spec raises `APIResponseValidationError`."""
        return self._settings.strict


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
        # Per-call options merge with the client's: only what they name changes.
        merged = settings.with_options(timeout, retry, None)
        self._timeout = merged.timeout
        self._policy = merged.retry
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

    def finish(self, outcome: httpx.Response | Exception, strict: bool, warned: Warned) -> tuple[T, httpx.Response]:
        """The parsed success body and its response, or the exception that stands for `outcome`.

        A JSON success body never fails for breaking the spec unless `strict`: what does not fit
        is listed on the model (`spec_violations`) and logged once per pointer per client.
        """
        if isinstance(outcome, Exception):
            raise self._transport_error(outcome) from outcome
        logger.debug("%s answered %d after %d retries", self.call.label, outcome.status_code, self.retries)
        if not 200 <= outcome.status_code < 300:
            raise self._status_error(outcome)
        try:
            data = outcome.json()
        except (ValueError, RecursionError) as error:  # RecursionError: nested too deep to decode
            message = f"{self.call.label} answered {outcome.status_code} with a body that is not JSON: {error}"
            raise APIResponseValidationError(self._secret.redact(message), response=outcome) from None
        # A body echoing the key would put it into the violations' quoted values, perhaps cut
        # in half by their truncation where no redaction could find it: quote a redacted copy.
        shown = None if self._secret.redact(outcome.text) == outcome.text else self._secret.redact_json(data)
        model, violations = self.call.parse(data, shown)
        if violations and strict:
            raise APIResponseValidationError(
                self._secret.redact(strict_message(self.call, outcome.status_code, violations)),
                response=outcome,
                violations=violations,
            )
        for violation in violations:
            if warned.first(violation.pointer):
                logger.warning(
                    "%s",
                    self._secret.redact(
                        f"{self.call.operation_id} ({self.call.label}): response breaks the spec at {violation}"
                    ),
                )
        return model, outcome

    def _status_error(self, response: httpx.Response) -> Exception:
        body = parse_error_body(response)
        message = f"{self.call.label} answered {response.status_code} {response.reason_phrase}"
        if self.retries:
            message += f" after {self.retries} retries"
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


def strict_message(call: Call[Any], status: int, violations: tuple[SpecViolation, ...]) -> str:
    """Every violation on its own line, so strict mode shows all of them at once."""
    lines = [
        f"{call.operation_id} ({call.label}) answered {status} with a body that breaks the spec"
        f" in {len(violations)} place(s):"
    ]
    lines.extend(f"  {violation}" for violation in violations)
    return "\n".join(lines)


class Warned:
    """The pointers a client has already logged a WARNING for: each is logged once per client."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def first(self, pointer: str) -> bool:
        with self._lock:
            if pointer in self._seen:
                return False
            self._seen.add(pointer)
            return True


def request_args(call: Call[Any], settings: Settings) -> dict[str, Any]:
    """`call.request` made absolute, with the key attached to this request only.

    The caller's httpx client is never changed (its base URL, auth and timeout stay as they are),
    so one connection pool can serve clients of several organisations at once.
    """
    args = dict(call.request)
    args["url"] = settings.base_url + str(args["url"])
    args["auth"] = BearerAuth(settings.secret)
    # Per request, so it is there on a caller's own httpx client too (whose default it replaces).
    args["headers"] = {**args.get("headers", {}), "User-Agent": USER_AGENT}
    return args


def generated_httpx_args(settings: Settings, http_client: httpx.Client | httpx.AsyncClient) -> dict[str, Any]:
    """httpx settings for the generated package's own client: ours, over the caller's transport.

    Sharing the transport shares its connection pool (and any test transport) while the caller's
    client keeps its own base URL and auth. httpx has no public accessor for the transport.
    """
    return {"auth": BearerAuth(settings.secret), "transport": http_client._transport}
