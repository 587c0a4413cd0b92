"""The contract suite as one command with its own exit status: `anam-contract check [pytest
arguments]` runs the installed suite from any folder (`make contract` runs it), and `python -m
contract_tests [pytest arguments]` the checkout's `contract_tests/`.

The run is against the embedded mock (in-process) unless a live run is asked for: CONTRACT_LIVE=1
(set by `anam-contract check --live` or `--base-url URL`) runs against ANAM_BASE_URL (default
https://api.anam.ai) with ANAM_API_KEY. A key in the environment alone is ignored. The first lines
say where the run goes.

- 0: every test passed (or was skipped with its reason);
- 1: the API differs from the spec (the differences are in reports/contract-report.md);
- 2: the suite could not run: a setting it cannot use, an argument pytest does not take, or a live
  server that cannot be reached or refuses the key (one line on stderr says which);
- 3: pytest itself could not run the suite (an internal error, no tests collected);
- 130: interrupted (Ctrl-C); what the run created on a live server was still deleted.

pytest's own statuses (2 interrupted, 3 internal error, 4 usage error, 5 nothing collected) are
mapped as above, so that a script never mistakes an interrupted run for "could not run".
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from anam_contract.suite._banner import LIVE_HINT, banner_lines
from anam_contract.suite._preflight import PREFLIGHT_DONE_ENV, reach
from anam_contract.suite._reports import reports_dir
from anam_contract.suite._settings import LIVE_RUN_ID_ENV, SettingsError, new_run_id, read_settings

COULD_NOT_RUN = 2
SUITE_ERROR = 3
INTERRUPTED = 130

SUITE_DIR = Path(__file__).resolve().parent
# The installed suite's own pytest settings: passed with -c, so that no pytest.ini, tox.ini,
# setup.cfg or pyproject.toml of the folder it runs from (or above it) changes the run.
PYTEST_INI = SUITE_DIR / "pytest.ini"
# The folder's name makes the node ids and JUnit names `contract_tests/test_api.py::...`, the
# same as a checkout's `pytest contract_tests`.
TESTS_DIR = SUITE_DIR / "contract_tests"
JUNIT_FILE = "contract-junit.xml"


class CannotRun(Exception):
    """A setting the suite cannot use, or a live server that cannot be reached or refuses the key."""


def main(argv: list[str]) -> int:
    """`python -m contract_tests`: the checkout's suite (pytest's default arguments: `contract_tests`)."""
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    try:
        return run(argv or ["contract_tests"])
    except CannotRun as error:
        print(f"contract suite: {error}", file=sys.stderr)
        return COULD_NOT_RUN


def packaged_arguments(extra: list[str]) -> list[str]:
    """pytest's arguments for the installed suite, run from the current folder: its own settings
    and root, its plugin, its tests, the JUnit report next to the others (unless `extra` names one)."""
    arguments = ["-c", str(PYTEST_INI), "--rootdir", str(SUITE_DIR), "-p", "anam_contract.suite.plugin"]
    if not any(argument.startswith(("--junitxml", "--junit-xml")) for argument in extra):
        junit = os.path.relpath(reports_dir() / JUNIT_FILE)
        arguments += [f"--junitxml={junit}", "-o", "junit_suite_name=contract"]
    return [*arguments, str(TESTS_DIR), *extra]


def run(pytest_arguments: list[str], extra_env: Mapping[str, str] | None = None, live_hint: str = LIVE_HINT) -> int:
    """The suite's status for a pytest run with these arguments, after the settings and a live
    server were checked (CannotRun, with one line, when they fail). `extra_env` is added to this
    process's environment for the run (CONTRACT_LIVE=1 asks for a live run); `live_hint` is how
    the caller's user asks for one, which a run against the mock shows when a key was ignored.

    The run's first lines, on stdout before pytest starts, say where it goes (see `_banner`)."""
    extra = dict(extra_env or {})
    environ = {**os.environ, **extra}
    # Chosen here, so that the persona names the first lines show are the ones the run gives.
    run_id = environ.get(LIVE_RUN_ID_ENV, "").strip() or new_run_id()
    try:
        settings = read_settings({**environ, LIVE_RUN_ID_ENV: run_id})
    except SettingsError as error:
        raise CannotRun(str(error)) from None
    if settings.live:
        extra[LIVE_RUN_ID_ENV] = run_id
    reached = reach(settings)
    if reached.problem is not None:
        raise CannotRun(reached.problem)
    for line in banner_lines(settings, environ, reached.personas, live_hint):
        print(line)
    sys.stdout.flush()
    status = run_pytest(pytest_arguments, extra)
    if status in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        return status
    if status == pytest.ExitCode.INTERRUPTED:
        return INTERRUPTED
    if status == pytest.ExitCode.USAGE_ERROR:
        return COULD_NOT_RUN
    return SUITE_ERROR


def run_pytest(args: list[str], extra_env: Mapping[str, str] | None = None) -> int:
    """pytest's status for `args`, run in a fresh interpreter: this one has imported the suite's
    helpers (and with them hypothesis and schemathesis), which pytest could no longer rewrite."""
    env = {**os.environ, **(extra_env or {}), PREFLIGHT_DONE_ENV: "1"}
    process = subprocess.Popen([sys.executable, "-m", "pytest", *args], env=env)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            # The run got the Ctrl-C too and is deleting what it created: wait for it to finish.
            continue
