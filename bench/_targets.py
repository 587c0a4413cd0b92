"""The targets the issue sets, checked against the measured figures (medians over the runs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GET_RATIO_MIN = 2.0
GET_P99_MAX_MS = 10.0
SUITE_ADDS_MAX = 0.10
TARGET_CONCURRENCY = 10


@dataclass(frozen=True)
class Target:
    key: str
    text: str
    measured: dict[str, Any] | None  # a summary (median, min, max, runs), None when not measured
    unit: str
    met: bool | None  # None: not measured

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "target": self.text, "unit": self.unit, "measured": self.measured, "met": self.met}


def _find(rows: list[dict[str, Any]], **wanted: Any) -> dict[str, Any] | None:
    for row in rows:
        if all(row.get(k) == v for k, v in wanted.items()):
            return row
    return None


def evaluate(results: dict[str, Any]) -> list[Target]:
    http = results.get("http") or {}
    ratio_row = _find(
        http.get("ratios", []),
        ours="ours_quiet",
        prism="prism_default",
        operation="GET",
        concurrency=TARGET_CONCURRENCY,
    )
    ratio = ratio_row["rps_ratio"] if ratio_row else None
    latency_row = _find(http.get("results", []), server="ours_quiet", operation="GET", concurrency=TARGET_CONCURRENCY)
    p99 = latency_row["p99_ms"] if latency_row else None
    share = ((results.get("suite") or {}).get("mock_share") or {}).get("adds_to_suite_time")
    return [
        Target(
            "get_rps_ratio",
            f"mock --quiet serves >= {GET_RATIO_MIN:g}x the requests per second of Prism (default logging), "
            f"GET one persona at concurrency {TARGET_CONCURRENCY}",
            ratio,
            "x",
            None if ratio is None else ratio["median"] >= GET_RATIO_MIN,
        ),
        Target(
            "get_p99",
            f"mock --quiet p99 latency < {GET_P99_MAX_MS:g} ms, GET one persona at concurrency {TARGET_CONCURRENCY}",
            p99,
            "ms",
            None if p99 is None else p99["median"] < GET_P99_MAX_MS,
        ),
        Target(
            "suite_mock_share",
            f"the mock adds < {SUITE_ADDS_MAX:.0%} to the contract suite's time (in-process)",
            share,
            "share",
            None if share is None else share["median"] < SUITE_ADDS_MAX,
        ),
    ]
