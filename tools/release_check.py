"""Release checks: a version tag, the versions of both distributions and CHANGELOG.md must agree.

    python tools/release_check.py tag vX.Y.Z        # may this tag be released?
    python tools/release_check.py notes vX.Y.Z      # print its CHANGELOG.md section (the release notes)
    python tools/release_check.py changelog         # the changelog's headings agree with the git tags
    python tools/release_check.py dist DIR vX.Y.Z   # DIR holds the four files of that version, nothing else

The version of both distributions is read from the sources, as setuptools reads it (the `__version__`
of src/anam_personas/_version.py and src/anam_contract/__init__.py), and the tooling's pin of the
client (`anam-personas==X.Y.Z` in pyproject.toml) must name it too.

CHANGELOG.md's `##` headings take three forms: `## [Unreleased]` (first, once), `## [X.Y.Z] - YYYY-MM-DD`
(a release: its tag vX.Y.Z exists) and `## [X.Y.Z] - Unreleased` (the next release, not tagged yet:
only the version the code carries, and only as the newest section). `changelog` holds them to the
tags: every dated section has its tag and every vX.Y.Z tag a dated section, except that the newest
section may be dated before its tag is pushed (a release being cut), which it prints as pending.

Standard library only, so the release workflow runs it without installing the project. Exit 0 when
everything holds, 2 with one line on stderr saying what does not.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import itertools
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION_FILES = {
    "anam-personas": Path("src/anam_personas/_version.py"),
    "anam-contract": Path("src/anam_contract/__init__.py"),
}
CHANGELOG = Path("CHANGELOG.md")
TAG = re.compile(r"v(\d+\.\d+\.\d+)")
_VERSION = re.compile(r"\d+\.\d+\.\d+")
_HEADING = re.compile(r"## \[(?P<name>[^\]]*)\](?: - (?P<when>.*))?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINK_DEFINITION = re.compile(r"\[[^\]]+\]: \S+")


class ReleaseError(Exception):
    """The input cannot be released as it is; the message (one line) says why."""


@dataclass(frozen=True)
class Section:
    """One `##` section of CHANGELOG.md: `version` None is [Unreleased], `date` None is not released."""

    version: str | None
    date: str | None
    body: str
    line: int

    @property
    def heading(self) -> str:
        if self.version is None:
            return "[Unreleased]"
        return f"[{self.version}] - {self.date or 'Unreleased'}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release_check", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    tag = commands.add_parser("tag", help="the tag names the version of both distributions, and it has a dated section")
    tag.add_argument("tag")
    notes = commands.add_parser("notes", help="print the tag's CHANGELOG.md section")
    notes.add_argument("tag")
    commands.add_parser("changelog", help="every dated section has its vX.Y.Z tag and every such tag a dated section")
    dist = commands.add_parser("dist", help="DIR holds exactly the wheels and sdists of the tag's version")
    dist.add_argument("dir", type=Path)
    dist.add_argument("tag")
    args = parser.parse_args(argv)
    root: Path = args.root
    try:
        if args.command == "tag":
            version = project_version(root)
            section = check_tag(args.tag, version, read_changelog(root))
            print(f"release_check: {args.tag} is both distributions' version, CHANGELOG.md {section.heading}")
        elif args.command == "notes":
            print(release_notes(args.tag, read_changelog(root)))
        elif args.command == "changelog":
            for line in check_changelog(read_changelog(root), git_tags(root), project_version(root)):
                print(f"release_check: {line}")
        else:
            check_dist(sorted(path.name for path in _listing(args.dir)), args.tag)
            print(f"release_check: {args.dir} holds the wheels and sdists of {args.tag}")
    except ReleaseError as error:
        print(f"release_check: {error}", file=sys.stderr)
        return 2
    return 0


def project_version(root: Path) -> str:
    """The version both distributions carry; a ReleaseError when they, or the tooling's pin of the client, differ."""
    found = {name: _assigned_version(root, path) for name, path in VERSION_FILES.items()}
    if len(set(found.values())) != 1:
        raise ReleaseError("the two distributions differ: " + ", ".join(f"{n} is {v}" for n, v in found.items()))
    version = found["anam-personas"]
    if not _VERSION.fullmatch(version):
        raise ReleaseError(f"the version {version!r} is not MAJOR.MINOR.PATCH")
    try:
        pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ReleaseError(f"cannot read pyproject.toml: {error}") from error
    pins = [dep for dep in pyproject.get("project", {}).get("dependencies", []) if dep.startswith("anam-personas")]
    if pins != [f"anam-personas=={version}"]:
        raise ReleaseError(f"pyproject.toml requires {pins or 'no anam-personas'}, not anam-personas=={version}")
    return version


def _assigned_version(root: Path, path: Path) -> str:
    try:
        tree = ast.parse((root / path).read_text(encoding="utf-8"), str(path))
    except (OSError, SyntaxError, ValueError) as error:
        raise ReleaseError(f"cannot read {path}: {error}") from error
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [target.id for target in node.targets if isinstance(target, ast.Name)] == ["__version__"]
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise ReleaseError(f'{path} sets no __version__ = "X.Y.Z"')


def read_changelog(root: Path) -> list[Section]:
    try:
        text = (root / CHANGELOG).read_text(encoding="utf-8")
    except OSError as error:
        raise ReleaseError(f"cannot read {CHANGELOG}: {error}") from error
    return parse_changelog(text)


def parse_changelog(text: str) -> list[Section]:
    """The `##` sections, newest first; a ReleaseError on a heading of another form or out of order."""
    sections: list[Section] = []
    starts: list[int] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("## "):
            sections.append(_section(line, number))
            starts.append(number)
    ends = [*[start - 1 for start in starts[1:]], len(lines)]
    sections = [
        Section(section.version, section.date, _body(lines[start:end]), section.line)
        for section, start, end in zip(sections, starts, ends, strict=True)
    ]
    _check_order(sections)
    return sections


