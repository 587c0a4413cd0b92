"""Which page speaks for an operation: place pages that lost their operation, then order by date."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from anam_contract.drift._blocks import short
from anam_contract.drift._model import Operation, Page

# Lines every body section starts with: they tell nothing about which operation a page is.
_GENERIC = {"application/json", "multipart/form-data", "application/x-www-form-urlencoded"}


@dataclass(frozen=True)
class Role:
    name: str  # "only", "newest", "undated", "tied" or "superseded"
    compared: bool
    detail: str = ""


def place(pages: list[Page]) -> None:
    """Give a page without method and path the operation of pages it shares an operation-level line with.

    Only lines that belong to one operation count (a title, a body or response description), and only
    when they all point to the same operation; otherwise the page stays unplaced.
    """
    owners: dict[str, set[Operation]] = defaultdict(set)
    source: dict[str, Page] = {}
    for page in pages:
        if page.operation is None:
            continue
        for line in page.signatures:
            if line not in _GENERIC:
                owners[line].add(page.operation)
                source.setdefault(line, page)
    for page in pages:
        if page.operation is not None:
            continue
        shared = [line for line in page.texts if len(owners.get(line, ())) == 1]
        operations = {next(iter(owners[line])) for line in shared}
        if len(operations) == 1:
            page.operation = operations.pop()
            page.placed_by = f'shares "{short(shared[0], 48)}" with {source[shared[0]].file.name}'


def roles(pages: list[Page]) -> dict[int, Role]:
    """The role of each page (by id) among the pages of one operation: the newest wins."""
    if len(pages) == 1:
        return {id(pages[0]): Role("only", True)}
    dated = [page for page in pages if page.modified is not None]
    newest = max((page.modified for page in dated if page.modified is not None), default=None)
    winners = [page for page in dated if page.modified == newest]
    names = ", ".join(f"{page.file.name} ({page.modified})" for page in winners)
    found: dict[int, Role] = {}
    for page in pages:
        if page.modified is None:
            others = ", ".join(other.file.name for other in pages if other is not page)
            why = f"newer than {names}" if winners else f"newer than {others}"
            if page.modified_text:
                dateless = f"its 'Last modified' date '{page.modified_text}' is not a date"
            else:
                dateless = "no 'Last modified' date"
            detail = f"{dateless}: cannot tell whether it is {why}; compared as well"
            found[id(page)] = Role("undated", True, detail)
        elif page.modified == newest and len(winners) > 1:
            others = ", ".join(other.file.name for other in winners if other is not page)
            detail = f"same date ({newest}) as {others}: cannot tell which is newer; compared as well"
            found[id(page)] = Role("tied", True, detail)
        elif page.modified == newest:
            found[id(page)] = Role("newest", True)
        else:
            found[id(page)] = Role("superseded", False, f"older than {names}, which wins; not compared")
    return found
