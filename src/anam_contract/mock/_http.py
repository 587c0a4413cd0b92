"""Reading a JSON request body safely and writing JSON responses, with the mock's limits."""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anam_contract.mock._errors import ApiError

JSON = Any

# Far above any real persona body (a long system prompt is a few kilobytes), small enough that a
# runaway client cannot make the mock hold much memory.
MAX_BODY_BYTES = 256 * 1024


def json_response(body: JSON, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    # ASCII with \u escapes: a lone surrogate a client sent ("\ud800" is valid JSON) can always be
    # written back, where encoding it as UTF-8 would fail.
    content = json.dumps(body, separators=(",", ":"), allow_nan=False).encode("ascii")
    return Response(content, status, headers=headers, media_type="application/json")


async def read_json(request: Request) -> JSON:
    """The parsed body; 415 when it is not declared JSON, 413 when too big, 400 when not JSON."""
    declared = request.headers.get("content-type", "")
    if declared.split(";", 1)[0].strip().lower() != "application/json":
        shown = declared or "none"
        raise ApiError(
            415, "unsupported_media_type", f"send the body as application/json (Content-Type was {shown[:100]})"
        )
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():  # counts as it reads, for bodies sent without a length
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks), parse_constant=_reject_constant, parse_float=_finite)
    except (ValueError, RecursionError) as error:
        if isinstance(error, RecursionError):
            reason = "nested too deeply"
        else:
            reason = (
                f"{error.msg} at line {error.lineno}, column {error.colno}"
                if isinstance(error, json.JSONDecodeError)
                else str(error)
            )
        raise ApiError(400, "invalid_json", f"the body cannot be read as JSON: {reason}") from None


def _reject_constant(name: str) -> JSON:
    # NaN and Infinity are Python extensions, not JSON.
    raise ValueError(f"{name} is not a JSON value")


def _finite(text: str) -> float:
    # 1e400 is valid JSON but no double: Python reads it as infinity, which no JSON response can carry.
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"number {text[:40]} is too large")
    return value


def _too_large() -> ApiError:
    return ApiError(413, "payload_too_large", f"the body is larger than {MAX_BODY_BYTES} bytes")
