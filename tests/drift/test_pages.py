"""Several pages for one operation: the newest dated page wins; without dates the tool says it cannot tell."""

from __future__ import annotations

from pathlib import Path

from tests.drift._support import keys, page, run

OLD_DATE = ("Last modified on March 3, 2026", "Last modified on January 9, 2026")
NO_DATE = ("Last modified on March 3, 2026", "")
DRIFTED = ("speed\nnumber\n", "speed\ninteger\n")


def test_newest_page_wins_and_older_is_not_compared(tmp_path: Path) -> None:
    newer = page(tmp_path, "rendered_create.txt", target="new.txt")
    older = page(tmp_path, "rendered_create.txt", OLD_DATE, DRIFTED, target="old.txt")
    report = run([older, newer])
    assert keys(report) == [("page_superseded", None, None, None)]
    assert report.findings[0].page == older
    assert report.exit_code == 0
    assert [(p.file.name, p.role) for p in report.pages] == [("old.txt", "superseded"), ("new.txt", "newest")]


def test_newest_page_drift_is_reported(tmp_path: Path) -> None:
    newer = page(tmp_path, "rendered_create.txt", DRIFTED, target="new.txt")
    older = page(tmp_path, "rendered_create.txt", OLD_DATE, target="old.txt")
    report = run([older, newer])
    assert keys(report) == [("page_superseded", None, None, None), ("type_mismatch", "request", "speed", None)]
    assert report.exit_code == 1


def test_undated_pages_cannot_be_ordered_and_are_compared(tmp_path: Path) -> None:
    dated = page(tmp_path, "rendered_create.txt", target="dated.txt")
    undated = page(tmp_path, "rendered_create.txt", NO_DATE, DRIFTED, target="undated.txt")
    report = run([dated, undated])
    assert keys(report) == [("page_date_unknown", None, None, None), ("type_mismatch", "request", "speed", None)]
    note = next(f for f in report.findings if f.rule == "page_date_unknown")
    assert note.page == undated
    assert "cannot tell" in note.message and "dated.txt" in note.message


def test_a_date_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    dated = page(tmp_path, "rendered_create.txt", target="dated.txt")
    garbled = page(tmp_path, "rendered_create.txt", ("March 3, 2026", "Marhc 33, 2026"), DRIFTED, target="garbled.txt")
    report = run([dated, garbled])
    assert keys(report) == [("page_date_unknown", None, None, None), ("type_mismatch", "request", "speed", None)]
    note = next(f for f in report.findings if f.rule == "page_date_unknown")
    assert note.page == garbled
    assert "'Marhc 33, 2026' is not a date" in note.message and "dated.txt" in note.message


def test_a_renamed_path_parameter_is_still_the_same_operation(tmp_path: Path) -> None:
    """The newer page calls the id `{personaId}`: it still supersedes the older page about `{id}`."""
    newer = page(
        tmp_path,
        "rendered_get.txt",
        ("/\n{id}\n", "/\n{personaId}\n"),
        ("personas/{id} ", "personas/{personaId} "),
        ("March 3, 2026", "May 5, 2026"),
        target="new.txt",
    )
    older = page(tmp_path, "rendered_get.txt", target="old.txt")
    report = run([older, newer])
    assert [(p.file.name, p.role) for p in report.pages] == [("old.txt", "superseded"), ("new.txt", "newest")]


def test_same_date_is_a_tie(tmp_path: Path) -> None:
    first = page(tmp_path, "rendered_create.txt", target="a.txt")
    second = page(tmp_path, "rendered_create.txt", target="b.txt")
    report = run([first, second])
    assert keys(report) == [("page_date_unknown", None, None, None)] * 2
    assert {p.role for p in report.pages} == {"tied"}


def test_page_without_operation_is_placed_by_a_shared_line(tmp_path: Path) -> None:
    """A condensed page without curl names no operation; its title line is the rendered page's body text."""
    full = page(tmp_path, "rendered_create.txt")
    condensed = page(
        tmp_path,
        "condensed_create.txt",
        (
            "curl --request POST \\\n--url https://api.example.test/v1/personas \\\n"
            "--header 'Authorization: Bearer <token>' \\\n--header 'Content-Type: application/json' \\\n--data '\n",
            "",
        ),
        (
            '"listening": {\n"sensitivity": 0.4,\n"patienceSeconds": 3\n}\n}\n\'Make a persona',
            "What the new persona is made of.",
        ),
        ('{\n"name": "Ada",\n"model": "m-2",\n"voiceId": "voice-7",\n"speed": 1.5,\n', ""),
    )
    report = run([full, condensed])
    summary = report.pages[1]
    assert summary.operation is not None and str(summary.operation) == "POST /v1/personas"
    assert summary.placed_by == 'shares "What the new persona is made of." with rendered_create.txt'
    # Without the curl body nothing can be attributed: the option list is listed, not guessed.
    unattributed = next(f for f in report.findings if f.rule == "unattributed" and f.page == condensed)
    assert "line 6: option list: m-1, m-2" in unattributed.details


def test_page_that_cannot_be_placed(tmp_path: Path) -> None:
    lone = tmp_path / "lone.txt"
    lone.write_text('A persona with a name.\n"Ada"\nm-1, m-2 "m-2"\n', encoding="utf-8")
    report = run([lone])
    assert keys(report) == [("operation_unknown", None, None, None), ("unattributed", None, None, None)]
    assert report.exit_code == 1


def test_unplaced_option_list_is_checked_against_every_enum_of_the_spec(tmp_path: Path) -> None:
    lone = tmp_path / "lone.txt"
    lone.write_text('A persona with a name.\n"Ada"\nm-1, m-2, m-3 "m-2"\n', encoding="utf-8")
    report = run([lone])
    assert keys(report) == [
        ("enum_options_unmatched", None, None, "m-1, m-2, m-3"),
        ("operation_unknown", None, None, None),
        ("unattributed", None, None, None),
    ]
    unmatched = next(f for f in report.findings if f.rule == "enum_options_unmatched")
    assert "equals no enum of any operation" in unmatched.message
