"""The text report's client section, on hand-made API changes."""

from __future__ import annotations

from anam_contract.cli._diff_text import render_text
from anam_contract.diff import ApiChange


def test_a_constructor_note_follows_the_change() -> None:
    changes = [
        ApiChange(
            "pkg.m.Body.name",
            "attribute",
            "changed",
            "str | Unset = UNSET",
            "str",
            None,
            "now a required constructor argument",
        ),
        ApiChange("pkg.m.Body.size", "attribute", "added", None, "int", None, "new required constructor argument"),
    ]
    lines = render_text("a.yaml", "b.yaml", [], changes, None, skipped=False).splitlines()
    assert (
        "    changed attribute pkg.m.Body.name: str | Unset = UNSET -> str  (now a required constructor argument)"
        in lines
    )
    assert "    added   attribute pkg.m.Body.size: int  (new required constructor argument)" in lines
