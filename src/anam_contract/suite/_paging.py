"""The list's paging rules, checked on every page the API returns (`list_page_follows_its_meta`).

The schema check sees only the shape of a page; these are the rules the spec states in words:
- `currentPage` and `perPage` are the page and size asked for (the spec's defaults when absent);
- `total` counts every match over all pages, so it fixes `lastPage` (1 when nothing matches), the
  number of items on this page, and `prev`/`next` (null on the first page, and on the last page
  and beyond);
- newest first, each persona once;
- with `search`, every name contains the text, whatever its letter case.

Past the last page the spec says only that `prev` is a number, so any earlier page number passes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import schemathesis
from schemathesis import Case, CheckContext, Response

_DIGITS = re.compile(r"[0-9]{1,9}")


def page_problems(asked: dict[str, list[str]], defaults: dict[str, Any], body: Any) -> list[str]:
    """What is wrong with a list page, given the query it answered (each parameter's values)."""
    if not isinstance(body, dict) or not isinstance(body.get("meta"), dict) or not isinstance(body.get("data"), list):
        return []  # the schema check reports a page of the wrong shape
    meta, data = body["meta"], body["data"]
    numbers = [meta.get(key) for key in ("currentPage", "perPage", "total", "lastPage")]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return []
    page, per_page, total, last_page = numbers
    problems = []
    for name, key in (("page", "currentPage"), ("perPage", "perPage")):
        wanted = _asked_int(asked, name, defaults.get(name))
        if wanted is not None and meta[key] != wanted:
            problems.append(f"/meta/{key}: {meta[key]}, but the request asked for {name}={wanted}")
    if per_page < 1:
        return problems
    expected_last = max(1, -(-total // per_page))
    expected_items = max(0, min(per_page, total - (page - 1) * per_page))
    # `lastPage` and `total` disagreeing is one difference, told where the page shows which is
    # wrong: a total with no room for the personas shown is the total's (below), and an empty page
    # past both candidate ends shows nothing either way.
    blames_total = len(data) > expected_items
    past_both = page > max(last_page, expected_last)
    if last_page != expected_last and not blames_total and not past_both:
        problems.append(
            f"/meta/lastPage: {last_page}, but {total} personas at {per_page} a page end on {expected_last}"
        )
    if blames_total:
        # The personas shown exist: a total that leaves no room for them is what is wrong.
        problems.append(
            f"/meta/total: {total}, but page {page} at {per_page} per page shows {len(data)} personas"
            f" (a total of {total} leaves {expected_items} for it)"
        )
    elif len(data) < expected_items:
        problems.append(
            f"/data: {len(data)} personas, but page {page} of {total} at {per_page} per page holds {expected_items}"
        )
    problems.extend(_links(meta, page, last_page))
    problems.extend(_order(data))
    search = asked.get("search")
    if search is not None and len(search) == 1:
        problems.extend(_search(data, search[0]))
    return problems


def _asked_int(asked: dict[str, list[str]], name: str, default: Any) -> int | None:
    values = asked.get(name)
    if values is None:
        return default if isinstance(default, int) else None
    # A repeated or non-decimal value: which number the server read is not the spec's business.
    if len(values) == 1 and _DIGITS.fullmatch(values[0]):
        return int(values[0])
    return None


def _links(meta: dict[str, Any], page: int, last_page: int) -> list[str]:
    problems = []
    prev, following = meta.get("prev"), meta.get("next")
    if page == 1 and prev is not None:
        problems.append(f"/meta/prev: {prev} on the first page (must be null)")
    elif 1 < page <= last_page and prev != page - 1:
        problems.append(f"/meta/prev: {prev} on page {page} (must be {page - 1})")
    elif page > last_page and not (isinstance(prev, int) and 1 <= prev < page):
        problems.append(f"/meta/prev: {prev} on page {page}, past the last page (must be an earlier page)")
    if page >= last_page and following is not None:
        problems.append(f"/meta/next: {following} on page {page} with lastPage {last_page} (must be null)")
    elif page < last_page and following != page + 1:
        problems.append(f"/meta/next: {following} on page {page} of {last_page} (must be {page + 1})")
    return problems


def _order(data: list[Any]) -> list[str]:
    problems = []
    seen: set[str] = set()
    previous: datetime | None = None
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            continue
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id.lower() in seen:
                problems.append(f"/data/{index}/id: {item_id} is on this page twice")
            seen.add(item_id.lower())
        created = _moment(item.get("createdAt"))
        if created is not None and previous is not None and created > previous:
            problems.append(f"/data/{index}/createdAt: newer than the persona before it (the list is newest first)")
        previous = created or previous
    return problems


def _search(data: list[Any], text: str) -> list[str]:
    problems = []
    for index, item in enumerate(data):
        name = item.get("name") if isinstance(item, dict) else None
        # Both foldings: a server comparing with plain lower case is as case-insensitive as one using
        # Unicode case folding, and the spec names neither.
        if isinstance(name, str) and text.casefold() not in name.casefold() and text.lower() not in name.lower():
            problems.append(f"/data/{index}/name: {name[:60]!r} does not contain search={text[:60]!r}")
    return problems


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    # A stamp without an offset is read as UTC, so that any two stamps compare.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _defaults(case: Case[Any]) -> dict[str, Any]:
    found = {}
    for parameter in case.operation.definition.raw.get("parameters", []):
        schema = parameter.get("schema", {}) if isinstance(parameter, dict) else {}
        if parameter.get("in") == "query" and "default" in schema:
            found[parameter["name"]] = schema["default"]
    return found


@schemathesis.check
def list_page_follows_its_meta(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if case.operation.definition.raw.get("operationId") != "listPersonas" or response.status_code != 200:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    asked = parse_qs(urlsplit(response.request.url or "").query, keep_blank_values=True)
    problems = page_problems(asked, _defaults(case), body)
    if problems:
        lines = "\n".join(f"  {problem}" for problem in problems)
        raise AssertionError(f"listPersonas 200: the page does not follow the paging rules\n{lines}")
    return True
