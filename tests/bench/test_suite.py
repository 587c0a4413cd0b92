from __future__ import annotations

import pytest

from bench._suite import SuiteRun, parse_st_cases, parse_summary, summarise_suite

_SUMMARY = """\
============================ contract suite summary ============================
target      embedded mock (in-process), depth 8 examples per operation and phase
operations  5: createPersona, deletePersona, getPersona, listPersonas, updatePersona
cases       932 requests checked
checks      17 kinds, 14336 runs, 3 failed
skipped     41 cases held back by the live-mode guard:
failures    0 failed tests
6 passed in 14.11s
"""


def test_parse_summary_reads_cases_failed_checks_and_skips() -> None:
    assert parse_summary(_SUMMARY) == (932, 3, 41)


def test_parse_summary_without_skips_or_checks() -> None:
    assert parse_summary("cases       12 requests checked\n") == (12, 0, 0)


def test_parse_summary_without_cases_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="no case count"):
        parse_summary("1 failed in 2.00s\n")


def _run(seconds: float, cases: int, inside: float | None) -> SuiteRun:
    return SuiteRun(seconds=seconds, cases=cases, failed_checks=0, skipped=0, passed=True, app_seconds=inside)


def test_mock_share_is_measured_inside_the_runs() -> None:
    runs = {
        "mock_in_process": [_run(20.0, 1000, 2.0), _run(10.0, 1000, 2.0)],
        "minimal_in_process": [_run(5.0, 20, None), _run(5.0, 20, None)],
        "mock_over_http": [_run(40.0, 500, None), _run(40.0, 500, None)],
    }
    summary = summarise_suite(runs, examples=8)
    share = summary["mock_share"]
    assert isinstance(share, dict)
    assert share["share_of_suite_time"]["runs"] == [0.1, 0.2]
    assert share["adds_to_suite_time"]["runs"] == pytest.approx([2 / 18, 2 / 8])
    setups = summary["setups"]
    assert isinstance(setups, dict)
    assert setups["mock_in_process"]["cases_per_second"]["runs"] == [50.0, 100.0]


def test_parse_st_cases_reads_the_cli_summary() -> None:
    output = "Test cases:\n  1411 generated, 1398 passed, 13 skipped\n\nSeed: 1\n"
    assert parse_st_cases(output) == 1411


def test_parse_st_cases_without_a_summary_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="no case count"):
        parse_st_cases("Schema loading failed\n")
