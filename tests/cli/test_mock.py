"""`anam-contract mock` as a user runs it: help, refusals of bad input, and a real server on a port."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from anam_contract.cli import main
from anam_contract.mock import DEFAULT_API_KEY
from tests._waiting import HANG_GUARD_S, wait_until_serving
from tests.cli._support import snapshot

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "mock-fixtures.yaml"


def test_help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        main(["mock", "--help"])
    assert exited.value.code == 0
    snapshot("mock_help.txt", capsys.readouterr().out)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("organisations:\n  - id: nope\n    name: x\n    keys: []\n", "mock_bad_fixtures.txt"),
        ("organisations: [", "mock_fixtures_not_yaml.txt"),
        (
            "organisations:\n  - id: 2a4c6e8f-1b3d-4f5a-9c7e-0d2f4b6a8c1e\n    name: Empty\n    keys: []\n"
            "    personas: [{name: Lonely}]\n",
            "mock_fixtures_persona_refused.txt",
        ),
    ],
)
def test_bad_fixtures_file_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("fixtures.yaml").write_text(content, encoding="utf-8")
    assert main(["mock", "--fixtures", "fixtures.yaml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    snapshot(expected, captured.err)


def test_missing_fixtures_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mock", "--fixtures", str(tmp_path / "absent.yaml")]) == 2
    assert "absent.yaml: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_bad_port_is_exit_2(capsys: pytest.CaptureFixture[str], port: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["mock", "--port", port])
    assert exited.value.code == 2
    assert f"not a port number: '{port}'" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serve_and_call(*extra: str) -> tuple[list[int], str]:
    """Start the real command, make three calls, stop it; the statuses seen and its stderr."""
    port = _free_port()
    command = [sys.executable, "-m", "anam_contract", "mock", "--port", str(port), *extra]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    statuses: list[int] = []
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_serving(base_url + "/v1/personas", server)  # however long a busy machine takes
        with httpx.Client(base_url=base_url, timeout=HANG_GUARD_S) as client:
            key = extra[extra.index("--fixtures") + 1] if "--fixtures" in extra else None
            headers = {"Authorization": f"Bearer {'acme-local-test-key' if key else DEFAULT_API_KEY}"}
            statuses.append(client.post("/v1/personas", json={"name": "Cara"}, headers=headers).status_code)
            statuses.append(client.get("/v1/personas", headers=headers).status_code)
            statuses.append(client.get("/v1/personas/nope", headers=headers).status_code)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=HANG_GUARD_S)
    return statuses, err


def test_serves_over_http_and_logs_one_line_per_request() -> None:
    statuses, err = _serve_and_call()
    assert statuses == [201, 200, 400]
    lines = [line for line in err.splitlines() if line.startswith(("GET ", "POST "))]
    assert [line.rsplit(" ", 1)[0] for line in lines[-3:]] == [
        "POST /v1/personas 201",
        "GET /v1/personas 200",
        "GET /v1/personas/nope 400",
    ]
    assert all(line.endswith("ms") for line in lines)
    assert DEFAULT_API_KEY not in err


def test_quiet_serves_the_fixtures_and_logs_no_requests() -> None:
    statuses, err = _serve_and_call("--quiet", "--fixtures", str(SAMPLE))
    assert statuses == [201, 200, 400]
    assert "/v1/personas" not in err


def test_a_port_in_use_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["mock", "--port", str(port), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err == f"anam-contract mock: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


@pytest.mark.parametrize("host", ["no-such-host.invalid", "256.1.1.1", "exa mple"])
def test_a_bad_host_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], host: str) -> None:
    assert main(["mock", "--host", host, "--port", str(_free_port()), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"anam-contract mock: error: --host {host}: not an address to listen on")
    assert err.count("\n") == 1


def test_an_unknown_option_gives_the_mocks_usage_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["mock", "--bogus"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "anam-contract mock: error: unrecognized arguments: --bogus (see anam-contract mock --help)\n"
    )
