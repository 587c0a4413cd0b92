"""Waiting in tests without depending on how fast the machine is.

A test waits for something to happen (a server to listen, a subprocess to end), never for a time
to pass, and gives up early only when what it waits for is gone (the process exited). The one
limit, HANG_GUARD_S, is a guard against a hang, so that a test that would wait forever fails
instead: it is far beyond what a busy machine needs (a loaded 2-core machine takes seconds where an
idle one takes milliseconds, and a whole suite run minutes), and no test asserts how long anything
took; speed is measured in bench/.
"""

from __future__ import annotations

import subprocess
import time
from typing import Any

import httpx

# Per wait, per HTTP request to a local server, per subprocess run.
HANG_GUARD_S = 30 * 60.0


def wait_until_serving(url: str, process: subprocess.Popen[Any]) -> None:
    """Return once `url` answers (any status); raise as soon as `process`, its server, has exited."""
    give_up = time.monotonic() + HANG_GUARD_S
    while True:
        try:
            httpx.get(url, timeout=HANG_GUARD_S)
            return
        except httpx.TransportError:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}) before it answered {url}") from None
            if time.monotonic() > give_up:
                raise RuntimeError(f"{url} did not answer in {HANG_GUARD_S:g} s: a hang") from None
            time.sleep(0.05)
