"""One GET: finite timeouts, retries on 5xx and timeouts, none on a 404, redirects followed."""

from __future__ import annotations

import pytest

from anam_contract.docs import FetchError, Settings
from anam_contract.docs._http import client, get
from tests._waiting import HANG_GUARD_S
from tests.docs._site import Route, Site

# Whatever the test expects, the site answers it in the end (or never, for a timeout): a timeout
# is a guard against a hang, never a bet on how fast a busy machine serves a page.
PATIENT = Settings(timeout=HANG_GUARD_S, retries=2, backoff=0.0)


def test_a_500_then_success_is_retried(site: Site) -> None:
    site.routes["/p.md"] = Route(b"page", failures=1)
    with client(PATIENT) as http:
        fetched = get(http, site.url("/p.md"), {}, PATIENT)
    assert (fetched.status, fetched.content) == (200, b"page")
    assert len(site.hits("/p.md")) == 2


def test_a_page_that_keeps_failing_gives_up_after_the_retries(site: Site) -> None:
    site.routes["/p.md"] = Route(b"page", failures=10)
    with (
        client(PATIENT) as http,
        pytest.raises(FetchError, match=r"^HTTP 500 Internal Server Error \(after 3 attempts\)$"),
    ):
        get(http, site.url("/p.md"), {}, PATIENT)
    assert len(site.hits("/p.md")) == 3


def test_a_404_is_not_retried(site: Site) -> None:
    with client(PATIENT) as http, pytest.raises(FetchError, match=r"^HTTP 404 Not Found$"):
        get(http, site.url("/missing.md"), {}, PATIENT)
    assert len(site.hits("/missing.md")) == 1


def test_a_page_that_answers_too_late_times_out(site: Site) -> None:
    settings = Settings(timeout=0.2, retries=1, backoff=0.0)
    site.routes["/slow.md"] = Route(b"page", hang=True)
    with client(settings) as http, pytest.raises(FetchError, match=r"^no answer within 0.2s \(after 2 attempts\)$"):
        get(http, site.url("/slow.md"), {}, settings)


def test_a_redirect_is_followed(site: Site) -> None:
    site.routes["/old.md"] = Route(redirect="/new.md")
    site.routes["/new.md"] = Route(b"moved page")
    with client(PATIENT) as http:
        assert get(http, site.url("/old.md"), {}, PATIENT).content == b"moved page"


def test_a_refused_connection_is_one_line(site: Site) -> None:
    with client(PATIENT) as http, pytest.raises(FetchError, match=r"^connection failed \(ConnectError\) \(after 3"):
        get(http, "http://127.0.0.1:9/p.md", {}, PATIENT)


def test_the_waits_double(site: Site) -> None:
    waits: list[float] = []
    site.routes["/p.md"] = Route(b"page", failures=2)
    with client(PATIENT) as http:
        get(http, site.url("/p.md"), {}, Settings(timeout=HANG_GUARD_S, retries=2, backoff=0.25), sleep=waits.append)
    assert waits == [0.25, 0.5]
