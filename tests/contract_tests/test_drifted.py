"""Against an API that has drifted from the spec in twelve ways at once, one live run over HTTP
lists each of them exactly once, invents none (the extra field the spec's open objects allow is
not a difference), keeps going to the end, and never prints the key.

Shallow (a few examples per operation, the spec's examples, fuzzing and stateful phases) so that
it fits in `make test`; the same at full depth by hand, see `tests/contract_tests/drifted.py`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from anam_contract.mock import load_fixtures
from anam_contract.mock._serving import serving
from anam_contract.paths import REPO_ROOT
from tests._waiting import HANG_GUARD_S
from tests.contract_tests._live_fixtures import clean_env, write_fixtures
from tests.contract_tests.drifted import DRIFTS, EXTRA_FIELD, create_drifted_app

SUITE = [sys.executable, "-m", "contract_tests", "contract_tests/test_api.py", "-q", "-p", "no:cacheprovider"]
RUN_ENV = {"CONTRACT_EXAMPLES": "4", "CONTRACT_PHASES": "examples,fuzzing,stateful"}


def test_every_drift_is_reported_once_and_nothing_else(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    # A fixed seed: the same cases every run, so the test cannot pass or fail by the draw. The
    # outer run's `--hypothesis-seed` picks another, to show the verdict does not hang on one draw.
    seed = request.config.getoption("hypothesis_seed", default=None) or 0
    fixtures, key, other_key = write_fixtures(tmp_path)
    reports = tmp_path / "reports"
    with serving(create_drifted_app(fixtures=load_fixtures(fixtures))) as base_url:
        result = subprocess.run(
            [*SUITE, f"--hypothesis-seed={seed}", f"--junitxml={tmp_path / 'junit.xml'}"],
            cwd=REPO_ROOT,
            env=clean_env(
                CONTRACT_LIVE="1",
                ANAM_API_KEY=key,
                ANAM_OTHER_ORG_API_KEY=other_key,
                ANAM_BASE_URL=base_url,
                **RUN_ENV,
                CONTRACT_REPORTS_DIR=str(reports),
                # Hypothesis' example database of its own: examples other runs saved in the
                # repository's would be replayed first, and the verdict would hang on history.
                HYPOTHESIS_STORAGE_DIRECTORY=str(tmp_path / "hypothesis"),
            ),
            capture_output=True,
            text=True,
            timeout=HANG_GUARD_S,
            check=False,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    report = json.loads((reports / "contract-report.json").read_text(encoding="utf-8"))
    found = [(d["operation_id"], d["status"], d["pointer"]) for d in report["differences"]]
    wanted = [(drift.operation_id, drift.status, drift.pointer) for drift in DRIFTS]
    assert sorted(found) == sorted(wanted), "\n".join(
        [f"missing: {sorted(set(wanted) - set(found))}", f"not injected: {sorted(set(found) - set(wanted))}"]
        + [f"found twice: {place}" for place in set(found) if found.count(place) > 1]
    )
    assert EXTRA_FIELD not in json.dumps(report)
    for difference in report["differences"]:
        assert 0 < difference["count"] <= difference["of"]
        assert difference["reproduction"].startswith("curl -X ")
        assert "$ANAM_API_KEY" in difference["reproduction"] or difference["status"] == "401"
    # Every operation sent requests, and the ones by id went to the run's own personas.
    for operation, counts in report["operations"].items():
        assert counts["sent"] > 0, operation
    assert report["operations"]["updatePersona"]["held_back"].get("not a persona this run created", 0) <= 2
    markdown = (reports / "contract-report.md").read_text(encoding="utf-8")
    assert "createPersona" in markdown and "server answered 200, the spec documents 201" in output
    junit = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert 'name="test_operation[updatePersona PUT /v1/personas/{id}]"' in junit
    for secret in (key, other_key):
        assert secret not in output and secret not in markdown and secret not in junit
        assert secret not in json.dumps(report)
