"""`make package`: build both distributions and prove them the way a user meets them.

1. Build the sdist and the wheel of `anam-personas` (client/) and `anam-contract` (the root), each
   wheel from its sdist, into build/package/dist, and run `twine check` on all four.
2. Install the client wheel alone (its dependencies from the registry; `--httpx`/`--attrs` pin
   versions next to it) in a clean venv; install both wheels in another venv for the tooling.
3. From a folder outside the checkout, with the tooling venv: `anam-contract mock` serves on a free
   port; `diff`, `drift` and `generate` run on the files the package ships.
4. Every ```python block of README.md's "Using the client" runs with the client venv's Python against that mock,
   then `anam-contract check` (the packaged contract suite) runs live against it from that folder: it
   must pass and write its reports under that folder.
5. mypy --strict --disallow-any-expr on tools/package_user_code.py, against the client venv.

Needs the package registry (pip). Everything is written under build/package, which each run
replaces (a build/package it did not make is left alone, and the run stops), and a temporary
folder it removes; nothing else is touched. Exit 0 when every step passed, 1 at the first that failed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "package"
# The build front end and the metadata checker, pinned like every other tool of the project.
TOOLS = ["build==1.6.1", "twine==7.0.0", "mypy==2.4.1"]
MOCK_KEY = "mock-default-key"
_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


class StepFailed(Exception):
    """A step of the check failed; the message says which and why."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make package", description=__doc__.splitlines()[0])
    parser.add_argument("--httpx", metavar="VERSION", help="install this httpx next to the client wheel")
    parser.add_argument("--attrs", metavar="VERSION", help="install this attrs next to the client wheel")
    args = parser.parse_args(argv)
    try:
        run_checks(args.httpx, args.attrs)
    except StepFailed as error:
        print(f"make package: FAILED: {error}", file=sys.stderr)
        return 1
    print("make package: both distributions built, checked and used from their wheels")
    return 0


def run_checks(httpx_version: str | None, attrs_version: str | None) -> None:
    _fresh_work_folder()
    dist = WORK / "dist"
    tools = _venv(WORK / "tools-venv", TOOLS)
    _step("build anam-personas", [tools, "-m", "build", "--outdir", str(dist), str(ROOT / "client")])
    _step("build anam-contract", [tools, "-m", "build", "--outdir", str(dist), str(ROOT)])
    artifacts = sorted(str(path) for path in dist.iterdir())
    _step("twine check", [tools, "-m", "twine", "check", "--strict", *artifacts])
    client_wheel = _one(dist, "anam_personas-*.whl")
    tooling_wheel = _one(dist, "anam_contract-*.whl")
    pins = [f"httpx=={httpx_version}"] * bool(httpx_version) + [f"attrs=={attrs_version}"] * bool(attrs_version)
    client = _venv(WORK / "client-venv", [str(client_wheel), *pins])
    _show_versions(client)
    tooling = _venv(WORK / "tooling-venv", [str(client_wheel), str(tooling_wheel)])
    # A folder of the system's temporary space, far from the clone: nothing there can be found by
    # walking up to the repository, so the installed packages stand alone. Removed at the end.
    outside = Path(tempfile.mkdtemp(prefix="anam-package-"))
    try:
        _use_the_wheels(tools, client, tooling, outside)
    finally:
        shutil.rmtree(outside, ignore_errors=True)


def _use_the_wheels(tools: str, client: str, tooling: str, outside: Path) -> None:
    _tooling_outside_the_checkout(tooling, outside)
    port = _free_port()
    cli = str(Path(tooling).parent / "anam-contract")
    mock = subprocess.Popen([cli, "mock", "--port", str(port), "--quiet"], cwd=outside)
    try:
        _wait_for(port, mock)
        _readme_examples(client, outside, port)
        _contract_check(cli, outside, port)
    finally:
        mock.terminate()
        mock.wait(timeout=_HANG_GUARD_S)
    _step(
        "mypy --strict on user code",
        [tools, "-m", "mypy", "--strict", "--disallow-any-expr", "--no-incremental", "--python-executable", client,
         "--config-file", os.devnull, str(ROOT / "tools" / "package_user_code.py")],
        cwd=outside,
    )  # fmt: skip


def _fresh_work_folder() -> None:
    """Empty build/package for this run, but only when a run of this check made it (its marker)."""
    marker = WORK / ".made-by-make-package"
    if WORK.exists():
        if not marker.is_file():
            raise StepFailed(f"{WORK} exists and was not made by make package; move it away first")
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    marker.write_text("build/package is rewritten by each `make package`\n", encoding="utf-8")


def _venv(path: Path, requirements: list[str]) -> str:
    print(f"--- venv {path.name}: {' '.join(Path(r).name for r in requirements)}", flush=True)
    venv.create(path, with_pip=True, clear=True)
    python = str(path / "bin" / "python")
    _step(f"install into {path.name}", [python, "-m", "pip", "install", "--quiet", *requirements])
    return python


