from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench._http import Plan, _summarise
from bench._load import LoadResult
from bench._report import MUTATION_HEADING, figure, render_markdown, write
from bench._stats import summarise
from bench._suite import SuiteRun, summarise_suite
from bench._targets import evaluate

_MACHINE = {
    "cpu_model": "Test CPU",
    "cores": 2,
    "cores_usable": 2,
    "memory_gib": 4.0,
    "os": "Test OS",
    "kernel": "1.0",
    "python": "3.11.7",
    "python_implementation": "CPython",
    "node": "v20.0.0",
    "load_average_at_start": [1.0, 0.5, 0.25],
    "started_at": "2026-11-21T00:05:00+00:00",
}


def _http(ours_rps: float, ours_p99: float) -> dict[str, Any]:
    plan = Plan(rounds=1, seconds=3, warmup_seconds=1, concurrencies=(10,), max_requests=10, use_wrk=True)
    rates = {"ours_quiet": ours_rps, "ours_logging": 900.0, "prism_default": 500.0, "prism_silent": 800.0}
    runs = {
        (server, op, 10): [LoadResult(int(rps * 3), 3.0, 1.0, ours_p99 if server == "ours_quiet" else 20.0, 0, False)]
        for server, rps in rates.items()
        for op in ("GET", "POST")
    }
    summary = _summarise(runs, plan)
    summary["load_generator"] = "wrk (1 thread)"
    return summary


def _suite(inside: float) -> dict[str, Any]:
    def run(seconds: float, cases: int, app: float | None) -> SuiteRun:
        return SuiteRun(seconds, cases, 0, 0, True, app)

    return summarise_suite(
        {
            "mock_in_process": [run(11.0, 1000, inside)],
            "minimal_in_process": [run(4.0, 20, None)],
            "mock_over_http": [run(30.0, 600, None)],
        },
        examples=8,
    )


def _results(ours_rps: float = 1500.0, ours_p99: float = 4.0, inside: float = 0.5) -> dict[str, Any]:
    results: dict[str, Any] = {
        "quick": False,
        "machine": _MACHINE,
        "versions": {"tools": {"prism (@stoplight/prism-cli)": "5.14.2"}, "python": {"uvicorn": "0.54.0"}},
        "not_done": {"regen": "RuntimeError: make failed"},
        "http": _http(ours_rps, ours_p99),
        "suite": _suite(inside),
        "client": [
            {"operation": "json.loads", "what": "text -> dict", "us_per_call": summarise([12.0, 14.0]).as_dict()}
        ],
        "duration_seconds": 600.0,
    }
    results["targets"] = [t.as_dict() for t in evaluate(results)]
    return results


def test_figure_shows_median_then_range() -> None:
    assert figure(summarise([1.0, 2.0, 4.0]).as_dict(), lambda v: f"{v:.1f}") == "2.0 (1.0\u20134.0)"
    assert figure(None, str) == "\u2013"


def test_targets_met() -> None:
    verdicts = {t.key: t.met for t in evaluate(_results(ours_rps=1000.0, ours_p99=9.99, inside=0.9))}
    assert verdicts == {"get_rps_ratio": True, "get_p99": True, "suite_mock_share": True}


def test_targets_missed() -> None:
    # 999/500 is under 2x; p99 at the bound is not under it; 1.0 s of 11 s adds exactly 10%.
    verdicts = {t.key: t.met for t in evaluate(_results(ours_rps=999.0, ours_p99=10.0, inside=1.0))}
    assert verdicts == {"get_rps_ratio": False, "get_p99": False, "suite_mock_share": False}


def test_targets_not_measured_when_sections_are_missing() -> None:
    assert {t.met for t in evaluate({})} == {None}


def test_markdown_has_targets_machine_sections_and_not_done() -> None:
    text = render_markdown(_results())
    assert text.startswith("# Benchmarks\n")
    assert "| CPU | Test CPU |" in text
    assert "| prism (@stoplight/prism-cli) | 5.14.2 |" in text
    assert "GET one persona at concurrency 10 | 3.00\u00d7 (3.00\u00d7\u20133.00\u00d7) | **met** |" in text
    assert (
        "| 10 | mock --quiet | 1,500 (1,500\u20131,500) | 1.00 (1.00\u20131.00) | 4.00 (4.00\u20134.00) | 0 |" in text
    )
    assert "| mock --quiet / Prism (default logging) | GET | 10 | 3.00\u00d7 (3.00\u00d7\u20133.00\u00d7) |" in text
    assert "| added to the suite's own time | 4.8% (4.8%\u20134.8%) |" in text  # 0.5 / (11 - 0.5)
    assert "| json.loads | text -> dict | 13.0 (12.0\u201314.0) |" in text
    assert "## 4. Regeneration\n\nNOT DONE: RuntimeError: make failed" in text


def test_quick_runs_say_so_in_the_title() -> None:
    results = _results()
    results["quick"] = True
    assert render_markdown(results).startswith("# Benchmarks (QUICK smoke run")


def test_write_keeps_the_json_as_given(tmp_path: Path) -> None:
    results = _results()
    write(results, tmp_path / "results.md", tmp_path / "results.json", tmp_path / "no-summary.md")
    assert json.loads((tmp_path / "results.json").read_text()) == json.loads(json.dumps(results))
    assert (tmp_path / "results.md").read_text().startswith(render_markdown(results))


def test_the_mutation_section_is_the_last_summary_else_carried_over(tmp_path: Path) -> None:
    results, md, js = _results(), tmp_path / "results.md", tmp_path / "results.json"
    summary = tmp_path / "summary.md"
    write(results, md, js, summary)
    assert f"{MUTATION_HEADING}\n\nNot measured yet" in md.read_text()
    summary.write_text("# Mutation testing\n\nScore: 91.0%\n\n## Surviving mutants\n\n- one\n")
    write(results, md, js, summary)
    section = md.read_text().split(MUTATION_HEADING, 1)[1]
    assert "Score: 91.0%" in section and "### Surviving mutants" in section
    # A later `make bench` without a summary (a fresh clone) keeps the section it replaces.
    summary.unlink()
    write(results, md, js, summary)
    assert md.read_text().split(MUTATION_HEADING, 1)[1] == section


def test_a_missed_target_is_explained_from_its_profile() -> None:
    results = _results(ours_rps=999.0)
    results["profiles"] = {
        "server": {
            "samples": 100,
            "focus_share": 0.25,
            "self_by_package": [{"where": "stdlib asyncio", "share": 0.4}],
            "top_leaf": [{"where": "stdlib/asyncio/selector_events.py:1057 write", "share": 0.3}],
            "focus_inclusive": [{"where": "src/anam_contract/mock/_app.py _Api.persona", "share": 0.25}],
            "load": {"concurrency": 10, "rps_while_sampled": 900.0},
        }
    }
    text = render_markdown(results)
    finding = next(line for line in text.splitlines() if line.startswith("- Missed:"))
    assert "GET one persona at concurrency 10" in finding
    assert "on the stack in 25.0% of the busy samples" in finding
    assert "`src/anam_contract/mock/_app.py _Api.persona` (25.0%)" in finding
    assert "stdlib asyncio (40.0%)" in finding
    assert "## Profiles" in text


def test_no_findings_section_when_every_target_is_met() -> None:
    assert "## What the profiles show" not in render_markdown(_results())
