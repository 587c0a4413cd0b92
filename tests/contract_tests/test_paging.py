"""The list's paging rules as the suite's check reads them."""

from __future__ import annotations

from typing import Any

from anam_contract.suite import page_problems

DEFAULTS = {"page": 1, "perPage": 10}


def _page(page: int, per_page: int, total: int, count: int, **meta: Any) -> dict[str, Any]:
    last = max(1, -(-total // per_page))
    items = [
        {"id": f"id-{i}", "name": f"Persona {i}", "createdAt": f"2026-01-01T00:00:{59 - i:02d}.000Z"}
        for i in range(count)
    ]
    return {
        "data": items,
        "meta": {
            "total": total,
            "lastPage": last,
            "currentPage": page,
            "perPage": per_page,
            "prev": page - 1 if page > 1 else None,
            "next": page + 1 if page < last else None,
            **meta,
        },
    }


def test_consistent_pages_pass() -> None:
    assert page_problems({}, DEFAULTS, _page(1, 10, 0, 0)) == []
    assert page_problems({"page": ["2"], "perPage": ["3"]}, DEFAULTS, _page(2, 3, 7, 3)) == []
    assert page_problems({"page": ["3"], "perPage": ["3"]}, DEFAULTS, _page(3, 3, 7, 1)) == []
    # Past the end: an empty page, no next, and any earlier page as prev.
    assert page_problems({"page": ["9"], "perPage": ["3"]}, DEFAULTS, _page(9, 3, 7, 0, prev=3)) == []


def test_the_page_asked_for_and_the_defaults_are_echoed() -> None:
    assert page_problems({"perPage": ["5"]}, DEFAULTS, _page(1, 10, 0, 0)) == [
        "/meta/perPage: 10, but the request asked for perPage=5"
    ]
    assert page_problems({}, DEFAULTS, _page(2, 10, 30, 10)) == [
        "/meta/currentPage: 2, but the request asked for page=1"
    ]
    # A value the server may read in more than one way is not held against it.
    assert page_problems({"page": ["1", "2"]}, DEFAULTS, _page(2, 10, 30, 10)) == []


def test_counts_and_links_must_follow_the_total() -> None:
    assert page_problems({}, DEFAULTS, _page(1, 10, 12, 10, lastPage=1)) == [
        "/meta/lastPage: 1, but 12 personas at 10 a page end on 2",
        "/meta/next: 2 on page 1 with lastPage 1 (must be null)",
    ]
    # More personas shown than the total allows: the total is what is wrong (the personas exist).
    assert page_problems({}, DEFAULTS, _page(1, 10, 3, 4)) == [
        "/meta/total: 3, but page 1 at 10 per page shows 4 personas (a total of 3 leaves 3 for it)"
    ]
    assert page_problems({}, DEFAULTS, _page(1, 10, 0, 2)) == [
        "/meta/total: 0, but page 1 at 10 per page shows 2 personas (a total of 0 leaves 0 for it)"
    ]
    # A total of 0 beside personas shown and a lastPage of 2 is one difference, the total's.
    assert page_problems({}, DEFAULTS, _page(1, 10, 0, 2, lastPage=2, next=2)) == [
        "/meta/total: 0, but page 1 at 10 per page shows 2 personas (a total of 0 leaves 0 for it)"
    ]
    # Far past the end an empty page cannot tell a wrong total from a wrong lastPage.
    assert page_problems({"page": ["99"]}, DEFAULTS, _page(99, 10, 0, 0, lastPage=2, prev=2)) == []
    # Fewer: the page lacks personas the total counts.
    assert page_problems({}, DEFAULTS, _page(1, 10, 3, 2)) == [
        "/data: 2 personas, but page 1 of 3 at 10 per page holds 3"
    ]
    assert page_problems({}, DEFAULTS, _page(1, 10, 3, 3, prev=0)) == ["/meta/prev: 0 on the first page (must be null)"]


def test_newest_first_each_once() -> None:
    page = _page(1, 10, 3, 3)
    page["data"][2]["createdAt"] = "2026-01-02T00:00:00Z"
    page["data"][1]["id"] = "ID-0"
    assert page_problems({}, DEFAULTS, page) == [
        "/data/1/id: ID-0 is on this page twice",
        "/data/2/createdAt: newer than the persona before it (the list is newest first)",
    ]


def test_every_name_contains_the_search_in_any_letter_case() -> None:
    page = _page(1, 10, 2, 2)
    assert page_problems({"search": ["PERSONA"]}, DEFAULTS, page) == []
    assert page_problems({"search": ["sona 1"]}, DEFAULTS, page) == [
        "/data/0/name: 'Persona 0' does not contain search='sona 1'"
    ]
