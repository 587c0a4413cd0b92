"""The vendor's saved pages (../shared/docs beside the clone) against the project's spec and allow file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from anam_contract.drift import check, load_allow, read_page
from anam_contract.paths import DRIFT_ALLOW_PATH, SHARED_DOCS_DIR
from anam_contract.spec import Spec

PAGES = sorted(SHARED_DOCS_DIR.glob("*.txt")) if SHARED_DOCS_DIR.is_dir() else []

pytestmark = pytest.mark.skipif(
    not PAGES, reason=f"the saved docs pages are not beside the clone ({SHARED_DOCS_DIR} is missing)"
)


def _named(prefix: str) -> Path:
    return next(path for path in PAGES if path.name.startswith(prefix))


def test_no_drift_beyond_the_accepted_entries() -> None:
    report = check(PAGES, Spec.load(), load_allow(DRIFT_ALLOW_PATH))
    assert [f for f in report.findings if f.status == "drift"] == []
    assert report.exit_code == 0
    assert report.unused_allow == ()
    accepted = Counter((f.rule, f.location, f.field) for f in report.findings if f.status == "accepted")
    # What the allow file accepts, and nothing else: the path id (two pages), the two nullable option
    # objects (three pages), the two share-link fields that lost their field block (three pages), the
    # required marker of the 20 named response fields (three pages), 003's old options.
    assert accepted[("format_mismatch", "path", "id")] == 2
    assert accepted[("nullability_mismatch", "response", "voiceDetectionOptions")] == 3
    assert accepted[("nullability_mismatch", "response", "voiceGenerationOptions")] == 3
    assert accepted[("enum_value_removed", "request", "avatarModel")] == 1
    assert accepted[("field_missing_on_page", "response", "shareLinks")] == 3
    assert accepted[("field_missing_on_page", "response", "primaryShareLink")] == 3
    required = sum(n for (rule, _, _), n in accepted.items() if rule == "required_mismatch")
    assert required == 3 * 20
    assert sum(accepted.values()) == 2 + 3 + 3 + 1 + 6 + 60


def test_without_the_allow_file_every_accepted_difference_is_drift() -> None:
    report = check(PAGES, Spec.load(), [])
    assert report.exit_code == 1
    assert Counter(f.rule for f in report.findings if f.status == "drift") == {
        "required_mismatch": 60,
        "nullability_mismatch": 6,
        "format_mismatch": 2,
        "field_missing_on_page": 6,
        "enum_value_removed": 1,
    }


def test_what_each_page_says() -> None:
    summaries = {p.file.name[:3]: p for p in check(PAGES, Spec.load(), []).pages}
    assert {k: (str(p.operation), p.role, str(p.modified)) for k, p in summaries.items()} == {
        "000": ("PUT /v1/personas/{id}", "only", "2026-04-22"),
        "001": ("POST /v1/personas", "newest", "2026-04-22"),
        "002": ("GET /v1/personas/{id}", "only", "2026-04-22"),
        "003": ("POST /v1/personas", "undated", "None"),
        "004": ("POST /v1/personas", "undated", "None"),
    }
    # 004 names no operation: it is placed by a line it shares with another create page.
    assert summaries["004"].placed_by is not None and "Create a new persona" in summaries["004"].placed_by


def test_condensed_pages() -> None:
    older = read_page(_named("003"))
    (options,) = [f for f in older.fields if f.source == "option list"]
    assert (options.name, options.options) == ("avatarModel", ("cara-2", "cara-3"))
    body_keys = {f.name for f in older.fields if f.source == "request example"}
    assert {"languageCode", "voiceDetectionOptions.endOfSpeechSensitivity", "voiceGenerationOptions.speed"} <= body_keys
    current = read_page(_named("004"))
    assert current.operation is None and current.fields == []
    assert [u.options for u in current.unattributed if u.kind == "options"] == [("cara-2", "cara-3", "cara-4-latest")]


def test_share_links_lost_their_names() -> None:
    for prefix in ("000", "001", "002"):
        read = read_page(_named(prefix))
        described = [u.text for u in read.unattributed]
        assert len(described) == 2 and described[0].startswith("All share links")
        assert {"shareLinks", "primaryShareLink"} <= {f.name for f in read.fields if f.source == "response example"}
