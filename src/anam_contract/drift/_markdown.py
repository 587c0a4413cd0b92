"""Read the docs site's markdown export of a page: prose plus the operation's OpenAPI in a ```yaml fence.

The fenced block holds `paths` with the operation and the `components` it uses. Its schemas are full,
so every level of every body is documented: a spec field missing there is reported too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from anam_contract.drift._constraints import schema_constraints, schema_default
from anam_contract.drift._dates import find_modified, parse_date
from anam_contract.drift._fences import read_example_fences
from anam_contract.drift._model import JSON, Operation, Page, PageError, PageExample, PageField, ignored_parameter
from anam_contract.drift._schema import Node, branches, items_of, options_of, properties, required, resolve, type_info
from anam_contract.drift._yamllines import load_with_lines
from anam_contract.spec import Spec, SpecError

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_FRONT_DATE = re.compile(r"^(?:last_?modified|lastModified|modified|updated)\s*:\s*['\"]?(?P<date>[^'\"]+)['\"]?\s*$")
# JSON is YAML too: an export may give the OpenAPI block either way.
_LANGUAGES = (["yaml"], ["yml"], ["json"])
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_MAX_DEPTH = 16


class PageDocument(Spec):
    """A page's OpenAPI block, with the line each of its mappings starts on in the page file."""

    def __init__(self, document: dict[str, Any], lines: dict[int, int]) -> None:
        # Not Spec.__init__: it deep-copies the document, and the line table is keyed by object identity.
        self.document = document
        self.path = None
        self.lines = lines


def has_openapi_block(text: str) -> bool:
    return any(_yaml_fence(line) for line in text.splitlines())


def _yaml_fence(line: str) -> bool:
    match = _FENCE.match(line)
    return bool(match and match["info"].split()[:1] in _LANGUAGES)


def read_markdown_page(file: Path, text: str) -> Page:
    lines = text.splitlines()
    block = _openapi_block(file, lines)
    try:
        return _read(file, lines, block)
    except SpecError as error:  # a $ref to nothing, or a circular one
        raise PageError(file, block.fence_line, f"the OpenAPI block cannot be read: {error}") from None


@dataclass(frozen=True)
class _Block:
    document: dict[str, Any]
    lines: dict[int, int]
    info: str  # the fence's info string, which may name the operation
    fence_line: int


def _read(file: Path, lines: list[str], block: _Block) -> Page:
    document, info, fence_line = block.document, block.info, block.fence_line
    page_doc = PageDocument(document, block.lines)
    operation, item, op = _choose_operation(file, document, info, fence_line)
    operation = Operation(operation.method, _server_path(document) + operation.path)
    page = Page(file, "markdown", operation)
    _prose(page, lines)
    for key in ("summary", "description"):
        if isinstance(op.get(key), str):
            page.signatures.append(op[key].strip())
    _parameters(page, page_doc, item, op, fence_line)
    body = resolve(page_doc, Node(op.get("requestBody", {})))
    _content(page, page_doc, "request", body.schema, fence_line)
    for status, response in (op.get("responses") or {}).items():
        page.statuses.append(str(status))
        resolved = resolve(page_doc, Node(response)).schema
        _content(page, page_doc, f"response {status}", resolved, fence_line)
    read_example_fences(file, page, lines, fence_line)
    return page


def _server_path(document: dict[str, Any]) -> str:
    """The path part of the first server URL (`https://host/v1` -> `/v1`): the operation's paths hang under it."""
    servers = document.get("servers")
    first = servers[0] if isinstance(servers, list) and servers else None
    url = first.get("url") if isinstance(first, dict) else None
    if not isinstance(url, str):
        return ""
    return urlsplit(url).path.rstrip("/")


def _openapi_block(file: Path, lines: list[str]) -> _Block:
    """The first ```yaml block holding `paths`, its line table, its fence info and its first line."""
    index = 0
    first_yaml = 0
    broken: PageError | None = None  # a block that is not YAML: the error, unless a later block is the one
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        fence, info, start = match["fence"], match["info"], index
        index += 1
        while index < len(lines) and not _closes(lines[index], fence):
            index += 1
        if index >= len(lines):
            raise PageError(file, start + 1, "this fenced block is never closed")
        if info.split()[:1] not in _LANGUAGES:
            index += 1
            continue
        first_yaml = first_yaml or start + 1
        try:
            document, line_table = load_with_lines("\n".join(lines[start + 1 : index]), start + 1)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = start + 2 + (mark.line if mark is not None else 0)
            problem = getattr(error, "problem", None) or str(error)
            broken = broken or PageError(file, line, f"the OpenAPI block is not valid YAML: {problem}")
            index += 1
            continue
        index += 1
        if isinstance(document, dict) and isinstance(document.get("paths"), dict):
            return _Block(document, line_table, info, start + 1)
    if broken is not None:
        raise broken
    if first_yaml:
        raise PageError(file, first_yaml, "the ```yaml block has no OpenAPI `paths`")
    raise PageError(file, 1, "a markdown page without an OpenAPI ```yaml block")


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _choose_operation(
    file: Path, document: dict[str, Any], info: str, fence_line: int
) -> tuple[Operation, dict[str, Any], dict[str, Any]]:
    found: list[tuple[Operation, dict[str, Any], dict[str, Any]]] = []
    for path, item in document["paths"].items():
        if not isinstance(item, dict):
            continue
        for method in _METHODS:
            if isinstance(item.get(method), dict):
                found.append((Operation(method.upper(), str(path)), item, item[method]))
    if not found:
        raise PageError(file, fence_line, "the OpenAPI block has no operation under `paths`")
    if len(found) == 1:
        return found[0]
    # The export names its operation in the fence info: ```yaml <source> post /v1/personas
    words = info.split()
    for operation, item, op in found:
        for index in range(len(words) - 1):
            if words[index].upper() == operation.method and words[index + 1] == operation.path:
                return operation, item, op
    names = ", ".join(str(operation) for operation, _, _ in found)
    raise PageError(file, fence_line, f"the OpenAPI block holds several operations ({names}) and names none")


