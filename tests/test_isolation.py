"""A test that starts a run of its own never writes to the files the outer CI run was given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from anam_contract.paths import REPO_ROOT
from tests._isolation import RUNNER_FILES

# A test that does what the suite's own tests do: start a run in a subprocess, which appends to the
# runner's files when the environment names them (as `anam-contract check` does for the summary).
_PROBE = """
import os, subprocess, sys

def test_an_inner_run():
    program = (
        "import os\\n"
        "for name in {names!r}:\\n"
        "    path = os.environ.get(name)\\n"
        "    if path:\\n"
        "        open(path, 'a').write('written by an inner run')\\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True)
"""


@pytest.mark.parametrize("isolated", [True, False])
def test_an_inner_run_cannot_reach_the_outer_runs_files(tmp_path: Path, isolated: bool) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text(_PROBE.format(names=RUNNER_FILES), encoding="utf-8")
    files = {name: tmp_path / f"{name.lower()}.txt" for name in RUNNER_FILES}
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.update({name: str(path) for name, path in files.items()})
    plugin = ["-p", "tests._isolation"] if isolated else []
    pytest_run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin]
    result = subprocess.run(
        [*pytest_run, "--rootdir", str(tmp_path), str(probe)],
        cwd=REPO_ROOT,
        env={**env, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = sorted(name for name, path in files.items() if path.exists())
    # Without the plugin the probe does write: the test can tell the two apart.
    assert written == ([] if isolated else sorted(RUNNER_FILES))
