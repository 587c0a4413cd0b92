"""The run's list of differences, written where people look: `reports/contract-report.json` (for
tools), `reports/contract-report.md` (for people, also appended to `$GITHUB_STEP_SUMMARY` on a CI
runner) and lines for the terminal summary. Every string goes through `scrub` first: no key of the
run appears in any of them, in any spelling.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from anam_contract.suite._outcome import describe
from anam_contract.suite._recording import Recorder
from anam_contract.suite._repro import scrub, scrub_json

REPORT_JSON = "contract-report.json"
REPORT_MD = "contract-report.md"
STEP_SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
# Where the report files go instead of reports/ under the current folder (a CI's artifact folder;
# the suite's own tests, so that a run of theirs never overwrites the report of a run the user made).
REPORTS_DIR_ENV = "CONTRACT_REPORTS_DIR"


def report_data(recorder: Recorder, *, target: str, examples: int) -> dict[str, Any]:
    entries = recorder.sorted_entries()
    return {
        "target": target,
        "examples": examples,
        "operations": {
            name: {**counts.to_json(), "label": recorder.labels.get(name, "")}
            for name, counts in sorted(recorder.operations.items())
        },
        "distinct_differences": len(entries),
        "differences": [{**entry.to_json(), "of": recorder.of(entry.operation_id)} for entry in entries],
    }


def operation_table(recorder: Recorder) -> list[str]:
    """Per operation: cases generated, sent, held back (with reasons) and responses that differed."""
    names = sorted(name for name in recorder.operations if name in recorder.labels)
    if not names:
        return []
    width = max(len(name) for name in names)
    lines = [f"{'operation':<{width}}  generated   sent  held back  failed"]
    for name in names:
        counts = recorder.operations[name]
        held = sum(counts.held.values())
        lines.append(f"{name:<{width}}  {counts.generated:>9}  {counts.sent:>5}  {held:>9}  {counts.failed:>6}")
        for reason, count in counts.held.most_common():
            lines.append(f"{'':<{width}}    held back {count}x: {reason}")
    return lines


def markdown(recorder: Recorder, *, target: str, examples: int) -> str:
    entries = recorder.sorted_entries()
    lines = [
        "## Contract suite: differences from the spec",
        "",
        f"Target: {target}, depth {examples}. **{len(entries)} distinct differences.**",
        "",
        "| operation | generated | sent | held back | failed |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, counts in sorted(recorder.operations.items()):
        if name not in recorder.labels:
            continue
        reasons = "; ".join(f"{count}x {reason}" for reason, count in counts.held.most_common())
        held = f"{sum(counts.held.values())}" + (f" ({reasons})" if reasons else "")
        lines.append(f"| `{name}` | {counts.generated} | {counts.sent} | {held} | {counts.failed} |")
    if entries:
        lines += ["", "| operation | status | where | kind | spec says | server sent | seen | checks |"]
        lines.append("| --- | --- | --- | --- | --- | --- | ---: | --- |")
        for entry in entries:
            label = recorder.labels.get(entry.operation_id, "")
            cells = [
                f"`{entry.operation_id}` {label}",
                entry.status,
                f"`{entry.pointer or '(whole response)'}`",
                entry.kind,
                entry.expected,
                entry.got,
                f"{entry.count} of {recorder.of(entry.operation_id)}",
                ", ".join(sorted(entry.checks)),
            ]
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
        lines += ["", "### Reproductions", ""]
        for entry in entries:
            if entry.reproduction:
                lines += [f"- {_cell(describe(entry, recorder))}", "", "  ```sh", f"  {entry.reproduction}", "  ```"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_reports(
    recorder: Recorder, folder: Path, *, target: str, examples: int, secrets: Mapping[str, str]
) -> list[Path]:
    """Write both report files (and the step summary on CI); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    data = scrub_json(report_data(recorder, target=target, examples=examples), secrets)
    text = scrub(markdown(recorder, target=target, examples=examples), secrets)
    written = [folder / REPORT_JSON, folder / REPORT_MD]
    written[0].write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    written[1].write_text(text, encoding="utf-8")
    summary = os.environ.get(STEP_SUMMARY_ENV, "").strip()
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    return written


def terminal_lines(recorder: Recorder, secrets: Mapping[str, str], limit: int = 40) -> list[str]:
    """The per-operation table and the differences, for the end-of-run summary."""
    lines = operation_table(recorder)
    entries = recorder.sorted_entries()
    lines.append(f"differences {len(entries)} distinct")
    for entry in entries[:limit]:
        lines.append("            " + scrub(describe(entry, recorder), secrets))
    if len(entries) > limit:
        lines.append(f"            ... and {len(entries) - limit} more")
    return lines
