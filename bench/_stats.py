"""Median, min, max and percentiles: the only statistics the report uses."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between the closest ranks.

    Interpolation (rather than nearest rank) keeps p50 of an even-sized sample equal to the median.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0..100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    """One figure over several runs: every run is kept so the JSON shows the spread, not just its ends."""

    median: float
    min: float
    max: float
    runs: tuple[float, ...]

    def as_dict(self) -> dict[str, float | list[float]]:
        return {"median": self.median, "min": self.min, "max": self.max, "runs": list(self.runs)}

    def scaled(self, factor: float) -> Summary:
        """The same figure in another unit (seconds to milliseconds, say)."""
        return Summary(self.median * factor, self.min * factor, self.max * factor, tuple(r * factor for r in self.runs))


def summarise(runs: Sequence[float]) -> Summary:
    if not runs:
        raise ValueError("no runs to summarise")
    return Summary(percentile(runs, 50), min(runs), max(runs), tuple(runs))


def ratio(ours: Summary, theirs: Summary) -> Summary:
    """ours / theirs of runs paired in the order they were taken (one pair per alternated round).

    Pairing per round, instead of dividing two medians, cancels drift that affects both servers
    of one round alike; the median of the per-round ratios is the headline.
    """
    if len(ours.runs) != len(theirs.runs):
        raise ValueError("ratio needs the same number of runs on both sides")
    pairs = [a / b if b else math.inf for a, b in zip(ours.runs, theirs.runs, strict=True)]
    return summarise(pairs)
