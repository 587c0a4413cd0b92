"""Compare two JSON documents the way a round trip through typed models must preserve them.

A model turns `"2026-04-20T10:00:00.000Z"` into a datetime and writes it back as
`"2026-04-20T10:00:00+00:00"`, and a UUID comes back lower-case: same value, other spelling.
Everything else must come back exactly: the same keys (an explicit null is not an absent key),
the same types (`true` is not `1`), the same numbers (`1` and `1.0` are the same JSON number).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

__all__ = ["differences"]


def differences(expected: Any, actual: Any, pointer: str = "") -> list[str]:
    """Every place where `actual` differs from `expected`, as `<JSON pointer>: <what differs>`."""
    where = pointer or "/"
    if isinstance(expected, dict) and isinstance(actual, dict):
        found: list[str] = []
        for key in sorted(expected.keys() - actual.keys()):
            found.append(f"{_child(pointer, key)}: missing (expected {_short(expected[key])})")
        for key in sorted(actual.keys() - expected.keys()):
            found.append(f"{_child(pointer, key)}: unexpected (got {_short(actual[key])})")
        for key in sorted(expected.keys() & actual.keys()):
            found.extend(differences(expected[key], actual[key], _child(pointer, key)))
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(expected)} items expected, got {len(actual)}"]
        found = []
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            found.extend(differences(left, right, f"{pointer}/{index}"))
        return found
    if _same_scalar(expected, actual):
        return []
    return [f"{where}: expected {_short(expected)}, got {_short(actual)}"]


def _same_scalar(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, str) and isinstance(right, str):
        return left == right or _same_instant(left, right) or _same_uuid(left, right)
    return type(left) is type(right) and bool(left == right)


def _same_instant(left: str, right: str) -> bool:
    try:
        a, b = dt.datetime.fromisoformat(left), dt.datetime.fromisoformat(right)
    except ValueError:
        return False
    if (a.tzinfo is None) != (b.tzinfo is None):
        return False
    return a == b


def _same_uuid(left: str, right: str) -> bool:
    try:
        return uuid.UUID(left) == uuid.UUID(right)
    except ValueError:
        return False


def _child(pointer: str, key: str) -> str:
    return f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
