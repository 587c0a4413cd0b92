"""What a docs page says about one operation, in a form the comparison rules can read.

Every attribute the page does not state is `None` ("the page does not say"), never a default:
the rules compare only what the page actually carries, so nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

# Any JSON value taken from a page.
JSON = Any

# Where a field lives: "path", "query", "header", "request", "response" or "response <status>".
Location = str


class PageError(Exception):
    """A page that cannot be read: the file and the line say where."""

    def __init__(self, file: Path, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(frozen=True, order=True)
class Operation:
    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def template(self) -> tuple[str, str]:
        """Method and path with parameter names blanked: `{id}` and `{personaId}` are one operation."""
        return self.method, re.sub(r"\{[^}]*\}", "{}", self.path.rstrip("/") or "/")


@dataclass(frozen=True)
class TypeInfo:
    """A value's type as a type line or a schema gives it."""

    kinds: tuple[str, ...]  # sorted JSON types other than null; () when any type goes
    format: str | None = None
    nullable: bool = False
    items: TypeInfo | None = None  # for arrays, when known

    def render(self) -> str:
        if not self.kinds:
            text = "any"
        else:
            parts = []
            for kind in self.kinds:
                if kind == "array" and self.items is not None:
                    parts.append(self.items.render_inner() + "[]")
                else:
                    parts.append(kind + (f"<{self.format}>" if self.format else ""))
            text = " | ".join(parts)
        return text + (" | null" if self.nullable else "")

    def render_inner(self) -> str:
        inner = self.render()
        return f"({inner})" if "|" in inner else inner


@dataclass
class PageField:
    """One mention of a field on a page: a field block, a key of an example, or a schema property."""

    location: Location
    name: str  # "avatarModel", "voiceDetectionOptions.endOfSpeechSensitivity", "tools[].id"
    line: int
    source: str  # "field list", "request example", "response example", "option list", "OpenAPI block"
    type: TypeInfo | None = None
    required: bool | None = None
    options: tuple[JSON, ...] | None = None  # enum values; () when the page says it is not an enum
    constraints: dict[str, JSON] | None = None  # bounds, lengths, pattern; {} when the page shows none
    default: tuple[JSON, ...] | None = None  # (value,), or () when the page shows no default


@dataclass(frozen=True)
class PageExample:
    location: Location
    field: str | None  # None: the example is the whole body or response
    value: JSON
    line: int
    label: str


@dataclass(frozen=True)
class Unattributed:
    """Something the page carries that no field name can be tied to without guessing."""

    section: str  # "request", "response" or "page" (a condensed page has no sections)
    kind: str  # "description", "options" or "example"
    line: int
    text: str
    options: tuple[str, ...] | None = None


@dataclass
class Page:
    file: Path
    shape: str  # "rendered", "condensed" or "markdown"
    operation: Operation | None
    title: str | None = None
    modified: date | None = None
    modified_text: str | None = None  # the date as written, when it could not be read
    fields: list[PageField] = field(default_factory=list)
    examples: list[PageExample] = field(default_factory=list)
    # (location, parent) levels whose fields the page lists in full, so a spec field absent there is news.
    documented: set[tuple[Location, str]] = field(default_factory=set)
    unattributed: list[Unattributed] = field(default_factory=list)
    # Operation-level sentences (title, section prefaces), used to place a page that lost its method and path.
    signatures: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # every prose line, for the same purpose
    statuses: list[str] = field(default_factory=list)  # response statuses the page documents
    placed_by: str | None = None  # set when the operation came from another page


# OpenAPI says header parameters with these names are ignored: content negotiation and the security
# scheme describe them. A page's Headers section may still show them; neither side compares them.
_IGNORED_HEADERS = frozenset({"accept", "authorization", "content-type"})


def ignored_parameter(location: Location, name: str) -> bool:
    return location == "header" and name.lower() in _IGNORED_HEADERS


def fills_template(template: str, path: str) -> bool:
    """Whether `path` is `template` with a value in each `{param}` segment (`/personas/3f1c...` or `:id`).

    A value is what an example URL puts there: an id with digits, `:id` or `{personaId}`. A plain word is
    no value: `/personas/presets` is another operation, not `/personas/{id}`.
    """
    wanted, given = template.strip("/").split("/"), path.strip("/").split("/")
    return len(wanted) == len(given) and all(
        want == got or (want.startswith("{") and want.endswith("}") and _is_value(got))
        for want, got in zip(wanted, given, strict=True)
    )


def _is_value(segment: str) -> bool:
    return segment.startswith((":", "{")) or any(char.isdigit() for char in segment)


_SEGMENT = re.compile(r"\[\]|[^.\[\]]+")


def split_name(name: str) -> list[str]:
    """`a.b[].c` -> ["a", "b", "[]", "c"]."""
    return _SEGMENT.findall(name)


def join_name(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if part == "[]":
            text += "[]"
        else:
            text += ("." if text else "") + part
    return text


def parent_of(name: str) -> str:
    parts = split_name(name)
    while parts and parts[-1] == "[]":
        parts.pop()
    return join_name(parts[:-1])


def leaf_of(name: str) -> str:
    parts = [part for part in split_name(name) if part != "[]"]
    return parts[-1] if parts else name


def flatten_keys(value: JSON, prefix: str = "") -> list[str]:
    """Every key path of a JSON value, parents before children: {"a": {"b": 1}} -> ["a", "a.b"]."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            found.append(name)
            found.extend(flatten_keys(child, name))
    elif isinstance(value, list):
        seen: set[str] = set()
        for child in value:
            for name in flatten_keys(child, prefix + "[]"):
                if name not in seen:
                    seen.add(name)
                    found.append(name)
    return found


def key_values(value: JSON, prefix: str = "") -> list[tuple[str, JSON]]:
    """(key path, value) for every key of an object, nested objects included (arrays are not entered)."""
    found: list[tuple[str, JSON]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            found.append((name, child))
            found.extend(key_values(child, name))
    return found
