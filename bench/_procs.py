"""Background servers that are always stopped: on success, on error, on Ctrl-C and on SIGTERM.

Each server runs in its own session (process group), so stopping it also stops anything it
spawned (Prism's node workers), and nothing else: only the groups started here are signalled.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import httpx

_STOP_GRACE_SECONDS = 5.0
_running: list[subprocess.Popen[bytes]] = []


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=_STOP_GRACE_SECONDS)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=_STOP_GRACE_SECONDS)
    if process in _running:
        _running.remove(process)


def stop_all() -> None:
    for process in list(_running):
        stop(process)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM into an exception so every `finally` (and so every stop) runs.
    raise SystemExit(128 + signum)


def install_cleanup() -> None:
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, _on_sigterm)


def wait_ready(url: str, headers: dict[str, str], timeout: float, alive: Callable[[], bool]) -> None:
    """Until `url` answers 2xx; fails early when the server process has already exited."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"server exited before it was ready ({last})")
        try:
            answer = httpx.get(url, headers=headers, timeout=1.0)
            if answer.is_success:
                return
            last = f"status {answer.status_code}"
        except httpx.HTTPError as error:
            last = type(error).__name__
        time.sleep(0.2)
    raise RuntimeError(f"server not ready after {timeout:.0f} s ({last})")


@contextmanager
def serve(
    argv: Sequence[str], log: Path, ready_url: str, headers: dict[str, str], timeout: float = 60.0
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `argv` with its output to `log`, wait until `ready_url` answers, stop it on exit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            list(argv), stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    _running.append(process)
    try:
        wait_ready(ready_url, headers, timeout, lambda: process.poll() is None)
        yield process
    finally:
        stop(process)
