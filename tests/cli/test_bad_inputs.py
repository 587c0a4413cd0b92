"""Every subcommand against every class of bad input file: one line on stderr, exit 2, no traceback,
nothing written. A new subcommand must add its file arguments to INVOCATIONS (the last test says so)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from anam_contract.cli import build_parser, main
from anam_contract.inputs import MAX_INPUT_BYTES
from anam_contract.paths import REPO_ROOT

GOOD_PAGE = REPO_ROOT / "tests" / "drift" / "data" / "rendered_create.txt"
# A small valid spec: the good side of each run, so the time goes to the bad input, not to parsing.
GOOD_SPEC = REPO_ROOT / "tests" / "drift" / "data" / "mini.yaml"
BAD = "{bad}"

# subcommand -> the argument lists that read a file the user names; BAD marks the file under attack.
# Every run that could write is pointed at out/ inside the test's folder, which must stay absent.
INVOCATIONS: dict[str, list[list[str]]] = {
    "generate": [["--spec", BAD, "--out", "out"]],
    "check-generated": [["--spec", BAD], ["--committed", BAD]],
    "mock": [["--fixtures", BAD, "--port", "1"], ["--spec", BAD, "--port", "1"]],
    "drift": [
        [BAD, "--spec", str(GOOD_SPEC)],
        [str(GOOD_PAGE), "--spec", BAD],
        [str(GOOD_PAGE), "--spec", str(GOOD_SPEC), "--allow", BAD],
    ],
    "diff": [[BAD, str(GOOD_SPEC), "--no-client"], [str(GOOD_SPEC), BAD, "--no-client"]],
    # Both files are read before any page is fetched, so a bad one never reaches the network.
    "docs": [["fetch", "--manifest", BAD, "--out", "out"], ["fetch", "--spec", BAD, "--out", "out"]],
    # The last release's spec is read first, so a bad one is refused before the working tree is looked for.
    "release-notes": [["--base", BAD, "--current", "0.2.0"]],
    # The spec is read before the suite starts, so a bad one never reaches pytest.
    "check": [["--spec", BAD]],
}

# An OpenAPI 3.1 document in every other respect, so only the alias limit can stop it.
BILLION_LAUGHS = (
    "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\na: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
)


def _unreadable(folder: Path) -> Path:
    if os.geteuid() == 0:
        # root reads a chmod 000 file; /proc/self/mem is a file no one can read from offset 0 (EIO).
        return Path("/proc/self/mem")
    path = folder / "unreadable.yaml"
    path.write_text("openapi: 3.1.0\n", encoding="utf-8")
    path.chmod(0)
    return path


def _write(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return make


def _folder(folder: Path) -> Path:
    path = folder / "a-folder"
    path.mkdir()
    return path


BAD_INPUTS: dict[str, Callable[[Path], Path]] = {
    "missing": lambda folder: folder / "absent.yaml",
    "folder": _folder,
    "empty": _write("empty.yaml", b""),
    "binary": _write("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
    "not-utf8": _write("latin1.yaml", "openapi: 3.1.0\ninfo: {title: Caf\u00e9}\n".encode("latin-1")),
    "invalid-yaml": _write("invalid.yaml", b"openapi: 3.1.0\npaths: a: b\n  - [\n"),
    "not-openapi": _write("list.yaml", b"- one\n- two\n"),
    "alias-bomb": _write("bomb.yaml", BILLION_LAUGHS.encode()),
    "unreadable": _unreadable,
    "huge": _write("huge.yaml", b"# padding\n" * (MAX_INPUT_BYTES // 10 + 1)),
}

# What the one line must say for the classes that have one cause only.
SAYS = {"binary": "binary", "not-utf8": "UTF-8", "alias-bomb": "alias", "huge": "MiB", "folder": "folder"}

CASES = [
    pytest.param([command, *args], kind, id=f"{command}-{index}-{kind}")
    for command, arg_lists in INVOCATIONS.items()
    for index, args in enumerate(arg_lists)
    for kind in BAD_INPUTS
    # A folder is what --committed asks for (and an empty one is a stale client, exit 1).
    if not (kind == "folder" and "--committed" in args)
]


def _tree(folder: Path) -> dict[str, bytes | None]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() and os.access(path, os.R_OK) else None
        for path in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize(("invocation", "kind"), CASES)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    invocation: list[str],
    kind: str,
) -> None:
    command, *args = invocation
    monkeypatch.chdir(tmp_path)
    bad = BAD_INPUTS[kind](tmp_path)
    before = _tree(tmp_path)
    try:
        code = main([command, *(str(bad) if arg == BAD else arg for arg in args)])
    except SystemExit as exited:  # argparse's way out; must still be 2
        code = int(exited.code or 0)
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1, captured.err
    assert captured.err.startswith(f"anam-contract {command}: error: ")
    assert "Traceback" not in captured.err
    # --committed refuses any file as not a folder; a page is text, so YAML in it means nothing.
    if kind in SAYS and "--committed" not in args and not (kind == "alias-bomb" and args[0] == BAD):
        assert SAYS[kind] in captured.err
    assert _tree(tmp_path) == before


def test_an_alias_bomb_in_a_markdown_pages_openapi_block_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"# Create persona\n\n```yaml\n{BILLION_LAUGHS}```\n", encoding="utf-8")
    assert main(["drift", str(page)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "aliases" in err, err


def test_every_subcommand_is_attacked() -> None:
    parser = build_parser()
    subcommands = next(action for action in parser._actions if action.dest == "command")
    assert set(subcommands.choices or {}) == set(INVOCATIONS)


def test_the_alias_bomb_is_small_and_explosive() -> None:
    # 9**9 (387 million) leaves from a few hundred bytes: the shape that took minutes and 4.7 GB.
    assert len(BILLION_LAUGHS) < 450
    assert BILLION_LAUGHS.count("*") == 72
