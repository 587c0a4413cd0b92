"""The docs manifest (`openapi/docs-pages.yaml`): which page of the vendor's site documents each operation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from anam_contract.inputs import InputError, read_yaml

# The suffixes `anam-contract drift` reads in a folder.
_PAGE_SUFFIXES = (".md", ".markdown", ".txt")


class ManifestError(Exception):
    """The manifest is missing, not YAML, or lacks what a fetch needs; the message says which entry."""


@dataclass(frozen=True)
class ManifestPage:
    operation: str  # the spec's operationId
    url: str

    @property
    def file_name(self) -> str:
        """The page's last path segment (`create-persona.md`), as `drift` reads a folder: a rendered page's
        URL without a suffix (`.../get-persona`) is saved as `get-persona.txt`."""
        name = PurePosixPath(urlsplit(self.url).path).name
        return name if name.lower().endswith(_PAGE_SUFFIXES) or not name else f"{name}.txt"


@dataclass(frozen=True)
class Manifest:
    path: Path
    index: str | None  # the site's index of every page (llms.txt), for discovery
    section: str | None  # the URL prefix of the personas pages in that index
    pages: tuple[ManifestPage, ...]


def _url(value: Any, where: str) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
        raise ManifestError(f"{where}: expected an http(s) URL, got {value!r}")
    return value


def load_manifest(path: Path) -> Manifest:
    try:
        # The project's one reader: size limit, UTF-8 only, no alias bombs.
        raw = read_yaml(path, "manifest")
    except InputError as error:
        raise ManifestError(str(error)) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("pages"), list) or not raw["pages"]:
        raise ManifestError(f"{path}: expected a mapping with a non-empty `pages` list")
    index = _url(raw["index"], f"{path}: index") if raw.get("index") is not None else None
    section = _url(raw["section"], f"{path}: section") if raw.get("section") is not None else None
    if (index is None) != (section is None):
        raise ManifestError(f"{path}: `index` and `section` go together (discovery needs both)")
    pages: list[ManifestPage] = []
    for number, entry in enumerate(raw["pages"], start=1):
        where = f"{path}: page {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("operation"), str):
            raise ManifestError(f"{where}: expected `operation` (an operationId) and `url`")
        page = ManifestPage(entry["operation"], _url(entry.get("url"), where))
        if not page.file_name or page.file_name in {p.file_name for p in pages}:
            raise ManifestError(f"{where}: {page.url} gives no file name, or the same one as another page")
        pages.append(page)
    return Manifest(path, index, section, tuple(pages))


def unmapped_operations(manifest: Manifest, operation_ids: list[str]) -> tuple[list[str], list[str]]:
    """(spec operations without a page, manifest operations the spec does not have)."""
    listed = {page.operation for page in manifest.pages}
    return [op for op in operation_ids if op not in listed], sorted(listed - set(operation_ids))
