"""Type lines of rendered field blocks."""

from __future__ import annotations

import pytest

from anam_contract.drift._typeline import parse_type_line


@pytest.mark.parametrize(
    ("line", "rendered", "is_enum"),
    [
        ("string", "string", False),
        ("boolean", "boolean", False),
        ("string[]", "string[]", False),
        ("object", "object", False),
        ("object[]", "object[]", False),
        ("enum<string>", "string", True),
        ("enum<integer>[]", "integer[]", True),
        ("string<uuid>", "string<uuid>", False),
        ("string<date-time>", "string<date-time>", False),
        ("string | null", "string | null", False),
        ("number | null", "number | null", False),
        ("string<uuid> | null", "string<uuid> | null", False),
        ("ElevenLabs V1 · object", "object", False),
        ("string | number", "number | string", False),
        ("any", "any", False),
    ],
)
def test_type_lines(line: str, rendered: str, is_enum: bool) -> None:
    parsed = parse_type_line(line)
    assert parsed is not None
    assert (parsed[0].render(), parsed[1]) == (rendered, is_enum)


@pytest.mark.parametrize("line", ["Persona id", "required", "header", "Example:", "null", "cara-2,", "enum<widget>"])
def test_not_type_lines(line: str) -> None:
    assert parse_type_line(line) is None
