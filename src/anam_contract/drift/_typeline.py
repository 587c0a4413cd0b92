"""Read the type line of a rendered field block: `string<uuid> | null`, `enum<string>`, `object[]`...

A type line may carry a schema title before a middle dot (`ElevenLabs V1 · object`); the title names
a variant and says nothing about the type, so it is dropped.
"""

from __future__ import annotations

import re

from anam_contract.drift._model import TypeInfo

_KNOWN = {"string", "number", "integer", "boolean", "object", "array", "any", "file"}
_ALTERNATIVE = re.compile(
    r"(?:(?P<enum>enum)<(?P<enum_base>\w+)>|(?P<base>\w+)(?:<(?P<format>[\w.:-]+)>)?)(?P<arrays>(?:\[\])*)"
)


def parse_type_line(text: str) -> tuple[TypeInfo, bool] | None:
    """The type a line states and whether it is an enum; None when the line is not a type line."""
    alternatives = [part.strip() for part in text.split(" | ")]
    nullable = False
    enum = False
    types: list[TypeInfo] = []
    for written in alternatives:
        alternative = written.rsplit("·", 1)[1].strip() if "·" in written else written
        if alternative == "null":
            nullable = True
            continue
        match = _ALTERNATIVE.fullmatch(alternative)
        if match is None:
            return None
        base = match["enum_base"] or match["base"]
        if base not in _KNOWN:
            return None
        enum = enum or match["enum"] is not None
        depth = len(match["arrays"]) // 2
        current = TypeInfo(
            kinds=() if base == "any" else ("string" if base == "file" else base,), format=match["format"]
        )
        for _ in range(depth):
            current = TypeInfo(kinds=("array",), items=current)
        types.append(current)
    if not types:
        return None
    if len(types) == 1:
        only = types[0]
        return TypeInfo(only.kinds, only.format, nullable, only.items), enum
    kinds = tuple(sorted({kind for item in types for kind in item.kinds}))
    formats = {item.format for item in types if item.format}
    items = next((item.items for item in types if item.items is not None), None)
    return TypeInfo(kinds, formats.pop() if len(formats) == 1 else None, nullable, items), enum
