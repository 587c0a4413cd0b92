"""The mock, wrapped so that the time spent inside it during a suite run is measured directly.

`CONTRACT_APP=bench._timed_app:create_app` aims the in-process suite at this wrapper; at exit the
process writes the seconds spent inside the mock's HTTP calls to the file named by
`BENCH_APP_SECONDS_FILE`. The wrapper itself costs two clock reads per request.
"""

from __future__ import annotations

import atexit
import json
import os
import time
from pathlib import Path
from typing import Any

from anam_contract.mock import create_app as create_mock

SECONDS_FILE_ENV = "BENCH_APP_SECONDS_FILE"


def create_app() -> Any:
    mock = create_mock()
    spent = {"seconds": 0.0, "calls": 0}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            # A lifespan call lasts as long as its test client: it is not time spent answering.
            await mock(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await mock(scope, receive, send)
        finally:
            spent["seconds"] += time.perf_counter() - started
            spent["calls"] += 1

    target = os.environ.get(SECONDS_FILE_ENV)
    if target:
        atexit.register(lambda: Path(target).write_text(json.dumps(spent), encoding="utf-8"))
    return app
