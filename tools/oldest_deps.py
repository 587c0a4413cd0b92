"""`make test-oldest`: both distributions on the lowest versions their dependency ranges allow.

- The client: `client/pyproject.toml` promises `httpx>=0.27`, `attrs>=23.1` and `anyio>=4.0`; this
  installs exactly those lowest versions into build/oldest/client, the two packages of this clone
  without their dependencies (the tooling's ranges start higher), what the client's tests need at
  the versions of uv.lock, then runs the client's tests.
- The tooling: both wheels built from this checkout, installed with every direct dependency of
  `anam-contract` at the lowest version its range allows (uv's `lowest-direct` resolution) in
  build/oldest/tooling, then `anam-contract check` against the embedded mock from a scratch
  folder, as a team's CI runs it beside its own pinned pytest.

Needs the package registry and uv (`--uv`, which the Makefile provides). build/oldest is replaced
on each run (only when a run of this made it). `--only client|tooling` runs one half.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "oldest"
MARKER = ".made-by-make-test-oldest"
OLDEST = {"httpx": "0.27.0", "attrs": "23.1.0", "anyio": "4.0.0"}
# The client's tests: its own, the generated models', and the README's examples.
TESTS = ["tests/personas", "tests/generated", "tests/test_readme.py"]
# What those tests import besides the client: the mock and spec loader of the tooling, and pytest.
NEEDED = {"jsonschema", "pyyaml", "referencing", "rfc3339-validator", "rfc3986-validator", "ruamel-yaml"}
NEEDED |= {"starlette", "uvicorn", "hypothesis", "pytest", "trio"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make test-oldest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--uv", required=True, help="the uv executable to create the environments with")
    parser.add_argument("--only", choices=("client", "tooling"), help="run one half only")
    args = parser.parse_args(argv)
    if not _claim(WORK):
        return 2
    halves = {"client": _client, "tooling": _tooling}
    statuses = {name: run(args.uv) for name, run in halves.items() if args.only in (None, name)}
    for name, status in statuses.items():
        print(f"make test-oldest: {name}: {'passed' if status == 0 else f'FAILED (status {status})'}", flush=True)
    return max(statuses.values())


def _claim(work: Path) -> bool:
    """Empty `work` for this run, unless something other than an earlier run of this put it there."""
    if work.exists():
        if not (work / MARKER).is_file():
            print(f"make test-oldest: {work} was not made by this check; move it away first", file=sys.stderr)
            return False
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / MARKER).write_text("build/oldest is rewritten by each `make test-oldest`\n", encoding="utf-8")
    return True


def _venv(uv: str, name: str) -> tuple[list[str], str]:
    """A new environment under WORK: the `uv pip install` command line for it, and its python."""
    where = WORK / name
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(where)], check=True, env=_uv_env())
    python = str(where / "bin" / "python")
    return [uv, "pip", "install", "--quiet", "--python", python], python


def _uv_env() -> dict[str, str]:
    # uv never fetches an interpreter of its own: the environments use the one running this.
    return {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}


def _client(uv: str) -> int:
    install, python = _venv(uv, "client")
    oldest = [f"{name}=={version}" for name, version in OLDEST.items()]
    env = _uv_env()
    subprocess.run([*install, *oldest], check=True, env=env)
    subprocess.run([*install, "--no-deps", "-e", str(ROOT / "client"), "-e", str(ROOT)], check=True, env=env)
    # The test dependencies at the lock's versions, with the three held at their lowest.
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as overrides:
        overrides.write("".join(f"{requirement}\n" for requirement in oldest))
    try:
        subprocess.run([*install, "--override", overrides.name, *locked(NEEDED)], check=True, env=env)
    finally:
        Path(overrides.name).unlink()
    installed = _installed(uv, python)
    for name, version in OLDEST.items():
        if installed.get(name) != version:
            print(f"make test-oldest: {name} {version} did not stay installed", file=sys.stderr)
            return 1
    print("make test-oldest: client on " + ", ".join(f"{name} {version}" for name, version in OLDEST.items()))
    tests = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS], cwd=ROOT, check=False)
    return tests.returncode


def _tooling(uv: str) -> int:
    install, python = _venv(uv, "tooling")
    env = _uv_env()
    # The wheels a user installs, not this checkout: what they hold is what runs.
    dist = WORK / "dist"
    for project in (ROOT / "client", ROOT):
        subprocess.run([uv, "build", "--quiet", "--wheel", "--out-dir", str(dist), str(project)], check=True, env=env)
    wheels = sorted(str(wheel) for wheel in dist.glob("*.whl"))
    subprocess.run([*install, "--resolution", "lowest-direct", *wheels], check=True, env=env)
    installed = _installed(uv, python)
    floors = {name: installed.get(name, "?") for name in sorted(direct_dependencies())}
    print("make test-oldest: tooling on " + ", ".join(f"{name} {version}" for name, version in floors.items()))
    scratch = WORK / "tooling-run"
    scratch.mkdir()
    check = [str(WORK / "tooling" / "bin" / "anam-contract"), "check", "-q"]
    # Against the embedded mock, whatever the caller's environment holds: no live target, no keys.
    clean = {name: value for name, value in os.environ.items() if not name.startswith(("ANAM_", "CONTRACT_"))}
    return subprocess.run(check, cwd=scratch, env=clean, check=False).returncode


def _installed(uv: str, python: str) -> dict[str, str]:
    listed = subprocess.run(
        [uv, "pip", "list", "--python", python, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env=_uv_env(),
    ).stdout
    return {_normal(entry["name"]): entry["version"] for entry in json.loads(listed)}


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def direct_dependencies() -> set[str]:
    """The names of anam-contract's own dependencies (pyproject.toml), the client excepted."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {_normal(_name_of(requirement)) for requirement in project["dependencies"]}
    return names - {"anam-personas"}


def _name_of(requirement: str) -> str:
    for index, char in enumerate(requirement):
        if not (char.isalnum() or char in "-_."):
            return requirement[:index]
    return requirement


def locked(names: set[str]) -> list[str]:
    """`name==version` for each of `names` as uv.lock has it (the versions `make install` uses)."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    versions = {_normal(package["name"]): package.get("version") for package in lock["package"]}
    missing = sorted(name for name in names if not versions.get(name))
    if missing:
        raise SystemExit(f"make test-oldest: uv.lock has no version of {', '.join(missing)}")
    return [f"{name}=={versions[name]}" for name in sorted(names)]


if __name__ == "__main__":
    raise SystemExit(main())
