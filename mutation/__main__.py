"""`python -m mutation`: mutate the mock's behaviour modules, run the contract suite on each mutant.

    python -m mutation [--examples N] [--jobs 1|2] [--timeout S] [--sample N] [--module NAME ...]
                       [--resume [--rerun-survivors]] [--report-only]

Results go to reports/mutation/ (results.jsonl, one line per mutant as it finishes; summary.md
and summary.json). Exit 0 when every survivor is listed in mutation/equivalent.yaml, 1 when the
suite let a behaviour-changing mutant through (or the list names a killed one), 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from mutation._config import (
    DEFAULT_EXAMPLES,
    EQUIVALENT_FILE,
    MAX_JOBS,
    MODULES,
    REPORT_DIR,
    RESULTS_FILE,
    TIMEOUT_FACTOR,
)
from mutation._mutants import Mutant, sample
from mutation._outcome import SURVIVED, Result, append_results, read_results, without_running
from mutation._report import RunInfo, write_reports
from mutation._score import EquivalentFileError, judge, load_equivalents


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line and exit 2, not argparse's usage block.
        print(f"mutation: {message} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> _Parser:
    parser = _Parser(prog="python -m mutation", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES, help="suite depth (CONTRACT_EXAMPLES)")
    parser.add_argument("--jobs", type=int, default=MAX_JOBS, help=f"mutants run at once, 1 to {MAX_JOBS}")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help=f"seconds per mutant (default {TIMEOUT_FACTOR:g}x the unmutated run)",
    )
    parser.add_argument("--sample", type=int, default=0, help="run only this many mutants (a fixed, spread pick)")
    parser.add_argument("--module", action="append", default=[], help="only this module, e.g. _rules.py")
    parser.add_argument("--resume", action="store_true", help="keep results.jsonl and skip the mutants in it")
    parser.add_argument("--report-only", action="store_true", help="score results.jsonl again; run nothing")
    parser.add_argument(
        "--rerun-survivors",
        action="store_true",
        help="with --resume: run again the survivors in results.jsonl not listed as equivalent (after a new check)",
    )
    return parser


def _say(message: str) -> None:
    print(f"mutation: {message}", file=sys.stderr, flush=True)


def _check(args: argparse.Namespace, parser: _Parser) -> list[str]:
    if args.examples < 1:
        parser.error("--examples must be at least 1")
    if not 1 <= args.jobs <= MAX_JOBS:
        parser.error(f"--jobs must be between 1 and {MAX_JOBS}")
    if args.timeout is not None and args.timeout <= 0:
        parser.error("--timeout must be positive")
    if args.sample < 0:
        parser.error("--sample must be 0 (all) or more")
    if args.rerun_survivors and not args.resume:
        parser.error("--rerun-survivors needs --resume (it runs again part of the saved results)")
    modules = [m for m in MODULES if not args.module or any(m.endswith("/" + name) for name in args.module)]
    unknown = [n for n in args.module if not any(m.endswith("/" + n) for m in MODULES)]
    if unknown:
        names = ", ".join(m.rsplit("/", 1)[-1] for m in MODULES)
        parser.error(f"no mutated module {unknown[0]!r}; choose from {names}")
    return modules


def _listing(modules: Sequence[str]) -> list[Mutant]:
    """Today's mutants when cosmic-ray is installed, else none (saved results are scored as saved)."""
    try:
        from mutation._run import list_mutants  # noqa: PLC0415
    except ImportError:
        return []
    return list_mutants(modules)


def _refreshed(previous: list[Result], mutants: Sequence[Mutant]) -> list[Result]:
    """Saved results, with those of mutants now known without a run recorded as such (a result
    saved before that was known must not count as a survivor)."""
    known = {m.id: r for m in mutants if (r := without_running(m)) is not None}
    return [known.get(r.mutant.id, r) for r in previous]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    modules = _check(args, parser)
    try:
        equivalents = load_equivalents(EQUIVALENT_FILE)
        previous = read_results(RESULTS_FILE) if (args.resume or args.report_only) else []
    except (EquivalentFileError, ValueError) as error:
        print(f"mutation: {error}", file=sys.stderr)
        return 2
    started = time.monotonic()
    if args.report_only:
        if not previous:
            print(f"mutation: no results in {RESULTS_FILE} to report on; run without --report-only", file=sys.stderr)
            return 2
        mutants = _listing(modules)
        results = _refreshed(previous, mutants)
    else:
        # Imported only to run: it needs cosmic-ray, which --help and --report-only do without.
        from mutation._run import BaselineError, list_mutants, run_mutants  # noqa: PLC0415

        mutants = list_mutants(modules)
        previous = _refreshed(previous, mutants)
        chosen = sample(mutants, args.sample)
        if args.rerun_survivors:
            # The unlisted survivors: a listed one was reviewed as beyond any check. Their new
            # results are appended; until then (an interrupted run) the old line stands.
            previous = [r for r in previous if r.outcome != SURVIVED or r.mutant.id in equivalents]
        done = {r.mutant.id for r in previous}
        todo = [m for m in chosen if m.id not in done]
        _say(f"{len(mutants)} mutants in {len(modules)} modules; running {len(todo)} ({len(chosen) - len(todo)} done)")
        REPORT_DIR.mkdir(parents=True, exist_ok=True)
        if not args.resume:
            RESULTS_FILE.write_text("", encoding="utf-8")
        results = list(previous)
        known = [r for r in map(without_running, todo) if r is not None]
        append_results(RESULTS_FILE, known)
        results += known
        todo = [m for m in todo if not m.static]
        _say(f"{len(known)} known without a run (annotation-only or not Python); {len(todo)} to run")

        def record(result: Result) -> None:
            results.append(result)
            append_results(RESULTS_FILE, [result])
            _say(
                f"[{len(results)}/{len(chosen)}] {result.outcome:<11} {result.seconds:6.1f}s  "
                f"{result.mutant.path}:{result.mutant.line} {result.mutant.operator}"
            )

        def baseline(seconds: float, limit: float) -> None:
            _say(f"unmutated suite passes in {seconds:.1f}s; each mutant gets {limit:.0f}s")

        try:
            run_mutants(
                todo,
                examples=args.examples,
                jobs=args.jobs,
                timeout=args.timeout,
                on_result=record,
                on_baseline=baseline,
            )
        except BaselineError as error:
            print(f"mutation: {error}", file=sys.stderr)
            return 1
    verdict = judge(results, equivalents, [m.id for m in mutants] if not args.sample and not args.module else ())
    minutes = 0.0 if args.report_only else (time.monotonic() - started) / 60
    info = RunInfo(examples=args.examples, listed=len(mutants), minutes=minutes)
    for line in write_reports(verdict, info, REPORT_DIR):
        print(line)
    return 0 if verdict.passed else 1


if __name__ == "__main__":
    sys.exit(main())
