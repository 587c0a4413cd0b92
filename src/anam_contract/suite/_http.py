"""The two ways the suite reaches a server, both behind the live-mode guard.

- `GuardedSession`: the `requests` session schemathesis sends its cases through on a live run.
- `Caller`: the suite's own requests (stateful checks, cleanup, the sweep), over an httpx client:
  `starlette.testclient.TestClient` for the in-process mock, a plain `httpx.Client` for a server.
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests

from anam_contract.suite._differences import NOT_JSON, Exchange, Observer, key_label
from anam_contract.suite._guard import Guard
from anam_contract.suite._settings import ApiKey


def _path_of(url: str) -> str:
    return urlsplit(url).path or "/"


# Set by every Ctrl-C the suite sees. Python drops a KeyboardInterrupt raised inside a finalizer
# (a socket closed by the garbage collector, say), so the run also checks this flag at safe points
# and never ends as if nothing had happened.
_INTERRUPTED = threading.Event()


def _interrupt(signum: int, frame: Any) -> None:
    _INTERRUPTED.set()
    raise KeyboardInterrupt


def remember_interrupts() -> None:
    """Route Ctrl-C through `_interrupt` (main thread only: signals are delivered there)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _interrupt)


def interrupted() -> bool:
    """Whether a Ctrl-C has come, even one whose KeyboardInterrupt was swallowed."""
    return _INTERRUPTED.is_set()


@contextmanager
def _creates_finish_first(method: str) -> Iterator[None]:
    """Hold back a Ctrl-C until a create in flight has answered, so that its id is recorded and
    the persona deleted at the end; a second Ctrl-C stops at once."""
    if method.upper() != "POST" or threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def hold(signum: int, frame: Any) -> None:
        _INTERRUPTED.set()
        if pending:
            raise KeyboardInterrupt
        pending.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pending:
        raise KeyboardInterrupt


class GuardedSession(requests.Session):
    """A `requests` session that lets through only what the guard admits, and tells it the answers."""

    def __init__(self, guard: Guard) -> None:
        super().__init__()
        self.guard = guard

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        method, path = request.method or "GET", _path_of(request.url or "/")
        body = request.body.encode() if isinstance(request.body, str) else request.body
        self.guard.admit(method, path, body if isinstance(body, bytes) else None)
        with _creates_finish_first(method):
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
        # Told of every exchange after it completes (the model of documented behaviour follows
        # the organisation's state through them, whoever sent the request).
        self.observers: list[Observer] = []

    def request(
        self,
        method: str,
        path: str,
        *,
        key: ApiKey,
        body: Any = None,
        params: dict[str, Any] | None = None,
        content_type: str = "application/json",
        chunked: bool = False,
        raw: bytes | None = None,
    ) -> tuple[int, Any]:
        """(status, parsed JSON body or None) of one request. `chunked` sends the body without a
        Content-Length, in HTTP/1.1's chunked transfer coding (a stream of unknown length); `raw`
        is sent as it is instead of `body` (text that is not JSON, declared as JSON)."""
        content = raw if raw is not None else None if body is None else json.dumps(body).encode()
        headers = {"Authorization": key.header()}
        if content is not None and content_type:
            headers["Content-Type"] = content_type  # "" sends none
        declared_json = content_type.split(";", 1)[0].strip().lower() == "application/json"
        if content is not None and not declared_json:
            raw = content  # JSON text, but not declared so: the model expects the spec's 415
        if self.guard is not None:
            self.guard.admit(method, path, content)
        with _creates_finish_first(method if self.guard is not None else "GET"):
            # The moment of sending, for the observers: a write's stamps are held to it (however
            # long the answer takes, or the judging after it).
            sent_at = datetime.now(UTC)
            try:
                sent = iter([content]) if chunked and content is not None else content
                response = self.client.request(method, path, content=sent, headers=headers, params=params)
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
        if self.observers:
            exchange = Exchange(
                method=method.upper(),
                path=path,
                query=dict(params or {}),
                body=NOT_JSON if raw is not None else body,
                raw=raw,
                declared_json=declared_json,
                key_label=key_label(key.value),
                status=response.status_code,
                response=parsed,
                source="caller",
                headers={name.lower(): value for name, value in response.headers.items()},
                sent_at=sent_at,
            )
            for observer in self.observers:
                observer(exchange)
        return response.status_code, parsed

    def close(self) -> None:
        self.client.close()
