"""One httpx.Client shared by clients of two organisations, against the mock: nothing crosses over."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import httpx
import pytest
from anam_personas_client.api.personas import list_personas

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, create_app
from anam_personas import Anam, CreatePersonaRequest, NotFoundError, PersonaList
from tests.personas._fakes import PERSONA_ID, page_json, persona_json

with warnings.catch_warnings():
    # Starlette announces a move of its test client; it works unchanged.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

BASE = "http://mock.test"
# Starlette's test client warns about per-request timeouts, which the client always sets; harmless here.
pytestmark = pytest.mark.filterwarnings("ignore:You should not use the 'timeout' argument")


def test_two_organisations_over_one_http_client_never_see_each_others_personas() -> None:
    with TestClient(create_app(), base_url="http://elsewhere.test") as http:
        before = (http.base_url, http.auth, http.timeout, dict(http.headers))
        ours = Anam(api_key=DEFAULT_API_KEY, base_url=BASE, http_client=http, strict=True)
        theirs = Anam(api_key=OTHER_ORG_API_KEY, base_url=BASE, http_client=http, strict=True)
        assert (http.base_url, http.auth, http.timeout, dict(http.headers)) == before, "the caller's client changed"

        mine = ours.personas.create(CreatePersonaRequest(name="made by the first organisation"))
        other = theirs.personas.create(CreatePersonaRequest(name="made by the second organisation"))

        our_ids = {str(item.id) for item in ours.personas.iter_all()}
        their_ids = {str(item.id) for item in theirs.personas.iter_all()}
        assert str(mine.id) in our_ids and str(mine.id) not in their_ids
        assert str(other.id) in their_ids and str(other.id) not in our_ids
        with pytest.raises(NotFoundError):
            theirs.personas.get(mine.id)
        with pytest.raises(NotFoundError):
            ours.personas.delete(other.id)
        assert ours.personas.get(mine.id).name == "made by the first organisation"


def test_the_generated_client_shares_the_transport_and_leaves_the_callers_client_alone() -> None:
    with TestClient(create_app(), base_url="http://elsewhere.test") as http:
        before = (http.base_url, http.auth, dict(http.headers))
        client = Anam(api_key=DEFAULT_API_KEY, base_url=BASE, http_client=http)
        response = list_personas.sync_detailed(client=client.generated, per_page=100)
        assert response.status_code == 200 and isinstance(response.parsed, PersonaList)
        assert (http.base_url, http.auth, dict(http.headers)) == before


def test_every_request_over_a_shared_client_carries_its_own_organisations_key() -> None:
    """Interleaved calls of two organisations, through every path a request can take (plain, raw,
    `with_options`, retries, pages, the generated functions): each request has its sender's key."""
    keys = {"first": "sk-first-org-0a1b2c3d", "second": "sk-second-org-4e5f6a7b"}
    seen: list[str] = []
    failed_once: set[str] = set()

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        if request.url.path.endswith(PERSONA_ID) and request.headers["Authorization"] not in failed_once:
            failed_once.add(request.headers["Authorization"])  # one 503 each, so retries are in the mix
            return httpx.Response(503)
        if request.url.path == "/v1/personas":
            return httpx.Response(200, json=page_json([PERSONA_ID], 1, 1))
        return httpx.Response(200, json=persona_json())

    shared = httpx.Client(transport=httpx.MockTransport(answer))
    first = Anam(api_key=keys["first"], base_url=BASE, http_client=shared)
    second = Anam(api_key=keys["second"], base_url=BASE, http_client=shared)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("first", lambda: first.personas.get(PERSONA_ID)),  # 503, then 200
        ("second", lambda: second.personas.with_raw_response.get(PERSONA_ID)),  # 503, then 200
        ("first", lambda: list(first.with_options(strict=True).personas.iter_all())),
        ("second", second.with_options(timeout=5.0).personas.list),
        ("first", lambda: list_personas.sync_detailed(client=first.generated)),
        ("second", lambda: list_personas.sync_detailed(client=second.generated)),
        ("first", first.personas.with_raw_response.list),
    ]
    expected: list[str] = []
    for owner, step in steps:
        before = len(seen)
        step()
        expected += [f"Bearer {keys[owner]}"] * (len(seen) - before)
    assert seen == expected
    assert len(seen) == len(steps) + 2, "the two retries were sent"
    assert "Authorization" not in shared.headers and shared.auth is None
