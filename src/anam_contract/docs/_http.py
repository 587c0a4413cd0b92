"""One GET with finite timeouts, retried on 5xx, 408, 429, timeouts and broken connections."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

_RETRIED_STATUSES = frozenset({408, 429})


class FetchError(Exception):
    """A page that could not be fetched; the message is one line saying why."""


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds per network operation (connect, each read)
    retries: int = 2  # attempts after the first
    backoff: float = 0.5  # the first wait between attempts; it doubles after each


@dataclass(frozen=True)
class Fetched:
    status: int  # 200 (a body) or 304 (not modified)
    content: bytes
    etag: str | None
    last_modified: str | None


def client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=True,
        headers={"User-Agent": "anam-contract docs fetch"},
    )


def get(
    http: httpx.Client,
    url: str,
    headers: dict[str, str],
    settings: Settings,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    reason = "not fetched"
    for attempt in range(settings.retries + 1):
        if attempt:
            sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            response = http.get(url, headers=headers)
        except httpx.TimeoutException:
            reason = f"no answer within {settings.timeout:g}s"
            continue
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except httpx.TransportError as error:
            reason = f"connection failed ({type(error).__name__})"
            continue
        if response.status_code == 304 or response.is_success:
            return Fetched(
                response.status_code,
                response.content if response.is_success else b"",
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
        reason = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        if response.status_code < 500 and response.status_code not in _RETRIED_STATUSES:
            raise FetchError(reason)  # a 404 will not become a page by asking again
    attempts = settings.retries + 1
    raise FetchError(f"{reason} (after {attempts} attempt{'s' if attempts > 1 else ''})")
