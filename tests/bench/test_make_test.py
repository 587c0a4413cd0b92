"""bench/_make_test.py and bench/make_test.py: the split of a fresh `make test`'s time and its report section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench._make_test import HEADING, STEPS, scenario, section, time_split
from bench.make_test import replace_section

_JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="contract_tests.test_api" name="test_operation" time="20.5"/>
<testcase classname="tests.contract_tests.test_live_mode" name="test_a" time="30.0"/>
<testcase classname="tests.contract_tests.test_live_mode" name="test_b" time="10.0"/>
<testcase classname="tests.cli.test_check" name="test_c" time="7.25"/>
<testcase classname="tests.test_codegen" name="test_d" time="3.0"/>
</testsuite></testsuites>
"""


def _result(seconds: list[float], *, cold: bool = False, busy: int = 0) -> dict[str, Any]:
    steps = [{"step": name, "seconds": s, "status": 0} for (name, _), s in zip(STEPS, seconds, strict=False)]
    return {
        "commit": "abc1234",
        "cold_cache": cold,
        "busy_loops": busy,
        "cores": 2,
        "steps": steps,
        "total_seconds": sum(seconds),
        "passed": len(steps) == len(STEPS),
        "tests": None,
    }


def test_the_tests_time_is_split_between_the_contract_suite_and_the_rest(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    junit.write_text(_JUNIT, encoding="utf-8")
    split = time_split(junit)
    assert split["groups"] == {
        "contract suite": {"tests": 3, "seconds": 60.5},
        "everything else": {"tests": 2, "seconds": 10.2},
    }
    assert split["slowest_modules"][0] == {"module": "tests.contract_tests.test_live_mode", "seconds": 40.0}
    assert [m["module"] for m in split["slowest_modules"]][-1] == "tests.test_codegen"


def test_each_scenario_is_a_column_and_a_step_that_never_ran_shows_a_dash() -> None:
    idle = _result([2, 10, 3, 40, 9, 100])
    busy = _result([2, 12, 4, 80], busy=2, cold=True)  # stopped at the tests: the lint failed
    busy["passed"] = False
    # Given busy first, shown idle first.
    lines = section({scenario(busy): busy, scenario(idle): idle})
    assert lines[0] == HEADING
    table = "\n".join(lines)
    assert "| step | idle machine, warm package caches | 2 busy loops on 2 cores, cold package caches |" in table
    assert "| tests (make unit) | 100 | - |" in table
    assert "| **total** | **164** | **98** |" in table
    assert "| passed | yes | **no** |" in table


def test_the_section_replaces_its_old_self_and_keeps_every_other(tmp_path: Path) -> None:
    report = tmp_path / "results.md"
    old = f"# Benchmarks\n\n## 5. Mutation\n\nkept\n\n{HEADING}\n\nold figures\n\n## 7. Later\n\nalso kept\n"
    report.write_text(old, encoding="utf-8")
    replace_section(report, [HEADING, "", "new figures", ""])
    text = report.read_text(encoding="utf-8")
    assert "old figures" not in text and text.count(HEADING) == 1
    assert "new figures" in text and "kept" in text and "also kept" in text
    assert text.index("## 5. Mutation") < text.index(HEADING) < text.index("## 7. Later")
    fresh = tmp_path / "fresh.md"
    replace_section(fresh, section({}))
    assert fresh.read_text(encoding="utf-8").startswith(HEADING) and "make bench-make-test" in fresh.read_text()
