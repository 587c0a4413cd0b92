"""The fetch state file: what each page looked like when last fetched, for conditional requests."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

STATE_NAME = ".docs-state.json"


class StateError(Exception):
    """The state file exists but cannot be read as one."""


@dataclass(frozen=True)
class PageState:
    file: str  # the saved file's name in the output folder
    sha256: str
    etag: str | None = None
    last_modified: str | None = None


def load_state(path: Path) -> dict[str, PageState]:
    """URL -> state; empty when the file does not exist yet."""
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {str(url): PageState(**entry) for url, entry in raw["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise StateError(f"{path} is not a docs fetch state file; move it away or choose another --out") from None


def save_state(path: Path, state: dict[str, PageState]) -> None:
    body = {"pages": {url: asdict(entry) for url, entry in sorted(state.items())}}
    write_atomically(path, (json.dumps(body, indent=2, sort_keys=True) + "\n").encode())


def write_atomically(path: Path, content: bytes) -> None:
    """A reader never sees half a file, and an interrupted run leaves the old one."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
