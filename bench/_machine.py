"""What the numbers were measured on: the machine, and the version of every tool measured."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

# Python distributions whose speed the figures depend on (server, validators, suite, models).
_DISTRIBUTIONS = (
    "anam-contract",
    "anam-personas",
    "attrs",
    "httpx",
    "hypothesis",
    "jsonschema",
    "openapi-python-client",
    "py-spy",
    "pydantic",
    "pydantic-core",
    "ruff",
    "schemathesis",
    "starlette",
    "uvicorn",
)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _field(text: str, name: str, sep: str) -> str | None:
    for line in text.splitlines():
        key, found, value = line.partition(sep)
        if found and key.strip() == name:
            return value.strip().strip('"')
    return None


def _command_version(argv: list[str]) -> str | None:
    if shutil.which(argv[0]) is None:
        return None
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    # wrk prints its version on stderr, with a usage text after it.
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


def machine() -> dict[str, object]:
    meminfo = _field(_read("/proc/meminfo"), "MemTotal", ":")
    memory_gib = round(int(meminfo.split()[0]) / 1024 / 1024, 1) if meminfo else None
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu_model": _field(_read("/proc/cpuinfo"), "model name", ":") or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "memory_gib": memory_gib,
        "os": _field(_read("/etc/os-release"), "PRETTY_NAME", "=") or platform.system(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "node": _command_version(["node", "--version"]),
        "load_average_at_start": list(os.getloadavg()),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def python_versions() -> dict[str, str]:
    found = {}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def tool_version(argv: list[str]) -> str | None:
    """First line of a tool's version output, or None when the tool is not on PATH."""
    return _command_version(argv)
