"""Read a saved docs page as rendered text: the full page, or a condensed one that lost its field names.

A full page names the method and path, shows a curl example and an example response, then lists its
sections (`Path Parameters`, `Body`, `Response`...) as field blocks. A condensed page keeps the curl
example, descriptions, examples and option lists, but no field names and no section headers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from anam_contract.drift._blocks import read_section, short
from anam_contract.drift._dates import find_modified, parse_date
from anam_contract.drift._model import (
    JSON,
    Operation,
    Page,
    PageError,
    PageExample,
    PageField,
    Unattributed,
    fills_template,
    flatten_keys,
    ignored_parameter,
    key_values,
)
from anam_contract.drift._tokens import Curl, Item, tokenize

_SECTIONS = {
    "Authorizations": "auth",
    "Path Parameters": "path",
    "Query Parameters": "query",
    "Headers": "header",
    "Header Parameters": "header",
    "Cookies": "cookie",
    "Body": "request",
    "Request Body": "request",
    "Response": "response",
    "Response Body": "response",
}
_NOISE = {
    "Skip to main content",
    "Was this page helpful?",
    "Yes",
    "No",
    "Show child attributes",
    "Hide child attributes",
    "Show properties",
    "Hide properties",
    "Suggest edits",
    "Raise issue",
}
_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
_ONE_LINE_OPERATION = re.compile(r"(?P<method>GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(?P<path>/\S*)")
_SEGMENT = re.compile(r"[\w{}.~-]+")
_OPTIONS_LINE = re.compile(r"(?P<options>[^\s,\"]+(?:,\s*[^\s,\"]+)*)(?:\s+(?P<example>\S.*))?")


def read_text_page(file: Path, text: str) -> Page:
    items = tokenize(file, text)
    kept: list[Item] = []
    modified_text: str | None = None
    for item in items:
        if item.kind == "text" and (found := find_modified(item.text)) is not None:
            modified_text = found
        elif not (item.kind == "text" and item.text in _NOISE):
            kept.append(item)
    if not kept:
        raise PageError(file, 1, "the page is empty")
    operation, after_header = _header(kept)
    curls = [item.curl for item in kept if item.curl is not None]
    curl_operation = next((Operation(c.method, c.path) for c in curls if c.method and c.path), None)
    if operation is not None and curl_operation is not None and not _calls(curl_operation, operation):
        line = next(item.line for item in kept if item.curl is not None)
        raise PageError(file, line, f"the page is about {operation} but its curl example calls {curl_operation}")
    has_sections = any(item.kind == "text" and item.text in _SECTIONS for item in kept)
    if not has_sections and not curls and operation is None:
        if any(item.kind == "text" and item.text.startswith("#") for item in kept):
            raise PageError(file, 1, "a markdown page without an OpenAPI ```yaml block")
        if not any(item.kind == "json" for item in kept):
            raise PageError(
                file, 1, "not a docs page: no operation, curl example, field list, example or OpenAPI block"
            )
    page = Page(file, "rendered" if has_sections else "condensed", operation or curl_operation)
    page.modified_text = modified_text
    page.modified = parse_date(modified_text) if modified_text else None
    page.texts = [item.text for item in kept if item.kind == "text"]
    read_curls(page, curls)
    if has_sections:
        _read_rendered(file, page, kept[after_header:])
    else:
        _read_condensed(page, kept[after_header:], curls)
    page.fields = [f for f in page.fields if not ignored_parameter(f.location, f.name)]
    return page


def _calls(call: Operation, documented: Operation) -> bool:
    """Whether a curl example calls the documented operation (with a real id where the path has `{id}`)."""
    return call.method == documented.method and fills_template(documented.path, call.path)


def _header(items: list[Item]) -> tuple[Operation | None, int]:
    """The method and path a full page starts with (`PUT` then `/`, `v1`, `/`, ... one per line)."""
    for index in range(min(len(items), 4)):
        item = items[index]
        if item.kind != "text":
            continue
        if match := _ONE_LINE_OPERATION.fullmatch(item.text):
            return Operation(match["method"], match["path"]), index + 1
        if item.text not in _METHODS or index + 1 >= len(items) or items[index + 1].text != "/":
            continue
        path = ""
        cursor = index + 1
        while cursor < len(items) and items[cursor].kind == "text":
            token = items[cursor].text
            if token == "/" and not path.endswith("/"):
                path += "/"
            elif path.endswith("/") and _SEGMENT.fullmatch(token):
                path += token
            else:
                break
            cursor += 1
        return Operation(item.text, path.rstrip("/") or "/"), cursor
    return None, 0


def read_curls(page: Page, curls: list[Curl]) -> None:
    """The query keys, body and body keys of the page's curl commands."""
    bodies: list[JSON] = []
    for curl in curls:
        for name in curl.query:
            if not any(f.location == "query" and f.name == name for f in page.fields):
                page.fields.append(PageField("query", name, curl.line, "curl URL"))
        if not curl.body_line or curl.body in bodies:
            continue
        bodies.append(curl.body)
        page.examples.append(PageExample("request", None, curl.body, curl.body_line, "request body (curl --data)"))
        for name in flatten_keys(curl.body):
            page.fields.append(PageField("request", name, curl.body_line, "request example"))


