"""Wall time of `make generate` and `make check-generated`, run as a user runs them.

`make generate` rewrites generated/ in place, so after every run the freshness checker must pass:
a benchmark that changed the tree would be a bug, and the run stops with an error instead.
"""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path

from bench._stats import summarise

_TIMEOUT_SECONDS = 300


class RegenerationChangedTree(RuntimeError):
    """`make generate` left generated/ different from what the checker expects."""


def _timed_make(root: Path, target: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT_SECONDS,
        check=False,
    )
    return time.perf_counter() - started, done


def tree_digest(folder: Path) -> str:
    """One hash over every file's path and bytes under `folder`, caches excluded."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and ".mypy_cache" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def run(root: Path, repeats: int) -> dict[str, object]:
    timings: dict[str, list[float]] = {"make generate": [], "make check-generated": []}
    before = tree_digest(root / "generated")
    # One untimed round first: make may still have a prerequisite to bring up to date.
    _timed_make(root, "generate")
    for _ in range(repeats):
        seconds, done = _timed_make(root, "generate")
        if done.returncode != 0:
            raise RuntimeError(f"make generate failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        timings["make generate"].append(seconds)
        seconds, done = _timed_make(root, "check-generated")
        if done.returncode != 0:
            raise RegenerationChangedTree(f"the tree changed or was stale:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        timings["make check-generated"].append(seconds)
    unchanged = tree_digest(root / "generated") == before
    if not unchanged:
        raise RegenerationChangedTree("generated/ has different bytes after the timed runs of make generate")
    return {name: {"seconds": summarise(runs).as_dict(), "tree_unchanged": unchanged} for name, runs in timings.items()}
