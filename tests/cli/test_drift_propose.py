"""`anam-contract drift --propose` on bad input: one line on stderr, exit 2, the spec left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli._support import run_cli
from tests.drift._support import DATA, page


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(DATA / "mini.yaml", tmp_path / "spec.yaml")
    (tmp_path / "allow.yaml").write_text("accepted: []\n", encoding="utf-8")
    page(tmp_path, "rendered_create.txt", ("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3\nExample:"), target="create.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_without_propose_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (folder / "spec.yaml").read_bytes()
    code, out, err = run_cli(capsys, "drift", "create.txt", "--spec", "spec.yaml", "--allow", "allow.yaml", "--write")
    assert (code, out) == (2, "")
    assert err == "anam-contract drift: error: --write applies the edits of --propose; add --propose\n"
    assert (folder / "spec.yaml").read_bytes() == before


def test_a_spec_that_would_not_round_trip_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = folder / "spec.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("enum: [m-1, m-2]", "enum: [ m-1,  m-2 ]"))
    before = spec.read_bytes()
    args = ("create.txt", "--spec", "spec.yaml", "--allow", "allow.yaml", "--propose", "--write")
    code, out, err = run_cli(capsys, "drift", *args)
    assert (code, out) == (2, "")
    assert err.startswith("anam-contract drift: error: spec.yaml does not survive a YAML round trip byte for byte")
    assert err.count("\n") == 1
    assert spec.read_bytes() == before


def test_propose_and_write_report_what_they_did(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("create.txt", "--spec", "spec.yaml", "--allow", "allow.yaml", "--propose")
    code, out, _ = run_cli(capsys, "drift", *args)
    assert code == 0
    assert out.endswith("nothing written: add --write to apply these edits\n")
    assert "enum: [m-1, m-2]\n" in (folder / "spec.yaml").read_text(encoding="utf-8")
    code, out, _ = run_cli(capsys, "drift", *args, "--write")
    assert (code, out.splitlines()[-1]) == (0, "wrote spec.yaml")
    assert "enum: [m-1, m-2, m-3]\n" in (folder / "spec.yaml").read_text(encoding="utf-8")
    code, out, _ = run_cli(capsys, "drift", *args)
    assert (code, out) == (0, "proposed edits to spec.yaml: 0\nneeds a decision: 0\n\n(no change to the spec)\n")