def _prose(page: Page, lines: list[str]) -> None:
    """Title, summary and date from the prose and front matter around the block."""
    in_front = bool(lines) and lines[0].strip() == "---"
    in_fence = ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if in_front:
            if number > 1 and stripped == "---":
                in_front = False
            elif match := _FRONT_DATE.match(stripped):
                page.modified_text = match["date"].strip()
            elif stripped.startswith("title:") and page.title is None:
                page.title = stripped[len("title:") :].strip().strip("'\"")
                page.signatures.append(page.title)
            continue
        fence = _FENCE.match(stripped)
        if fence and (not in_fence or _closes(stripped, in_fence)):
            in_fence = "" if in_fence else fence["fence"]
            continue
        if in_fence or not stripped:
            continue
        if (found := find_modified(stripped)) is not None:
            page.modified_text = found
        elif stripped.startswith("# ") and page.title is None:
            page.title = stripped[2:].strip()
            page.signatures.append(page.title)
        elif stripped.startswith("> "):
            page.signatures.append(stripped[2:].strip())
        page.texts.append(stripped)
    page.modified = parse_date(page.modified_text) if page.modified_text else None


def _parameters(page: Page, doc: PageDocument, item: dict[str, Any], op: dict[str, Any], fence_line: int) -> None:
    page.documented |= {("path", ""), ("query", ""), ("header", "")}
    for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
        param = resolve(doc, Node(raw)).schema
        if not isinstance(param, dict) or "name" not in param:
            continue
        location, name = str(param.get("in", "query")), str(param["name"])
        if ignored_parameter(location, name):
            continue
        line = doc.lines.get(id(param), fence_line)
        node = Node(param.get("schema", {}), line)
        page.fields.append(
            PageField(
                location,
                name,
                line,
                "OpenAPI block",
                type_info(doc, node),
                bool(param.get("required")),
                options_of(doc, node),
                schema_constraints(doc, node),
                schema_default(doc, node),
            )
        )
        for value in _examples_of(doc, param):
            page.examples.append(PageExample(location, name, value, line, f"example of {name}"))


def _content(page: Page, doc: PageDocument, location: str, holder: JSON, fence_line: int) -> None:
    """Fields and examples of a request body or response: its JSON media type only."""
    content = holder.get("content") if isinstance(holder, dict) else None
    if not isinstance(content, dict):
        return
    media = next((value for key, value in content.items() if "json" in str(key)), None)
    if not isinstance(media, dict):
        return
    line = doc.lines.get(id(media), fence_line)
    label = "request body" if location == "request" else location
    for value in _examples_of(doc, media):
        page.examples.append(PageExample(location, None, value, line, f"{label} example"))
    if "schema" in media:
        _Walker(page, doc, location).walk(Node(media["schema"], doc.lines.get(id(media["schema"]), line)))


@dataclass(frozen=True)
class _Walker:
    """Adds every property of a body schema, at every depth, as a field of `location`."""

    page: Page
    doc: PageDocument
    location: str

    def walk(self, node: Node, prefix: str = "", depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            return
        page, doc, location = self.page, self.doc, self.location
        if not prefix:
            for branch in branches(doc, node):
                for value in _examples_of(doc, branch.schema):
                    page.examples.append(PageExample(location, None, value, branch.line, f"{location} schema example"))
        props = properties(doc, node)
        if props is not None:
            page.documented.add((location, prefix))
            needed = required(doc, node)
            for name, child in props.items():
                full = f"{prefix}.{name}" if prefix else name
                page.fields.append(
                    PageField(
                        location,
                        full,
                        child.line,
                        "OpenAPI block",
                        type_info(doc, child),
                        name in needed,
                        options_of(doc, child),
                        schema_constraints(doc, child),
                        schema_default(doc, child),
                    )
                )
                for branch in branches(doc, child):
                    for value in _examples_of(doc, branch.schema):
                        page.examples.append(PageExample(location, full, value, child.line, f"example of {full}"))
                self.walk(child, full, depth + 1)
        items = items_of(doc, node)
        if items is not None:
            self.walk(items, prefix + "[]", depth + 1)


def _examples_of(doc: PageDocument, holder: JSON) -> list[JSON]:
    if not isinstance(holder, dict):
        return []
    found: list[JSON] = []
    if "example" in holder:
        found.append(holder["example"])
    examples = holder.get("examples")
    if isinstance(examples, list):
        found.extend(examples)
    elif isinstance(examples, dict):
        for entry in examples.values():
            resolved = resolve(doc, Node(entry)).schema
            if isinstance(resolved, dict) and "value" in resolved:
                found.append(resolved["value"])
    return found
