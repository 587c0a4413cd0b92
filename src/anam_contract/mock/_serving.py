"""Serve an ASGI app on a real socket (127.0.0.1, a free port) in a thread, for the tests that need TCP.

Beside the mock rather than in the suite, so that the client's own tests (which run without the suite's
libraries, `make test-oldest`) can serve the mock too.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

# How long to wait for a server that has neither started nor died, or that will not stop: a guard
# against a hang, never a limit on how slowly a server may start (a busy machine takes seconds;
# only a hang takes this long). A server that fails to start is known at once: its thread ends.
_HANG_GUARD_S = 600.0


class _Server(uvicorn.Server):
    """uvicorn's server, telling when its start-up is over, whether it started or not."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.settled = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets=sockets)
        finally:
            self.settled.set()


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Yield the base URL of `app` served by uvicorn, once it listens; stop the server on exit."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = _Server(uvicorn.Config(app, log_level="warning", lifespan="on"))

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except SystemExit:
            pass  # uvicorn's way of saying it could not start (its log says why; serving() raises)
        finally:
            server.settled.set()  # ended, before start-up was over or after: nobody waits for it

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        if not server.settled.wait(_HANG_GUARD_S):
            raise RuntimeError(f"uvicorn neither started nor stopped in {_HANG_GUARD_S:g} s")
        if not server.started:
            raise RuntimeError("uvicorn did not start (its log says why)")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=_HANG_GUARD_S)
        sock.close()
