"""`anam-contract docs fetch` as a user runs it, and the whole loop: docs site -> fetch -> drift -> proposal.

A local site on 127.0.0.1 serves newer pages in both shapes (a markdown export of the create page
with a new enum value, a new field and a broken example; a rendered get page whose path id lost its
format). Outputs are snapshots, with the site's random port written as docs.test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from anam_contract.cli import main
from anam_contract.codegen import generate
from tests.cli._support import run_cli, snapshot
from tests.docs._site import Route, Site, serve
from tests.drift._support import DATA

CREATE = (DATA / "create.md").read_text(encoding="utf-8")
NEWER_CREATE = (
    CREATE.replace("        - m-2\n", "        - m-2\n        - m-3\n")
    .replace(
        "        voiceId:\n",
        "        mood:\n          type: string\n          enum: [calm, bright]\n        voiceId:\n",
    )
    .replace("              model: m-2\n", "              model: m-9\n")
)
NEWER_GET = (
    (DATA / "rendered_get.txt")
    .read_text(encoding="utf-8")
    .replace("Path Parameters\n\nid\nstring<uuid>\n", "Path Parameters\n\nid\nstring\n")
)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        running.routes["/docs/api-reference/personas/create-persona.md"] = Route(CREATE.encode(), etag='"c1"')
        running.routes["/docs/api-reference/personas/get-persona"] = Route(
            (DATA / "rendered_get.txt").read_bytes(), last_modified="Tue, 03 Mar 2026 09:00:00 GMT"
        )
        index = "".join(
            f"- [{title}]({running.url('/docs/api-reference/personas/' + name)}): {title}\n"
            for title, name in (("Create persona", "create-persona.md"), ("Get persona", "get-persona.md"))
        )
        running.routes["/docs/llms.txt"] = Route(index.encode())
        yield running


@pytest.fixture
def folder(tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(DATA / "mini.yaml", tmp_path / "spec.yaml")
    (tmp_path / "allow.yaml").write_text("accepted: []\n", encoding="utf-8")
    base = site.url("/docs")
    (tmp_path / "docs-pages.yaml").write_text(
        f"index: {base}/llms.txt\nsection: {base}/api-reference/personas/\npages:\n"
        f"  - operation: createPersona\n    url: {base}/api-reference/personas/create-persona.md\n"
        f"  - operation: getPersona\n    url: {base}/api-reference/personas/get-persona\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fetch(capsys: pytest.CaptureFixture[str], site: Site, *extra: str) -> tuple[int, str, str]:
    # The longest timeout the command takes, a guard against a hang: the local site answers every
    # page in the end, however slowly a busy machine serves it.
    patient = ("--timeout", "600")
    code, out, err = run_cli(
        capsys, "docs", "fetch", "--manifest", "docs-pages.yaml", "--spec", "spec.yaml", *patient, *extra
    )
    return code, out.replace(site.base, "http://docs.test"), err.replace(site.base, "http://docs.test")


def test_help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        main(["docs", "fetch", "--help"])
    assert exited.value.code == 0
    snapshot("docs_fetch_help.txt", capsys.readouterr().out)


def test_fetch_then_nothing_changed_then_a_page_changed(
    folder: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _fetch(capsys, site, "--out", "pages")
    assert (code, err) == (1, "")
    snapshot("docs_fetch_first.txt", out)
    code, out, _ = _fetch(capsys, site, "--out", "pages")
    assert code == 0
    snapshot("docs_fetch_unchanged.txt", out)
    site.routes["/docs/api-reference/personas/create-persona.md"] = Route(NEWER_CREATE.encode(), etag='"c2"')
    site.routes[
        "/docs/llms.txt"
    ].body += f"- [Clone persona]({site.url('/docs/api-reference/personas/clone')}): Copy\n".encode()
    code, out, _ = _fetch(capsys, site, "--out", "pages")
    assert code == 1
    snapshot("docs_fetch_changed.txt", out)


def test_a_page_that_fails_is_one_line_on_stderr_and_exit_2(
    folder: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    del site.routes["/docs/api-reference/personas/get-persona"]
    code, out, err = _fetch(capsys, site, "--out", "pages", "--retries", "0")
    assert code == 2
    assert (
        err
        == "anam-contract docs fetch: http://docs.test/docs/api-reference/personas/get-persona: HTTP 404 Not Found\n"
    )
    assert out.splitlines()[-1] == "2 page(s): 1 new, 1 failed: some pages could not be fetched"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--manifest", "nope.yaml"),
            "manifest nope.yaml: no such file",
        ),
        (("--out", "spec.yaml"), "spec.yaml is not a folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    folder: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run_cli(capsys, "docs", "fetch", "--spec", "spec.yaml", *args)
    assert (code, out, err) == (2, "", f"anam-contract docs: error: {message}\n")


def test_docs_alone_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "docs")
    assert code == 2
    assert (
        err
        == "anam-contract docs: error: say what to do: anam-contract docs fetch (see anam-contract docs fetch --help)\n"
    )


def test_newer_pages_fetched_proposed_applied_leave_only_what_needs_a_decision(
    folder: Path, site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    site.routes["/docs/api-reference/personas/create-persona.md"] = Route(NEWER_CREATE.encode(), etag='"c2"')
    site.routes["/docs/api-reference/personas/get-persona"] = Route(NEWER_GET.encode())
    assert _fetch(capsys, site, "--out", "pages")[0] == 1
    before = (folder / "spec.yaml").read_text(encoding="utf-8")

    code, out, _ = run_cli(capsys, "drift", "pages", "--spec", "spec.yaml", "--allow", "allow.yaml", "--propose")
    assert code == 1  # the broken example needs a decision
    assert (folder / "spec.yaml").read_text(encoding="utf-8") == before  # without --write nothing is written
    snapshot("drift_propose.txt", out)

    code, out, _ = run_cli(
        capsys, "drift", "pages", "--spec", "spec.yaml", "--allow", "allow.yaml", "--propose", "--write"
    )
    assert code == 1
    assert out.endswith("wrote spec.yaml\n")

    code, out, _ = run_cli(capsys, "drift", "pages", "--spec", "spec.yaml", "--allow", "allow.yaml", "--format", "json")
    assert code == 1
    assert '"rule": "example_invalid"' in out
    assert [line for line in out.splitlines() if '"status": "drift"' in line] == ['      "status": "drift",']
    document, _ = read_from_filename(str(folder / "spec.yaml"))
    validate(document)
    generate(folder / "spec.yaml", tmp_path / "client")
    models = tmp_path / "client" / "anam_personas_client" / "models"
    assert 'M_3 = "m-3"' in (models / "model.py").read_text(encoding="utf-8")
    assert 'CALM = "calm"' in (models / "new_persona_mood.py").read_text(encoding="utf-8")
