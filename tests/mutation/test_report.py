from __future__ import annotations

import json
from pathlib import Path

from mutation._outcome import KILLED, SURVIVED
from mutation._report import RunInfo, markdown, summary_lines, write_reports
from mutation._score import judge
from tests.mutation._support import result


def test_summary_names_the_score_the_target_and_every_survivor() -> None:
    survivor = result(SURVIVED, path="src/m/_store.py", line=7, before="a < b")
    verdict = judge([survivor, *(result(KILLED, before=f"k{i}") for i in range(3))], {})
    lines = summary_lines(verdict)
    assert lines[0] == "mutation score 75.0% of behaviour-changing mutants killed (target 90%: NOT met)"
    assert (
        "4 run: 3 killed, 0 timed out, 1 survived, 0 listed equivalent, 0 annotation-only, 0 could not run" in lines[1]
    )
    assert lines[2] == "  SURVIVED src/m/_store.py:7 core/ReplaceComparisonOperator_Lt_Gt: a < b  ->  a > b"


def test_markdown_has_a_row_per_module_and_the_listed_reasons() -> None:
    equivalent = result(SURVIVED, path="src/m/_http.py", before="x")
    verdict = judge([equivalent, result(KILLED, path="src/m/_rules.py")], {equivalent.mutant.id: "the log only"})
    text = markdown(verdict, RunInfo(examples=4, listed=10, minutes=2.0))
    assert "2 mutants scored of 10 listed; this run took 2.0 minutes." in text
    assert "scored of 10 listed." in markdown(verdict, RunInfo(examples=4, listed=10, minutes=0.0))
    assert "| `_http.py` | 1 | 0 | 0 | 0 | 1 | 0 | 0 | n/a |" in text
    assert "| `_rules.py` | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 100.0% |" in text
    assert "| **all** | 2 | 1 | 0 | 0 | 1 | 0 | 0 | 100.0% |" in text
    assert "x  ->  a > b`: the log only" in text
    assert "## Surviving behaviour-changing mutants\n\nNone." in text


def test_write_reports_writes_markdown_and_json(tmp_path: Path) -> None:
    survivor = result(SURVIVED)
    lines = write_reports(judge([survivor], {}), RunInfo(4, 0, 0.5), tmp_path / "out")
    data = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert data["passed"] is False
    assert data["survivors"] == [{"id": survivor.mutant.id, "where": "src/m/_rules.py:10"}]
    assert data["overall"]["score"] == 0.0
    assert (tmp_path / "out" / "summary.md").read_text(encoding="utf-8").startswith("# Mutation testing")
    assert lines[-1].endswith("summary.md")
