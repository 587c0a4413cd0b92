"""Field blocks of a rendered page section: name, type line, modifiers, description, example, options."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from anam_contract.drift._constraints import read_modifier
from anam_contract.drift._model import (
    JSON,
    Page,
    PageError,
    PageExample,
    PageField,
    TypeInfo,
    Unattributed,
    flatten_keys,
)
from anam_contract.drift._tokens import Item
from anam_contract.drift._typeline import parse_type_line

_FIELD_NAME = re.compile(r"[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*|\[\])*")
_MODIFIER = re.compile(
    r"(?:required|optional|deprecated|nullable|read-only|write-only|header|query|path|cookie|body)"
    r"|(?:default|required range|required string length|required array length|minimum length|maximum length"
    r"|minimum|maximum"
    r"|pattern|allowed values?|format|array length)\s*:.*",
    re.IGNORECASE,
)
_STATUS = re.compile(r"(?P<status>[1-5]\d\d)(?:\s*-\s*\S+)?")
_OPTION_TOKEN = re.compile(r"[^\s,]+")


@dataclass
class _Block:
    name: str
    line: int
    type: TypeInfo
    is_enum: bool
    required: bool = False
    described: bool = False
    examples: list[Item] = field(default_factory=list)
    options: list[str] | None = None
    constraints: dict[str, JSON] | None = field(default_factory=dict)  # None once a line cannot be read
    default: tuple[JSON, ...] = ()

    def modify(self, text: str) -> None:
        """Apply a modifier line: `required`, `default:1`, `Required range: 1 <= x <= 100`..."""
        if text.lower() == "required":
            self.required = True
            return
        read = read_modifier(text)
        if read is None:
            if ":" in text:
                self.constraints = None  # a bound written in a way this reader does not know: compare none
            return
        bounds, default, has_default = read
        if self.constraints is not None:
            self.constraints.update(bounds)
        if has_default:
            self.default = (default,)


def short(value: JSON, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_field_header(items: list[Item], index: int) -> bool:
    item = items[index]
    if item.kind != "text" or not _FIELD_NAME.fullmatch(item.text) or index + 1 >= len(items):
        return False
    following = items[index + 1]
    return following.kind == "text" and parse_type_line(following.text) is not None


def _join_child_names(items: list[Item]) -> list[Item]:
    """An expanded child may show its parent on a line of its own (`voiceDetectionOptions.` then `speed`).

    Only the name of a field listed in the same section counts as a parent: `Labels.` is a description.
    """
    names = {item.text for index, item in enumerate(items) if is_field_header(items, index)}
    joined: list[Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        if (
            item.kind == "text"
            and item.text.endswith(".")
            and item.text[:-1] in names
            and index + 1 < len(items)
            and is_field_header(items, index + 1)
        ):
            joined.append(Item(item.line, "text", text=item.text + items[index + 1].text))
            index += 2
            continue
        joined.append(item)
        index += 1
    return joined


_INLINE_EXAMPLE = re.compile(r"(?P<label>Examples?:)\s+(?P<value>\S.*)")


def _split_inline_examples(items: list[Item]) -> list[Item]:
    """`Example: "cara-3"` on one line reads as `Example:` followed by its value, as on two lines."""
    split: list[Item] = []
    for item in items:
        match = _INLINE_EXAMPLE.fullmatch(item.text) if item.kind == "text" else None
        if match is not None:
            try:
                value = json.loads(match["value"])
            except json.JSONDecodeError:
                match = None
        if match is None:
            split.append(item)
            continue
        split.append(Item(item.line, "text", text=match["label"]))
        split.append(Item(item.line, "json", value=value))
    return split


def read_section(file: Path, page: Page, location: str, items: list[Item]) -> None:
    """Add the fields, examples and unattributed entries of one section (`location`) to `page`."""
    reader = _SectionReader(file, page, location, _join_child_names(_split_inline_examples(items)))
    reader.read()
    for block in reader.blocks:
        _add_block(page, location, block)


@dataclass
class _SectionReader:
    file: Path
    page: Page
    location: str
    items: list[Item]
    blocks: list[_Block] = field(default_factory=list)
    current: _Block | None = None
    preface: bool = True  # before the first field: the content type, a description, a status

    def read(self) -> None:
        index = 0
        while index < len(self.items):
            item = self.items[index]
            if is_field_header(self.items, index):
                index = self._field(index)
            elif item.kind == "text" and item.text in ("Example:", "Examples:"):
                index = self._example(index)
            elif item.kind == "text" and item.text.startswith("Available options:"):
                index = self._options(index)
            else:
                self._other(item)
                index += 1

    def _field(self, index: int) -> int:
        item = self.items[index]
        parsed = parse_type_line(self.items[index + 1].text)
        assert parsed is not None
        self.current = _Block(item.text, item.line, parsed[0], parsed[1])
        self.blocks.append(self.current)
        self.preface = False
        index += 2
        while index < len(self.items) and self.items[index].kind == "text":
            if not _MODIFIER.fullmatch(self.items[index].text):
                break
            self.current.modify(self.items[index].text)
            index += 1
        return index

    def _example(self, index: int) -> int:
        item = self.items[index]
        if index + 1 >= len(self.items) or self.items[index + 1].kind != "json":
            raise PageError(self.file, item.line, "'Example:' is not followed by a JSON value")
        # `Examples:` shows several values in a row; `Example:` one.
        end = index + 2
        if item.text == "Examples:":
            while end < len(self.items) and self.items[end].kind == "json":
                end += 1
        values = self.items[index + 1 : end]
        if self.current is not None and not self.current.examples:
            self.current.examples = values
        else:
            for value in values:
                self._unattributed("example", value.line, short(value.value))
        return end

    def _options(self, index: int) -> int:
        item = self.items[index]
        inline = item.text[len("Available options:") :].strip()
        options, index = _options(self.items, index + 1) if not inline else (_tokens(inline), index + 1)
        if self.current is not None and self.current.options is None:
            self.current.options = options
        else:
            self._unattributed("options", item.line, ", ".join(options), tuple(options))
        return index

    def _other(self, item: Item) -> None:
        current = self.current
        if item.kind == "text" and current is not None and _MODIFIER.fullmatch(item.text):
            current.modify(item.text)  # bounds may follow the description
        elif self.preface:
            _preface(self.page, self.location, item)
        elif item.kind == "text" and current is not None and not current.described and not current.examples:
            current.described = True
        else:
            # A second paragraph, or a block that lost its name and type line: nothing ties it to a field.
            kind = "description" if item.kind == "text" else "example"
            self._unattributed(kind, item.line, short(item.text if item.kind == "text" else item.value))
            self.current = None

    def _unattributed(self, kind: str, line: int, text: str, options: tuple[str, ...] | None = None) -> None:
        self.page.unattributed.append(Unattributed(self.location, kind, line, text, options))


def _add_block(page: Page, location: str, block: _Block) -> None:
    page.fields.append(
        PageField(
            location,
            block.name,
            block.line,
            "field list",
            block.type,
            block.required,
            _enum(block),
            block.constraints,
            block.default,
        )
    )
    for example in block.examples:
        label = f"example of {block.name}"
        page.examples.append(PageExample(location, block.name, example.value, example.line, label))
        # An object example names the field's children: a key the spec lacks is news.
        for name in flatten_keys(example.value, block.name):
            page.fields.append(PageField(location, name, example.line, "field example"))


def _preface(page: Page, location: str, item: Item) -> None:
    """Lines before a section's first field: the content type, the body or response description, a status."""
    if location.startswith("response"):
        status = None
        if item.kind == "json" and isinstance(item.value, int) and 100 <= item.value <= 599:
            status = str(item.value)
        elif item.kind == "text" and (match := _STATUS.fullmatch(item.text)):
            status = match["status"]
        if status is not None:
            page.statuses.append(status)
            return
    if item.kind == "text":
        page.signatures.append(item.text)


