"""One log line per request with method, path, status and milliseconds; none when not asked for."""

from __future__ import annotations

import logging
import re

import httpx
import pytest

from anam_contract.mock import DEFAULT_API_KEY, create_app

from ._support import SPEC, auth

pytestmark = pytest.mark.anyio

LINE = re.compile(r"^(GET|POST|PUT|DELETE|PATCH) (/\S*) (\d{3}) \d+\.\dms$")


async def _requests(log_requests: bool) -> None:
    app = create_app(spec=SPEC, log_requests=log_requests)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock.test") as client:
        await client.post("/v1/personas", json={"name": "x"}, headers=auth(DEFAULT_API_KEY))
        await client.get("/v1/personas?search=x", headers=auth(DEFAULT_API_KEY))
        await client.get("/v1/personas/not-a-uuid", headers=auth(DEFAULT_API_KEY))
        await client.patch("/v1/personas", headers=auth(DEFAULT_API_KEY))


async def test_one_line_per_request(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="anam_contract.mock"):
        await _requests(log_requests=True)
    lines = [r.getMessage() for r in caplog.records if r.name == "anam_contract.mock"]
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m.group(1), m.group(2), m.group(3)) for m in parsed if m] == [
        ("POST", "/v1/personas", "201"),
        ("GET", "/v1/personas", "200"),
        ("GET", "/v1/personas/not-a-uuid", "400"),
        ("PATCH", "/v1/personas", "405"),
    ]
    assert DEFAULT_API_KEY not in caplog.text


async def test_quiet_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="anam_contract.mock"):
        await _requests(log_requests=False)
    assert [r for r in caplog.records if r.name == "anam_contract.mock"] == []
