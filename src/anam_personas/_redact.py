"""Keep the API key out of reprs, messages and logs.

The key is wrapped in `Secret` as soon as it is read, so the only way to get the clear text is an
explicit `reveal()`, which only the auth hook calls.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

from anam_personas._jsonwalk import copy_json

REDACTED = "[REDACTED]"


def _lower_hex(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda match: match.group().lower(), text)


def spellings(value: str) -> tuple[str, ...]:
    """Every form `value` can take inside a message, longest first.

    Raw; escaped as `repr` and `ascii` escape it (httpx and exceptions show values that way),
    bytes included; JSON-escaped (an error body that echoes the key); URL-encoded (a key that
    ends up in a URL or a form), with upper- or lower-case hex. Quoted forms contain these.
    """
    if not value:
        return ()
    forms = {
        value,
        repr(value)[1:-1],
        ascii(value)[1:-1],
        repr(value.encode())[2:-1],
        json.dumps(value)[1:-1],
        json.dumps(value, ensure_ascii=False)[1:-1],
    }
    for encoded in (quote(value, safe=""), quote(value), quote_plus(value)):
        forms.update({encoded, _lower_hex(encoded)})
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


class Secret:
    """A string that never shows itself in `repr`, `str` or f-strings."""

    __slots__ = ("_spellings", "_value")

    def __init__(self, value: str) -> None:
        self._value = value
        self._spellings = spellings(value)

    def reveal(self) -> str:
        return self._value

    def redact(self, text: str) -> str:
        """`text` with every occurrence of the secret, in any spelling of `spellings`, replaced."""
        for spelling in self._spellings:
            text = text.replace(spelling, REDACTED)
        return text

    def redact_json(self, value: Any) -> Any:
        """A copy of decoded JSON with the secret redacted in every string, keys included."""
        return copy_json(value, self.redact)

    def __repr__(self) -> str:
        return f"Secret({REDACTED!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class BearerAuth(httpx.Auth):
    """Adds `Authorization: Bearer <key>` to each request as it is sent.

    The header is set per request rather than stored in the client's default headers so that
    the httpx client, and the generated client that may share it, hold no copy of the key in
    anything their reprs print.
    """

    def __init__(self, secret: Secret) -> None:
        self._secret = secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._secret.reveal()}"
        yield request

    def __repr__(self) -> str:
        return f"BearerAuth({self._secret!r})"
