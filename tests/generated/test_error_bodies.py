"""The generated `*_detailed` functions return the whole response for any body, never raise on it."""

from __future__ import annotations

from uuid import UUID

import httpx
import pytest
from anam_personas_client import Client
from anam_personas_client.api.personas import delete_persona, get_persona, list_personas
from anam_personas_client.models import Error

PERSONA_ID = UUID("00000000-0000-0000-0000-000000000000")
ODD_BODIES = [
    httpx.Response(401, content=b""),
    httpx.Response(401, json={"message": "no error field"}),
    httpx.Response(404, text="<html><body>Not Found</body></html>", headers={"Content-Type": "text/html"}),
    httpx.Response(500, json=["a", "list"]),
    httpx.Response(400, text="{not json"),
    httpx.Response(200, text="<html>maintenance</html>"),
    httpx.Response(200, json={"id": None}),
    httpx.Response(500, text="[" * 100_000 + "]" * 100_000),
    httpx.Response(200, text='{"id": ' + "[" * 100_000 + "]" * 100_000 + "}"),
]


def _client(reply: httpx.Response) -> Client:
    transport = httpx.MockTransport(lambda request: reply)
    return Client(base_url="https://api.test.anam.invalid").set_httpx_client(
        httpx.Client(base_url="https://api.test.anam.invalid", transport=transport)
    )


@pytest.mark.parametrize("reply", ODD_BODIES, ids=lambda r: f"{r.status_code}-{r.content[:12]!r}-{len(r.content)}")
def test_an_odd_body_gives_parsed_none_and_keeps_the_raw_content(reply: httpx.Response) -> None:
    client = _client(reply)
    for response in (
        get_persona.sync_detailed(PERSONA_ID, client=client),
        delete_persona.sync_detailed(PERSONA_ID, client=client),
        list_personas.sync_detailed(client=client),
    ):
        assert response.status_code == reply.status_code
        assert response.parsed is None
        assert response.content == reply.content


def test_a_documented_error_body_still_parses() -> None:
    client = _client(httpx.Response(401, json={"error": "unauthorized", "message": "bad key"}))
    parsed = get_persona.sync_detailed(PERSONA_ID, client=client).parsed
    assert isinstance(parsed, Error) and parsed.error == "unauthorized"
