"""Section 2: the contract suite's speed, and the mock's share of the suite's time.

The suite is run as a user runs it (pytest in a subprocess, one process, the API part
`contract_tests/test_api.py`), in three set-ups taken in turns every round:

- in-process against the mock (`CONTRACT_APP` = the mock wrapped to time itself);
- in-process against a minimal app that returns one fixed persona (bench._minimal_app);
- over HTTP against `anam-contract mock --quiet` on 127.0.0.1 (the suite's live mode, whose
  guard holds back requests on personas the run did not create: those count as skipped);
- bare `st run` (schemathesis' own CLI, the same schemathesis.toml and depth, no checks of ours,
  no model of the documented behaviour, no seeded organisations) over HTTP against the same mock:
  the floor the suite's cost per case is measured against.

Cases are the requests the suite checked, read from its own end-of-run summary.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY
from bench._procs import free_port, serve
from bench._servers import HOST
from bench._stats import summarise
from bench._timed_app import SECONDS_FILE_ENV

SUITE_TARGET = "contract_tests/test_api.py"
_CASES = re.compile(r"^cases\s+(\d+) requests checked", re.MULTILINE)
_FAILED_CHECKS = re.compile(r"^checks\s+\d+ kinds, \d+ runs, (\d+) failed", re.MULTILINE)
_SKIPPED = re.compile(r"^skipped\s+(\d+) cases", re.MULTILINE)
_TIMEOUT_SECONDS = 600
# `st run`'s summary line: "  1234 generated, 1234 passed" (colours off).
_ST_CASES = re.compile(r"^\s*(\d+) generated", re.MULTILINE)


@dataclass(frozen=True)
class SuiteRun:
    seconds: float
    cases: int
    failed_checks: int
    skipped: int
    passed: bool
    app_seconds: float | None  # time inside the mock, when it was measured

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0


def parse_summary(output: str) -> tuple[int, int, int]:
    """(cases, failed checks, skipped cases) from the suite's end-of-run summary."""
    cases = _CASES.search(output)
    if cases is None:
        raise RuntimeError(f"the suite printed no case count; its output ends with: {output[-800:]!r}")
    failed = _FAILED_CHECKS.search(output)
    skipped = _SKIPPED.search(output)
    return int(cases[1]), int(failed[1]) if failed else 0, int(skipped[1]) if skipped else 0


