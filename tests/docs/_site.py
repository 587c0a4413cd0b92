"""A docs site on 127.0.0.1 in the test process: pages, the index, ETag/304, errors, hangs and redirects."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    failures: int = 0  # answer 500 this many times before the real answer
    hang: bool = False  # never answer (until the site closes): a client's timeout is sure to come first
    redirect: str | None = None  # answer 302 to this path


@dataclass
class Site:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (path, headers) in order
    closing: threading.Event = field(default_factory=threading.Event)  # lets the hanging routes go

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, {key.lower(): value for key, value in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                return self._answer(404, b"not found")
            if route.hang:
                site.closing.wait()
                return None  # no answer at all: the connection closes
            if route.redirect is not None:
                return self._answer(302, b"", {"Location": route.redirect})
            if route.failures:
                route.failures -= 1
                return self._answer(500, b"try again")
            if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
                return self._answer(304, b"", {"ETag": route.etag})
            headers = {"ETag": route.etag, "Last-Modified": route.last_modified}
            return self._answer(route.status, route.body, {k: v for k, v in headers.items() if v is not None})

        def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout tests): nobody is left to answer

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output quiet

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True  # a handler still hanging for a timeout test must not hold the shutdown
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.closing.set()
        server.shutdown()
        server.server_close()
