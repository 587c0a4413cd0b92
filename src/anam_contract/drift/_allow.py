"""The allow file: differences the maintainers accept, each with its reason (see openapi/NOTES.md).

accepted:
  - rule: format_mismatch          # a rule id (required)
    operation: "* /v1/personas/{id}"  # "METHOD /path"; `*` matches anything (optional)
    location: path                 # path, query, request, response... (optional)
    field: id                      # field name, `*` allowed, or a list of them (any matches)
    page: "003_*.txt"              # page file name, `*` allowed (optional)
    value: cara-4-latest           # enum value or example JSON pointer (optional)
    page_says: optional            # what the page says, for a *_mismatch rule (optional)
    spec_says: required            # what the spec says, for a *_mismatch rule (optional)
    reason: why the spec differs   # required, non-empty
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from anam_contract.drift._registry import RULES, Finding
from anam_contract.drift._rules import canonical
from anam_contract.drift._yamllines import load_with_lines
from anam_contract.inputs import InputError, read_text

_MATCHED = ("operation", "location", "field", "page", "value", "page_says", "spec_says")
_KEYS = {"rule", "reason", *_MATCHED}


class AllowError(Exception):
    """The allow file cannot be read; the message starts with file:line."""


@dataclass(frozen=True)
class AllowEntry:
    rule: str
    reason: str
    line: int
    # Each matched key holds the patterns it accepts (any one matching is enough); None accepts anything.
    operation: tuple[str, ...] | None = None
    location: tuple[str, ...] | None = None
    field: tuple[str, ...] | None = None
    page: tuple[str, ...] | None = None
    value: tuple[str, ...] | None = None
    page_says: tuple[str, ...] | None = None
    spec_says: tuple[str, ...] | None = None

    def matches(self, finding: Finding) -> bool:
        operation = str(finding.operation) if finding.operation else None
        value = canonical(finding.value) if finding.value is not None else None
        return (
            self.rule == finding.rule
            and _glob(self.operation, operation)
            and _glob(self.location, finding.location)
            and _glob(self.field, finding.field)
            and _glob(self.page, finding.page.name)
            and _glob(self.value, value)
            and _glob(self.page_says, finding.page_says)
            and _glob(self.spec_says, finding.spec_says)
        )

    def describe(self) -> str:
        parts = [self.rule]
        parts += [f"{key}={','.join(value)}" for key in _MATCHED if (value := getattr(self, key)) is not None]
        return " ".join(parts)


def _glob(patterns: tuple[str, ...] | None, text: str | None) -> bool:
    if patterns is None:
        return True
    for pattern in patterns:
        if text is None:
            if pattern == "*":
                return True
            continue
        regex = "".join(".*" if char == "*" else re.escape(char) for char in pattern)
        if re.fullmatch(regex, text) is not None:
            return True
    return False


def load_allow(path: Path) -> list[AllowEntry]:
    try:
        text = read_text(path, "allow file")
    except InputError as error:
        raise AllowError(f"{path}:{error.line}: {error.problem}") from None
    try:
        document, lines = load_with_lines(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise AllowError(f"{path}:{line}: not valid YAML: {getattr(error, 'problem', None) or error}") from None
    except RecursionError:
        raise AllowError(f"{path}:1: nested too deeply to read") from None
    # An empty file or a mapping without `accepted:` is more likely a wrong file than an empty
    # list: saying "no entries" would hide that every accepted difference is now reported as drift.
    if not isinstance(document, dict) or not isinstance(document.get("accepted"), list):
        raise AllowError(f"{path}:1: expected a mapping with an `accepted:` list (write `accepted: []` for none)")
    entries = []
    for raw in document["accepted"]:
        line = lines.get(id(raw), 1) if isinstance(raw, dict) else 1
        entries.append(_entry(path, line, raw))
    return entries


def _entry(path: Path, line: int, raw: object) -> AllowEntry:
    where = f"{path}:{line}"
    if not isinstance(raw, dict):
        raise AllowError(f"{where}: each accepted entry must be a mapping")
    unknown = sorted(set(map(str, raw)) - _KEYS)
    if unknown:
        raise AllowError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}")
    rule = raw.get("rule")
    if rule not in RULES:
        raise AllowError(f"{where}: unknown rule {rule!r}; see `anam-contract drift --help` for the rule ids")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise AllowError(f"{where}: every accepted entry needs a non-empty reason")
    patterns = {key: _patterns(where, key, raw.get(key)) for key in _MATCHED}
    return AllowEntry(str(rule), " ".join(reason.split()), line, **patterns)


def _patterns(where: str, key: str, value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    if not values or any(isinstance(item, (dict, list)) for item in values):
        raise AllowError(f"{where}: {key} must be a text or a non-empty list of texts")
    return tuple(canonical(item) for item in values)
