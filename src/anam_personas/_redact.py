"""Keep the API key out of reprs, messages and logs.

The key is wrapped in `Secret` as soon as it is read, so the only way to get the clear text is an
explicit `reveal()`, which only the auth hook calls.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx

REDACTED = "[REDACTED]"


class Secret:
    """A string that never shows itself in `repr`, `str` or f-strings."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def redact(self, text: str) -> str:
        """`text` with every occurrence of the secret replaced."""
        return text.replace(self._value, REDACTED) if self._value else text

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
