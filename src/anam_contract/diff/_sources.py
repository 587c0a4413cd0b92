"""Where a spec version comes from: a file, or a file at a git revision (`git show REV:PATH`)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from anam_contract.diff._wellformed import first_problem
from anam_contract.inputs import InputError, read_text
from anam_contract.spec import Spec, SpecError

DEFAULT_SPEC_IN_REPO = "openapi/anam.yaml"


class SourceError(Exception):
    """A spec version that cannot be read: no such file or revision, not YAML, not OpenAPI 3.1."""


@dataclass(frozen=True)
class SpecSource:
    label: str  # what the user named: a file, or REV:path
    text: str


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed, so only spec files can be compared") from None


def repository_root(cwd: Path) -> Path:
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode != 0:
        raise SourceError(f"{cwd} is not inside a git repository")
    return Path(result.stdout.strip())


def read_spec_source(name: str, cwd: Path, spec_in_repo: str = DEFAULT_SPEC_IN_REPO) -> SpecSource:
    """`name` as a file when one exists, otherwise as a git revision holding `spec_in_repo`."""
    path = cwd / name
    if path.exists() or path.is_symlink():  # a file, even one that cannot be read, is never a revision
        try:
            return SpecSource(name, read_text(path, "spec"))
        except InputError as error:
            raise SourceError(str(error).replace(str(path), name)) from None
    if _git(["rev-parse", "--is-inside-work-tree"], cwd).returncode != 0:
        raise SourceError(f"{name} is not a file, and {cwd} is not a git repository to look it up as a revision")
    if _git(["rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], cwd).returncode != 0:
        raise SourceError(f"{name} is neither a file nor a known git revision")
    shown = _git(["show", f"{name}:{spec_in_repo}"], cwd)
    if shown.returncode != 0:
        raise SourceError(f"revision {name} has no {spec_in_repo}")
    return SpecSource(f"{name}:{spec_in_repo}", shown.stdout)


def working_tree_source(cwd: Path, spec_in_repo: str = DEFAULT_SPEC_IN_REPO) -> SpecSource:
    """The spec as it is now in the working tree of the repository around `cwd`."""
    path = repository_root(cwd) / spec_in_repo
    try:
        return SpecSource(f"{spec_in_repo} (working tree)", read_text(path, "spec"))
    except InputError as error:
        raise SourceError(str(error)) from None


def load_source(source: SpecSource, path: Path) -> Spec:
    """Write `source` to `path` (the generator needs a file) and load it with the shared loader."""
    path.write_text(source.text, encoding="utf-8")
    try:
        spec = Spec.load(path)
    except SpecError as error:  # one line naming the temporary copy: name what the user gave instead
        raise SourceError(" ".join(str(error).replace(str(path), source.label).split())) from None
    problem = first_problem(spec.document)
    if problem is not None:
        raise SourceError(f"{source.label} cannot be compared: {problem}")
    return spec
