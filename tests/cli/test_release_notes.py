"""`anam-contract release-notes`: the next CHANGELOG.md entry, drafted from the spec diff since the last tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.cli import main
from tests.diff._git import git, repository, write_spec
from tests.diff._specs import Document, document, mutated, schema

SPEC_VERSION = document()["info"]["version"]


def _nullable_preset(doc: Document) -> None:
    schema(doc, "Persona")["properties"]["personaPreset"]["type"] = ["string", "null"]


def _new_avatar_model(doc: Document) -> None:
    schema(doc, "AvatarModel")["enum"].append("cara-5")


def _draft(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.chdir(repo)
    code = main(["release-notes", "--current", "0.2.0", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_breaking_change_since_the_last_tag_asks_for_a_major_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    released = document()
    repo = repository(tmp_path / "repo", released)
    git(repo, "tag", "v0.2.0")
    changed = mutated(_nullable_preset, _new_avatar_model)
    changed["info"]["version"] = "2026-05-06"
    write_spec(repo, changed)  # the working tree, not yet committed
    code, out, err = _draft(repo, monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert out.startswith(f"## [1.0.0] - Unreleased\n\nSpec version {SPEC_VERSION} -> 2026-05-06 (since v0.2.0).\n")
    added = out.split("### Added\n\n")[1].split("\n\n")[0].splitlines()
    assert added and all(line.startswith("- ") and "cara-5" in line for line in added)
    changed_lines = out.split("### Changed\n\n")[1].splitlines()
    assert any(
        line.startswith(
            "- **Breaking** (deployed clients, code on upgrade): GET /v1/personas/{id} response 200#/personaPreset"
        )
        for line in changed_lines
    ), out


def test_a_compatible_change_moves_the_minor_version_and_no_change_the_patch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = repository(tmp_path / "repo", document())
    git(repo, "tag", "v0.2.0")
    code, out, _ = _draft(repo, monkeypatch, capsys)
    assert code == 0 and out.startswith(
        f"## [0.2.1] - Unreleased\n\nSpec version {SPEC_VERSION} (unchanged since v0.2.0)."
    )
    assert "- No change to the spec since v0.2.0: a client-only release." in out
    write_spec(repo, mutated(_new_avatar_model))
    code, out, _ = _draft(repo, monkeypatch, capsys)
    assert code == 0 and out.startswith("## [0.3.0] - Unreleased") and "**Breaking**" not in out


def test_without_a_tag_the_draft_compares_with_the_first_commit_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = repository(tmp_path / "repo", document(), mutated(_new_avatar_model))
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    code, out, err = _draft(repo, monkeypatch, capsys)
    assert code == 0
    note = f"no release tag yet, so the draft compares with the first commit {first[:12]}"
    assert err == f"anam-contract release-notes: {note}\n"
    assert out.startswith(
        f"## [0.3.0] - Unreleased\n\nSpec version {SPEC_VERSION}, as at {first}, though the spec changed"
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "not a git repository with commits"),
        (["--base", "v9"], "v9 is not a file"),
        (["--current", "two"], "--current 'two': not a version"),
    ],
)
def test_outside_a_repository_or_with_a_bad_argument_it_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["release-notes", *(["--current", "0.2.0"] if "--current" not in args else []), *args])
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith("anam-contract release-notes: error: ")
    assert says in err, err
