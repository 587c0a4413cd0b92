"""A successful call's parsed value together with the HTTP response it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

import httpx

T = TypeVar("T")

# Headers an API gateway commonly uses for the id of a request (the spec documents none yet).
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid")


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """What `client.personas.with_raw_response.<method>(...)` returns: the model and the response.

    The call went through the same retries, timeouts and typed errors as the plain method; only a
    success ends up here. `http_response` is the final attempt's `httpx.Response` (body read).
    """

    parsed: T
    http_response: httpx.Response = field(repr=False)

    @property
    def status_code(self) -> int:
        """The HTTP status of the final attempt."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers of the final attempt."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's id of the request, from `X-Request-Id` (or `Request-Id`), if it sent one."""
        for name in _REQUEST_ID_HEADERS:
            value: str | None = self.http_response.headers.get(name)
            if value:
                return value
        return None

    def parse(self) -> T:
        """The parsed body (the same object as `parsed`), as other SDKs spell it."""
        return self.parsed
