"""`anam-contract diff` as a user runs it: snapshots of text and JSON, exit codes, git revision mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from anam_contract.cli import main
from tests.cli._support import run_cli, snapshot
from tests.diff._git import repository, write_spec
from tests.diff._specs import Document, document, mutated, operation, parameter, schema


def _breaking(doc: Document) -> None:
    schema(doc, "PageMeta")["required"].remove("total")
    parameter(doc, "perPage")["schema"]["maximum"] = 50
    schema(doc, "VoiceProvider")["enum"].append("AZURE")
    operation(doc, "/v1/personas", "get")["parameters"].append(
        {"name": "sort", "in": "query", "schema": {"type": "string"}}
    )


def _harmless(doc: Document) -> None:
    schema(doc, "AvatarModel")["enum"].append("cara-5")


def _write(folder: Path, name: str, doc: Document) -> None:
    (folder / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder (the working directory) with old.yaml, breaking.yaml and harmless.yaml."""
    _write(tmp_path, "old.yaml", document())
    _write(tmp_path, "breaking.yaml", mutated(_breaking))
    _write(tmp_path, "harmless.yaml", mutated(_harmless))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        main(["diff", "--help"])
    assert exited.value.code == 0
    snapshot("diff_help.txt", capsys.readouterr().out)


def test_breaking_changes_as_text_exit_1(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "diff", "old.yaml", "breaking.yaml", "--no-client")
    assert (code, err) == (1, "")
    snapshot("diff_breaking.txt", out)


def test_breaking_changes_as_json_exit_1(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "diff", "old.yaml", "breaking.yaml", "--no-client", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["breaking"] is True
    assert report["summary"] == {
        "breaking": 2,
        "not_breaking": 5,
        "breaks_deployed_clients": 2,
        "breaks_code_on_upgrade": 2,
    }
    snapshot("diff_breaking.json", out)


def test_harmless_changes_exit_0(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "diff", "old.yaml", "harmless.yaml", "--no-client")
    assert code == 0
    snapshot("diff_harmless.txt", out)


def test_the_full_report_includes_the_regenerated_client(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "diff", "old.yaml", "breaking.yaml")
    assert code == 1
    snapshot("diff_breaking_with_client.txt", out)


def test_git_revisions(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = repository(tmp_path / "repo", document(), mutated(_harmless), mutated(_harmless, _breaking))
    monkeypatch.chdir(repo)
    code, out, _ = run_cli(capsys, "diff", "HEAD~2", "HEAD~1", "--no-client")
    assert code == 0
    snapshot("diff_git_revisions.txt", out)
    code, out, _ = run_cli(capsys, "diff", "HEAD~1", "HEAD", "--no-client", "--format", "json")
    assert code == 1
    assert json.loads(out)["old"] == "HEAD~1:openapi/anam.yaml"


def test_base_compares_a_revision_with_the_working_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(tmp_path / "repo", document())
    monkeypatch.chdir(repo)
    assert run_cli(capsys, "diff", "--base", "HEAD", "--no-client")[0] == 0
    write_spec(repo, mutated(_breaking))
    code, out, _ = run_cli(capsys, "diff", "--base", "HEAD", "--no-client")
    assert code == 1
    snapshot("diff_base.txt", out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["old.yaml", "missing.yaml"], "missing.yaml is not a file, and {cwd} is not a git repository"),
        (["old.yaml"], "give two spec versions (OLD NEW), or --base REV to compare with the working tree"),
        (["old.yaml", "breaking.yaml", "--base", "HEAD"], "give either OLD NEW or --base REV, not both"),
        (["old.yaml", "notes.txt"], "spec notes.txt: not an OpenAPI document"),
        (
            ["old.yaml", "broken.yaml"],
            "spec broken.yaml: not valid YAML: expected the node content, but found '<stream end>' (line 3, column 1)",
        ),
        (["old.yaml", "no_paths.yaml"], "no_paths.yaml cannot be compared: /paths is null, not an object"),
        (["params.yaml", "old.yaml"], "params.yaml cannot be compared: /paths/~1v1~1personas/get/parameters is"),
        (["old.yaml", "required.yaml"], "required.yaml cannot be compared: /components/schemas/Persona/required is"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    specs: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (specs / "notes.txt").write_text("just: notes\n", encoding="utf-8")
    (specs / "broken.yaml").write_text("openapi: 3.1.0\npaths: [\n", encoding="utf-8")
    _write(specs, "no_paths.yaml", {**document(), "paths": None})
    _write(
        specs, "params.yaml", mutated(lambda doc: operation(doc, "/v1/personas", "get").__setitem__("parameters", 3))
    )
    _write(specs, "required.yaml", mutated(lambda doc: schema(doc, "Persona").__setitem__("required", "id")))
    code, out, err = run_cli(capsys, "diff", *args, "--no-client")
    assert (code, out) == (2, "")
    assert err.startswith("anam-contract diff: error: ")
    assert message.format(cwd=specs).split(" to look")[0] in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_an_unknown_revision_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository(tmp_path / "repo", document()))
    code, out, err = run_cli(capsys, "diff", "v9.9", "HEAD", "--no-client")
    assert (code, out) == (2, "")
    assert err == "anam-contract diff: error: v9.9 is neither a file nor a known git revision\n"


def test_rule_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "diff", "--list-rules")
    assert code == 0
    snapshot("diff_rules.txt", out)


def test_an_external_reference_is_exit_2(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(specs, "external.yaml", mutated(lambda doc: schema(doc, "PageMeta").__setitem__("$ref", "other.yaml#/Meta")))
    code, out, err = run_cli(capsys, "diff", "old.yaml", "external.yaml", "--no-client")
    assert (code, out) == (2, "")
    # Which file holds the reference, and where in it.
    assert err == (
        "anam-contract diff: error: spec external.yaml: $ref other.yaml#/Meta at /components/schemas/PageMeta"
        " is not a local reference (#/...)\n"
    )


def test_a_change_that_breaks_only_deployed_clients_exits_1_and_says_so(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # perPage -> per_page: the regenerated client keeps `per_page`, deployed ones send `perPage`.
    _write(specs, "renamed.yaml", mutated(lambda doc: parameter(doc, "perPage").__setitem__("name", "per_page")))
    code, out, _ = run_cli(capsys, "diff", "old.yaml", "renamed.yaml", "--no-client")
    assert code == 1
    assert "[breaks deployed clients]" in out
    assert out.rstrip().splitlines()[-1] == "result: BREAKING: 1 change breaks deployed clients"
