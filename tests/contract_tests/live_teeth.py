"""The suite's teeth in live mode: each fault of `faults.py` served over HTTP on 127.0.0.1, the
whole suite run against it as against a live API, caught when the run finds differences (status 1).

Too slow for `make test` (one live run per fault); by hand:

    .venv/bin/python -m tests.contract_tests.live_teeth              # every fault, depth 8
    .venv/bin/python -m tests.contract_tests.live_teeth list_oldest_first wrong_status_code

Prints one line per fault (caught or MISSED, and the run's first differences) and exits 1 when a
fault was missed, or when the mock as it is was not passed.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, READ_ONLY_API_KEY, create_app
from anam_contract.paths import REPO_ROOT
from contract_tests.support._server import serving
from tests.contract_tests import faults
from tests.contract_tests._live_fixtures import clean_env


def live_run(app: Any, examples: int, folder: Path) -> tuple[int, list[str]]:
    """The suite's status against `app` served over HTTP, and its differences as report lines."""
    with serving(app) as base_url:
        env = clean_env(
            ANAM_API_KEY=DEFAULT_API_KEY,
            ANAM_OTHER_ORG_API_KEY=OTHER_ORG_API_KEY,
            ANAM_READ_ONLY_API_KEY=READ_ONLY_API_KEY,
            ANAM_TOOL_ID="tool-id-1",
            ANAM_BASE_URL=base_url,
            CONTRACT_EXAMPLES=str(examples),
            CONTRACT_REPORTS_DIR=str(folder),
        )
        result = subprocess.run(
            [sys.executable, "-m", "contract_tests", "-q", "-p", "no:cacheprovider", "contract_tests"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        report = json.loads((folder / "contract-report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return result.returncode, [(result.stdout + result.stderr)[-300:]]
    lines = [
        f"{d['operation_id']} {d['status']} {d['pointer'] or '(whole)'} [{d['kind']}]" for d in report["differences"]
    ]
    return result.returncode, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the contract suite in live mode against each fault of faults.py.")
    parser.add_argument("names", nargs="*", help="faults to try (default: all)")
    parser.add_argument("--examples", type=int, default=8)
    args = parser.parse_args(argv)
    known = {fault.__name__: fault for fault in faults.FAULTS}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        print(f"live_teeth: no such fault: {', '.join(unknown)}", file=sys.stderr)
        return 2
    # A fault may crash inside the served app; that is for the suite to find, not for this log.
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
    missed = 0
    with tempfile.TemporaryDirectory() as folder:
        status, lines = live_run(create_app(), args.examples, Path(folder) / "mock")
        print(f"{'passed' if status == 0 else 'NOT PASSED':<10} the mock as it is {lines[:3] if status else ''}")
        missed += status != 0
        for name in args.names or list(known):
            status, lines = live_run(known[name](), args.examples, Path(folder) / name)
            caught = status == 1 and bool(lines)
            missed += not caught
            print(f"{'caught' if caught else 'MISSED':<10} {name}: {'; '.join(lines[:4])}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
