"""Copy decoded JSON without recursion.

A server can nest arrays nearly as deep as Python's JSON decoder allows; copying or redacting
such a body with recursive code would then fail with RecursionError one level further down.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _same(text: str) -> str:
    return text


def copy_json(value: Any, text: Callable[[str], str] = _same) -> Any:
    """A deep copy of `value` (dicts, lists and scalars), with `text` applied to every string, keys included."""
    if not isinstance(value, dict | list):
        return text(value) if isinstance(value, str) else value
    root: list[Any] = [None]
    # Each entry: a source container and the slot (container, index) its copy goes into.
    pending: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while pending:
        source, target, slot = pending.pop()
        if isinstance(source, dict):
            made: Any = {}
            for key, item in source.items():
                made[text(key)] = None
                pending.append((item, made, text(key)))
        elif isinstance(source, list):
            made = [None] * len(source)
            pending.extend((item, made, index) for index, item in enumerate(source))
        else:
            made = text(source) if isinstance(source, str) else source
        target[slot] = made
    return root[0]
