"""Where time goes when a target is missed: py-spy samples, read back from its raw (collapsed) output.

py-spy samples every thread from outside the process and drops idle samples (a thread blocked in
a system call such as the event loop's epoll wait), so a share is a share of CPU-busy samples.
Two profiles: the mock as a server under GET load, and the in-process contract suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx

from anam_contract.mock import DEFAULT_API_KEY
from bench._load import Request, run_load
from bench._procs import free_port, serve
from bench._servers import HOST, create_body

MOCK_PACKAGE = "anam_contract/mock/"
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*?)(?::(?P<line>\d+))?\)$")
_TOP = 10
# Non-blocking: the sampled process is never paused, so the profile disturbs the timing less.
_SPY_OPTIONS = ("--rate", "250", "--nonblocking", "--full-filenames", "--format", "raw")


@dataclass(frozen=True)
class Frame:
    function: str
    file: str
    line: int

    def label(self, root: Path) -> str:
        """The function and the line it was on when sampled."""
        return f"{short_path(self.file, root)}:{self.line} {self.function}"

    def function_label(self, root: Path) -> str:
        """The function alone: py-spy gives the line being run, not the function's first line."""
        return f"{short_path(self.file, root)} {self.function}"


def short_path(file_name: str, root: Path) -> str:
    """A path as the report shows it: relative to the repo, to site-packages, or to the stdlib."""
    if "site-packages/" in file_name:
        return file_name.split("site-packages/", 1)[1]
    match = re.search(r"/lib/python3\.\d+/(.*)$", file_name)
    if match:
        return "stdlib/" + match[1]
    root_text = str(root).rstrip("/") + "/"
    return file_name[len(root_text) :] if file_name.startswith(root_text) else file_name


def package_of(short: str) -> str:
    """The library (or stdlib module, or our package) a short path belongs to, for grouping."""
    if not short or short.startswith("<"):
        return "(C code: built-ins and extensions)"
    parts = short.removeprefix("src/").split("/")
    if parts[0] == "stdlib":
        module = parts[1].removesuffix(".py") if len(parts) > 1 else "?"
        return f"stdlib {module}"
    if parts[0] == "anam_contract" and len(parts) > 2:
        return f"anam_contract.{parts[1]}"
    return parts[0].removesuffix(".py")


def parse_frame(text: str) -> Frame:
    match = _FRAME.match(text.strip())
    if match is None:
        return Frame(text.strip(), "", 0)
    return Frame(match["function"], match["file"], int(match["line"] or 0))


def parse_collapsed(text: str) -> list[tuple[list[Frame], int]]:
    """py-spy's raw format: one stack per line, outermost frame first, `;`-separated, then a count."""
    stacks = []
    for line in text.splitlines():
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        # With --threads/--subprocesses py-spy puts a thread or process marker first: not a frame.
        parts = [part for part in stack.split(";") if not part.startswith(("thread (", "process "))]
        frames = [parse_frame(part) for part in parts]
        stacks.append((frames, int(count)))
    return stacks


def summarise_profile(
    stacks: Iterable[tuple[list[Frame], int]], root: Path, focus: Callable[[Frame], bool]
) -> dict[str, object]:
    """Shares of all busy samples: the focus code inclusive, self time by library, the hottest
    lines, and the focus functions by inclusive share (each function counted once per sample)."""
    stacks = list(stacks)
    total = sum(count for _, count in stacks)
    if total == 0:
        raise ValueError("the profile has no samples")
    in_focus = 0
    leaves: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    leaves_in_focus: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in stacks:
        if not frames:
            continue
        leaf = frames[-1].label(root)
        leaves[leaf] += count
        packages[package_of(short_path(frames[-1].file, root))] += count
        focused = [f for f in frames if focus(f)]
        if focused:
            in_focus += count
            leaves_in_focus[leaf] += count
            for label in {f.function_label(root) for f in focused}:
                inclusive[label] += count

    def top(counter: Counter[str]) -> list[dict[str, object]]:
        return [{"where": label, "share": round(n / total, 4)} for label, n in counter.most_common(_TOP)]

    return {
        "samples": total,
        "focus_share": round(in_focus / total, 4),
        "self_by_package": top(packages),
        "top_leaf": top(leaves),
        "top_leaf_inside_focus": top(leaves_in_focus),
        "focus_inclusive": top(inclusive),
    }


def in_mock(frame: Frame) -> bool:
    return MOCK_PACKAGE in frame.file


def py_spy_available() -> bool:
    return shutil.which("py-spy") is not None or (Path(sys.executable).parent / "py-spy").exists()


def _py_spy() -> str:
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else "py-spy"


def profile_server(work: Path, root: Path, seconds: float, concurrency: int, use_wrk: bool) -> dict[str, object]:
    """The mock (`anam-contract mock --quiet`) under GET load at `concurrency`, sampled by py-spy."""
    out = work / "profile" / "mock-get.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://{HOST}:{port}"
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}", "Content-Type": "application/json"}
    argv = [sys.executable, "-m", "anam_contract", "mock", "--host", HOST, "--port", str(port), "--quiet"]
    with serve(argv, work / "logs" / "profiled-mock.log", f"{base}/v1/personas", headers) as process:
        created = httpx.post(f"{base}/v1/personas", content=create_body(), headers=headers, timeout=10)
        created.raise_for_status()
        request = Request(f"{base}/v1/personas/{created.json()['id']}", "GET", DEFAULT_API_KEY)
        run_load(request, concurrency, 1, max_requests=10**7, work=work, use_wrk=use_wrk)  # warm-up, not sampled
        spy_argv = [_py_spy(), "record", "--pid", str(process.pid), "--duration", str(max(1, round(seconds)))]
        spy_argv += [*_SPY_OPTIONS, "--output", str(out)]
        spy = subprocess.Popen(spy_argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            result = run_load(request, concurrency, seconds, max_requests=10**7, work=work, use_wrk=use_wrk)
            spy.wait(timeout=seconds + 30)
        finally:
            if spy.poll() is None:
                spy.kill()
                spy.wait()
    report = summarise_profile(parse_collapsed(out.read_text(encoding="utf-8")), root, in_mock)
    report["load"] = {"operation": "GET", "concurrency": concurrency, "rps_while_sampled": round(result.rps, 1)}
    return report


def profile_suite(work: Path, root: Path, examples: int, target: str) -> dict[str, object]:
    """The in-process contract suite against the mock, sampled by py-spy over the whole pytest run."""
    out = work / "profile" / "suite.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANAM_", "CONTRACT_", "PYTEST_"))}
    env["CONTRACT_EXAMPLES"] = str(examples)
    pytest_argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target]
    spy_argv = [_py_spy(), "record", *_SPY_OPTIONS, "--output", str(out)]
    subprocess.run(
        [*spy_argv, "--", *pytest_argv],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=900,
        check=False,
    )
    if not out.exists():
        raise RuntimeError("py-spy wrote no profile of the suite")
    return summarise_profile(parse_collapsed(out.read_text(encoding="utf-8")), root, in_mock)
