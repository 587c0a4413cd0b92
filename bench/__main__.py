"""`python -m bench [--quick] [--only SECTION ...] [--profile auto|always|never] [--load auto|wrk|python]`.

Sections: client, regen, http, suite. A section that fails is reported as NOT DONE with its
error, and the others still run; every server started is stopped however the run ends.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from anam_contract.paths import REPO_ROOT
from bench import _client, _http, _regen, _suite
from bench._config import FULL, QUICK, Config
from bench._load import wrk_available
from bench._machine import machine, python_versions, tool_version
from bench._procs import install_cleanup, stop_all
from bench._profile import profile_server, profile_suite, py_spy_available
from bench._report import write
from bench._servers import prism_dir, prism_version
from bench._targets import evaluate

SECTIONS = ("client", "regen", "http", "suite")
WORK = REPO_ROOT / "bench" / ".work"


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _versions(use_wrk: bool) -> dict[str, Any]:
    tools = {
        "prism (@stoplight/prism-cli)": prism_version(WORK),
        # wrk's first line also carries its event backend and a copyright notice.
        "load generator": (tool_version(["wrk", "--version"]) or "wrk").split(" [")[0]
        if use_wrk
        else "python asyncio client (bench/_load.py)",
        "node": tool_version(["node", "--version"]),
    }
    return {"tools": tools, "python": python_versions()}


def _run_http(config: Config, use_wrk: bool) -> dict[str, Any]:
    if prism_version(WORK) is None:
        raise RuntimeError(f"Prism is not installed in {prism_dir(WORK)} (make bench installs it)")
    plan = _http.Plan(
        rounds=config.http_rounds,
        seconds=config.http_seconds,
        warmup_seconds=config.http_warmup_seconds,
        concurrencies=config.concurrencies,
        max_requests=config.max_requests_per_run,
        use_wrk=use_wrk,
    )
    result = _http.run(plan, WORK, _say)
    result["load_generator"] = "wrk (1 thread)" if use_wrk else "Python asyncio client (bench/_load.py)"
    return result


def run(config: Config, sections: tuple[str, ...], profile: str, quick: bool, load: str = "auto") -> dict[str, Any]:
    use_wrk = wrk_available() if load == "auto" else load == "wrk"
    started = time.monotonic()
    results: dict[str, Any] = {
        "quick": quick,
        "machine": machine(),
        "versions": _versions(use_wrk),
        "not_done": {},
        "notes": [
            "The machine is shared: every comparison alternates its sides within each round so that load "
            "from elsewhere falls on both alike, and the spread (min to max) shows how steady the runs were.",
        ],
    }
    steps: dict[str, Callable[[], Any]] = {
        "client": lambda: _client.run(config.client_repeats, config.client_min_seconds),
        "regen": lambda: _regen.run(REPO_ROOT, config.regen_repeats),
        "http": lambda: _run_http(config, use_wrk),
        "suite": lambda: _suite.run(REPO_ROOT, WORK, config.suite_rounds, config.suite_examples, _say),
    }
    for name in SECTIONS:
        if name not in sections:
            results["not_done"][name] = "not selected (--only)"
            continue
        _say(f"section {name}")
        try:
            results[name] = steps[name]()
        except Exception as error:  # one broken section must not lose the others' figures
            traceback.print_exc()
            results["not_done"][name] = f"{type(error).__name__}: {error}"
    targets = evaluate(results)
    results["targets"] = [t.as_dict() for t in targets]
    results["profiles"] = _profiles(config, targets, profile, use_wrk)
    results["duration_seconds"] = round(time.monotonic() - started, 1)
    results["machine"]["load_average_at_end"] = list(os.getloadavg())
    return results


def _profiles(config: Config, targets: list[Any], profile: str, use_wrk: bool) -> dict[str, Any]:
    missed = {t.key for t in targets if t.met is False}
    wanted = {
        "server": profile == "always" or bool(missed & {"get_rps_ratio", "get_p99"}),
        "suite": profile == "always" or "suite_mock_share" in missed,
    }
    if profile == "never" or not any(wanted.values()):
        return {}
    if not py_spy_available():
        return {"error": "py-spy is not installed (make bench installs the bench extra)"}
    found: dict[str, Any] = {}
    try:
        if wanted["server"]:
            _say("profiling the mock under GET load")
            found["server"] = profile_server(WORK, REPO_ROOT, config.profile_seconds, 10, use_wrk)
        if wanted["suite"]:
            _say("profiling the contract suite")
            found["suite"] = profile_suite(WORK, REPO_ROOT, config.suite_examples, _suite.SUITE_TARGET)
    except Exception as error:
        traceback.print_exc()
        found["error"] = f"{type(error).__name__}: {error}"
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short smoke run, written under bench/.work/quick/")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS), help="sections to run")
    parser.add_argument("--profile", choices=("auto", "always", "never"), default="auto")
    parser.add_argument(
        "--load", choices=("auto", "wrk", "python"), default="auto", help="load generator (auto: wrk when installed)"
    )
    args = parser.parse_args(argv)
    install_cleanup()
    out = WORK / "quick" if args.quick else REPO_ROOT / "bench"
    try:
        results = run(QUICK if args.quick else FULL, tuple(args.only), args.profile, args.quick, args.load)
    except KeyboardInterrupt:
        _say("interrupted; servers stopped, no report written")
        return 130
    finally:
        stop_all()
    write(results, out / "results.md", out / "results.json", REPO_ROOT / "reports" / "mutation" / "summary.md")
    _say(f"wrote {out / 'results.md'} and {out / 'results.json'}")
    return 1 if any(v != "not selected (--only)" for v in results["not_done"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