def _section(line: str, number: int) -> Section:
    heading = _HEADING.fullmatch(line.rstrip())
    if heading and heading["name"] == "Unreleased" and heading["when"] is None:
        return Section(None, None, "", number)
    if heading and _VERSION.fullmatch(heading["name"]) and heading["when"] is not None:
        when = heading["when"]
        if when.lower() == "unreleased":
            return Section(heading["name"], None, "", number)
        if _DATE.fullmatch(when) and _is_date(when):
            return Section(heading["name"], when, "", number)
    raise ReleaseError(
        f"{CHANGELOG} line {number}: {line.strip()!r} is none of ## [Unreleased], ## [X.Y.Z] - YYYY-MM-DD,"
        " ## [X.Y.Z] - Unreleased"
    )


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _body(lines: list[str]) -> str:
    """A section's text, without the link definitions Keep a Changelog puts at the end of the file."""
    while lines and (not lines[-1].strip() or _LINK_DEFINITION.fullmatch(lines[-1].strip())):
        lines = lines[:-1]
    return "\n".join(lines).strip("\n")


def _check_order(sections: list[Section]) -> None:
    if not sections or sections[0].version is not None:
        raise ReleaseError(f"{CHANGELOG} must start with ## [Unreleased]")
    versions: list[tuple[str, int]] = []
    for section in sections[1:]:
        if section.version is None:
            raise ReleaseError(f"{CHANGELOG} line {section.line}: a second ## [Unreleased]")
        versions.append((section.version, section.line))
    for (newer, _), (older, line) in itertools.pairwise(versions):
        if _key(newer) <= _key(older):
            raise ReleaseError(f"{CHANGELOG} line {line}: {older} after {newer} (newest first, each once)")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def tag_version(tag: str) -> str:
    found = TAG.fullmatch(tag)
    if not found:
        raise ReleaseError(f"tag {tag!r} is not vMAJOR.MINOR.PATCH")
    return found.group(1)


def check_tag(tag: str, version: str, sections: list[Section]) -> Section:
    """The dated section of the tag's version; a ReleaseError when the tag may not be released."""
    if tag_version(tag) != version:
        raise ReleaseError(
            f"tag {tag} is not the version of anam-personas and anam-contract, {version}"
            f" ({', '.join(str(path) for path in VERSION_FILES.values())})"
        )
    return _released_section(tag, sections)


def release_notes(tag: str, sections: list[Section]) -> str:
    return _released_section(tag, sections).body


def _released_section(tag: str, sections: list[Section]) -> Section:
    version = tag_version(tag)
    section = next((section for section in sections if section.version == version), None)
    if section is None:
        raise ReleaseError(f"{CHANGELOG} has no section for {version}: add ## [{version}] - YYYY-MM-DD")
    if section.date is None:
        raise ReleaseError(f"{CHANGELOG} line {section.line}: [{version}] is Unreleased; give it the release date")
    if not section.body.strip():
        raise ReleaseError(f"{CHANGELOG} line {section.line}: [{version}] is empty")
    return section


def check_changelog(sections: list[Section], tags: Iterable[str], version: str) -> list[str]:
    """What is pending (one line each); a ReleaseError naming every heading that disagrees with the tags."""
    tagged = {found.group(1) for tag in tags if (found := TAG.fullmatch(tag))}
    versions = [section for section in sections if section.version is not None]
    newest = versions[0].version if versions else None
    problems: list[str] = []
    pending: list[str] = []
    for section in versions:
        name = section.version
        is_next = name == newest == version
        if section.date is not None and name not in tagged:
            if is_next:
                pending.append(f"[{name}] is dated {section.date} and not tagged yet: push tag v{name} to release it")
            else:
                problems.append(f"[{name}] is dated {section.date} but there is no tag v{name}")
        elif section.date is None and name in tagged:
            problems.append(f"[{name}] is Unreleased but tag v{name} exists; give it the release date")
        elif section.date is None and not is_next:
            problems.append(f"[{name}] is Unreleased but only {version}, the version of the code, can be next")
    named = {section.version for section in versions}
    problems += [f"tag v{name} has no section" for name in sorted(tagged - named, key=_key)]
    if version not in named:
        problems.append(f"no section for {version}, the version of the code: add ## [{version}] - Unreleased")
    if problems:
        raise ReleaseError(f"{CHANGELOG} disagrees with the tags: " + "; ".join(problems))
    released = [section.version for section in versions if section.version in tagged]
    return [
        *pending,
        f"{CHANGELOG} agrees with the tags: released {', '.join(map(str, released)) or 'nothing yet'}, next {version}",
    ]


def git_tags(root: Path) -> list[str]:
    try:
        done = subprocess.run(
            ["git", "tag", "--list"], cwd=root, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ReleaseError(f"cannot run git tag: {error}") from error
    if done.returncode != 0:
        raise ReleaseError(f"git tag failed: {done.stderr.strip() or done.returncode}")
    return done.stdout.split()


def check_dist(names: list[str], tag: str) -> None:
    version = tag_version(tag)
    expected = {
        f"{distribution}-{version}{suffix}"
        for distribution in ("anam_personas", "anam_contract")
        for suffix in ("-py3-none-any.whl", ".tar.gz")
    }
    missing, unexpected = sorted(expected - set(names)), sorted(set(names) - expected)
    if missing or unexpected:
        raise ReleaseError(f"the built files are not those of {version}: missing {missing}, unexpected {unexpected}")


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError as error:
        raise ReleaseError(f"cannot list {folder}: {error}") from error


if __name__ == "__main__":
    sys.exit(main())
