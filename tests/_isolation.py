"""What every test of this folder runs inside: out of reach of the outer run's own output files.

Many tests start the contract suite (or the CLI) again in a subprocess. Such an inner run inherits
the environment, and with it the files a CI runner names for the outer run to write to: an inner
run would then append its summary to the outer job's step summary (or set its outputs). Each test
runs without them; the outer run, whose summary is written after the last test, keeps them.
A pytest plugin module, so that a test can load it into a pytest run of its own (`-p`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# The files GitHub Actions names for a step to write to (and which a test never should).
RUNNER_FILES = ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE")


@pytest.fixture(autouse=True)
def outer_run_outputs_out_of_reach(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in RUNNER_FILES:
        monkeypatch.delenv(name, raising=False)
    yield
