"""Shared helpers for the drift tests: the mini spec, pages written from the data folder, findings as tuples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from anam_contract.drift import AllowEntry, Report, check
from anam_contract.spec import Spec

DATA = Path(__file__).parent / "data"

# (rule, location, field, value): what a test asserts about each finding.
Key = tuple[str, str | None, str | None, object]


def mini_spec() -> Spec:
    return Spec.load(DATA / "mini.yaml")


def page(folder: Path, name: str, *edits: tuple[str, str], target: str | None = None) -> Path:
    """Copy data/<name> into `folder` with each (old, new) edit applied; each `old` must occur exactly once."""
    text = (DATA / name).read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        text = text.replace(old, new)
    path = folder / (target or name)
    path.write_text(text, encoding="utf-8")
    return path


def run(pages: Sequence[Path], allow: Sequence[AllowEntry] = (), spec: Spec | None = None) -> Report:
    return check(list(pages), spec or mini_spec(), list(allow))


def keys(report: Report, status: str | None = None) -> list[Key]:
    """The findings (of one status, or all) as sorted (rule, location, field, value) tuples."""
    found = [(f.rule, f.location, f.field, f.value) for f in report.findings if status is None or f.status == status]
    return sorted(found, key=repr)
