"""Reading rendered and condensed page text; a page that cannot be read names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.drift import PageError, read_page
from tests.drift._support import DATA, page


def test_rendered_page_fields() -> None:
    read = read_page(DATA / "rendered_create.txt")
    assert (read.shape, str(read.operation), read.title, str(read.modified)) == (
        "rendered",
        "POST /v1/personas",
        "make a persona",
        "2026-03-03",
    )
    listed = {(f.location, f.name): f for f in read.fields if f.source == "field list"}
    assert sorted(listed) == sorted(
        [("request", n) for n in ("name", "model", "voiceId", "speed", "tags", "listening")]
        + [("response", n) for n in ("id", "name", "note", "model", "owner", "tags", "createdAt")]
    )
    model = listed[("request", "model")]
    assert (model.options, model.required) == (("m-1", "m-2"), False)
    assert listed[("request", "name")].required is True
    assert listed[("response", "note")].type is not None and listed[("response", "note")].type.nullable
    labels = sorted(e.label for e in read.examples)
    assert labels == [
        "example of model",
        "example of name",
        "example of speed",
        "example of tags",
        "example response",
        "request body (curl --data)",
    ]
    keys_from_examples = {f.name for f in read.fields if f.source == "request example"}
    assert keys_from_examples == {"name", "model", "listening", "listening.sensitivity", "listening.patienceSeconds"}


def test_condensed_page_ties_an_option_list_to_the_only_key_with_its_example() -> None:
    read = read_page(DATA / "condensed_create.txt")
    assert (read.shape, str(read.operation), read.title, read.modified) == (
        "condensed",
        "POST /v1/personas",
        "Make a persona",
        None,
    )
    (options,) = [f for f in read.fields if f.source == "option list"]
    assert (options.name, options.options) == ("model", ("m-1", "m-2"))
    assert [(u.kind, u.line) for u in read.unattributed] == [
        ("description", 17),
        ("description", 26),
        ("description", 28),
    ]


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (('"model": "m-2",\n  "listening"', '"model": "m-2"\n  "listening"'), 16, "the curl --data body is not JSON"),
        (("Example:\n\n1\n", "Example:\n\nquick\n"), 84, "'Example:' is not followed by a JSON value"),
        (("--request POST", "--request PUT"), 8, "the page is about POST /v1/personas but its curl example calls PUT"),
        (("}\n'\n{\n", "}\n{\n"), 21, "does not end with a closing quote"),
        (('"note": null,', '"note": null,,'), 25, "a JSON example that is not valid JSON"),
        (('"tags": [],', '"tags": [1 2],'), 31, "a JSON example that is not valid JSON"),
    ],
)
def test_unreadable_rendered_page(tmp_path: Path, edit: tuple[str, str], line: int, message: str) -> None:
    broken = page(tmp_path, "rendered_create.txt", edit)
    with pytest.raises(PageError) as raised:
        read_page(broken)
    assert raised.value.file == broken
    assert raised.value.line == line
    assert message in raised.value.message
    assert str(raised.value).startswith(f"{broken}:{line}: ")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", 1, "the page is empty"),
        (b"just a note\nwith two lines\n", 1, "not a docs page"),
        (b"# Notes\n\nSome words.\n", 1, "a markdown page without an OpenAPI ```yaml block"),
        (b"fine\n\xff\xfe broken\n", 2, "not UTF-8"),
    ],
)
def test_unreadable_file(tmp_path: Path, content: bytes, line: int, message: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(PageError) as raised:
        read_page(path)
    assert (raised.value.line, message in raised.value.message) == (line, True)


def test_no_break_spaces_and_crlf_line_ends(tmp_path: Path) -> None:
    text = (DATA / "rendered_create.txt").read_text(encoding="utf-8")
    text = text.replace("string | null", "string\u00a0|\u00a0null").replace("\n", "\r\n")
    path = tmp_path / "page.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    read = read_page(path)
    note = next(f for f in read.fields if f.name == "note" and f.source == "field list")
    assert note.type is not None and note.type.nullable
    assert read.fields == read_page(DATA / "rendered_create.txt").fields


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PageError, match=r"absent\.txt:1: no such file"):
        read_page(tmp_path / "absent.txt")
