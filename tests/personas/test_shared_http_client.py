"""One httpx.Client shared by clients of two organisations, against the mock: nothing crosses over."""

from __future__ import annotations

import warnings

import pytest
from anam_personas_client.api.personas import list_personas

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, create_app
from anam_personas import Anam, CreatePersonaRequest, NotFoundError, PersonaList

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
