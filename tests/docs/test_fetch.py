"""`fetch`: pages saved with their state, conditional requests on the next run, what changed, what failed."""

from __future__ import annotations

import json
from pathlib import Path

from anam_contract.docs import STATE_NAME, FetchRun, Settings, fetch
from tests._waiting import HANG_GUARD_S
from tests.docs._site import Route, Site
from tests.docs._support import PAGES, index_text, manifest, publish

# The site answers every page in the end: the timeout guards against a hang, and is no bet on how
# fast a busy machine serves a page.
PATIENT = Settings(timeout=HANG_GUARD_S, retries=1, backoff=0.0)
CREATE = "/docs/api-reference/personas/create-persona.md"


def _outcomes(run: FetchRun) -> dict[str, str]:
    return {result.file.name: result.outcome for result in run.pages}


def test_the_first_run_saves_every_page_and_its_state(tmp_path: Path, site: Site) -> None:
    publish(site)
    out = tmp_path / "pages"
    run = fetch(manifest(tmp_path, site), out, PATIENT)
    assert _outcomes(run) == dict.fromkeys(PAGES.values(), "new")
    assert run.exit_code == 1
    assert (out / "create-persona.md").read_bytes() == b"# create-persona.md\n"
    state = json.loads((out / STATE_NAME).read_text())["pages"][site.url(CREATE)]
    assert state["etag"] == '"v1-0"'
    assert len(state["sha256"]) == 64


def test_a_second_run_asks_conditionally_and_reports_no_change(tmp_path: Path, site: Site) -> None:
    publish(site)
    docs = manifest(tmp_path, site)
    fetch(docs, tmp_path / "pages", PATIENT)
    run = fetch(docs, tmp_path / "pages", PATIENT)
    assert _outcomes(run) == dict.fromkeys(PAGES.values(), "unchanged")
    assert run.exit_code == 0
    assert site.hits(CREATE)[-1]["if-none-match"] == '"v1-0"'


def test_a_page_that_changed_between_runs_is_saved_again(tmp_path: Path, site: Site) -> None:
    publish(site)
    docs = manifest(tmp_path, site)
    fetch(docs, tmp_path / "pages", PATIENT)
    site.routes[CREATE] = Route(b"# create-persona.md, with a new field\n", etag='"v2-0"')
    run = fetch(docs, tmp_path / "pages", PATIENT)
    assert _outcomes(run)["create-persona.md"] == "changed"
    assert _outcomes(run)["get-persona.md"] == "unchanged"
    assert run.exit_code == 1
    assert (tmp_path / "pages" / "create-persona.md").read_bytes() == b"# create-persona.md, with a new field\n"


def test_a_server_without_etags_is_asked_by_date_and_compared_by_hash(tmp_path: Path, site: Site) -> None:
    publish(site)
    site.routes[CREATE] = Route(b"same bytes\n", last_modified="Wed, 06 May 2026 10:00:00 GMT")
    docs = manifest(tmp_path, site)
    fetch(docs, tmp_path / "pages", PATIENT)
    run = fetch(docs, tmp_path / "pages", PATIENT)
    assert site.hits(CREATE)[-1]["if-modified-since"] == "Wed, 06 May 2026 10:00:00 GMT"
    assert _outcomes(run)["create-persona.md"] == "unchanged"  # a 200 with the same bytes is no change


def test_a_404_fails_that_page_only_and_exits_2(tmp_path: Path, site: Site) -> None:
    publish(site)
    del site.routes[CREATE]
    run = fetch(manifest(tmp_path, site), tmp_path / "pages", PATIENT)
    failed = [r for r in run.pages if r.outcome == "failed"]
    assert [(r.file.name, r.detail) for r in failed] == [("create-persona.md", "HTTP 404 Not Found")]
    assert run.count("new") == 2
    assert run.exit_code == 2
    assert not (tmp_path / "pages" / "create-persona.md").exists()


def test_a_500_then_success_and_a_redirect_still_save_the_page(tmp_path: Path, site: Site) -> None:
    publish(site)
    site.routes[CREATE].failures = 1
    get_page = "/docs/api-reference/personas/get-persona.md"
    site.routes["/moved/get-persona.md"] = site.routes[get_page]
    site.routes[get_page] = Route(redirect="/moved/get-persona.md")
    run = fetch(manifest(tmp_path, site), tmp_path / "pages", PATIENT)
    assert _outcomes(run) == dict.fromkeys(PAGES.values(), "new")
    assert (tmp_path / "pages" / "get-persona.md").read_bytes() == b"# get-persona.md\n"


def test_a_timeout_fails_the_page_in_one_line(tmp_path: Path, site: Site) -> None:
    publish(site)
    site.routes[CREATE].hang = True
    run = fetch(manifest(tmp_path, site), tmp_path / "pages", Settings(timeout=0.2, retries=0, backoff=0.0))
    assert [(r.file.name, r.detail) for r in run.pages if r.outcome == "failed"] == [
        ("create-persona.md", "no answer within 0.2s (after 1 attempt)")
    ]


def test_a_file_docs_fetch_did_not_save_is_never_overwritten(tmp_path: Path, site: Site) -> None:
    publish(site)
    out = tmp_path / "pages"
    out.mkdir()
    (out / "create-persona.md").write_text("my notes\n")
    run = fetch(manifest(tmp_path, site), out, PATIENT)
    assert _outcomes(run)["create-persona.md"] == "failed"
    assert (out / "create-persona.md").read_text() == "my notes\n"
    assert run.exit_code == 2


def test_a_saved_page_edited_by_hand_is_not_overwritten(tmp_path: Path, site: Site) -> None:
    publish(site)
    docs, out = manifest(tmp_path, site), tmp_path / "pages"
    fetch(docs, out, PATIENT)
    (out / "get-persona.md").write_text("edited\n")
    run = fetch(docs, out, PATIENT)
    assert _outcomes(run)["get-persona.md"] == "failed"
    assert (out / "get-persona.md").read_text() == "edited\n"


def test_a_page_added_to_the_index_and_one_dropped_from_it_are_reported(tmp_path: Path, site: Site) -> None:
    publish(site)
    site.routes["/docs/llms.txt"] = Route(index_text(site, "create-persona.md", "get-persona.md", "clone-persona.md"))
    run = fetch(manifest(tmp_path, site), tmp_path / "pages", PATIENT)
    assert [(e.title, e.url) for e in run.new_in_index] == [
        ("clone-persona.md", site.url("/docs/api-reference/personas/clone-persona.md"))
    ]
    assert [page.operation for page in run.gone_from_index] == ["deletePersona"]


def test_an_index_that_cannot_be_fetched_exits_2(tmp_path: Path, site: Site) -> None:
    publish(site)
    del site.routes["/docs/llms.txt"]
    run = fetch(manifest(tmp_path, site), tmp_path / "pages", PATIENT)
    assert run.index_error == f"{site.url('/docs/llms.txt')}: HTTP 404 Not Found"
    assert run.exit_code == 2
