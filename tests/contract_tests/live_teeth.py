"""The suite's teeth in live mode: each fault of `faults.py` and `documented_faults.py` served over
HTTP on 127.0.0.1, the whole suite run against it as against a live API, caught when the run finds
differences (status 1). The mock as it is runs first and must pass.

Too slow for `make test` (one live run per fault); `make live-teeth` runs it:

    .venv/bin/python -m tests.contract_tests.live_teeth                   # every fault, depth 8
    .venv/bin/python -m tests.contract_tests.live_teeth list_oldest_first wrong_status_code

Prints one line per fault as it ends (caught or MISSED, and the run's first differences), writes
the table to `reports/live-teeth.md` and `reports/live-teeth.json` after each fault (a stopped run
keeps what it measured), and exits 1 when a fault was missed or the mock as it is did not pass (a
fault of `IN_PROCESS_ONLY`, behaviour the vendor does not document, is not judged live).
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, READ_ONLY_API_KEY, create_app
from anam_contract.mock._defaults import DEFAULT_FIXTURES_DATA
from anam_contract.mock._serving import serving
from anam_contract.paths import REPO_ROOT
from tests.contract_tests import documented_faults, faults
from tests.contract_tests._live_fixtures import catalogue_env, clean_env

# Each list of faults by the name the table shows it under.
FAULT_SETS: dict[str, list[Callable[[], Any]]] = {
    "faults.py": list(faults.FAULTS),
    "documented_faults.py": list(documented_faults.FAULTS),
}
MOCK = "(the mock as it is)"
# Faults of behaviour the mock chose where the vendor documents none, so a live run, which holds an
# API to the spec alone, does not judge it; each is caught in-process.
IN_PROCESS_ONLY = {
    "list_prev_past_the_end": "where `prev` points past the last page is the mock's choice (NOTES M5)",
    "body_limit_one_byte_short": "the 256 KiB body limit is the mock's (NOTES M6)",
}
# The whole suite but the generated client's models on generated data, which never talk to the
# server (half of a shallow run's time, the same for every fault).
SUITE = [sys.executable, "-m", "contract_tests", "-q", "-p", "no:cacheprovider"]
SUITE += ["--ignore=contract_tests/test_models.py"]


@dataclass
class Outcome:
    """One live run: what was served, how the suite ended, and the differences it reported."""

    name: str
    source: str
    status: int
    differences: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def verdict(self) -> str:
        found = self.status == 1 and bool(self.differences)
        if self.name == MOCK:
            return "passed" if self.status == 0 else "NOT PASSED"
        if found:
            return "caught"
        return "in-process only" if self.name in IN_PROCESS_ONLY else "MISSED"


def live_run(app: Any, examples: int, folder: Path) -> tuple[int, list[str]]:
    """The suite's status against `app` served over HTTP, and its differences as report lines."""
    with serving(app) as base_url:
        env = clean_env(
            CONTRACT_LIVE="1",
            ANAM_API_KEY=DEFAULT_API_KEY,
            ANAM_OTHER_ORG_API_KEY=OTHER_ORG_API_KEY,
            ANAM_READ_ONLY_API_KEY=READ_ONLY_API_KEY,
            ANAM_TOOL_ID="tool-id-1",
            # What a user tells a live run of the organisation's avatars (and their models) and
            # voices (and their providers): the rules of an avatar or voice change need them.
            **catalogue_env(DEFAULT_FIXTURES_DATA),
            ANAM_BASE_URL=base_url,
            CONTRACT_EXAMPLES=str(examples),
            CONTRACT_REPORTS_DIR=str(folder),
            # An example database per run: what one fault's run saved must not steer the next's.
            HYPOTHESIS_STORAGE_DIRECTORY=str(folder / "hypothesis"),
        )
        result = subprocess.run(
            [*SUITE, "contract_tests"],
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


def markdown(outcomes: list[Outcome], examples: int) -> str:
    """The results table: one row per run, the first differences each fault showed."""
    caught = sum(o.verdict == "caught" for o in outcomes)
    faulty = sum(o.name != MOCK for o in outcomes)
    lines = [
        "# The contract suite in live mode against one fault at a time",
        "",
        f"Written by `make live-teeth` at depth {examples} (`CONTRACT_EXAMPLES`): each fault of",
        "`tests/contract_tests/faults.py` and `documented_faults.py` served over HTTP on 127.0.0.1",
        "and the whole suite run against it as a live API (`CONTRACT_LIVE=1` and `ANAM_API_KEY`), all but the models'",
        "test on generated data, which never talks to the server. A fault is caught when the run",
        "ends with status 1 and its report lists differences.",
        "",
        f"**{caught} of {faulty} faults caught.**",
        "",
        "| fault | list | verdict | seconds | first differences in the report |",
        "| --- | --- | --- | --- | --- |",
    ]
    for o in outcomes:
        shown = "; ".join(o.differences[:3]).replace("|", "\\|") or "-"
        lines.append(f"| {o.name} | {o.source} | {o.verdict} | {o.seconds:.0f} | {shown} |")
    return "\n".join(lines) + "\n"


def write(outcomes: list[Outcome], examples: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "live-teeth.md").write_text(markdown(outcomes, examples), encoding="utf-8")
    rows = [{**asdict(o), "verdict": o.verdict} for o in outcomes]
    (out / "live-teeth.json").write_text(json.dumps({"examples": examples, "runs": rows}, indent=1), encoding="utf-8")


def chosen(names: list[str]) -> list[tuple[str, str, Callable[[], Any]]] | str:
    """(name, list, factory) of each fault asked for (all when none), or the line that refuses them."""
    known = {fault.__name__: (fault.__name__, source, fault) for source, found in FAULT_SETS.items() for fault in found}
    unknown = [name for name in names if name not in known]
    if unknown:
        return f"live_teeth: no such fault: {', '.join(unknown)} (see tests/contract_tests/faults.py)"
    return [known[name] for name in names] if names else list(known.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the contract suite in live mode against each fault.")
    parser.add_argument("names", nargs="*", help="faults to try (default: all of both lists)")
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=1, help="faults served and run at once (each run is one process)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "reports", help="folder of live-teeth.md/.json")
    args = parser.parse_args(argv)
    runs = chosen(args.names)
    if isinstance(runs, str):
        print(runs, file=sys.stderr)
        return 2
    if args.examples < 1 or args.jobs < 1:
        print("live_teeth: --examples and --jobs must be 1 or more", file=sys.stderr)
        return 2
    # A fault may crash inside the served app; that is for the suite to find, not for this log. A
    # filter, since each server's start sets the logger's level again (its handlers too).
    logging.getLogger("uvicorn.error").addFilter(lambda record: record.levelno < logging.ERROR)
    todo = [(MOCK, "-", create_app), *runs]
    done: dict[int, Outcome] = {}
    with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(max_workers=args.jobs) as pool:

        def one(number: int) -> Outcome:
            name, source, factory = todo[number]
            started = time.monotonic()
            try:
                status, lines = live_run(factory(), args.examples, Path(folder) / f"run-{number}")
            except Exception as error:  # one run that could not start is its row, not the end of all
                status, lines = -1, [f"the run could not start: {type(error).__name__}: {error}"[:200]]
            return Outcome(name, source, status, lines, time.monotonic() - started)

        futures = {pool.submit(one, number): number for number in range(len(todo))}
        for future in as_completed(futures):
            outcome = done[futures[future]] = future.result()
            outcomes = [done[number] for number in sorted(done)]
            write(outcomes, args.examples, args.out)
            shown = "; ".join(outcome.differences[:4]) if outcome.verdict != "passed" else ""
            print(f"[{len(done)}/{len(todo)}] {outcome.verdict:<10} {outcome.name}: {shown}", flush=True)
    outcomes = [done[number] for number in sorted(done)]
    print(f"live_teeth: wrote {args.out / 'live-teeth.md'}")
    return 0 if all(o.verdict in {"passed", "caught", "in-process only"} for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
