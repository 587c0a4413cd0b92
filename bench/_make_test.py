"""Where the time of a fresh `make test` goes.

A clone of the committed HEAD with `../shared` beside it, as CI gets it, then each step of `make
test` run on its own and timed: fetching uv, installing the Python packages (uv sync) and the Node
ones (npm ci), lint, the generated-client check, and the tests, whose JUnit report splits their
time between the contract suite's tests and the rest. Optionally with a cold package cache (what a
new machine pays) and with every core kept busy (a CI runner on a slow day).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Each step of `make test` (test: install lint check-generated unit), the install split in three.
STEPS: tuple[tuple[str, list[str]], ...] = (
    ("fetch uv", ["make", "--no-print-directory", "uv"]),
    ("Python packages (uv sync)", ["make", "--no-print-directory", ".venv/.installed"]),
    ("Node packages (npm ci)", ["make", "--no-print-directory", "node_modules/.installed"]),
    ("lint", ["make", "--no-print-directory", "lint"]),
    ("generated client check", ["make", "--no-print-directory", "check-generated"]),
    ("tests (make unit)", ["make", "--no-print-directory", "unit"]),
)
# JUnit class names of the tests that run the contract suite (the checkout's suite and the tests
# of the suite itself, most of which start suite runs of their own).
_CONTRACT = ("contract_tests.", "tests.contract_tests.")
_MARKER = ".made-by-bench-make-test"


def run(repo: Path, shared: Path, work: Path, *, cold: bool, busy: int, say: Callable[[str], None]) -> dict[str, Any]:
    """Time each step in a fresh clone under `work` (replaced on each run; only one this made)."""
    root = work / "make-test"
    if root.exists():
        if not (root / _MARKER).is_file():
            raise RuntimeError(f"{root} was not made by this benchmark; move it away first")
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / _MARKER).write_text("rewritten by each run of python -m bench.make_test\n", encoding="utf-8")
    clone = root / "p"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(clone)], check=True)
    shutil.copytree(shared, root / "shared")
    head = ["git", "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(head, cwd=clone, capture_output=True, text=True, check=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANAM_", "CONTRACT_", "PYTEST_", "GITHUB_"))}
    env["CI"] = "true"
    if cold:
        # Empty package caches: what a new machine downloads. The registries are still reached.
        env["UV_CACHE_DIR"] = str(root / "cache" / "uv")
        env["npm_config_cache"] = str(root / "cache" / "npm")
        env["PIP_NO_CACHE_DIR"] = "1"
    steps: list[dict[str, Any]] = []
    with _busy_cores(busy):
        for name, command in STEPS:
            say(f"make test step: {name}")
            started = time.monotonic()
            log = root / f"{len(steps)}.log"
            with log.open("wb") as out:
                ran = subprocess.run(command, cwd=clone, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
            status = ran.returncode
            steps.append({"step": name, "seconds": round(time.monotonic() - started, 1), "status": status})
            if status != 0:
                say(f"{name} failed (status {status}); its output: {log}")
                break
    junit = clone / "reports" / "test-junit.xml"
    return {
        "commit": commit.stdout.strip(),
        "cold_cache": cold,
        "busy_loops": busy,
        "cores": os.cpu_count(),
        "steps": steps,
        "total_seconds": round(sum(step["seconds"] for step in steps), 1),
        "passed": all(step["status"] == 0 for step in steps) and len(steps) == len(STEPS),
        "tests": time_split(junit) if junit.is_file() else None,
    }


def time_split(junit: Path) -> dict[str, Any]:
    """How many tests, and how many seconds of the workers' time, went to the contract suite's
    tests and to the rest (the JUnit times of all workers added up, so more than the wall time)."""
    groups: dict[str, dict[str, float]] = {"contract suite": {"tests": 0, "seconds": 0.0}}
    groups["everything else"] = {"tests": 0, "seconds": 0.0}
    slowest: dict[str, float] = {}
    for case in ET.parse(junit).iter("testcase"):
        classname = case.get("classname", "")
        seconds = float(case.get("time") or 0)
        group = groups["contract suite" if classname.startswith(_CONTRACT) else "everything else"]
        group["tests"] += 1
        group["seconds"] += seconds
        # A test function's class name is its module (a method's: the module and its class).
        slowest[classname] = slowest.get(classname, 0.0) + seconds
    top = sorted(slowest.items(), key=lambda item: -item[1])[:8]
    return {
        "groups": {name: {"tests": int(g["tests"]), "seconds": round(g["seconds"], 1)} for name, g in groups.items()},
        "slowest_modules": [{"module": name, "seconds": round(seconds, 1)} for name, seconds in top],
    }


@contextmanager
def _busy_cores(count: int) -> Iterator[None]:
    """`count` processes spinning on a core each while the steps run, stopped however they end
    (each also stops by itself after an hour)."""
    spin = "import time\nend = time.monotonic() + 3600\nwhile time.monotonic() < end: pass\n"
    loops = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(count)]
    try:
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


HEADING = "## 6. `make test`: where the time goes (`make bench-make-test`)"


def scenario(result: dict[str, Any]) -> str:
    """The name a measurement is kept under: which caches, how busy the machine was."""
    caches = "cold package caches" if result["cold_cache"] else "warm package caches"
    load = f"{result['busy_loops']} busy loops on {result['cores']} cores" if result["busy_loops"] else "idle machine"
    return f"{load}, {caches}"


def section(measured: dict[str, Any]) -> list[str]:
    """Results.md's section for every scenario measured (bench/make-test.json)."""
    if not measured:
        return [HEADING, "", "Not measured yet: run `make bench-make-test`.", ""]
    lines = [
        HEADING,
        "",
        "A fresh clone of the committed HEAD with `../shared` beside it, each step of `make test` run on its own "
        "and timed, as CI runs them (`CI=true`). Figures in seconds of wall time.",
        "",
    ]
    # Idle before busy, warm caches before cold: the first column is the everyday case.
    names = sorted(measured, key=lambda name: (measured[name]["busy_loops"], measured[name]["cold_cache"]))
    rows = []
    for index, (step, _) in enumerate(STEPS):
        row = [step]
        for name in names:
            steps = measured[name]["steps"]
            row.append(f"{steps[index]['seconds']:.0f}" if index < len(steps) else "-")
        rows.append(row)
    rows.append(["**total**", *(f"**{measured[name]['total_seconds']:.0f}**" for name in names)])
    rows.append(["passed", *("yes" if measured[name]["passed"] else "**no**" for name in names)])
    rows.append(["commit", *(measured[name]["commit"] for name in names)])
    header = ["step", *names]
    lines += ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    tests = next((measured[name]["tests"] for name in names if measured[name].get("tests")), None)
    if tests:
        groups = tests["groups"]
        lines += [
            "",
            f"Inside the tests step ({names[0]}; seconds of all workers' time from the JUnit report): "
            + "; ".join(f"{name}: {g['tests']} tests, {g['seconds']:.0f} s" for name, g in groups.items())
            + ". The slowest modules: "
            + ", ".join(f"`{m['module']}` {m['seconds']:.0f} s" for m in tests["slowest_modules"])
            + ".",
        ]
    return [*lines, ""]
