"""inputs.py: the one way input files are read (size, encoding, YAML aliases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.inputs import MAX_INPUT_BYTES, MAX_YAML_ALIASES, InputError, parse_yaml, read_text, read_yaml


def _aliases(count: int) -> str:
    return "base: &b {x: 1}\nitems:\n" + "".join("  - *b\n" for _ in range(count))


def test_aliases_up_to_the_limit_are_read() -> None:
    value = parse_yaml(_aliases(MAX_YAML_ALIASES), "spec", "s.yaml")
    assert len(value["items"]) == MAX_YAML_ALIASES


def test_one_alias_more_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as raised:
        parse_yaml(_aliases(MAX_YAML_ALIASES + 1), "spec", "s.yaml")
    assert raised.value.line == MAX_YAML_ALIASES + 3  # base, items:, then the aliases
    assert "aliases" in str(raised.value) and str(raised.value).startswith("spec s.yaml: not valid YAML: ")


def test_a_value_that_contains_itself_is_refused() -> None:
    with pytest.raises(InputError, match="contains itself"):
        parse_yaml("a: &a {b: *a}\n", "spec", "s.yaml")


def test_deep_nesting_is_one_error_not_a_recursion_crash() -> None:
    with pytest.raises(InputError, match=r"nested too deeply|not valid YAML"):
        parse_yaml("[" * 100_000, "spec", "s.yaml")


@pytest.mark.parametrize(
    ("content", "problem", "line"),
    [
        (b"a: 1\nb: caf\xe9\n", "not UTF-8 text (line 2)", 2),
        (b"a\x00b", "a binary file, not text", 1),
        (b"#" * (MAX_INPUT_BYTES + 1), "larger than 4 MiB, not read", 1),
    ],
    ids=["latin-1", "binary", "huge"],
)
def test_what_is_not_text_is_refused(tmp_path: Path, content: bytes, problem: str, line: int) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_text(path, "spec")
    assert (str(raised.value), raised.value.problem, raised.value.line) == (f"spec {path}: {problem}", problem, line)


def test_a_file_of_exactly_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"#" * MAX_INPUT_BYTES)
    assert len(read_text(path, "spec")) == MAX_INPUT_BYTES


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_yaml(tmp_path / "absent.yaml", "spec")
    with pytest.raises(InputError, match="a folder, not a file"):
        read_yaml(tmp_path, "spec")
