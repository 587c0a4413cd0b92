"""`docs fetch`: every manifest page into a folder, conditionally, and the index compared with the manifest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from anam_contract.docs._http import FetchError, Settings, client, get
from anam_contract.docs._index import IndexEntry, compare_index, parse_index
from anam_contract.docs._manifest import Manifest, ManifestPage
from anam_contract.docs._state import STATE_NAME, PageState, load_state, save_state, write_atomically


@dataclass(frozen=True)
class PageResult:
    page: ManifestPage
    file: Path
    outcome: str  # "new", "changed", "unchanged" or "failed"
    detail: str = ""


@dataclass
class FetchRun:
    pages: list[PageResult] = field(default_factory=list)
    new_in_index: list[IndexEntry] = field(default_factory=list)  # documented operations the manifest lacks
    gone_from_index: list[ManifestPage] = field(default_factory=list)
    index_error: str | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.pages if result.outcome == outcome)

    @property
    def exit_code(self) -> int:
        """2 when anything could not be fetched, 1 when something changed (or the index did), else 0."""
        if self.count("failed") or self.index_error:
            return 2
        changed = self.count("new") + self.count("changed") + len(self.new_in_index) + len(self.gone_from_index)
        return 1 if changed else 0


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def fetch(manifest: Manifest, out: Path, settings: Settings, http: httpx.Client | None = None) -> FetchRun:
    """Raises StateError when the folder's state file is not one; every other failure is in the result."""
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / STATE_NAME
    state = load_state(state_path)
    run = FetchRun()
    with http or client(settings) as session:
        for page in manifest.pages:
            run.pages.append(_fetch_page(session, page, out, state, settings))
        save_state(state_path, state)
        if manifest.index is not None:
            try:
                index = get(session, manifest.index, {}, settings)
            except FetchError as error:
                run.index_error = f"{manifest.index}: {error}"
            else:
                entries = parse_index(index.content.decode("utf-8", "replace"), manifest.index)
                run.new_in_index, run.gone_from_index = compare_index(manifest, entries)
    return run


def _fetch_page(
    session: httpx.Client, page: ManifestPage, out: Path, state: dict[str, PageState], settings: Settings
) -> PageResult:
    target = out / page.file_name
    previous = state.get(page.url)
    if target.exists() and (previous is None or _sha256(target.read_bytes()) != previous.sha256):
        # Someone else's file, or our copy edited by hand: never overwrite it.
        return PageResult(page, target, "failed", f"{target} was not saved by docs fetch or was edited since; move it")
    headers: dict[str, str] = {}
    if previous is not None and target.exists():
        if previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
    try:
        fetched = get(session, page.url, headers, settings)
    except FetchError as error:
        return PageResult(page, target, "failed", str(error))
    if fetched.status == 304:
        if previous is None or not headers:
            return PageResult(page, target, "failed", "HTTP 304 Not Modified to a request that was not conditional")
        return PageResult(page, target, "unchanged")
    digest = _sha256(fetched.content)
    state[page.url] = PageState(page.file_name, digest, fetched.etag, fetched.last_modified)
    if previous is not None and digest == previous.sha256 and target.exists():
        return PageResult(page, target, "unchanged")
    write_atomically(target, fetched.content)
    return PageResult(page, target, "new" if previous is None else "changed")
