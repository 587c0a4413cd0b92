"""Where the key and the base URL come from, and what a timeout means."""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from anam_personas._errors import InvalidAPIKeyError, MissingAPIKeyError
from anam_personas._redact import Secret

API_KEY_ENV = "ANAM_API_KEY"
BASE_URL_ENV = "ANAM_BASE_URL"
# The `servers` entry of openapi/anam.yaml.
DEFAULT_BASE_URL = "https://api.anam.ai"


def resolve_api_key(api_key: str | None, environ: Mapping[str, str] = os.environ) -> Secret:
    """The key passed in, else `ANAM_API_KEY`; an empty value counts as missing.

    Whitespace around the key is dropped; whitespace or a control character inside it is refused.
    """
    value = api_key if api_key is not None else environ.get(API_KEY_ENV, "")
    if not value.strip():
        raise MissingAPIKeyError(
            f"no Anam API key: pass api_key=... to the client or set the {API_KEY_ENV} environment variable"
        )
    value = value.strip()
    if any(char.isspace() or unicodedata.category(char).startswith("C") for char in value):
        # Such a key cannot be a real one, and httpx would echo it, escaped, in its header error.
        # The message shows nothing of the key, not even where the bad character is.
        raise InvalidAPIKeyError("the Anam API key contains whitespace or a control character; check how it was copied")
    return Secret(value)


def resolve_base_url(base_url: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The URL passed in, else `ANAM_BASE_URL`, else the spec's server; without a trailing slash."""
    value = base_url or environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL
    return value.rstrip("/")


@dataclass(frozen=True, init=False)
class Timeout:
    """Time limits of one call, in seconds.

    `total` bounds the whole call, retries and the waits between them included: a retry that
    could not start before it runs out is not made. `connect` bounds opening each connection.
    httpx enforces limits per network operation, so a server that keeps sending bytes slowly can
    stretch a single attempt past `total`; the next attempt then does not start.

    Given for one call (or to `with_options`), a `Timeout` changes only the limits it names and a
    number only `total`: the client's `connect` stays (never above the new total).
    """

    total: float
    connect: float
    _given: frozenset[str] = field(init=False, repr=False, compare=False)

    def __init__(self, total: float | None = None, connect: float | None = None) -> None:
        object.__setattr__(self, "total", 30.0 if total is None else total)
        object.__setattr__(self, "connect", 5.0 if connect is None else connect)
        named = {"total": total, "connect": connect}
        object.__setattr__(self, "_given", frozenset(name for name, value in named.items() if value is not None))
        for name in ("total", "connect"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
                raise ValueError(f"Timeout.{name} must be a positive finite number of seconds, not {value!r}")

    @classmethod
    def coerce(cls, value: Timeout | float) -> Timeout:
        """A `Timeout` from a `Timeout` or a number of seconds (which also caps the connect time)."""
        if isinstance(value, Timeout):
            return value
        total = float(value)
        made = cls(total=total, connect=min(5.0, total) if total > 0 else total)
        object.__setattr__(made, "_given", frozenset({"total"}))
        return made

    def merged_over(self, base: Timeout) -> Timeout:
        """This timeout's named limits over `base`'s: what a per-call timeout means."""
        total = self.total if "total" in self._given else base.total
        connect = self.connect if "connect" in self._given else min(base.connect, total)
        merged = Timeout(total=total, connect=connect)
        object.__setattr__(merged, "_given", base._given | self._given)
        return merged

    def for_attempt(self, remaining: float) -> httpx.Timeout:
        """httpx limits for an attempt that has `remaining` seconds of the call's budget left."""
        return httpx.Timeout(remaining, connect=min(self.connect, remaining))
