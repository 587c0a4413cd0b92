"""Read the pages, decide which page speaks for each operation, run every rule, apply the allow file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from anam_contract.drift import _rules  # noqa: F401  (registers the rules)
from anam_contract.drift._allow import AllowEntry
from anam_contract.drift._context import Context
from anam_contract.drift._model import Operation, Page
from anam_contract.drift._pages import Role, place, roles
from anam_contract.drift._read import read_page
from anam_contract.drift._registry import RULES, Finding
from anam_contract.spec import Spec


@dataclass(frozen=True)
class PageSummary:
    file: Path
    shape: str
    operation: Operation | None
    modified: date | None
    role: str
    placed_by: str | None


@dataclass(frozen=True)
class Report:
    spec: Path | None
    allow: Path | None
    pages: tuple[PageSummary, ...]
    findings: tuple[Finding, ...]
    unused_allow: tuple[AllowEntry, ...]

    def count(self, status: str) -> int:
        return sum(1 for finding in self.findings if finding.status == status)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("drift") else 0


def check(files: list[Path], spec: Spec, allow: list[AllowEntry], allow_path: Path | None = None) -> Report:
    """Compare every page with the spec. Raises PageError for a page that cannot be read."""
    pages = [read_page(file) for file in files]
    return check_pages(pages, spec, allow, allow_path)


def check_pages(pages: list[Page], spec: Spec, allow: list[AllowEntry], allow_path: Path | None = None) -> Report:
    place(pages)
    by_operation: dict[tuple[str, str] | None, list[Page]] = {}
    for page in pages:
        by_operation.setdefault(page.operation.template if page.operation else None, []).append(page)
    role_of: dict[int, Role] = {}
    for operation, group in by_operation.items():
        if operation is None:
            role_of.update({id(page): Role("only", False) for page in group})
        else:
            role_of.update(roles(group))
    findings: list[Finding] = []
    summaries: list[PageSummary] = []
    for page in pages:
        role = role_of[id(page)]
        context = Context.build(page, role, spec)
        summaries.append(PageSummary(page.file, page.shape, page.operation, page.modified, role.name, page.placed_by))
        for registered in RULES.values():
            if registered.compares and (context.target is None or not role.compared):
                continue
            findings.extend(registered.function(context))
    used: set[int] = set()
    accepted: list[Finding] = []
    for finding in findings:
        entry = next((e for e in allow if finding.status == "drift" and e.matches(finding)), None)
        if entry is None:
            accepted.append(finding)
            continue
        used.add(id(entry))
        accepted.append(replace(finding, status="accepted", reason=entry.reason, allow_line=entry.line))
    unused = tuple(entry for entry in allow if id(entry) not in used)
    return Report(spec.path, allow_path, tuple(summaries), tuple(accepted), unused)
