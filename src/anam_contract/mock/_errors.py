"""The mock's one error type and the JSON body every error response carries (the spec's `Error`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Detail:
    """One problem in the request: where (a JSON pointer into the body, or a parameter name) and what."""

    path: str
    message: str


@dataclass(slots=True)
class ApiError(Exception):
    """A request the mock refuses; the handler in `_app` turns it into a response with the `Error` body."""

    status: int
    error: str
    message: str
    details: Sequence[Detail] = field(default_factory=tuple)
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, object]:
        body: dict[str, object] = {"error": self.error, "message": self.message}
        if self.details:
            body["details"] = [{"path": d.path, "message": d.message} for d in self.details]
        return body


def bad_request(field_name: str, message: str) -> ApiError:
    """A 400 about one top-level body field, the usual shape of a broken documented rule."""
    return ApiError(400, "invalid_request", f"{field_name}: {message}", (Detail(f"/{field_name}", message),))


def not_found() -> ApiError:
    # The same answer for "never existed", "deleted" and "belongs to another organisation", so
    # the status does not leak whether an id exists elsewhere.
    return ApiError(404, "not_found", "no persona with this id in your organisation")
