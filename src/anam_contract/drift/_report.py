"""Render a drift report: a readable table for people, JSON for CI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anam_contract.drift._check import Report
from anam_contract.drift._registry import Finding

_STATUS = {"drift": "DRIFT", "accepted": "accepted", "notice": "note"}
_MAX_DETAILS = 10


def render_text(report: Report, show: Callable[[Path], str] = str) -> str:
    lines: list[str] = []
    spec = show(report.spec) if report.spec else "the spec"
    lines.append(f"{len(report.pages)} page(s) compared with {spec}")
    lines.append("")
    rows = [["page", "shape", "operation", "last modified", "role"]]
    placed: list[str] = []
    for page in report.pages:
        operation = str(page.operation) if page.operation else "?"
        if page.placed_by:
            operation += "*"
            placed.append(f"  * {show(page.file)}: the page names no operation; it {page.placed_by}")
        rows.append([show(page.file), page.shape, operation, str(page.modified or "-"), page.role])
    lines.extend(_table(rows))
    lines.extend(placed)
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:
        groups.setdefault(str(finding.operation) if finding.operation else "(operation unknown)", []).append(finding)
    for operation, findings in groups.items():
        lines.append("")
        lines.append(operation)
        rows = [
            ["  " + _STATUS[f.status], f.rule, f"{show(f.page)}:{f.line}", f.message + _allowed(f)] for f in findings
        ]
        table = _table(rows)
        for finding, row in zip(findings, table, strict=True):
            lines.append(row)
            indent = " " * (len(row) - len(row.lstrip()) + 4)
            for detail in finding.details[:_MAX_DETAILS]:
                lines.append(f"{indent}{detail}")
            if len(finding.details) > _MAX_DETAILS:
                lines.append(f"{indent}… and {len(finding.details) - _MAX_DETAILS} more (--format json lists them all)")
    reasons = {f.allow_line: f.reason for f in report.findings if f.allow_line is not None}
    if reasons:
        allow = show(report.allow) if report.allow else "the allow file"
        lines.append("")
        lines.append(f"accepted differences, from {allow}:")
        for line, reason in sorted(reasons.items()):
            lines.append(f"  line {line}: {reason}")
    if report.unused_allow:
        lines.append("")
        lines.append("allow entries no finding used (fine when only some pages were given):")
        for entry in report.unused_allow:
            lines.append(f"  line {entry.line}: {entry.describe()}")
    lines.append("")
    drift, accepted, notes = report.count("drift"), report.count("accepted"), report.count("notice")
    verdict = "drift found" if drift else "no drift"
    lines.append(f"{drift} drift, {accepted} accepted, {notes} note(s): {verdict}")
    return "\n".join(lines) + "\n"


def _allowed(finding: Finding) -> str:
    return f" [allow line {finding.allow_line}]" if finding.allow_line is not None else ""


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows
    ]


def render_json(report: Report, show: Callable[[Path], str] = str) -> str:
    document: dict[str, Any] = {
        "spec": show(report.spec) if report.spec else None,
        "allow": show(report.allow) if report.allow else None,
        "pages": [
            {
                "file": show(page.file),
                "shape": page.shape,
                "operation": str(page.operation) if page.operation else None,
                "last_modified": page.modified.isoformat() if page.modified else None,
                "role": page.role,
                "placed_by": page.placed_by,
            }
            for page in report.pages
        ],
        "findings": [_finding(finding, show) for finding in report.findings],
        "unused_allow": [{"line": entry.line, "entry": entry.describe()} for entry in report.unused_allow],
        "summary": {
            "drift": report.count("drift"),
            "accepted": report.count("accepted"),
            "notice": report.count("notice"),
        },
        "exit_code": report.exit_code,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding: Finding, show: Callable[[Path], str]) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "status": finding.status,
        "operation": str(finding.operation) if finding.operation else None,
        "location": finding.location,
        "field": finding.field,
        "page": show(finding.page),
        "line": finding.line,
        "message": finding.message,
        "page_says": finding.page_says,
        "spec_says": finding.spec_says,
        "value": finding.value,
        "details": list(finding.details),
        "reason": finding.reason,
        "allow_line": finding.allow_line,
    }
