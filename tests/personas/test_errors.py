"""Each status maps to its exception class, carrying the status, the parsed Error body and the response."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from anam_personas import (
    AnamError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Error,
    InternalServerError,
    MissingAPIKeyError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    UnprocessableEntityError,
)
from anam_personas._errors import parse_error_body, status_error_class
from tests.personas._fakes import PERSONA_ID, Script, async_client, status, sync_client

EXPECTED = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
    (599, InternalServerError),
]

BODY = {
    "error": "invalid_request",
    "message": "name is too long",
    "details": [{"path": "/name", "message": "too long"}],
}
NO_RETRY = RetryPolicy(max_retries=0)


@pytest.mark.parametrize(("code", "cls"), EXPECTED)
def test_sync_status_maps_to_its_class_with_parsed_body(code: int, cls: type[APIStatusError]) -> None:
    script = Script([status(code, BODY)])
    with pytest.raises(cls) as caught:
        sync_client(script, retry=NO_RETRY).personas.get(PERSONA_ID)
    _check(caught.value, code, cls)


@pytest.mark.parametrize(("code", "cls"), EXPECTED)
def test_async_status_maps_to_its_class_with_parsed_body(code: int, cls: type[APIStatusError]) -> None:
    script = Script([status(code, BODY)])
    with pytest.raises(cls) as caught:
        asyncio.run(async_client(script, retry=NO_RETRY).personas.get(PERSONA_ID))
    _check(caught.value, code, cls)


def _check(error: APIStatusError, code: int, cls: type[APIStatusError]) -> None:
    assert type(error) is cls
    assert isinstance(error, AnamError)
    assert error.status_code == code
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == code
    assert isinstance(error.body, Error)
    assert error.body.error == "invalid_request"
    assert error.body.message == "name is too long"
    assert str(error).endswith("invalid_request (name is too long)")


@pytest.mark.parametrize("code", [300, 405, 408, 413, 415, 418])
def test_other_statuses_raise_the_base_status_error(code: int) -> None:
    assert status_error_class(code) is APIStatusError


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(500, text="<html>oops</html>"),
        httpx.Response(500, json=["error"]),
        httpx.Response(500, json={"message": "no error key"}),
        httpx.Response(500, json={"error": 42}),
        httpx.Response(500),
    ],
)
def test_an_error_body_of_another_shape_is_none(response: httpx.Response) -> None:
    assert parse_error_body(response) is None


def test_hierarchy() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    for cls in (APIStatusError, APIConnectionError, MissingAPIKeyError):
        assert issubclass(cls, AnamError)
    for _, cls in EXPECTED:
        assert issubclass(cls, APIStatusError)


@pytest.mark.parametrize(
    ("reply", "cls"),
    [
        (httpx.Response(401, content=b""), AuthenticationError),
        (httpx.Response(401, json={"message": "no error field"}), AuthenticationError),
        (httpx.Response(404, html="<html><h1>Not Found</h1></html>"), NotFoundError),
        (httpx.Response(400, text="plain words"), BadRequestError),
        (httpx.Response(502, text="<html>bad gateway</html>"), InternalServerError),
        (httpx.Response(418, json={"error": ["not", "a", "string"]}), APIStatusError),
        (httpx.Response(400, text="[" * 100_000 + "]" * 100_000), BadRequestError),
    ],
)
def test_an_error_body_of_any_shape_gives_the_typed_error_with_the_raw_text(
    reply: httpx.Response, cls: type[APIStatusError]
) -> None:
    script = Script([reply])
    with pytest.raises(cls) as caught:
        sync_client(script, retry=RetryPolicy(max_retries=0)).personas.get(PERSONA_ID)
    assert type(caught.value) is cls
    assert caught.value.body is None
    assert caught.value.response.text == reply.text
    assert str(reply.status_code) in str(caught.value)