def _show_versions(python: str) -> None:
    code = (
        "import anam_personas, attrs, httpx, sys; "
        "print('client venv:', anam_personas.__version__, 'spec', anam_personas.SPEC_VERSION, "
        "'httpx', httpx.__version__, 'attrs', attrs.__version__, 'python', sys.version.split()[0])"
    )
    _step("import the client", [python, "-c", code])
    frozen = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
    print("client venv holds:", ", ".join(line.split(" @ ")[0] for line in frozen.splitlines()), flush=True)
    if re.search(r"^(anam-contract|ruff|starlette|uvicorn|openapi-python-client|pydantic)==", frozen, re.M | re.I):
        raise StepFailed("the client wheel pulled in tooling")


def _tooling_outside_the_checkout(python: str, folder: Path) -> None:
    cli = str(Path(python).parent / "anam-contract")
    spec = subprocess.run(
        [python, "-c", "from anam_contract.paths import SPEC_PATH, IN_CHECKOUT; print(SPEC_PATH, IN_CHECKOUT)"],
        cwd=folder, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    if spec[1] != "False" or not Path(spec[0]).is_file():
        raise StepFailed(f"the installed tooling does not read its own copy of the spec: {spec}")
    _step("anam-contract diff (shipped spec vs itself)", [cli, "diff", spec[0], spec[0], "--no-client"], cwd=folder)
    page = ROOT / "tests" / "drift" / "data" / "rendered_get.txt"
    drift = subprocess.run([cli, "drift", str(page)], cwd=folder, capture_output=True, text=True, check=False)
    if drift.returncode not in (0, 1) or "Traceback" in drift.stderr:
        raise StepFailed(f"anam-contract drift exited {drift.returncode}: {drift.stderr.strip()}")
    print(drift.stdout.strip().splitlines()[-1], flush=True)
    _step("anam-contract generate (shipped generator config)", [cli, "generate", "--out", "client-here"], cwd=folder)


def client_examples(readme: str) -> list[str]:
    """The ```python blocks of README.md's "Using the client" (the later sections use the tooling)."""
    section = readme.split("\n## Using the client\n", 1)[1].split("\n## ", 1)[0]
    return [match.group(1) for match in _BLOCK.finditer(section)]


def _readme_examples(python: str, folder: Path, port: int) -> None:
    env = {**os.environ, "ANAM_API_KEY": MOCK_KEY, "ANAM_BASE_URL": f"http://127.0.0.1:{port}"}
    env.pop("PYTHONPATH", None)
    blocks = client_examples((ROOT / "README.md").read_text(encoding="utf-8"))
    for number, code in enumerate(blocks, start=1):
        _step(f"README example {number} of {len(blocks)}", [python, "-c", code], cwd=folder, env=env, quiet=True)


def _contract_check(cli: str, folder: Path, port: int) -> None:
    # A key alone runs against the embedded mock: the live run over HTTP is asked for by --base-url.
    env = {**os.environ, "ANAM_API_KEY": MOCK_KEY}
    for name in ("PYTHONPATH", "CONTRACT_REPORTS_DIR", "CONTRACT_APP", "ANAM_OTHER_ORG_API_KEY", "ANAM_BASE_URL"):
        env.pop(name, None)
    argv = [cli, "check", "--base-url", f"http://127.0.0.1:{port}", "-q"]
    _step("anam-contract check (live, over HTTP, from outside the checkout)", argv, cwd=folder, env=env)
    report = folder / "reports" / "contract-report.json"
    if not report.is_file():
        raise StepFailed(f"anam-contract check wrote no {report.relative_to(folder)} under the folder it ran in")


def _step(
    name: str, command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, quiet: bool = False
) -> None:
    print(f"--- {name}", flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=quiet, text=True, check=False)
    if result.returncode != 0:
        detail = f"\n{result.stdout}{result.stderr}" if quiet else ""
        raise StepFailed(f"{name} (exit {result.returncode}){detail}")


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise StepFailed(f"expected one {pattern} in {folder}, found {[path.name for path in found]}")
    return found[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# How long the mock may neither listen nor exit: a guard against a hang, not a limit on how slowly
# it may start (seconds on a busy machine; a mock that cannot start exits, and is reported at once).
_HANG_GUARD_S = 600


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _HANG_GUARD_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StepFailed(f"anam-contract mock exited {process.returncode} before serving")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=_HANG_GUARD_S):
                return
        except OSError:
            time.sleep(0.1)
    raise StepFailed(f"anam-contract mock neither listened nor exited in {_HANG_GUARD_S} s")


if __name__ == "__main__":
    raise SystemExit(main())
