"""Bodies the mock cannot read: wrong content type, malformed JSON, too large."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from anam_contract.mock import MAX_BODY_BYTES

pytestmark = pytest.mark.anyio

JSON_TYPE = {"content-type": "application/json"}
PERSONA = "/v1/personas/4b0b7f8e-1d8a-4f57-9d0c-6f3b7e0a9c11"


@pytest.mark.parametrize("method", ["POST", "PUT"])
@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b'{"name": "x",}',
        b"",
        b"NaN",
        b'{"a": Infinity}',
        b"\xff\xfe",
        b"[" * 100_000 + b"]" * 100_000,
        # Valid JSON, but no double holds it: read as infinity it could never be answered back.
        b'{"voiceDetectionOptions": {"extra": 1e400}}',
        b'{"voiceDetectionOptions": {"extra": [-1E+999]}}',
        b'{"x": ' + b"9" * 5000 + b"}",  # more digits than Python converts
    ],
)
async def test_malformed_json_is_400(client: httpx.AsyncClient, method: str, raw: bytes) -> None:
    if method == "PUT":  # an existing persona, so only the body can be wrong
        created = await client.post("/v1/personas", json={})
        path = f"/v1/personas/{created.json()['id']}"
    else:
        path = "/v1/personas"
    response = await client.request(method, path, content=raw, headers=JSON_TYPE)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "invalid_json"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"])
async def test_body_not_sent_as_json_is_415(client: httpx.AsyncClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = await client.post("/v1/personas", content=b'{"name": "x"}', headers=headers)
    assert response.status_code == 415
    assert "application/json" in response.json()["message"]


async def test_json_with_charset_parameter_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/personas", content=b'{"name": "x"}', headers={"content-type": "Application/JSON; charset=utf-8"}
    )
    assert response.status_code == 201


async def test_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    big = b'{"name": "' + b"x" * MAX_BODY_BYTES + b'"}'
    response = await client.post("/v1/personas", content=big, headers=JSON_TYPE)
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"


async def test_body_over_the_limit_without_a_length_is_413(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"name": "'
        for _ in range(MAX_BODY_BYTES // 4096 + 1):
            yield b"x" * 4096
        yield b'"}'

    response = await client.post("/v1/personas", content=chunks(), headers=JSON_TYPE)
    assert response.status_code == 413


async def test_body_just_under_the_limit_is_read(client: httpx.AsyncClient) -> None:
    body = b'{"name": "' + b"x" * (MAX_BODY_BYTES - 20) + b'"}'
    response = await client.post("/v1/personas", content=body, headers=JSON_TYPE)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b'{"name": "\\ud800"}', 201),
        (b'{"name": "caf\\u00e9 \\ud83d\\ude00"}', 201),
        (b'{"avatarId": "\\udfff"}', 400),  # the error message repeats the id
    ],
)
async def test_any_json_string_can_be_answered_back(client: httpx.AsyncClient, raw: bytes, status: int) -> None:
    # A lone surrogate is valid JSON text but cannot be encoded as UTF-8; it must not become a 500.
    response = await client.post("/v1/personas", content=raw, headers=JSON_TYPE)
    assert response.status_code == status
    sent = json.loads(raw)
    answer = response.json()
    assert sent.get("name", sent.get("avatarId")) in (answer["name"] if status == 201 else answer["message"])
