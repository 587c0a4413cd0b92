"""`drift --propose`: each page carries one drift; the proposed edit is applied, drift runs again, the spec validates.

Every case also pins the whole textual change: the lines removed and added are exactly the edit, so
any other byte of the spec that moved (a comment, a quote, a flow list re-flowed) fails the test.
"""

from __future__ import annotations

import difflib
import shutil
from collections import Counter
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from anam_contract.drift import Proposal, ProposalError, Report, check, propose
from anam_contract.spec import Spec
from tests.drift._support import DATA, page


def _spec(tmp_path: Path) -> Spec:
    shutil.copy(DATA / "mini.yaml", tmp_path / "spec.yaml")
    return Spec.load(tmp_path / "spec.yaml")


def _propose(pages: list[Path], spec: Spec) -> tuple[Report, Proposal]:
    report = check(pages, spec, [])
    return report, propose(report, spec, lambda edited: check(pages, edited, []))


def _changed(proposal: Proposal) -> tuple[Counter[str], Counter[str]]:
    """(lines removed, lines added), as multisets, between the spec before and after."""
    before, after = proposal.before.splitlines(), proposal.after.splitlines()
    removed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            removed.update(before[i1:i2])
            added.update(after[j1:j2])
    return removed, added


def _applied(tmp_path: Path, source: str, *edits: tuple[str, str], rule: str) -> tuple[Counter[str], Counter[str]]:
    """Propose for a page with one drift of `rule`, write the edit, and check the spec is then clean and valid."""
    spec = _spec(tmp_path)
    drifted = page(tmp_path, source, *edits)
    report, proposal = _propose([drifted], spec)
    assert [f.rule for f in report.findings if f.status == "drift"] == [rule]
    assert [f.rule for f, _ in proposal.edits] == [rule]
    assert proposal.decisions == ()
    assert proposal.new_drift == ()
    assert proposal.exit_code == 0
    assert spec.path is not None
    spec.path.write_text(proposal.after, encoding="utf-8")
    again = check([drifted], Spec.load(spec.path), [])
    assert [f for f in again.findings if f.status == "drift"] == []
    document, _ = read_from_filename(str(spec.path))
    validate(document)
    return _changed(proposal)


def test_an_enum_value_the_page_adds_joins_the_enum(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path, "rendered_create.txt", ("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3\nExample:"), rule="enum_value_added"
    )
    assert removed == Counter(["      enum: [m-1, m-2]"])
    assert added == Counter(["      enum: [m-1, m-2, m-3]"])


def test_an_enum_value_the_page_dropped_leaves_the_enum(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path, "rendered_create.txt", ("m-1,\nm-2\nExample:", "m-2\nExample:"), rule="enum_value_removed"
    )
    assert removed == Counter(["      enum: [m-1, m-2]"])
    assert added == Counter(["      enum: [m-2]"])


def test_a_field_the_page_adds_gets_its_type_enum_and_a_todo_description(tmp_path: Path) -> None:
    mood = '        voiceId:\n          type: string\n        mood:\n          type: [string, "null"]\n'
    mood += "          format: tone\n          enum: [calm, bright, null]\n"
    removed, added = _applied(
        tmp_path, "create.md", ("        voiceId:\n          type: string\n", mood), rule="field_missing_in_spec"
    )
    assert removed == Counter()
    assert added == Counter(
        [
            "        mood:",
            '          type: [string, "null"]',
            "          format: tone",
            "          enum: [calm, bright, null]",
            "          description: TODO",
        ]
    )


def test_a_field_the_page_no_longer_lists_is_removed(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path, "create.md", ("        voiceId:\n          type: string\n", ""), rule="field_missing_on_page"
    )
    assert removed == Counter(["        voiceId:", "          type: string"])
    assert added == Counter()


