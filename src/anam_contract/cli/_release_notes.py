"""`anam-contract release-notes`: draft the next CHANGELOG.md entry from the spec diff since the last release."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from anam_contract import diff
from anam_contract.cli._errors import UsageError
from anam_contract.spec import Spec, SpecError

_DESCRIPTION = """\
Draft the next CHANGELOG.md entry (Keep a Changelog) from what `anam-contract diff` finds between
the spec of the last release and the working tree's: the version the scheme asks for (MAJOR on a
breaking change, MINOR on any other spec change, PATCH when the spec did not change), the spec's
info.version before and after, and every change under Added, Changed or Removed, breaking ones
marked. The base is --base REV, else the newest tag, else (no release tagged yet) the first
commit. The entry is printed; CHANGELOG.md is never written."""

# Keep a Changelog's sections, in its order; a change goes where its rule's id says.
_SECTIONS = ("Added", "Changed", "Removed")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "release-notes",
        help="draft the next CHANGELOG.md entry from the spec diff since the last tag",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--base", metavar="REV", help="the last release: a git revision or a spec file (default: newest tag)"
    )
    parser.add_argument(
        "--spec",
        default=diff.DEFAULT_SPEC_IN_REPO,
        metavar="PATH",
        help="where the spec lives inside the repository (default: %(default)s)",
    )
    parser.add_argument(
        "--current",
        metavar="VERSION",
        help="the released client version the next one follows (default: the installed anam-personas's)",
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    cwd = Path.cwd()
    major, minor, patch = _parse_version(args.current or _installed_client_version())
    base, note = (args.base, None) if args.base is not None else _default_base(cwd)
    with tempfile.TemporaryDirectory(prefix="anam-release-notes-") as tmp:
        try:
            old = diff.load_source(diff.read_spec_source(base, cwd, args.spec), Path(tmp) / "old.yaml")
            new = diff.load_source(diff.working_tree_source(cwd, args.spec), Path(tmp) / "new.yaml")
            changes = diff.compare_specs(old, new)
        except (diff.SourceError, SpecError) as error:
            raise UsageError(str(error)) from None
    if note:
        print(f"anam-contract release-notes: {note}", file=sys.stderr)
    if any(change.breaking for change in changes):
        next_version = f"{major + 1}.0.0"
    elif changes:
        next_version = f"{major}.{minor + 1}.0"
    else:
        next_version = f"{major}.{minor}.{patch + 1}"
    sys.stdout.write(render_entry(next_version, base, _spec_version(old), _spec_version(new), changes))
    return 0


def render_entry(next_version: str, base: str, old_spec: str, new_spec: str, changes: list[diff.Change]) -> str:
    """The Keep a Changelog entry for `changes` (as `compare_specs` returns them)."""
    lines = [f"## [{next_version}] - Unreleased", ""]
    if old_spec == new_spec and not changes:
        lines.append(f"Spec version {new_spec} (unchanged since {base}).")
    elif old_spec == new_spec:
        lines.append(f"Spec version {new_spec}, as at {base}, though the spec changed: move its info.version.")
    else:
        lines.append(f"Spec version {old_spec} -> {new_spec} (since {base}).")
    if not changes:
        lines += ["", "### Changed", "", f"- No change to the spec since {base}: a client-only release."]
    sections: dict[str, list[str]] = {name: [] for name in _SECTIONS}
    for change in sorted(changes, key=lambda item: (not item.breaking, str(item.location), item.rule)):
        sections[_section(change.rule)].append(_line(change))
    for name in _SECTIONS:
        if sections[name]:
            lines += ["", f"### {name}", "", *sections[name]]
    return "\n".join(lines) + "\n"


def _section(rule: str) -> str:
    if "added" in rule:
        return "Added"
    if "removed" in rule:
        return "Removed"
    return "Changed"


def _line(change: diff.Change) -> str:
    verdicts = [name for name, hit in (("deployed clients", change.wire), ("code on upgrade", change.source)) if hit]
    prefix = f"**Breaking** ({', '.join(verdicts)}): " if verdicts else ""
    return f"- {prefix}{change.location}: {change.detail} (`{change.rule}`)"


def _default_base(cwd: Path) -> tuple[str, str | None]:
    """The newest tag; with no tag, the first commit (and a note saying so)."""
    tag = _git(["describe", "--tags", "--abbrev=0"], cwd)
    if tag:
        return tag, None
    roots = _git(["rev-list", "--max-parents=0", "HEAD"], cwd)
    if not roots:
        raise UsageError(f"{cwd} is not a git repository with commits; give the last release's spec with --base FILE")
    first = roots.splitlines()[-1]
    return first, f"no release tag yet, so the draft compares with the first commit {first[:12]}"


def _git(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; give the last release's spec with --base FILE") from None
    return result.stdout.strip() if result.returncode == 0 else ""


def _installed_client_version() -> str:
    try:
        return version("anam-personas")
    except PackageNotFoundError:
        raise UsageError("anam-personas is not installed; give the released version with --current X.Y.Z") from None


def _parse_version(text: str) -> tuple[int, int, int]:
    parts = text.split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise UsageError(f"--current {text!r}: not a version of the form MAJOR.MINOR.PATCH")
    return int(parts[0]), int(parts[1]), int(parts[2])


def _spec_version(spec: Spec) -> str:
    info = spec.document.get("info")
    return str(info.get("version", "?")) if isinstance(info, dict) else "?"
