"""`python -m contract_tests [pytest arguments]`: the contract suite as one command with its own
exit status, which `make contract` runs.

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

import pytest

from anam_contract.suite._preflight import PREFLIGHT_DONE_ENV, preflight
from anam_contract.suite._settings import SettingsError, read_settings

COULD_NOT_RUN = 2
SUITE_ERROR = 3
INTERRUPTED = 130


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    try:
        settings = read_settings()
    except SettingsError as error:
        print(f"contract suite: {error}", file=sys.stderr)
        return COULD_NOT_RUN
    problem = preflight(settings)
    if problem is not None:
        print(f"contract suite: {problem}", file=sys.stderr)
        return COULD_NOT_RUN
    status = run_pytest(argv or ["contract_tests"])
    if status in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        return status
    if status == pytest.ExitCode.INTERRUPTED:
        return INTERRUPTED
    if status == pytest.ExitCode.USAGE_ERROR:
        return COULD_NOT_RUN
    return SUITE_ERROR


def run_pytest(args: list[str]) -> int:
    """pytest's status for `args`, run in a fresh interpreter: this one has imported the suite's
    helpers (and with them hypothesis and schemathesis), which pytest could no longer rewrite."""
    env = {**os.environ, PREFLIGHT_DONE_ENV: "1"}
    process = subprocess.Popen([sys.executable, "-m", "pytest", *args], env=env)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            # The run got the Ctrl-C too and is deleting what it created: wait for it to finish.
            continue


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
