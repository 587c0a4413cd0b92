"""The "Last modified" line."""

from __future__ import annotations

from datetime import date

import pytest

from anam_contract.drift._dates import find_modified, parse_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Last modified on April 22, 2026", date(2026, 4, 22)),
        ("Last modified on Apr 2, 2026", date(2026, 4, 2)),
        ("Last updated: 2026-05-01", date(2026, 5, 1)),
        ("Last modified on 3 March 2026", date(2026, 3, 3)),
        ("Last modified on May 6th, 2026", date(2026, 5, 6)),
        ("Last modified on 1st June 2026", date(2026, 6, 1)),
        ("Last modified on Sept 22, 2026", date(2026, 9, 22)),
        ("Last modified: 2026-05-06T10:00:00.000Z", date(2026, 5, 6)),
        ("Last modified on Wednesday, May 6, 2026", date(2026, 5, 6)),
    ],
)
def test_dates(line: str, expected: date) -> None:
    text = find_modified(line)
    assert text is not None and parse_date(text) == expected


def test_not_a_date_line() -> None:
    assert find_modified("Modified the persona") is None
    assert parse_date("someday") is None
