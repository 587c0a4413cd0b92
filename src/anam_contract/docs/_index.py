"""The docs site's index (llms.txt): one markdown link a line, `- [Title](url): summary`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from anam_contract.docs._manifest import Manifest, ManifestPage

_LINK = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?:\s*:\s*(?P<summary>.*))?")


@dataclass(frozen=True)
class IndexEntry:
    title: str
    url: str
    summary: str


def parse_index(text: str, base: str) -> list[IndexEntry]:
    """Every link of the index; a relative one is read against the index's own URL."""
    entries = []
    for line in text.splitlines():
        match = _LINK.search(line)
        if match is not None:
            entries.append(
                IndexEntry(match["title"].strip(), urljoin(base, match["url"]), (match["summary"] or "").strip())
            )
    return entries


def page_key(url: str) -> str:
    """A page and its markdown export are one page: `.../create-persona` and `.../create-persona.md`."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    path = path.removesuffix(".md")
    return f"{parts.netloc.lower()}{path}"


def compare_index(manifest: Manifest, entries: list[IndexEntry]) -> tuple[list[IndexEntry], list[ManifestPage]]:
    """(index pages of the section that the manifest lacks, manifest pages the index no longer lists)."""
    section = page_key(manifest.section or "") + "/"
    listed = {page_key(page.url) for page in manifest.pages}
    in_section = [entry for entry in entries if page_key(entry.url).startswith(section)]
    indexed = {page_key(entry.url) for entry in entries}
    new, seen = [], set()
    for entry in in_section:
        key = page_key(entry.url)
        if key not in listed and key not in seen:
            seen.add(key)
            new.append(entry)
    gone = [page for page in manifest.pages if page_key(page.url) not in indexed]
    return new, gone
