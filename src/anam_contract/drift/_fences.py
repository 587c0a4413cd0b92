"""Examples a markdown export shows in their own fences, beside the OpenAPI block.

A ```bash fence with a curl command gives the request body, as on a rendered page. A ```json fence is
tied to the request or the response only by the heading it sits under ("Response", "Request body");
under any other heading it is listed as unattributed, never guessed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from anam_contract.drift._blocks import short
from anam_contract.drift._model import Page, PageError, PageExample, PageField, Unattributed, flatten_keys
from anam_contract.drift._textpage import read_curls
from anam_contract.drift._tokens import tokenize

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_SHELLS = {"bash", "sh", "shell", "zsh", "console", "curl"}


def read_example_fences(file: Path, page: Page, lines: list[str], openapi_line: int) -> None:
    """Add the curl and JSON examples of every fence but the OpenAPI block (opening on `openapi_line`)."""
    heading = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FENCE.match(line)
        if match is None:
            if line.startswith("#"):
                heading = line.lstrip("#").strip().lower()
            index += 1
            continue
        start, fence = index, match["fence"]
        index += 1
        while index < len(lines) and not lines[index].strip().startswith(fence):
            index += 1
        if start + 1 != openapi_line:
            language = (match["info"].split() or [""])[0].lower()
            _fence(file, page, lines[start + 1 : index], start + 2, language=language, heading=heading)
        index += 1


def _fence(file: Path, page: Page, body: list[str], first: int, *, language: str, heading: str) -> None:
    text = "\n" * (first - 1) + "\n".join(body)  # blank lines before keep the page's line numbers
    if language in _SHELLS:
        curls = [item.curl for item in tokenize(file, text) if item.curl is not None]
        read_curls(page, curls)
    elif language == "json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise PageError(file, error.lineno, f"a JSON example that is not valid JSON: {error.msg}") from None
        line = first + next((n for n, row in enumerate(body) if row.strip()), 0)
        _json_example(page, value, line, heading)


def _json_example(page: Page, value: object, line: int, heading: str) -> None:
    if "response" in heading:
        success = next((status for status in page.statuses if status.startswith("2")), None)
        location = f"response {success}" if success else "response"
        page.examples.append(PageExample(location, None, value, line, "example response"))
        page.fields.extend(PageField(location, name, line, "response example") for name in flatten_keys(value))
    elif "request" in heading or "body" in heading:
        page.examples.append(PageExample("request", None, value, line, "request body example"))
        page.fields.extend(PageField("request", name, line, "request example") for name in flatten_keys(value))
    else:
        page.unattributed.append(Unattributed("page", "example", line, short(value)))