def _read_rendered(file: Path, page: Page, items: list[Item]) -> None:
    page.documented = {("path", ""), ("query", ""), ("header", ""), ("request", ""), ("response", "")}
    start = next(i for i, item in enumerate(items) if item.kind == "text" and item.text in _SECTIONS)
    # Without a curl example, a page with no Body section can show only one JSON: the example response.
    has_body = any(item.kind == "text" and _SECTIONS.get(item.text) == "request" for item in items)
    seen_curl = not has_body and not any(item.kind == "curl" for item in items[:start])
    response_example: JSON = None
    for item in items[:start]:
        if item.kind == "curl":
            seen_curl = True
        elif item.kind == "text" and page.title is None:
            page.title = item.text
            page.signatures.append(item.text)
        elif item.kind == "json" and isinstance(item.value, (dict, list)):
            if seen_curl and response_example is None:
                response_example = item.value
                page.examples.append(PageExample("response", None, item.value, item.line, "example response"))
                for name in flatten_keys(item.value):
                    page.fields.append(PageField("response", name, item.line, "response example"))
            else:
                page.unattributed.append(Unattributed("page", "example", item.line, short(item.value)))
    section = ""
    chunk: list[Item] = []
    for item in [*items[start:], Item(0, "text", text="Authorizations")]:
        if item.kind == "text" and item.text in _SECTIONS:
            if section in ("path", "query", "header", "request", "response"):
                read_section(file, page, section, chunk)
            section, chunk = _SECTIONS[item.text], []
        else:
            chunk.append(item)


def _read_condensed(page: Page, items: list[Item], curls: list[Curl]) -> None:
    """Descriptions, options and examples without names: tie one to a field only on the page's own evidence."""
    body = next((curl.body for curl in curls if curl.body_line), None)
    values = key_values(body) if isinstance(body, dict) else []
    blocks: list[dict[str, JSON]] = []
    for item in items:
        if item.kind == "curl":
            continue
        if item.kind == "json":
            if blocks and "example" not in blocks[-1]:
                blocks[-1]["example"] = item.value
                blocks[-1]["example_line"] = item.line
            else:
                blocks.append({"line": item.line, "example": item.value})
            continue
        if page.title is None:
            page.title = item.text
            page.signatures.append(item.text)
            continue
        options = _options_line(item.text)
        if options is not None and blocks and "options" not in blocks[-1] and "example" not in blocks[-1]:
            blocks[-1]["options"] = options[0]
            blocks[-1]["options_line"] = item.line
            if options[1] is not None:
                blocks[-1]["example"] = options[1]
        elif options is not None:
            block = {"line": item.line, "options": options[0], "options_line": item.line}
            if options[1] is not None:
                block["example"] = options[1]
            blocks.append(block)
        else:
            blocks.append({"line": item.line, "description": item.text})
    for block in blocks:
        _attribute(page, block, values)


_NO_EXAMPLE = object()


def _options_line(text: str) -> tuple[list[str], JSON] | None:
    match = _OPTIONS_LINE.fullmatch(text)
    if match is None:
        return None
    options = [token.strip() for token in match["options"].split(",")]
    example: JSON = None
    if match["example"] is not None:
        try:
            example = json.loads(match["example"])
        except json.JSONDecodeError:
            return None
    elif len(options) < 2:
        return None
    return options, example


def _canonical(value: JSON) -> str:
    return json.dumps(value, sort_keys=True)


def _attribute(page: Page, block: dict[str, JSON], values: list[tuple[str, JSON]]) -> None:
    """Name a condensed block only when its example is the value of exactly one key of the curl body."""
    line: int = block["line"]
    if "example" in block:
        matches = [name for name, value in values if _canonical(value) == _canonical(block["example"])]
        if len(matches) == 1:
            if "options" in block:
                page.fields.append(
                    PageField(
                        "request", matches[0], block["options_line"], "option list", options=tuple(block["options"])
                    )
                )
            return
    if "options" in block:
        options = tuple(block["options"])
        page.unattributed.append(Unattributed("page", "options", block["options_line"], ", ".join(options), options))
    elif "example" in block:
        page.unattributed.append(
            Unattributed("page", "example", block.get("example_line", line), short(block["example"]))
        )
    else:
        page.unattributed.append(Unattributed("page", "description", line, short(block["description"])))
