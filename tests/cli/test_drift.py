"""`anam-contract drift` as a user runs it: snapshots of the text and JSON reports, exit codes 0, 1 and 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from anam_contract.cli import main
from tests.cli._support import run_cli, snapshot
from tests.drift._support import DATA, page

ALLOW = """\
accepted:
  - rule: enum_value_added
    field: model
    value: m-3
    reason: m-3 is in preview; the spec adds it when it ships.
  - rule: format_mismatch
    location: path
    reason: never used by these pages.
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory: the mini spec, an allow file, a clean page and a drifted one."""
    shutil.copy(DATA / "mini.yaml", tmp_path / "mini.yaml")
    (tmp_path / "allow.yaml").write_text(ALLOW, encoding="utf-8")
    page(tmp_path, "rendered_get.txt", target="get.txt")
    page(
        tmp_path,
        "rendered_create.txt",
        ("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3\nExample:"),
        ("speed\nnumber\n", "speed\ninteger\n"),
        ('"sensitivity": 0.4', '"sensitivity": 1.4'),
        target="create.txt",
    )
    page(tmp_path, "condensed_create.txt", target="create-condensed.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        main(["drift", "--help"])
    assert exited.value.code == 0
    snapshot("drift_help.txt", capsys.readouterr().out)


def test_no_drift(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "drift", "get.txt", "--spec", "mini.yaml", "--allow", "allow.yaml")
    assert (code, err) == (0, "")
    snapshot("drift_none.txt", out)


def test_drift_text(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys, "drift", "create.txt", "create-condensed.txt", "--spec", "mini.yaml", "--allow", "allow.yaml"
    )
    assert (code, err) == (1, "")
    snapshot("drift_found.txt", out)


def test_drift_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys,
        "drift",
        "create.txt",
        "create-condensed.txt",
        "--spec",
        "mini.yaml",
        "--allow",
        "allow.yaml",
        "--format",
        "json",
    )
    assert (code, err) == (1, "")
    assert json.loads(out)["exit_code"] == 1
    snapshot("drift_found.json", out)


def test_only_accepted_differences_exit_0(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page(folder, "rendered_create.txt", ("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3\nExample:"), target="accepted.txt")
    code, out, _ = run_cli(
        capsys, "drift", "accepted.txt", "--spec", "mini.yaml", "--allow", "allow.yaml", "--format", "json"
    )
    report = json.loads(out)
    assert code == 0
    assert [(f["rule"], f["status"], f["allow_line"]) for f in report["findings"]] == [
        ("enum_value_added", "accepted", 2)
    ]


def test_folder_argument_reads_its_pages_but_not_the_readme(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = folder / "docs"
    docs.mkdir()
    shutil.copy(folder / "get.txt", docs / "get.txt")
    (docs / "README.md").write_text("# About these pages\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "drift", "docs", "--spec", "mini.yaml", "--format", "json")
    assert code == 0
    assert [p["file"] for p in json.loads(out)["pages"]] == ["docs/get.txt"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["broken.txt"], "broken.txt:16: the curl --data body is not JSON: Expecting ',' delimiter"),
        (["absent.txt"], "absent.txt: no such file or folder"),
        (["get.txt", "--allow", "bad-allow.yaml"], "bad-allow.yaml:2: unknown rule 'typo_mismatch'"),
        (["get.txt", "--spec", "nothing.yaml"], "spec nothing.yaml: no such file"),
        (
            ["get.txt", "--spec", "bad-spec.yaml"],
            "spec bad-spec.yaml: not valid YAML: mapping values are not allowed here (line 2, column 9)",
        ),
    ],
)
def test_unreadable_input_exits_2_with_file_and_line(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], error: str
) -> None:
    page(
        folder,
        "rendered_create.txt",
        ('"model": "m-2",\n  "listening"', '"model": "m-2"\n  "listening"'),
        target="broken.txt",
    )
    (folder / "bad-spec.yaml").write_text("openapi: 3.1.0\npaths: a: b\n", encoding="utf-8")
    (folder / "bad-allow.yaml").write_text("accepted:\n  - rule: typo_mismatch\n    reason: r\n", encoding="utf-8")
    spec = [] if "--spec" in args else ["--spec", "mini.yaml"]
    code, out, err = run_cli(capsys, "drift", *args, *spec)
    assert (code, out) == (2, "")
    assert err.startswith(f"anam-contract drift: error: {error}")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_dangling_ref_in_the_spec_is_one_line_naming_it(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (folder / "mini.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    first_schema = next(iter(spec["components"]["schemas"]))
    spec["components"]["schemas"]["Dangling"] = {"$ref": "#/components/schemas/Gone"}
    (folder / "dangling.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    code, out, err = run_cli(capsys, "drift", "get.txt", "--spec", "dangling.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "anam-contract drift: error: spec dangling.yaml: $ref #/components/schemas/Gone"
        " at /components/schemas/Dangling leads nowhere\n"
    )
    assert first_schema  # the spec had schemas to point at


def test_an_unreadable_folder_is_one_line(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # root reads any folder, so the refusal the OS gives others is made here.
    (folder / "docs").mkdir()

    def refuse(self: Path) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    code, out, err = run_cli(capsys, "drift", "docs", "--spec", "mini.yaml")
    assert (code, out) == (2, "")
    assert err == "anam-contract drift: error: cannot read folder docs (Permission denied)\n"
