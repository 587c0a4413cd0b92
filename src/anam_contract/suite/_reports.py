"""Pieces of the end-of-run summary, written by whichever process ran the test.

Under pytest-xdist the tests run in worker processes and the summary is printed by the
controller, so every piece goes through a small JSON file under `<reports>/.contract/<run id>/`.
The run id is chosen by the process that prints the summary and inherited by the workers through
the environment; with one folder per run, runs that overlap in the same checkout stay apart.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from anam_contract.suite._report_files import REPORTS_DIR_ENV

RUN_ID_ENV = "CONTRACT_RUN_ID"


def start_pieces() -> None:
    """Choose this run's folder (called once, by the process that prints the summary, before workers start)."""
    os.environ[RUN_ID_ENV] = f"{os.getpid()}-{secrets.token_hex(4)}"


def drop_pieces() -> None:
    """Remove this run's folder once the summary is printed."""
    shutil.rmtree(_folder(), ignore_errors=True)


def reports_dir() -> Path:
    """Where the run writes: `reports/` under the current folder (wherever the suite is installed),
    or the folder CONTRACT_REPORTS_DIR names. Absolute, so that every process of a run agrees."""
    return Path(os.environ.get(REPORTS_DIR_ENV, "").strip() or "reports").absolute()


def _folder() -> Path:
    return reports_dir() / ".contract" / os.environ.get(RUN_ID_ENV, "default")


def write_piece(kind: str, name: str, data: Any) -> None:
    folder = _folder() / kind
    folder.mkdir(parents=True, exist_ok=True)
    # One file per writer and name: workers never write the same file.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    path = folder / f"{_safe(name)}.{worker}.json"
    path.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")


def read_pieces(kind: str) -> list[Any]:
    folder = _folder() / kind
    if not folder.is_dir():
        return []
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


def _safe(name: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "_" for char in name)