def test_a_field_the_page_makes_nullable_allows_null(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path,
        "rendered_create.txt",
        ("createdAt\nstring<date-time>\n", "createdAt\nstring<date-time> | null\n"),
        rule="nullability_mismatch",
    )
    assert removed == Counter(["          type: string"])
    assert added == Counter(['          type: [string, "null"]'])


def test_a_field_the_page_no_longer_makes_nullable_refuses_null(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path,
        "create.md",
        (
            '        model:\n          type:\n            - string\n            - "null"\n',
            "        model:\n          type: string\n",
        ),
        rule="nullability_mismatch",
    )
    assert removed == Counter(['          type: [string, "null"]'])
    assert added == Counter(["          type: string"])


def test_a_format_the_page_changes_is_changed(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path,
        "create.md",
        (
            "createdAt:\n          type: string\n          format: date-time",
            "createdAt:\n          type: string\n          format: date",
        ),
        rule="format_mismatch",
    )
    assert removed == Counter(["          format: date-time"])
    assert added == Counter(["          format: date"])


def test_a_type_the_page_changes_is_changed(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path, "rendered_create.txt", ("speed\nnumber\n", "speed\ninteger\n"), rule="type_mismatch"
    )
    assert removed == Counter(["          type: number"])
    assert added == Counter(["          type: integer"])


def test_a_bound_the_page_changes_is_changed(tmp_path: Path) -> None:
    removed, added = _applied(
        tmp_path, "rendered_create.txt", ("0.5 <= x <= 2", "0.5 <= x <= 3"), rule="constraint_mismatch"
    )
    assert removed == Counter(["          maximum: 2"])
    assert added == Counter(["          maximum: 3"])


def test_a_finding_without_one_edit_needs_a_decision_and_the_spec_stays_as_it_was(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    drifted = page(tmp_path, "rendered_create.txt", ('"sensitivity": 0.4', '"sensitivity": 1.4'))
    _, proposal = _propose([drifted], spec)
    assert [(f.rule, why) for f, why in proposal.decisions] == [
        ("example_invalid", "no single edit follows from a example_invalid finding")
    ]
    assert proposal.edits == ()
    assert proposal.after == proposal.before
    assert proposal.exit_code == 1


def test_an_edit_another_compared_page_disagrees_with_is_reported(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    newer = page(tmp_path, "rendered_create.txt", ("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3\nExample:"))
    same_date = page(tmp_path, "create.md")
    _, proposal = _propose([newer, same_date], spec)
    assert [f.rule for f, _ in proposal.edits] == ["enum_value_added"]
    assert [(f.rule, f.page, f.value) for f in proposal.new_drift] == [("enum_value_removed", same_date, "m-3")]
    assert proposal.exit_code == 1


def test_two_pages_that_want_one_node_two_ways_need_a_decision(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    one = page(tmp_path, "rendered_create.txt", ("0.5 <= x <= 2", "0.5 <= x <= 3"))
    other = page(
        tmp_path,
        "create.md",
        ("          minimum: 0.5\n          maximum: 2\n", "          minimum: 0.5\n          maximum: 4\n"),
    )
    _, proposal = _propose([one, other], spec)
    assert proposal.edits == ()
    why = "pages disagree on bounds of #/components/schemas/NewPersona/properties/speed"
    why += ": minimum 0.5, maximum 3 / minimum 0.5, maximum 4"
    assert [(f.rule, f.page, reason) for f, reason in proposal.decisions] == [
        ("constraint_mismatch", one, why),
        ("constraint_mismatch", other, why),
    ]
    assert proposal.after == proposal.before


def test_a_spec_that_would_not_survive_the_round_trip_is_refused(tmp_path: Path) -> None:
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(
        (DATA / "mini.yaml").read_text(encoding="utf-8").replace("enum: [m-1, m-2]", "enum: [ m-1,  m-2 ]")
    )
    spec = Spec.load(spec_path)
    drifted = page(tmp_path, "rendered_create.txt", ("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3\nExample:"))
    with pytest.raises(ProposalError, match="does not survive a YAML round trip"):
        _propose([drifted], spec)
