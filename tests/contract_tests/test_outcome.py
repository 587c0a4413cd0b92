"""What a test of the suite comes to: failed listing its differences, or skipped when it sent nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from anam_contract.mock import READ_ONLY_API_KEY, create_app
from anam_contract.mock._serving import serving
from anam_contract.paths import REPO_ROOT
from anam_contract.suite._outcome import failure_message, nothing_sent
from tests._waiting import HANG_GUARD_S
from tests.contract_tests._live_fixtures import clean_env
from tests.contract_tests.test_report_files import recorder_with_one_difference


def test_a_test_fails_listing_its_differences_and_is_skipped_when_it_sent_nothing() -> None:
    recorder = recorder_with_one_difference()
    assert recorder.test.sent == 2
    message = failure_message(recorder)
    assert message is not None and message.startswith("1 distinct differences") and "/avatar" in message
    recorder.begin_test()
    recorder.generated("updatePersona")
    recorder.held_back("updatePersona", "not a persona this run created")
    assert failure_message(recorder) is None
    assert nothing_sent(recorder) == (
        "no request was sent: all 1 cases were held back (1x not a persona this run created)"
    )


DELETES_ONLY = [sys.executable, "-m", "contract_tests", "contract_tests/test_api.py", "-k", "deletePersona"]
DELETES_ONLY += ["-p", "no:cacheprovider", "-rs", "--hypothesis-seed=0"]


def test_a_live_operation_whose_every_case_was_held_back_is_skipped_with_the_reason(tmp_path: Path) -> None:
    """End to end, through pytest: a user whose key may only read runs the suite live. The run can
    make no persona of its own, so the guard holds back every DELETE case; the operation's test is
    skipped in the JUnit report and the summary, with the reason, never passed."""
    reports = tmp_path / "reports"
    junit = tmp_path / "junit.xml"
    with serving(create_app()) as base_url:
        result = subprocess.run(
            [*DELETES_ONLY, f"--junitxml={junit}"],
            cwd=REPO_ROOT,
            env=clean_env(
                CONTRACT_LIVE="1",
                ANAM_API_KEY=READ_ONLY_API_KEY,
                ANAM_READ_ONLY_API_KEY=READ_ONLY_API_KEY,
                ANAM_BASE_URL=base_url,
                CONTRACT_EXAMPLES="3",
                CONTRACT_PHASES="fuzzing",
                # Valid cases only: an invalid path id touches nothing, so the guard lets it go,
                # and whether the draw holds one would decide the test.
                CONTRACT_MODES="positive",
                CONTRACT_REPORTS_DIR=str(reports),
                # Hypothesis' example database of its own: examples other runs saved in the
                # repository's (a failing case against another server) would be replayed first.
                HYPOTHESIS_STORAGE_DIRECTORY=str(tmp_path / "hypothesis"),
            ),
            capture_output=True,
            text=True,
            timeout=HANG_GUARD_S,
            check=False,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    [case] = ElementTree.parse(junit).getroot().iter("testcase")
    assert case.get("name") == "test_operation[deletePersona DELETE /v1/personas/{id}]"
    [skipped] = list(case)
    assert skipped.tag == "skipped", ElementTree.tostring(case)
    reason = "no request was sent: all 3 cases were held back (3x not a persona this run created)"
    assert skipped.get("message") == reason
    assert reason in output and "1 skipped" in output and "passed" not in output
    counts = json.loads((reports / "contract-report.json").read_text(encoding="utf-8"))["operations"]["deletePersona"]
    assert (counts["generated"], counts["sent"], counts["held_back"]) == (3, 0, {"not a persona this run created": 3})
