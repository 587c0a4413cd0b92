"""Pull the JSON examples out of the saved reference pages (curl bodies and example responses).

Deliberately small: it only needs what the example-validation test needs. The full page reader,
with field blocks and type lines, is `anam_contract.drift`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_CURL = re.compile(r"--request\s+(?P<method>[A-Z]+)\s*\\?\s*--url\s+https://api\.anam\.ai(?P<path>\S+)")
_DATA = re.compile(r"--data\s+'\s*(?P<body>\{.*?\})\s*'", re.DOTALL)


@dataclass(frozen=True)
class PageExample:
    page: str
    method: str
    path: str
    kind: str  # "request" or "response"
    value: Any


def _balanced_object(text: str, start: int) -> str:
    depth = 0
    in_string = False
    escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    raise ValueError("unbalanced JSON object")


def page_examples(page: Path) -> list[PageExample]:
    text = page.read_text(encoding="utf-8")
    curl = _CURL.search(text)
    if curl is None:
        return []
    method, path = curl["method"], curl["path"]
    found: list[PageExample] = []
    # A condensed page may repeat the same curl request; its body counts once.
    bodies = list(_DATA.finditer(text, curl.end()))
    after_request = curl.end()
    if bodies:
        found.append(PageExample(page.name, method, path, "request", json.loads(bodies[0]["body"])))
        after_request = bodies[-1].end()
    # The example response is the first JSON object that starts a line after the last request.
    response_start = re.compile(r"^\{", re.MULTILINE).search(text, after_request)
    if response_start is not None:
        raw = _balanced_object(text, response_start.start())
        found.append(PageExample(page.name, method, path, "response", json.loads(raw)))
    return found
