"""When to retry a request and how long to wait first.

Pure functions of the outcome, the attempt number, the clock reading and a random draw, so the
sync and the async clients share them and tests can pin every delay.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

# Methods the API treats as idempotent: repeating them cannot create a second persona.
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})

# Transport failures worth another try; others (a malformed URL, a bad proxy setting) would
# fail the same way again.
_TRANSIENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


_POLICY_DEFAULTS: dict[str, Any] = {
    "max_retries": 2,
    "initial_delay": 0.5,
    "max_delay": 8.0,
    "jitter": 0.25,
    "max_retry_after": 60.0,
    "retry_post": False,
    "retry_statuses": frozenset({408, 429, 500, 502, 503, 504}),
}


@dataclass(frozen=True, init=False)
class RetryPolicy:
    """How a client retries.

    A request is retried when it failed to get a response or got one of `retry_statuses`, and
    its method is idempotent (GET, PUT, DELETE) or it is a POST and `retry_post` is true. The
    wait before retry n (0-based) is `initial_delay * 2**n`, at most `max_delay`, shortened by
    a random fraction up to `jitter` so that many clients do not retry in step. A `Retry-After`
    header (seconds or an HTTP date) replaces that wait, capped at `max_retry_after`.

    A policy given for one call (or to `with_options`) changes only the fields it names: the
    others keep the client's values, so `RetryPolicy(retry_post=True)` on a client made with
    `RetryPolicy(max_retries=5)` still retries five times. A field left out (or None) reads as
    its default on a policy of its own.
    """

    max_retries: int
    initial_delay: float
    max_delay: float
    jitter: float
    max_retry_after: float
    retry_post: bool
    retry_statuses: frozenset[int]
    # The fields the caller named; what `merged_over` takes from this policy rather than the base.
    _given: frozenset[str] = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        *,
        max_retries: int | None = None,
        initial_delay: float | None = None,
        max_delay: float | None = None,
        jitter: float | None = None,
        max_retry_after: float | None = None,
        retry_post: bool | None = None,
        retry_statuses: Iterable[int] | None = None,
    ) -> None:
        named: dict[str, Any] = {
            "max_retries": max_retries,
            "initial_delay": initial_delay,
            "max_delay": max_delay,
            "jitter": jitter,
            "max_retry_after": max_retry_after,
            "retry_post": retry_post,
            "retry_statuses": None if retry_statuses is None else frozenset(retry_statuses),
        }
        for name, value in named.items():
            object.__setattr__(self, name, _POLICY_DEFAULTS[name] if value is None else value)
        object.__setattr__(self, "_given", frozenset(name for name, value in named.items() if value is not None))
        self._check()

    def _check(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int) or self.max_retries < 0:
            raise ValueError(f"RetryPolicy.max_retries must be an integer >= 0, not {self.max_retries!r}")
        for name in ("initial_delay", "max_delay", "max_retry_after"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ValueError(f"RetryPolicy.{name} must be a finite number of seconds >= 0, not {value!r}")
        if not 0 <= self.jitter <= 1:
            raise ValueError(f"RetryPolicy.jitter must be between 0 and 1, not {self.jitter!r}")

    def merged_over(self, base: RetryPolicy) -> RetryPolicy:
        """This policy's named fields over `base`'s values: what a per-call policy means."""
        merged = RetryPolicy(
            **{name: getattr(self if name in self._given else base, name) for name in _POLICY_DEFAULTS}
        )
        object.__setattr__(merged, "_given", base._given | self._given)
        return merged

    def method_allowed(self, method: str) -> bool:
        """Whether a request of this HTTP method may be retried under this policy."""
        method = method.upper()
        return method in _IDEMPOTENT or (method == "POST" and self.retry_post)

    def backoff(self, retry_number: int, draw: float) -> float:
        """The wait before retry `retry_number` (0-based); `draw` is uniform in [0, 1)."""
        base = min(self.max_delay, self.initial_delay * 2.0**retry_number)
        return base * (1 - self.jitter * draw)

    def delay_for(
        self,
        method: str,
        outcome: httpx.Response | Exception,
        retries_done: int,
        draw: float,
        now: datetime,
    ) -> float | None:
        """Seconds to wait before retrying after `outcome`, or None when it must not be retried."""
        if retries_done >= self.max_retries or not self.method_allowed(method):
            return None
        if isinstance(outcome, httpx.Response):
            if outcome.status_code not in self.retry_statuses:
                return None
            retry_after = parse_retry_after(outcome.headers.get("Retry-After"), _server_now(outcome, now))
            if retry_after is not None:
                return min(retry_after, self.max_retry_after)
        elif not isinstance(outcome, _TRANSIENT_ERRORS):
            return None
        return self.backoff(retries_done, draw)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a `Retry-After` value: delay-seconds or an HTTP date.

    None for a missing or unreadable value, so the caller falls back to its own backoff; a date
    in the past means no wait.
    """
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        # RFC 9110 dates are always GMT; parsedate leaves "-0000" naive.
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _server_now(response: httpx.Response, fallback: datetime) -> datetime:
    """The response's own `Date`, so an HTTP-date `Retry-After` is read against the server's clock
    and the client's clock skew does not matter; the local time when it has none."""
    stamp = response.headers.get("Date")
    if stamp:
        try:
            when = parsedate_to_datetime(stamp)
        except (TypeError, ValueError, IndexError):
            return fallback
        return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return fallback
