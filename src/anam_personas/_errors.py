"""The exceptions the client raises: one base class, one class per documented status."""

from __future__ import annotations

from typing import Any

import httpx
from anam_personas_client.models import Error

from anam_personas._violations import SpecViolation


class AnamError(Exception):
    """Base class of every error this client raises."""


class MissingAPIKeyError(AnamError):
    """No key was passed and `ANAM_API_KEY` is not set."""


class InvalidAPIKeyError(AnamError, ValueError):
    """The key holds whitespace or a control character, so it cannot be sent (it is never shown)."""


class APIConnectionError(AnamError):
    """The request did not get a response: the connection failed or broke."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The call ran out of time before a response arrived."""


class APIResponseValidationError(AnamError):
    """A success response whose body is not JSON, or (in strict mode) breaks the spec.

    `violations` lists every place that breaks the spec (empty for a body that is not JSON).
    """

    def __init__(self, message: str, *, response: httpx.Response, violations: tuple[SpecViolation, ...] = ()) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.violations = violations


class PaginationError(AnamError):
    """`iter_all` stopped: the server repeated a page, contradicted its own page meta, or kept
    announcing pages beyond what its first answer promised."""


class APIStatusError(AnamError):
    """The API answered with an error status.

    `body` is the parsed `Error` body, or None when the response had none or another shape;
    `response` is the httpx response, for headers and the raw content.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: Error | None) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body


class BadRequestError(APIStatusError):
    """400: the request is invalid."""


class AuthenticationError(APIStatusError):
    """401: the key is missing or not valid."""


class PermissionDeniedError(APIStatusError):
    """403: the key lacks the permission the call needs."""


class NotFoundError(APIStatusError):
    """404: no such persona for this organisation."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well-formed but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests."""


class InternalServerError(APIStatusError):
    """Any 5xx: the server failed."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    if status >= 500:
        return InternalServerError
    return _BY_STATUS.get(status, APIStatusError)


def parse_error_body(response: httpx.Response) -> Error | None:
    """The `Error` body of a response, or None when it is missing or shaped otherwise."""
    try:
        data: Any = response.json()
    except (ValueError, RecursionError):  # RecursionError: nested too deep to decode
        return None
    if not isinstance(data, dict) or not isinstance(data.get("error"), str):
        return None
    try:
        return Error.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
