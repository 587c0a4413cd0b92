"""The report files and the reproductions: every difference once, and never a key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contract_tests.support._differences import Difference
from contract_tests.support._outcome import failure_message, nothing_sent
from contract_tests.support._recording import Recorder
from contract_tests.support._report_files import terminal_lines, write_reports
from contract_tests.support._repro import curl, scrub

KEY = "Sk-Live-Secret/Key+42"
SECRETS = {KEY: "ANAM_API_KEY"}


def test_a_reproduction_names_the_variable_never_the_key() -> None:
    command = curl(
        "put",
        "https://api.example.test/v1/personas/abc",
        {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json", "User-Agent": "x"},
        b'{"name": "it\'s"}',
        SECRETS,
    )
    assert KEY not in command
    assert command.startswith("curl -X PUT https://api.example.test/v1/personas/abc ")
    assert '-H "Authorization: Bearer $ANAM_API_KEY"' in command and "User-Agent" not in command


@pytest.mark.parametrize("spelling", [KEY, KEY.lower(), KEY.upper(), "Sk-Live-Secret%2FKey%2B42"])
def test_scrub_removes_the_key_in_any_spelling(spelling: str) -> None:
    assert "Secret" not in scrub(f"echoed: {spelling}.", SECRETS).replace("SECRET", "Secret").title()


def _recorder() -> Recorder:
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
    written = write_reports(_recorder(), tmp_path / "reports", target="live API", examples=4, secrets=SECRETS)
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
    text = "\n".join(terminal_lines(_recorder(), SECRETS))
    assert "getPersona             2      2          0       1" in text
    assert "held back 1x: not a persona this run created" in text
    assert (
        'getPersona GET /v1/personas/{id} 200  /avatar  [schema] spec: type "object"; server sent null  (1 of 2)'
        in text
    )


def test_a_test_fails_listing_its_differences_and_is_skipped_when_it_sent_nothing() -> None:
    recorder = _recorder()
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
