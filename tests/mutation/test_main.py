"""The `python -m mutation` command line, without running any mutant (no cosmic-ray needed)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import mutation.__main__ as cli
from mutation._mutants import ANNOTATION
from mutation._outcome import KILLED, SURVIVED, Result, append_results, read_results
from tests.cli._support import snapshot
from tests.mutation._support import result


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the command at a private reports folder and an empty equivalents list."""
    monkeypatch.setattr(cli, "REPORT_DIR", tmp_path)
    monkeypatch.setattr(cli, "RESULTS_FILE", tmp_path / "results.jsonl")
    monkeypatch.setattr(cli, "EQUIVALENT_FILE", tmp_path / "equivalent.yaml")
    # Saved results are scored as saved: no listing of today's mutants (which needs cosmic-ray).
    monkeypatch.setattr(cli, "_listing", lambda modules: [])
    return tmp_path


def test_help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    snapshot("mutation_help.txt", capsys.readouterr().out)


@pytest.mark.parametrize(
    "args",
    [
        ["--jobs", "3"],
        ["--jobs", "0"],
        ["--examples", "0"],
        ["--timeout", "-1"],
        ["--sample", "-2"],
        ["--module", "_nope.py"],
        ["--jobs", "two"],
        ["--bogus"],
        ["--rerun-survivors"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mutation: ")


def test_bad_input_messages(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--jobs", "3"], ["--module", "_nope.py"]):
        with pytest.raises(SystemExit):
            cli.main(args)
    snapshot("mutation_bad_input.txt", capsys.readouterr().err)


def test_report_only_without_results_is_exit_2(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--report-only"]) == 2
    assert "no results in" in capsys.readouterr().err


def test_report_only_scores_saved_results_and_fails_on_an_unlisted_survivor(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survivor = result(SURVIVED)
    append_results(reports / "results.jsonl", [survivor, result(KILLED, before="k")])
    assert cli.main(["--report-only"]) == 1
    assert "mutation score 50.0%" in capsys.readouterr().out
    assert (reports / "summary.md").exists()
    # Reviewed and listed as equivalent: the same results now pass, scored over the killed one alone.
    (reports / "equivalent.yaml").write_text(f"'{survivor.mutant.id}': a reason\n", encoding="utf-8")
    assert cli.main(["--report-only"]) == 0
    assert "mutation score 100.0%" in capsys.readouterr().out


def test_a_broken_equivalents_file_is_exit_2(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "equivalent.yaml").write_text("- not a mapping\n", encoding="utf-8")
    assert cli.main(["--report-only"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected a mapping" in err


def test_a_saved_survivor_now_known_as_annotation_only_is_not_a_survivor(
    reports: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    survivor = result(SURVIVED)
    append_results(reports / "results.jsonl", [survivor, result(KILLED, before="k")])
    monkeypatch.setattr(cli, "_listing", lambda modules: [replace(survivor.mutant, static=ANNOTATION)])
    assert cli.main(["--report-only"]) == 0
    assert "1 annotation-only" in capsys.readouterr().out


def test_rerun_survivors_runs_only_the_unlisted_survivors_again(
    reports: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    survivor, killed, listed = result(SURVIVED), result(KILLED, before="k"), result(SURVIVED, before="e")
    append_results(reports / "results.jsonl", [survivor, killed, listed])
    (reports / "equivalent.yaml").write_text(f"'{listed.mutant.id}': reviewed\n", encoding="utf-8")
    ran: list[str] = []

    def run_mutants(mutants: list[Any], *, on_result: Any, on_baseline: Any, **_: Any) -> None:
        on_baseline(1.0, 3.0)
        for one in mutants:
            ran.append(one.id)
            on_result(Result(one, KILLED, 2.0, "test_rules"))  # the new check kills it

    mutants = [survivor.mutant, killed.mutant, listed.mutant]
    runner = SimpleNamespace(BaselineError=RuntimeError, list_mutants=lambda modules: mutants, run_mutants=run_mutants)
    monkeypatch.setitem(sys.modules, "mutation._run", runner)
    assert cli.main(["--resume", "--rerun-survivors"]) == 0
    assert ran == [survivor.mutant.id]
    assert "mutation score 100.0%" in capsys.readouterr().out
    # The new result is appended; the saved file still holds the old line (the last one wins).
    assert [r.outcome for r in read_results(reports / "results.jsonl")] == [KILLED, KILLED, SURVIVED]
