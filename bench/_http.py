"""Section 1: our mock vs Prism, GET one persona and POST a persona at several concurrencies.

Runs are alternated: in every round each server is started fresh, then for every scenario the
servers take turns, and the order of turns is reversed every other round, so drift in the
machine's load (it is shared) falls on both sides alike instead of on whichever ran last.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from anam_contract.mock import DEFAULT_API_KEY
from bench._load import LoadResult, Request, run_load
from bench._servers import SERVERS, Running, Server, create_body, running
from bench._stats import ratio, summarise

OPERATIONS = ("GET", "POST")


@dataclass(frozen=True)
class Plan:
    rounds: int
    seconds: float
    warmup_seconds: float
    concurrencies: tuple[int, ...]
    max_requests: int
    use_wrk: bool


def _request(target: Running, operation: str) -> Request:
    if operation == "GET":
        return Request(f"{target.base_url}/v1/personas/{target.persona_id}", "GET", DEFAULT_API_KEY)
    return Request(f"{target.base_url}/v1/personas", "POST", DEFAULT_API_KEY, create_body())


def turn_order(servers: Sequence[Server], round_index: int) -> list[Server]:
    """Ours and Prism alternate within a round; odd rounds run the same turns backwards."""
    ordered = list(servers)
    return ordered if round_index % 2 == 0 else ordered[::-1]


def run(plan: Plan, work: Path, say: Callable[[str], None]) -> dict[str, object]:
    runs: dict[tuple[str, str, int], list[LoadResult]] = {}
    for round_index in range(plan.rounds):
        say(f"http round {round_index + 1}/{plan.rounds}")
        with ExitStack() as stack:
            targets = {server.key: stack.enter_context(running(server, work)) for server in SERVERS}
            for target in targets.values():  # untimed: lets Prism's JIT and our imports settle
                for operation in OPERATIONS:
                    request = _request(target, operation)
                    run_load(
                        request,
                        10,
                        plan.warmup_seconds,
                        max_requests=plan.max_requests,
                        work=work,
                        use_wrk=plan.use_wrk,
                    )
            for operation in OPERATIONS:
                for concurrency in plan.concurrencies:
                    for server in turn_order(SERVERS, round_index):
                        result = run_load(
                            _request(targets[server.key], operation),
                            concurrency,
                            plan.seconds,
                            max_requests=plan.max_requests,
                            work=work,
                            use_wrk=plan.use_wrk,
                        )
                        runs.setdefault((server.key, operation, concurrency), []).append(result)
                        time.sleep(0.2)  # let the previous server's sockets drain before the next turn
    return _summarise(runs, plan)


def _summarise(runs: dict[tuple[str, str, int], list[LoadResult]], plan: Plan) -> dict[str, object]:
    rows: list[dict[str, object]] = []
    for (key, operation, concurrency), results in runs.items():
        rows.append(
            {
                "server": key,
                "operation": operation,
                "concurrency": concurrency,
                "rps": summarise([r.rps for r in results]).as_dict(),
                "p50_ms": summarise([r.p50_ms for r in results]).as_dict(),
                "p99_ms": summarise([r.p99_ms for r in results]).as_dict(),
                "requests": sum(r.requests for r in results),
                "errors": sum(r.errors for r in results),
                "capped_runs": sum(r.capped for r in results),
            }
        )
    ratios: list[dict[str, object]] = []
    pairs = (("ours_quiet", "prism_default"), ("ours_quiet", "prism_silent"), ("ours_logging", "prism_default"))
    for ours, theirs in pairs:
        for operation in OPERATIONS:
            for concurrency in plan.concurrencies:
                mine = summarise([r.rps for r in runs[(ours, operation, concurrency)]])
                other = summarise([r.rps for r in runs[(theirs, operation, concurrency)]])
                ratios.append(
                    {
                        "ours": ours,
                        "prism": theirs,
                        "operation": operation,
                        "concurrency": concurrency,
                        "rps_ratio": ratio(mine, other).as_dict(),
                    }
                )
    servers = [{"key": s.key, "label": s.label, "family": s.family, "per_request_logging": s.logging} for s in SERVERS]
    return {
        "plan": {
            "rounds": plan.rounds,
            "seconds_per_run": plan.seconds,
            "warmup_seconds": plan.warmup_seconds,
            "concurrencies": list(plan.concurrencies),
            "max_requests_per_run": plan.max_requests,
        },
        "servers": servers,
        "results": rows,
        "ratios": ratios,
    }
