from __future__ import annotations

from bench._http import Plan, _summarise, turn_order
from bench._load import LoadResult
from bench._servers import SERVERS


def _result(rps: float, p99_ms: float = 5.0) -> LoadResult:
    return LoadResult(requests=int(rps * 2), seconds=2.0, p50_ms=1.0, p99_ms=p99_ms, errors=0, capped=False)


def test_turns_alternate_ours_and_prism_and_reverse_every_other_round() -> None:
    first = [s.family for s in turn_order(SERVERS, 0)]
    assert first == ["ours", "prism", "ours", "prism"]
    assert turn_order(SERVERS, 1) == turn_order(SERVERS, 0)[::-1]
    assert turn_order(SERVERS, 2) == turn_order(SERVERS, 0)


def test_summary_has_every_scenario_and_per_round_ratios() -> None:
    plan = Plan(rounds=2, seconds=2, warmup_seconds=1, concurrencies=(10,), max_requests=100, use_wrk=True)
    runs = {}
    for server, rates in {
        "ours_quiet": [3000.0, 1500.0],
        "ours_logging": [2000.0, 1000.0],
        "prism_default": [1000.0, 500.0],
        "prism_silent": [1500.0, 1500.0],
    }.items():
        for operation in ("GET", "POST"):
            runs[(server, operation, 10)] = [_result(r) for r in rates]
    summary = _summarise(runs, plan)
    rows = summary["results"]
    assert isinstance(rows, list) and len(rows) == 8
    ratios = {(r["ours"], r["prism"], r["operation"]): r["rps_ratio"] for r in summary["ratios"]}  # type: ignore[attr-defined]
    assert ratios[("ours_quiet", "prism_default", "GET")]["runs"] == [3.0, 3.0]
    assert ratios[("ours_quiet", "prism_silent", "POST")]["runs"] == [2.0, 1.0]
    assert ratios[("ours_logging", "prism_default", "GET")]["median"] == 2.0
