"""The two ways the suite reaches a server, both behind the live-mode guard.

- `GuardedSession`: the `requests` session schemathesis sends its cases through on a live run.
- `Caller`: the suite's own requests (stateful checks, cleanup, the sweep), over an httpx client:
  `starlette.testclient.TestClient` for the in-process mock, a plain `httpx.Client` for a server.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests

from contract_tests.support._guard import Guard
from contract_tests.support._settings import ApiKey


def _path_of(url: str) -> str:
    return urlsplit(url).path or "/"


class GuardedSession(requests.Session):
    """A `requests` session that lets through only what the guard admits, and tells it the answers."""

    def __init__(self, guard: Guard) -> None:
        super().__init__()
        self.guard = guard

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        method, path = request.method or "GET", _path_of(request.url or "/")
        body = request.body.encode() if isinstance(request.body, str) else request.body
        self.guard.admit(method, path, body if isinstance(body, bytes) else None)
        try:
            response = super().send(request, **kwargs)
        except BaseException:
            self.guard.released(method, path)
            raise
        self.guard.observe(method, path, response.status_code, response.content)
        return response


class Caller:
    """JSON requests with a given API key; on a live run each one goes through the guard first."""

    def __init__(self, client: httpx.Client, guard: Guard | None = None) -> None:
        self.client = client
        self.guard = guard

    def request(
        self,
        method: str,
        path: str,
        *,
        key: ApiKey,
        body: Any = None,
        params: dict[str, Any] | None = None,
    ) -> tuple[int, Any]:
        """(status, parsed JSON body or None) of one request."""
        content = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": key.header()}
        if content is not None:
            headers["Content-Type"] = "application/json"
        if self.guard is not None:
            self.guard.admit(method, path, content)
        try:
            response = self.client.request(method, path, content=content, headers=headers, params=params)
        except BaseException:
            if self.guard is not None:
                self.guard.released(method, path)
            raise
        if self.guard is not None:
            self.guard.observe(method, path, response.status_code, response.content)
        try:
            parsed = response.json()
        except ValueError:
            parsed = None
        return response.status_code, parsed

    def close(self) -> None:
        self.client.close()
