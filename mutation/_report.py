"""reports/mutation/summary.md and summary.json, and the lines printed at the end of a run."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mutation._outcome import Result
from mutation._score import TARGET, Tally, Verdict


@dataclass(frozen=True, slots=True)
class RunInfo:
    examples: int  # the suite's depth
    listed: int  # mutants listed this run (0 when only re-scoring saved results)
    minutes: float  # this invocation's time; 0 when it ran no mutant (--report-only)


def _percent(tally: Tally) -> str:
    return "n/a" if tally.score is None else f"{tally.score:.1%}"


def _where(result: Result) -> str:
    return f"{result.mutant.path}:{result.mutant.line}"


def summary_lines(verdict: Verdict) -> list[str]:
    """The short text printed at the end of a run."""
    total = verdict.overall
    met = total.score is not None and total.score >= TARGET
    lines = [
        f"mutation score {_percent(total)} of behaviour-changing mutants killed "
        f"(target {TARGET:.0%}: {'met' if met else 'NOT met'})",
        f"  {total.total} run: {total.killed} killed, {total.timeout} timed out, {total.survived} survived, "
        f"{total.survived_equivalent} listed equivalent, {total.annotation_only} annotation-only, "
        f"{total.incompetent} could not run",
    ]
    lines += [f"  SURVIVED {_where(r)} {r.mutant.operator}: {r.mutant.describe()}" for r in verdict.survivors]
    lines += [
        f"  LISTED BUT KILLED {_where(r)} (remove it from mutation/equivalent.yaml): {r.mutant.id}"
        for r in verdict.wrongly_listed
    ]
    return lines


def _row(name: str, tally: Tally) -> str:
    return (
        f"| {name} | {tally.total} | {tally.killed} | {tally.timeout} | {tally.survived} | "
        f"{tally.survived_equivalent} | {tally.annotation_only} | {tally.incompetent} | {_percent(tally)} |"
    )


def markdown(verdict: Verdict, info: RunInfo) -> str:
    lines = [
        "# Mutation testing of the mock against the contract suite",
        "",
        f"Suite depth {info.examples} examples per operation and phase; {verdict.overall.total} mutants scored"
        + (f" of {info.listed} listed" if info.listed else "")
        + (f"; this run took {info.minutes:.1f} minutes." if info.minutes else "."),
        "",
        *summary_lines(verdict),
        "",
        "| module | mutants | killed | timed out | survived | listed equivalent | annotation-only | could not run "
        "| score |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *[_row(f"`{path.rsplit('/', 1)[-1]}`", tally) for path, tally in verdict.per_module.items()],
        _row("**all**", verdict.overall),
        "",
        "## Surviving behaviour-changing mutants",
        "",
        *([f"- `{_where(r)}` {r.mutant.operator}: `{r.mutant.describe()}`" for r in verdict.survivors] or ["None."]),
        "",
        "## Survivors listed in mutation/equivalent.yaml",
        "",
        *([f"- `{_where(r)}` `{r.mutant.describe()}`: {why}" for r, why in verdict.equivalent] or ["None."]),
    ]
    if verdict.unused_entries:
        lines += ["", "## Entries of equivalent.yaml no mutant has any more", ""]
        lines += [f"- `{entry}`" for entry in verdict.unused_entries]
    return "\n".join(lines) + "\n"


def _as_json(verdict: Verdict, info: RunInfo) -> dict[str, object]:
    def tally(t: Tally) -> dict[str, object]:
        return {
            "mutants": t.total,
            "killed": t.killed,
            "timeout": t.timeout,
            "survived": t.survived,
            "listed_equivalent": t.survived_equivalent,
            "incompetent": t.incompetent,
            "annotation_only": t.annotation_only,
            "score": t.score,
        }

    return {
        "examples": info.examples,
        "listed": info.listed,
        "overall": tally(verdict.overall),
        "modules": {path: tally(t) for path, t in verdict.per_module.items()},
        "survivors": [{"id": r.mutant.id, "where": _where(r)} for r in verdict.survivors],
        "wrongly_listed": [r.mutant.id for r in verdict.wrongly_listed],
        "unused_entries": list(verdict.unused_entries),
        "passed": verdict.passed,
    }


def write_reports(verdict: Verdict, info: RunInfo, folder: Path) -> list[str]:
    """Write summary.md and summary.json into `folder`; the lines to print."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "summary.md").write_text(markdown(verdict, info), encoding="utf-8")
    (folder / "summary.json").write_text(json.dumps(_as_json(verdict, info), indent=2) + "\n", encoding="utf-8")
    return [*summary_lines(verdict), f"  report: {folder / 'summary.md'}"]
