"""Read one saved page, whatever its shape."""

from __future__ import annotations

from pathlib import Path

from anam_contract.drift._markdown import has_openapi_block, read_markdown_page
from anam_contract.drift._model import Page, PageError
from anam_contract.drift._textpage import read_text_page
from anam_contract.inputs import InputError, read_text


def read_page(file: Path) -> Page:
    try:
        text = read_text(file, "page")
    except InputError as error:
        raise PageError(file, error.line, error.problem) from None
    # Saved pages may keep a byte-order mark and no-break spaces (`string\u00a0|\u00a0null`).
    text = text.lstrip("\ufeff").replace("\u00a0", " ")
    if has_openapi_block(text):
        return read_markdown_page(file, text)
    return read_text_page(file, text)
