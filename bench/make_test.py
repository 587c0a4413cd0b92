"""`python -m bench.make_test [--cold] [--busy N]`: time each step of a fresh `make test`.

Keeps each scenario (idle or busy, warm or cold caches) in bench/make-test.json and writes section 6
of bench/results.md from all of them. Needs ../shared beside the checkout, as CI has it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from anam_contract.paths import REPO_ROOT
from bench._make_test import HEADING, run, scenario, section

RESULTS = REPO_ROOT / "bench" / "make-test.json"
REPORT = REPO_ROOT / "bench" / "results.md"
WORK = REPO_ROOT / "bench" / ".work"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.make_test", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", action="store_true", help="empty package caches, as on a new machine")
    parser.add_argument("--busy", type=int, default=0, metavar="N", help="keep N cores busy while it runs")
    args = parser.parse_args(argv)
    shared = REPO_ROOT.parent / "shared"
    if not shared.is_dir():
        print(f"bench.make_test: {shared} is missing; CI lays ../shared beside the checkout", file=sys.stderr)
        return 2
    result = run(REPO_ROOT, shared, WORK, cold=args.cold, busy=args.busy, say=_say)
    measured = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    measured[scenario(result)] = result
    RESULTS.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    replace_section(REPORT, section(measured))
    _say(f"{scenario(result)}: {result['total_seconds']:.0f} s, {'passed' if result['passed'] else 'FAILED'}")
    return 0 if result["passed"] else 1


def replace_section(report: Path, lines: list[str]) -> None:
    """Put `lines` in place of the report's section 6 (or at its end), leaving the rest as it is."""
    old = report.read_text(encoding="utf-8").splitlines() if report.is_file() else []
    if HEADING in old:
        start = old.index(HEADING)
        end = next((i for i in range(start + 1, len(old)) if old[i].startswith("## ")), len(old))
    else:
        start = end = len(old)
    new = [*old[:start], *lines, *old[end:]]
    report.write_text("\n".join(new).rstrip() + "\n", encoding="utf-8")


def _say(message: str) -> None:
    print(f"bench.make_test: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
