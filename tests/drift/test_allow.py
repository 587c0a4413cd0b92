"""The allow file: entries match findings by rule and place; bad entries are errors with their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.drift import AllowError, load_allow
from tests.drift._support import keys, page, run

TYPE_DRIFT = ("speed\nnumber\n", "speed\ninteger\n")


def _allow(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "allow.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_matching_entry_accepts_the_finding(tmp_path: Path) -> None:
    allow = load_allow(
        _allow(
            tmp_path,
            "accepted:\n"
            "  - rule: type_mismatch\n"
            "    operation: POST /v1/*\n"
            "    location: request\n"
            "    field: speed\n"
            "    page_says: integer\n"
            "    spec_says: number\n"
            "    reason: the vendor rounds speeds\n",
        )
    )
    report = run([page(tmp_path, "rendered_create.txt", TYPE_DRIFT)], allow)
    (finding,) = report.findings
    assert (finding.status, finding.reason, finding.allow_line) == ("accepted", "the vendor rounds speeds", 2)
    assert report.exit_code == 0
    assert report.unused_allow == ()


@pytest.mark.parametrize(
    "mismatch",
    ["operation: GET /v1/*", "location: response", "field: spe", "page: other.txt", "page_says: string", "value: x"],
)
def test_entry_that_differs_in_one_key_does_not_match(tmp_path: Path, mismatch: str) -> None:
    allow = load_allow(_allow(tmp_path, f"accepted:\n  - rule: type_mismatch\n    {mismatch}\n    reason: r\n"))
    report = run([page(tmp_path, "rendered_create.txt", TYPE_DRIFT)], allow)
    assert keys(report, "drift") == [("type_mismatch", "request", "speed", None)]
    assert len(report.unused_allow) == 1


def test_entry_with_a_list_matches_any_of_it(tmp_path: Path) -> None:
    allow = load_allow(_allow(tmp_path, "accepted:\n  - rule: type_mismatch\n    field: [pitch, sp*]\n    reason: r\n"))
    report = run([page(tmp_path, "rendered_create.txt", TYPE_DRIFT)], allow)
    assert keys(report, "accepted") == [("type_mismatch", "request", "speed", None)]


def test_enum_value_entry(tmp_path: Path) -> None:
    allow = load_allow(
        _allow(tmp_path, "accepted:\n  - rule: enum_value_added\n    field: model\n    value: m-3\n    reason: soon\n")
    )
    edited = page(tmp_path, "rendered_create.txt", ("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3,\nm-4\nExample:"))
    report = run([edited], allow)
    assert keys(report, "accepted") == [("enum_value_added", "request", "model", "m-3")]
    assert keys(report, "drift") == [("enum_value_added", "request", "model", "m-4")]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("accepted:\n  - rule: no_such_rule\n    reason: r\n", 2, "unknown rule 'no_such_rule'"),
        ("accepted:\n  - rule: type_mismatch\n", 2, "needs a non-empty reason"),
        (
            "accepted:\n  - rule: type_mismatch\n    reason: r\n  - rule: type_mismatch\n    colour: red\n",
            4,
            "unknown key",
        ),
        ("accepted:\n  - rule: [\n", 3, "not valid YAML"),
        ("- just a list\n", 1, "expected a mapping"),
        ("", 1, "expected a mapping with an `accepted:` list"),  # was read as "no entries"
        ("# nothing accepted yet\n", 1, "expected a mapping with an `accepted:` list"),
        ("acepted:\n  - rule: type_mismatch\n    reason: r\n", 1, "expected a mapping with an `accepted:` list"),
        ("accepted:\n", 1, "expected a mapping with an `accepted:` list"),
        ("accepted:\n  - rule: type_mismatch\n    field: {a: b}\n    reason: r\n", 2, "field must be a text"),
    ],
)
def test_bad_allow_file(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = _allow(tmp_path, text)
    with pytest.raises(AllowError) as raised:
        load_allow(path)
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert message in str(raised.value)


def test_an_empty_accepted_list_is_no_entries(tmp_path: Path) -> None:
    assert load_allow(_allow(tmp_path, "accepted: []\n")) == []
