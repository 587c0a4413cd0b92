"""`make test-oldest`: the client's tests with the lowest versions its dependency ranges allow.

`client/pyproject.toml` promises `httpx>=0.27`, `attrs>=23.1` and `anyio>=4.0`; this installs
exactly those lowest versions into a scratch venv (build/oldest), the two packages of this clone
without their pins (the tooling pins the newest httpx and attrs, which would replace them), and
what the client's tests need at the project's pins, then runs the client's tests. Needs the package
registry. build/oldest is replaced on each run (only when a run of this made it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "oldest"
OLDEST = {"httpx": "0.27.0", "attrs": "23.1.0", "anyio": "4.0.0"}
# The client's tests: its own, the generated models', and the README's examples.
TESTS = ["tests/personas", "tests/generated", "tests/test_readme.py"]
# What those tests import besides the client: the mock and spec loader of the tooling, and pytest.
NEEDED = {"jsonschema", "pyyaml", "referencing", "rfc3339-validator", "rfc3986-validator", "ruamel.yaml"}
NEEDED |= {"starlette", "uvicorn", "hypothesis", "pytest", "trio"}


def main() -> int:
    marker = WORK / ".made-by-make-test-oldest"
    if WORK.exists():
        if not marker.is_file():
            print(f"make test-oldest: {WORK} was not made by this check; move it away first", file=sys.stderr)
            return 2
        shutil.rmtree(WORK)
    venv.create(WORK, with_pip=True)
    marker.write_text("build/oldest is rewritten by each `make test-oldest`\n", encoding="utf-8")
    python = str(WORK / "bin" / "python")
    oldest = [f"{name}=={version}" for name, version in OLDEST.items()]
    pip = [python, "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, *oldest], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT / "client"), "-e", str(ROOT)], check=True)
    subprocess.run([*pip, *_pinned(NEEDED)], check=True)
    # A test dependency may have raised one of the three: put the lowest back.
    subprocess.run([*pip, "--no-deps", *oldest], check=True)
    frozen = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
    for name, version in OLDEST.items():
        if f"{name}=={version}".lower() not in frozen.lower():
            print(f"make test-oldest: {name} {version} did not stay installed", file=sys.stderr)
            return 1
    print("make test-oldest: " + ", ".join(f"{name} {version}" for name, version in OLDEST.items()), flush=True)
    tests = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS], cwd=ROOT, check=False)
    return tests.returncode


def _pinned(names: set[str]) -> list[str]:
    """The project's exact pins (pyproject.toml: dependencies and the dev extra) of `names`."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    chosen = [r for r in requirements if re.split(r"[=<>!~ \[]", r, maxsplit=1)[0].lower() in names]
    missing = names - {re.split(r"[=<>!~ \[]", r, maxsplit=1)[0].lower() for r in chosen}
    if missing:
        raise SystemExit(f"make test-oldest: no pin in pyproject.toml for {sorted(missing)}")
    return chosen


if __name__ == "__main__":
    raise SystemExit(main())
