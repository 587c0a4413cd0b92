"""Helpers the CLI tests share: running a subcommand in-process and comparing with snapshot files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anam_contract.cli import main

SNAPSHOTS = Path(__file__).parent / "snapshots"


def snapshot(name: str, text: str) -> None:
    """Compare with tests/cli/snapshots/<name>; UPDATE_SNAPSHOTS=1 rewrites it instead."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def run_cli(capsys: pytest.CaptureFixture[str], command: str, *args: str) -> tuple[int, str, str]:
    """`anam-contract COMMAND ARGS...` in-process: (exit code, stdout, stderr)."""
    code = main([command, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err
