from __future__ import annotations

from pathlib import Path

import pytest

from mutation._outcome import ANNOTATION_ONLY, INCOMPETENT, KILLED, SURVIVED, TIMEOUT
from mutation._score import EquivalentFileError, judge, load_equivalents
from tests.mutation._support import result


def test_the_score_leaves_out_listed_survivors_and_mutants_that_could_not_run() -> None:
    survivor, equivalent = result(SURVIVED, before="s"), result(SURVIVED, before="e")
    results = [
        result(KILLED, before="k1"),
        result(TIMEOUT, before="k2"),
        result(KILLED, before="k3"),
        survivor,
        equivalent,
        result(INCOMPETENT, before="i"),
    ]
    verdict = judge(results, {equivalent.mutant.id: "only the log line changes"})
    tally = verdict.overall
    assert (tally.killed, tally.timeout, tally.survived, tally.survived_equivalent, tally.incompetent) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert tally.behaviour_changing == 4
    assert tally.score == 0.75
    assert verdict.survivors == [survivor]
    assert verdict.equivalent == [(equivalent, "only the log line changes")]
    assert not verdict.passed


def test_all_survivors_listed_passes() -> None:
    equivalent = result(SURVIVED)
    verdict = judge([equivalent, result(KILLED, before="k")], {equivalent.mutant.id: "why"})
    assert verdict.passed
    assert verdict.overall.score == 1.0


def test_a_listed_mutant_that_is_killed_fails_the_run() -> None:
    killed = result(KILLED)
    verdict = judge([killed], {killed.mutant.id: "claimed equivalent"})
    assert verdict.wrongly_listed == [killed]
    assert not verdict.passed


def test_counts_per_module() -> None:
    results = [
        result(KILLED, path="a/_rules.py"),
        result(SURVIVED, path="a/_store.py", before="x"),
        result(KILLED, path="a/_store.py", before="y"),
    ]
    per_module = judge(results, {}).per_module
    assert per_module["a/_rules.py"].score == 1.0
    assert per_module["a/_store.py"].score == 0.5


def test_stale_entries_are_found_only_on_a_full_listing() -> None:
    live = result(KILLED)
    assert judge([live], {"gone | op | x | y": "r"}, [live.mutant.id]).unused_entries == ["gone | op | x | y"]
    assert judge([live], {"gone | op | x | y": "r"}).unused_entries == ()


def test_annotation_only_mutants_are_left_out_of_the_score() -> None:
    verdict = judge([result(ANNOTATION_ONLY), result(KILLED, before="k")], {})
    assert (verdict.overall.annotation_only, verdict.overall.total, verdict.overall.score) == (1, 2, 1.0)
    assert verdict.passed


def test_no_behaviour_changing_mutant_has_no_score() -> None:
    assert judge([result(INCOMPETENT)], {}).overall.score is None


def test_equivalents_file(tmp_path: Path) -> None:
    path = tmp_path / "equivalent.yaml"
    assert load_equivalents(path) == {}
    path.write_text("{}\n", encoding="utf-8")
    assert load_equivalents(path) == {}
    path.write_text("'a | b | c | d': the value is never read\n", encoding="utf-8")
    assert load_equivalents(path) == {"a | b | c | d": "the value is never read"}


@pytest.mark.parametrize("text", ["- a list\n", "'a | b': ''\n", "'a | b':\n", "key: [unclosed\n"])
def test_equivalents_file_without_reasons_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "equivalent.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EquivalentFileError, match=r"equivalent\.yaml"):
        load_equivalents(path)