def _clean_env(examples: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANAM_", "CONTRACT_", "PYTEST_"))}
    env["CONTRACT_EXAMPLES"] = str(examples)
    return env


def _pytest(root: Path, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", SUITE_TARGET]
    started = time.perf_counter()
    done = subprocess.run(
        argv, cwd=root, env=env, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
    )
    return time.perf_counter() - started, done


def _finish(seconds: float, done: subprocess.CompletedProcess[str], app_seconds: float | None) -> SuiteRun:
    cases, failed, skipped = parse_summary(done.stdout)
    return SuiteRun(seconds, cases, failed, skipped, done.returncode == 0, app_seconds)


def in_process(root: Path, work: Path, examples: int, app: str) -> SuiteRun:
    env = _clean_env(examples)
    env["CONTRACT_APP"] = app
    seconds_file = work / "suite-app-seconds.json"
    seconds_file.unlink(missing_ok=True)
    env[SECONDS_FILE_ENV] = str(seconds_file)
    seconds, done = _pytest(root, env)
    app_seconds = json.loads(seconds_file.read_text())["seconds"] if seconds_file.exists() else None
    return _finish(seconds, done, app_seconds)


def over_http(root: Path, work: Path, examples: int) -> SuiteRun:
    port = free_port()
    base = f"http://{HOST}:{port}"
    argv = [sys.executable, "-m", "anam_contract", "mock", "--host", HOST, "--port", str(port), "--quiet"]
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    with serve(argv, work / "logs" / "suite-mock.log", f"{base}/v1/personas", headers):
        env = _clean_env(examples)
        # Live mode, asked for: a key alone would run against the embedded mock.
        env.update(CONTRACT_LIVE="1", ANAM_API_KEY=DEFAULT_API_KEY, ANAM_BASE_URL=base)
        env.update(ANAM_CONTRACT_MAX_PERSONAS="100000")
        # The mock's second organisation, so the isolation check runs over HTTP as it does in-process.
        env["ANAM_OTHER_ORG_API_KEY"] = OTHER_ORG_API_KEY
        seconds, done = _pytest(root, env)
    return _finish(seconds, done, None)


def bare_st_run(root: Path, work: Path, examples: int) -> SuiteRun:
    """schemathesis' CLI alone against the mock over HTTP, at the suite's depth."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    argv = [sys.executable, "-m", "anam_contract", "mock", "--host", HOST, "--port", str(port), "--quiet"]
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    st = str(Path(sys.executable).with_name("st"))
    command = [st, "run", "openapi/anam.yaml", "--url", base, "-H", f"Authorization: Bearer {DEFAULT_API_KEY}"]
    command += ["--max-examples", str(examples), "--no-color"]
    with serve(argv, work / "logs" / "st-run-mock.log", f"{base}/v1/personas", headers):
        env = _clean_env(examples)
        started = time.perf_counter()
        done = subprocess.run(
            command, cwd=root, env=env, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
        )
        seconds = time.perf_counter() - started
    return SuiteRun(seconds, parse_st_cases(done.stdout), 0, 0, done.returncode == 0, None)


def parse_st_cases(output: str) -> int:
    """The number of test cases `st run` generated, from its summary."""
    cases = _ST_CASES.search(output)
    if cases is None:
        raise RuntimeError(f"st run printed no case count; its output ends with: {output[-800:]!r}")
    return int(cases[1])


SETUPS: dict[str, Callable[[Path, Path, int], SuiteRun]] = {
    "mock_in_process": lambda root, work, n: in_process(root, work, n, "bench._timed_app:create_app"),
    "minimal_in_process": lambda root, work, n: in_process(root, work, n, "bench._minimal_app:create_app"),
    "mock_over_http": over_http,
    "st_run_over_http": bare_st_run,
}


def run(root: Path, work: Path, rounds: int, examples: int, say: Callable[[str], None]) -> dict[str, object]:
    runs: dict[str, list[SuiteRun]] = {name: [] for name in SETUPS}
    order = list(SETUPS)
    for round_index in range(rounds):
        say(f"suite round {round_index + 1}/{rounds}")
        for name in order if round_index % 2 == 0 else order[::-1]:
            runs[name].append(SETUPS[name](root, work, examples))
    return summarise_suite(runs, examples)


def summarise_suite(runs: dict[str, list[SuiteRun]], examples: int) -> dict[str, object]:
    setups: dict[str, object] = {}
    for name, results in runs.items():
        setups[name] = {
            "seconds": summarise([r.seconds for r in results]).as_dict(),
            "cases": summarise([float(r.cases) for r in results]).as_dict(),
            "cases_per_second": summarise([r.cases_per_second for r in results]).as_dict(),
            "ms_per_case": summarise([r.seconds / r.cases * 1000 for r in results if r.cases]).as_dict(),
            "failed_checks": [r.failed_checks for r in results],
            "skipped_cases": [r.skipped for r in results],
            "passed": [r.passed for r in results],
        }
    mock = runs["mock_in_process"]
    inside = [(r.app_seconds, r.seconds) for r in mock if r.app_seconds is not None]
    share: dict[str, object] = {}
    if inside:
        share["seconds_inside_mock"] = summarise([a for a, _ in inside]).as_dict()
        share["share_of_suite_time"] = summarise([a / t for a, t in inside]).as_dict()
        # What the mock adds on top of the suite's own time (the suite's time with a free server).
        share["adds_to_suite_time"] = summarise([a / (t - a) for a, t in inside if t > a]).as_dict()
    return {"examples": examples, "target": SUITE_TARGET, "setups": setups, "mock_share": share}
