"""A throwaway git repository holding two committed versions of the spec, for revision mode."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from tests.diff._specs import Document

_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env=_ENV, capture_output=True, text=True, check=True)
    return result.stdout


def write_spec(repo: Path, document: Document) -> None:
    path = repo / "openapi" / "anam.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def repository(root: Path, *versions: Document) -> Path:
    """A repository at `root` with one commit per version of the spec, oldest first."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    for number, version in enumerate(versions, start=1):
        write_spec(root, version)
        git(root, "add", "openapi/anam.yaml")
        git(root, "commit", "--quiet", "-m", f"spec version {number}")
    return root
