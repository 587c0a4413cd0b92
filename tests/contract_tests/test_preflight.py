"""Before a live run, one request: a server that cannot be reached or refuses the key is one line
and exit 2 from the suite's command, never a traceback, and the key never shows."""

from __future__ import annotations

import ssl
import subprocess
import sys

import httpx
import pytest

from anam_contract.mock import DEFAULT_API_KEY, create_app
from anam_contract.mock._serving import serving
from anam_contract.paths import REPO_ROOT
from anam_contract.suite import command
from anam_contract.suite._preflight import Reached, preflight, reach
from anam_contract.suite._settings import RunSettings, read_settings
from tests._waiting import HANG_GUARD_S
from tests.contract_tests._live_fixtures import clean_env

SECRET = "preflight-secret-key-0123456789"


def _settings(base_url: str = "https://api.example.test", key: str = SECRET) -> RunSettings:
    return read_settings({"CONTRACT_LIVE": "1", "ANAM_API_KEY": key, "ANAM_BASE_URL": base_url})


def _raising(error: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return httpx.MockTransport(handler)


def _answering(status: int) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json={"error": "x"}))


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), "connection refused"),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "the host name does not resolve"),
        (httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), "TLS failed"),
        (httpx.ReadTimeout("timed out"), "no answer within"),
    ],
)
def test_an_unreachable_server_is_one_line_naming_url_port_and_cause(error: Exception, cause: str) -> None:
    problem = preflight(_settings(), transport=_raising(error))
    assert problem is not None and "\n" not in problem
    assert problem.startswith("cannot reach https://api.example.test:443: ")
    assert cause in problem
    assert SECRET not in problem


def test_a_tls_error_below_the_connect_error_counts_as_tls() -> None:
    error = httpx.ConnectError("handshake")
    error.__cause__ = ssl.SSLError("wrong version number")
    problem = preflight(_settings(), transport=_raising(error))
    assert problem is not None and "TLS failed" in problem


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_key_is_one_line(status: int) -> None:
    problem = preflight(_settings(), transport=_answering(status))
    assert problem is not None and problem.startswith(f"the key was refused: {status}")
    assert SECRET not in problem


@pytest.mark.parametrize("status", [200, 500])
def test_a_server_that_answers_the_key_may_be_tested(status: int) -> None:
    # A 500 here is a difference for the run to report, not a reason not to run.
    assert preflight(_settings(), transport=_answering(status)) is None


def test_the_embedded_mock_needs_no_preflight() -> None:
    assert preflight(read_settings({})) is None


@pytest.mark.parametrize(
    "env",
    [{}, {"ANAM_API_KEY": SECRET}, {"ANAM_API_KEY": SECRET, "ANAM_BASE_URL": "https://api.example.test"}],
)
def test_without_asking_for_live_the_preflight_sends_nothing(env: dict[str, str]) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": [], "meta": {"total": 0}})

    assert reach(read_settings(env), transport=httpx.MockTransport(handler)) == Reached()
    assert sent == []


@pytest.mark.parametrize(
    ("status", "body", "personas"),
    [
        (200, {"data": [], "meta": {"total": 12, "perPage": 1}}, 12),
        (200, {"data": [], "meta": {"total": 0}}, 0),
        (200, {"data": []}, None),
        (200, {"data": [], "meta": {"total": "12"}}, None),
        (200, {"data": [], "meta": {"total": True}}, None),
        (200, [], None),
        (500, {"meta": {"total": 3}}, None),
    ],
)
def test_the_preflight_says_how_many_personas_the_organisation_holds(
    status: int, body: object, personas: int | None
) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    assert reach(_settings(), transport=transport) == Reached(personas=personas)


def _suite(base_url: str, key: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "contract_tests", "-q", "-p", "no:cacheprovider", "contract_tests/test_api.py"],
        cwd=REPO_ROOT,
        env=clean_env(CONTRACT_LIVE="1", ANAM_API_KEY=key, ANAM_BASE_URL=base_url),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
        check=False,
    )


def test_the_command_exits_2_with_one_line_for_a_refused_port_and_a_refused_key() -> None:
    with serving(create_app()) as base_url:
        refused = _suite(base_url, SECRET)
        accepted_port = base_url.rsplit(":", 1)[1]
    closed = _suite(base_url, DEFAULT_API_KEY)  # the server is gone: nothing listens there now
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == f"contract suite: the key was refused: 401 from {base_url} (check ANAM_API_KEY)\n"
    assert (closed.returncode, closed.stdout) == (2, "")
    assert closed.stderr.count("\n") == 1 and f"127.0.0.1:{accepted_port}" in closed.stderr
    assert "cannot reach" in closed.stderr and "Traceback" not in closed.stderr
    assert SECRET not in refused.stderr + closed.stderr


def test_the_command_says_what_its_statuses_mean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "contract_tests", "--help"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "2: the suite could not run" in result.stdout


@pytest.mark.parametrize(
    ("pytest_status", "status"),
    [(0, 0), (1, 1), (pytest.ExitCode.INTERRUPTED, 130), (pytest.ExitCode.USAGE_ERROR, 2), (5, 3), (3, 3)],
)
def test_pytest_statuses_never_look_like_could_not_run(
    monkeypatch: pytest.MonkeyPatch, pytest_status: int, status: int
) -> None:
    monkeypatch.delenv("ANAM_API_KEY", raising=False)
    monkeypatch.setattr(command, "run_pytest", lambda args, extra_env=None: pytest_status)
    assert command.main(["contract_tests"]) == status
