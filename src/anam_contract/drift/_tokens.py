"""Split saved page text into prose lines, JSON values and curl commands, each with its line number.

Saved pages glue things together (`'Create a new persona` after a curl body, a JSON array followed by
prose on the same line), so the split works on the text, not on whole lines.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from anam_contract.drift._model import JSON, PageError

_DECODER = json.JSONDecoder()
_DATA_FLAG = re.compile(r"(?:--data(?:-raw|-binary)?|-d)\s+'")
_METHOD_FLAG = re.compile(r"(?:--request|-X)\s+'?([A-Za-z]+)'?")
_URL_FLAG = re.compile(r"--url\s+'?([^\s'\\]+)'?")
_BARE_URL = re.compile(r"curl\s+'?(https?://[^\s'\\]+)'?")


@dataclass(frozen=True)
class Curl:
    line: int
    method: str | None
    path: str | None
    query: tuple[str, ...]
    body: JSON
    body_line: int  # 0 when the command sends no body


@dataclass(frozen=True)
class Item:
    line: int
    kind: str  # "text", "json" or "curl"
    text: str = ""
    value: JSON = None
    curl: Curl | None = None


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]

    def of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)


def tokenize(file: Path, text: str) -> list[Item]:
    lines = _Lines(text)
    items: list[Item] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        raw = text[pos:end]
        stripped = raw.strip()
        if not stripped:
            pos = end + 1
            continue
        lead = pos + len(raw) - len(raw.lstrip())
        line = lines.of(lead)
        if stripped.startswith("curl ") or stripped == "curl":
            curl, pos = _read_curl(file, text, lead, lines)
            items.append(Item(line, "curl", curl=curl))
            continue
        if stripped[0] in "{[":
            try:
                value, stop = _DECODER.raw_decode(text, lead)
            except json.JSONDecodeError as error:
                # A value that breaks on a later line is an example gone wrong; one that breaks on its
                # own line is prose such as a path segment `{id}`.
                if lines.of(error.pos) > line:
                    raise PageError(
                        file, lines.of(error.pos), f"a JSON example that is not valid JSON: {error.msg}"
                    ) from None
            else:
                items.append(Item(line, "json", value=value))
                pos = stop
                continue
        scalar = _scalar(stripped)
        if scalar is not _NOT_JSON:
            items.append(Item(line, "json", value=scalar))
        else:
            items.append(Item(line, "text", text=stripped))
        pos = end + 1
    return items


_NOT_JSON = object()


def _scalar(text: str) -> JSON:
    if not (text[0] == '"' or text in ("true", "false", "null") or re.fullmatch(r"-?\d+(\.\d+)?([eE][+-]?\d+)?", text)):
        return _NOT_JSON
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return _NOT_JSON


def _read_curl(file: Path, text: str, start: int, lines: _Lines) -> tuple[Curl, int]:
    """Read one curl command from `start`; return it and the offset just after it."""
    pos = start
    command = ""
    body: JSON = None
    body_line = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        segment = text[pos:end]
        data = _DATA_FLAG.search(segment)
        if data is None:
            command += " " + segment
            if segment.rstrip().endswith("\\"):
                pos = end + 1
                continue
            pos = end + 1
            break
        command += " " + segment[: data.start()]
        body_start = pos + data.end()
        while body_start < len(text) and text[body_start].isspace():
            body_start += 1
        body_line = lines.of(body_start)
        try:
            body, stop = _DECODER.raw_decode(text, body_start)
        except json.JSONDecodeError as error:
            raise PageError(file, lines.of(error.pos), f"the curl --data body is not JSON: {error.msg}") from None
        while stop < len(text) and text[stop].isspace():
            stop += 1
        if not text.startswith("'", stop):
            raise PageError(file, lines.of(stop), "the curl --data body does not end with a closing quote")
        pos = stop + 1
        rest_end = text.find("\n", pos)
        rest_end = len(text) if rest_end == -1 else rest_end
        if text[pos:rest_end].strip().startswith("\\"):
            pos = rest_end + 1
            continue
        # Whatever follows the closing quote on its line is page text glued to the command.
        break
    method_match = _METHOD_FLAG.search(command)
    url_match = _URL_FLAG.search(command) or _BARE_URL.search(command)
    path: str | None = None
    query: tuple[str, ...] = ()
    if url_match is not None:
        parts = urlsplit(url_match.group(1))
        path = unquote(parts.path) or "/"
        query = tuple(pair.split("=", 1)[0] for pair in parts.query.split("&") if pair)
    method = method_match.group(1).upper() if method_match else ("POST" if body_line else "GET")
    return Curl(lines.of(start), method, path, query, body, body_line), pos
