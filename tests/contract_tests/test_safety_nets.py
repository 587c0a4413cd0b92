"""The run's last lines of defence: differences seen by the run's own requests never end it, a
failure's text never shows a key, and a Ctrl-C that a finalizer swallowed still ends the run."""

from __future__ import annotations

import json
from collections.abc import Generator
from typing import Any
from urllib.parse import quote

import pytest

from anam_contract.suite import plugin
from anam_contract.suite._differences import ContractFailure, Difference, collecting, note_or_fail
from anam_contract.suite._http import _INTERRUPTED, _interrupt, interrupted

KEY = "live-secret-4f6a9b2c8d1e"
DIFFERENCE = Difference("createPersona", 200, "", "status", "201", "server answered 200", "a_check")


def test_inside_a_collector_a_difference_is_noted_and_the_run_goes_on() -> None:
    with collecting() as found:
        note_or_fail("createPersona", 200, "title", [DIFFERENCE])
    assert found == [DIFFERENCE]


def test_outside_a_collector_a_difference_is_raised() -> None:
    with pytest.raises(ContractFailure, match="createPersona 200: title"):
        note_or_fail("createPersona", 200, "title", [DIFFERENCE])


def _report(longrepr: str) -> pytest.TestReport:
    return pytest.TestReport(
        nodeid="contract_tests/test_api.py::test_operation",
        location=("contract_tests/test_api.py", 1, "test_operation"),
        keywords={},
        outcome="failed",
        longrepr=longrepr,
        when="call",
        sections=[("Captured stdout call", f"sent Bearer {KEY}\\n")],
    )


def _through_the_hook(report: pytest.TestReport) -> pytest.TestReport:
    hook: Generator[None, Any, Any] = plugin.pytest_runtest_makereport(None, None)  # type: ignore[arg-type]
    next(hook)
    with pytest.raises(StopIteration) as finished:
        hook.send(report)
    result: pytest.TestReport = finished.value.value
    return result


@pytest.mark.parametrize("spelling", [KEY, repr(KEY), json.dumps(KEY), quote(KEY)])
def test_a_failure_report_never_shows_a_key(monkeypatch: pytest.MonkeyPatch, spelling: str) -> None:
    monkeypatch.setenv("ANAM_API_KEY", KEY)
    report = _through_the_hook(_report(f"Falsifying example: headers={{'Authorization': 'Bearer {spelling}'}}"))
    text = str(report.longrepr) + "".join(content for _, content in report.sections)
    assert KEY not in text and spelling not in text
    assert "Falsifying example" in text  # the rest of the report is kept


def test_a_swallowed_ctrl_c_is_still_remembered() -> None:
    assert not interrupted()
    try:
        with pytest.raises(KeyboardInterrupt):
            _interrupt(2, None)
        assert interrupted()
    finally:
        _INTERRUPTED.clear()
