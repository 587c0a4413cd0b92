"""Reading the markdown export: prose, front matter, the OpenAPI block and its line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from anam_contract.drift import PageError, read_page
from tests.drift._support import DATA, page


def test_markdown_page() -> None:
    read = read_page(DATA / "create.md")
    assert (read.shape, str(read.operation), read.title, str(read.modified)) == (
        "markdown",
        "POST /v1/personas",
        "Make a persona",
        "2026-03-03",
    )
    names = {(f.location, f.name) for f in read.fields}
    assert ("request", "listening.patienceSeconds") in names
    assert ("response 201", "owner.label") in names
    assert ("request", "listening") in read.documented and ("response 201", "owner") in read.documented
    assert read.statuses == ["201"]
    assert sorted(e.label for e in read.examples) == ["example of name", "request body example"]


def test_openapi_block_in_json(tmp_path: Path) -> None:
    text = (DATA / "create.md").read_text(encoding="utf-8")
    start = text.index("````yaml") + len("````yaml openapi.json post /v1/personas\n")
    end = text.index("````\n", start)
    block = json.dumps(yaml.safe_load(text[start:end]), indent=2)
    path = tmp_path / "create.md"
    path.write_text(text[: text.index("````yaml")] + "```json\n" + block + "\n```\n", encoding="utf-8")
    read = read_page(path)
    assert str(read.operation) == "POST /v1/personas"
    assert {(f.location, f.name) for f in read.fields} == {
        (f.location, f.name) for f in read_page(DATA / "create.md").fields
    }


def test_server_path_prefixes_the_operation(tmp_path: Path) -> None:
    """`servers: [{url: https://host/v1}]` with `/personas` is the operation POST /v1/personas."""
    moved = page(
        tmp_path,
        "create.md",
        ("  - url: https://api.example.test\n", "  - url: https://api.example.test/v1/\n"),
        ("  /v1/personas:\n", "  /personas:\n"),
        ("post /v1/personas", "post /personas"),
    )
    assert str(read_page(moved).operation) == "POST /v1/personas"


def test_front_matter_date(tmp_path: Path) -> None:
    dated = page(
        tmp_path,
        "create.md",
        ("title: Make a persona\n", "title: Make a persona\nlast_modified: 2026-05-01\n"),
        ("Last modified on March 3, 2026\n", ""),
    )
    assert str(read_page(dated).modified) == "2026-05-01"
    stamped = page(
        tmp_path,
        "create.md",
        ("title: Make a persona\n", "title: Make a persona\nlastModified: '2026-05-01T08:15:00.000Z'\n"),
        ("Last modified on March 3, 2026\n", ""),
        target="stamped.md",
    )
    assert str(read_page(stamped).modified) == "2026-05-01"


def test_several_operations_need_the_fence_to_name_one(tmp_path: Path) -> None:
    extra = "  /v1/other:\n    get:\n      responses: {}\n"
    named = page(tmp_path, "create.md", ("components:\n", extra + "components:\n"))
    assert str(read_page(named).operation) == "POST /v1/personas"
    unnamed = page(
        tmp_path,
        "create.md",
        ("````yaml openapi.json post /v1/personas", "````yaml"),
        ("components:\n", extra + "components:\n"),
        target="unnamed.md",
    )
    with pytest.raises(PageError, match=r"several operations \(POST /v1/personas, GET /v1/other\)"):
        read_page(unnamed)


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("  title: Mini personas\n", "  title: [Mini\n"), 17, "not valid YAML"),
        (("\nLast modified on March 3, 2026\n", ""), 13, "never closed"),
        (("paths:\n", "routes:\n"), 13, "has no OpenAPI `paths`"),
        (("## OpenAPI\n", '## Response\n\n```json\n{"id": 1,,}\n```\n\n## OpenAPI\n'), 14, "not valid JSON"),
    ],
)
def test_unreadable_markdown(tmp_path: Path, edit: tuple[str, str], line: int, message: str) -> None:
    broken = page(tmp_path, "create.md", edit)
    if message == "never closed":
        broken.write_text(broken.read_text(encoding="utf-8").replace("````\n", ""), encoding="utf-8")
    with pytest.raises(PageError) as raised:
        read_page(broken)
    assert (raised.value.line, message in raised.value.message) == (line, True), raised.value
