from __future__ import annotations

import math

import pytest

from bench._stats import Summary, percentile, ratio, summarise


def test_percentile_interpolates_between_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 40.0
    assert percentile(values, 50) == 25.0  # the median of an even sample
    assert percentile(values, 99) == pytest.approx(39.7)


def test_percentile_ignores_input_order() -> None:
    assert percentile([5.0, 1.0, 3.0], 50) == 3.0


@pytest.mark.parametrize("q", [-1, 101])
def test_percentile_rejects_out_of_range(q: float) -> None:
    with pytest.raises(ValueError, match="outside"):
        percentile([1.0], q)


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)


def test_summarise_keeps_median_min_max_and_every_run() -> None:
    summary = summarise([3.0, 1.0, 2.0, 10.0, 4.0])
    assert (summary.median, summary.min, summary.max) == (3.0, 1.0, 10.0)
    assert summary.runs == (3.0, 1.0, 2.0, 10.0, 4.0)
    assert summary.as_dict() == {"median": 3.0, "min": 1.0, "max": 10.0, "runs": [3.0, 1.0, 2.0, 10.0, 4.0]}


def test_scaled_changes_every_figure() -> None:
    assert summarise([0.001, 0.003]).scaled(1000) == Summary(2.0, 1.0, 3.0, (1.0, 3.0))


def test_ratio_pairs_runs_by_round_not_by_median() -> None:
    # Round 1 is slow for both sides, round 2 fast for both: per-round ratios are both 2.
    ours = summarise([200.0, 1000.0])
    theirs = summarise([100.0, 500.0])
    assert ratio(ours, theirs).runs == (2.0, 2.0)
    assert ratio(ours, theirs).median == 2.0


def test_ratio_over_a_zero_is_infinite_not_an_error() -> None:
    assert math.isinf(ratio(summarise([1.0]), summarise([0.0])).median)


def test_ratio_needs_paired_runs() -> None:
    with pytest.raises(ValueError, match="same number"):
        ratio(summarise([1.0, 2.0]), summarise([1.0]))
