"""The report files: every difference once, with counts, in JSON, markdown and the terminal, never a key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anam_contract.suite._differences import Difference
from anam_contract.suite._recording import Recorder
from anam_contract.suite._report_files import terminal_lines, write_reports

KEY = "Sk-Live-Secret/Key+42"
SECRETS = {KEY: "ANAM_API_KEY"}


def recorder_with_one_difference() -> Recorder:
    recorder = Recorder(labels={"getPersona": "GET /v1/personas/{id}", "updatePersona": "PUT /v1/personas/{id}"})
    difference = Difference("getPersona", 200, "/avatar", "schema", 'type "object"', "null", "schema_check")
    recorder.generated("getPersona")
    recorder.response("getPersona", [difference], f"curl -H 'x: {KEY}'")
    recorder.generated("getPersona")
    recorder.response("getPersona", [], None)
    recorder.generated("updatePersona")
    recorder.held_back("updatePersona", "not a persona this run created")
    return recorder


def test_the_reports_list_each_difference_with_counts_and_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    written = write_reports(
        recorder_with_one_difference(), tmp_path / "reports", target="live API", examples=4, secrets=SECRETS
    )
    data = json.loads(written[0].read_text(encoding="utf-8"))
    [difference] = data["differences"]
    assert (difference["pointer"], difference["count"], difference["of"]) == ("/avatar", 1, 2)
    assert data["operations"]["updatePersona"] == {
        "generated": 1,
        "sent": 0,
        "held_back": {"not a persona this run created": 1},
        "failed": 0,
        "label": "PUT /v1/personas/{id}",
    }
    markdown = written[1].read_text(encoding="utf-8")
    assert "| `getPersona` GET /v1/personas/{id} | 200 | `/avatar` | schema |" in markdown
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + markdown
    for text in (json.dumps(data), markdown):
        assert KEY not in text


def test_the_terminal_summary_has_the_operation_table_and_the_differences() -> None:
    text = "\n".join(terminal_lines(recorder_with_one_difference(), SECRETS))
    assert "getPersona             2      2          0       1" in text
    assert "held back 1x: not a persona this run created" in text
    assert (
        'getPersona GET /v1/personas/{id} 200  /avatar  [schema] spec: type "object"; server sent null  (1 of 2)'
        in text
    )
