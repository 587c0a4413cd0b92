"""Reading a spec version from a file, a git revision or the working tree, and the errors on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.diff import SourceError, load_source, read_spec_source, working_tree_source
from tests.diff._git import repository, write_spec
from tests.diff._specs import Document, document, mutated, schema


def _redescribe_persona_tool(doc: Document) -> None:
    schema(doc, "PersonaTool")["description"] = "changed"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repository(tmp_path / "repo", document(), mutated(_redescribe_persona_tool))


def test_a_file_is_read_as_is(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.1.0\n", encoding="utf-8")
    source = read_spec_source("spec.yaml", tmp_path)
    assert (source.label, source.text) == ("spec.yaml", "openapi: 3.1.0\n")


def test_a_revision_is_read_with_git_show(repo: Path) -> None:
    old, new = read_spec_source("HEAD~1", repo), read_spec_source("HEAD", repo)
    assert old.label == "HEAD~1:openapi/anam.yaml"
    assert "changed" not in old.text
    assert "description: changed" in new.text


def test_the_working_tree_is_read_from_the_repository_root(repo: Path) -> None:
    write_spec(repo, mutated(lambda doc: schema(doc, "PersonaTool").__setitem__("description", "edited")))
    (repo / "sub").mkdir()
    assert "description: edited" in working_tree_source(repo / "sub").text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nope", "nope is neither a file nor a known git revision"),
        ("HEAD~5", "HEAD~5 is neither a file nor a known git revision"),
        ("openapi", "spec openapi: a folder, not a file"),
    ],
)
def test_bad_names_give_one_clear_error(repo: Path, name: str, message: str) -> None:
    with pytest.raises(SourceError) as raised:
        read_spec_source(name, repo)
    assert str(raised.value) == message


def test_a_revision_without_the_spec_is_reported(repo: Path) -> None:
    with pytest.raises(SourceError, match=r"^revision HEAD has no openapi/other\.yaml$"):
        read_spec_source("HEAD", repo, "openapi/other.yaml")


def test_outside_a_repository_only_files_work(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is not a git repository to look it up as a revision"):
        read_spec_source("HEAD", tmp_path)


def test_a_source_that_is_not_openapi_names_itself_not_the_temporary_file(tmp_path: Path, repo: Path) -> None:
    source = read_spec_source("HEAD", repo)
    broken = type(source)(source.label, "just: text\n")
    with pytest.raises(SourceError) as raised:
        load_source(broken, tmp_path / "copy.yaml")
    assert (
        str(raised.value) == "spec HEAD:openapi/anam.yaml: not an OpenAPI document (no `openapi:` version at the top)"
    )
