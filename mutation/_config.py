"""What is mutated and how each mutant is tested: the choices behind the score, in one place."""

from __future__ import annotations

import shlex
from pathlib import Path

from anam_contract.paths import REPO_ROOT

MOCK = "src/anam_contract/mock"
# The mock's behaviour: every module whose code decides a status, a body or the state a request
# leaves behind. Left out, on purpose:
#   _defaults.py  data, not logic: the starting catalogue and keys (a mutant there changes the
#                 world the rules run in, e.g. which voice is ZDR, not a rule);
#   _fixtures.py  reads a user's fixtures file; the suite always starts from the defaults, so
#                 its checks on bad files are tests/mock's job, not the contract suite's;
#   _logging.py   the request log line on stderr, off in-process and not part of the API;
#   __init__.py   re-exports only.
MODULES = tuple(
    f"{MOCK}/{name}"
    for name in ("_app.py", "_catalogue.py", "_errors.py", "_http.py", "_rules.py", "_store.py", "_validation.py")
)
# Only what a run of the contract suite reads is copied for each worker (test_client.py reads the
# response faults of tests/contract_tests/faults.py).
COPIED = (
    "src",
    "contract_tests",
    "openapi",
    "pyproject.toml",
    "schemathesis.toml",
    "tests/__init__.py",
    "tests/contract_tests",
)
# The contract suite alone, fastest-failing files first, since `-x` stops at the first failure.
# test_models.py is left out: it checks the generated client on generated data and never sends a
# request, so no mutant of the mock can change its result.
SUITE = ("contract_tests/test_rules.py", "contract_tests/test_client.py", "contract_tests/test_api.py")
DEFAULT_EXAMPLES = 4  # half the depth `make test` uses: a full run stays within hours on 2 cores
# Per mutant, by default three times the unmutated run (the suite's time varies with the load of a
# shared machine); the unmutated run itself gets BASELINE_TIMEOUT.
TIMEOUT_FACTOR = 3.0
BASELINE_TIMEOUT = 1800.0
MAX_JOBS = 2  # the machine has 2 cores shared with others

EQUIVALENT_FILE = REPO_ROOT / "mutation" / "equivalent.yaml"
REPORT_DIR = REPO_ROOT / "reports" / "mutation"
RESULTS_FILE = REPORT_DIR / "results.jsonl"


def suite_command(copy: Path, python: str, examples: int) -> str:
    """The shell-free command cosmic-ray runs per mutant, inside a worker's own copy of the tree.

    `env -u CONTRACT_LIVE -u ANAM_API_KEY` keeps a run on the in-process mock whatever the
    caller's environment holds (a live run needs both); the hypothesis database is removed first,
    so a failure saved by one mutant's run is not replayed against the next one (each mutant gets
    the same cases).

    `--assert=plain`: pytest's assertion rewriting only makes failure messages richer, and without
    a bytecode cache (PYTHONDONTWRITEBYTECODE, so that a mutated source is never shadowed by a stale
    cached module) it rewrites every module of hypothesis and schemathesis on every start, about
    half the CPU of a short run. Whether a test passes or fails is the same either way.
    """
    suite = " ".join(SUITE)
    script = (
        f"cd {shlex.quote(str(copy))} && rm -rf .hypothesis && exec env -u CONTRACT_LIVE -u ANAM_API_KEY "
        "-u CONTRACT_PHASES "
        f"PYTHONPATH={shlex.quote(str(copy / 'src'))} CONTRACT_EXAMPLES={examples} PYTHONDONTWRITEBYTECODE=1 "
        f"{shlex.quote(python)} -m pytest -q -x -p no:cacheprovider --assert=plain {suite}"
    )
    return "sh -c " + shlex.quote(script)
