"""`--propose` on the project's own spec: the saved update page with a new avatar model and a nullable
`personaPreset` gives exactly those two lines, a valid spec, and names the pages that still disagree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from anam_contract.drift import check, load_allow, propose
from anam_contract.paths import DRIFT_ALLOW_PATH, SHARED_DOCS_DIR, SPEC_PATH
from anam_contract.spec import Spec

PAGES = sorted(SHARED_DOCS_DIR.glob("*.txt")) if SHARED_DOCS_DIR.is_dir() else []

pytestmark = pytest.mark.skipif(
    not PAGES, reason=f"the saved docs pages are not beside the clone ({SHARED_DOCS_DIR} is missing)"
)


def test_the_update_page_gaining_a_model_and_a_nullable_field(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for source in PAGES:
        shutil.copy(source, folder / source.name)
    update = next(folder.glob("000_*.txt"))
    text = update.read_text(encoding="utf-8")
    assert text.count("cara-4-latest\n") == 1 and text.count("personaPreset\nstring\n") == 1
    update.write_text(
        text.replace("cara-4-latest\n", "cara-4-latest,\ncara-5\n").replace(
            "personaPreset\nstring\n", "personaPreset\nstring | null\n"
        ),
        encoding="utf-8",
    )
    shutil.copy(SPEC_PATH, tmp_path / "anam.yaml")
    spec, allow = Spec.load(tmp_path / "anam.yaml"), load_allow(DRIFT_ALLOW_PATH)
    pages = sorted(folder.iterdir())
    report = check(pages, spec, allow)
    proposal = propose(report, spec, lambda edited: check(pages, edited, allow))

    assert sorted(f.rule for f, _ in proposal.edits) == ["enum_value_added", "nullability_mismatch"]
    changed = [line for line in proposal.diff("anam.yaml").splitlines()[2:] if line[:1] in "+-"]
    assert changed == [
        "-      enum: [cara-2, cara-3, cara-4-latest]",
        "+      enum: [cara-2, cara-3, cara-4-latest, cara-5]",
        "-          type: string",
        '+          type: [string, "null"]',
    ]
    # The other pages still say the old thing: shown, so nobody writes the edit unaware.
    assert {(f.rule, f.page.name[:3]) for f in proposal.new_drift} >= {
        ("nullability_mismatch", "001"),
        ("enum_value_removed", "003"),
    }
    (tmp_path / "anam.yaml").write_text(proposal.after, encoding="utf-8")
    document, _ = read_from_filename(str(tmp_path / "anam.yaml"))
    validate(document)
    again = check([update], Spec.load(tmp_path / "anam.yaml"), allow)
    assert [f for f in again.findings if f.status == "drift"] == []
