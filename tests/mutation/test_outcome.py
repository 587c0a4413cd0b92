from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mutation._mutants import ANNOTATION, INVALID
from mutation._outcome import (
    ANNOTATION_ONLY,
    INCOMPETENT,
    KILLED,
    SURVIVED,
    TIMEOUT,
    Result,
    append_results,
    classify,
    killed_by,
    read_results,
    without_running,
)
from tests.mutation._support import mutant, result


@pytest.mark.parametrize(
    ("worker", "test", "output", "expected"),
    [
        ("normal", "killed", "FAILED x", KILLED),
        ("normal", "killed", "timeout", TIMEOUT),
        ("normal", "survived", "25 passed", SURVIVED),
        ("normal", "incompetent", "Traceback", INCOMPETENT),
        ("exception", "incompetent", "Traceback", INCOMPETENT),
        ("no-test", None, None, INCOMPETENT),
    ],
)
def test_classify_reads_cosmic_ray_results(worker: str, test: str | None, output: str | None, expected: str) -> None:
    assert classify(worker, test, output) == expected


def test_killed_by_names_the_first_failed_test() -> None:
    output = "..F\n=== short test summary info ===\nFAILED contract_tests/test_rules.py::test_put - AssertionError\n"
    assert killed_by(output) == "contract_tests/test_rules.py::test_put"
    assert (
        killed_by("ERROR contract_tests/test_api.py::test_operation - boom")
        == "contract_tests/test_api.py::test_operation"
    )
    assert killed_by("25 passed") == ""
    assert killed_by(None) == ""


def test_results_round_trip_and_the_last_line_of_an_id_wins(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    first, again = result(SURVIVED), Result(result(KILLED).mutant, KILLED, 3.0, "t::x")
    append_results(path, [first, result(TIMEOUT, line=3, before="c")])
    append_results(path, [again])
    read = {r.mutant.id: r for r in read_results(path)}
    assert len(read) == 2
    assert read[first.mutant.id] == again


def test_a_broken_results_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"results.jsonl:1: not a mutant result"):
        read_results(path)


def test_no_results_file_is_no_results(tmp_path: Path) -> None:
    assert read_results(tmp_path / "absent.jsonl") == []


def test_what_is_known_without_a_run() -> None:
    assert without_running(mutant()) is None
    annotation = replace(mutant(), static=ANNOTATION)
    assert without_running(annotation) == Result(annotation, ANNOTATION_ONLY, 0.0)
    invalid = replace(mutant(), static=INVALID)
    assert without_running(invalid) == Result(invalid, INCOMPETENT, 0.0)
