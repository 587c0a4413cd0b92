"""Read one saved page, whatever its shape."""

from __future__ import annotations

from pathlib import Path

from anam_contract.drift._markdown import has_openapi_block, read_markdown_page
from anam_contract.drift._model import Page, PageError
from anam_contract.drift._textpage import read_text_page


def read_page(file: Path) -> Page:
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise PageError(file, 1, f"cannot read the page: {error.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PageError(file, raw[: error.start].count(b"\n") + 1, "the page is not UTF-8 text") from None
    # Saved pages may keep a byte-order mark and no-break spaces (`string\u00a0|\u00a0null`).
    text = text.lstrip("\ufeff").replace("\u00a0", " ")
    if has_openapi_block(text):
        return read_markdown_page(file, text)
    return read_text_page(file, text)