def _options(items: list[Item], index: int) -> tuple[list[str], int]:
    """Options after `Available options:`: one per line with or without a trailing comma, or all on one line."""
    options: list[str] = []
    while index < len(items):
        text = _option_text(items, index)
        if text is None:
            break
        tokens = _tokens(text)
        options.extend(tokens)
        index += 1
        if text.endswith(","):
            continue
        # One option per line with no commas: go on while the next line is one option as well.
        # A modifier line (`required`, `default:1`) after the list belongs to the field, not to the options.
        following = _option_text(items, index)
        if len(tokens) != 1 or following is None or len(_tokens(following)) != 1 or _MODIFIER.fullmatch(following):
            break
    return options, index


def _option_text(items: list[Item], index: int) -> str | None:
    """The line at `index` as option text; None when it is no option line (an `Example:`, a field, prose)."""
    if index >= len(items):
        return None
    item = items[index]
    text = item.text if item.kind == "text" else json.dumps(item.value)
    if text in ("Example:", "Examples:") or is_field_header(items, index):
        return None
    tokens = _tokens(text)
    if not tokens or not all(_OPTION_TOKEN.fullmatch(token) for token in tokens):
        return None
    return text


def _tokens(text: str) -> list[str]:
    """`a, b,` or `` `a`, `b` `` -> ["a", "b"]."""
    return [token.strip().strip("`") for token in text.rstrip(",").split(",") if token.strip()]


def _enum(block: _Block) -> tuple[JSON, ...] | None:
    if block.options is not None:
        return tuple(block.options)
    # An enum without its list says nothing about the values; any other type line says "not an enum".
    return None if block.is_enum else ()
