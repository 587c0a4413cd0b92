"""`ANAM_LOG=debug|info` turns the client's logging on without code, and never shows the key."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from anam_personas._logs import LOG_ENV, configure_from_env

# A client run in a fresh interpreter: a retried 503 whose body and headers echo the key, then a 200.
_PROGRAM = """
import httpx
from anam_personas import Anam, RetryPolicy

KEY = "sk-log-test-5d0e9a7c"
PERSONA = "00000000-0000-0000-0000-000000000000"
replies = iter([
    httpx.Response(503, json={"error": "bad key " + KEY}, headers={"X-Echo": KEY}),
    httpx.Response(404, json={"error": "no persona for " + KEY}),
])
http = httpx.Client(transport=httpx.MockTransport(lambda request: next(replies)))
client = Anam(api_key=KEY, base_url="https://api.test", http_client=http, retry=RetryPolicy(initial_delay=0.0))
try:
    client.personas.get(PERSONA)
except Exception as error:
    print(type(error).__name__)
"""
KEY = "sk-log-test-5d0e9a7c"


def _run(level: str | None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin"} | ({LOG_ENV: level} if level is not None else {})
    return subprocess.run([sys.executable, "-c", _PROGRAM], capture_output=True, text=True, env=env, check=True)


def test_debug_logs_every_attempt_and_never_the_key() -> None:
    result = _run("debug")
    assert result.stdout.strip() == "NotFoundError"
    assert "sending GET /v1/personas/" in result.stderr and "answered 404 after 1 retries" in result.stderr
    assert "retrying GET" in result.stderr
    assert KEY not in result.stderr and KEY not in result.stdout


def test_info_logs_retries_only_and_unset_logs_nothing() -> None:
    info = _run("INFO")
    assert "retrying GET" in info.stderr and "sending" not in info.stderr
    assert _run(None).stderr == ""
    assert _run("verbose").stderr == "", "an unknown level leaves logging alone"


def test_configuring_twice_adds_one_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("anam_personas")
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    assert configure_from_env({LOG_ENV: "debug"}) == logging.DEBUG
    assert configure_from_env({LOG_ENV: " Info "}) == logging.INFO
    assert len(logger.handlers) == 1 and logger.level == logging.INFO
    assert configure_from_env({}) is None
