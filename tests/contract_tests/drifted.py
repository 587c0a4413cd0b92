"""A "drifted API": the mock, wrapped so that its answers differ from the spec in many realistic
ways at once, as a live API that moved away from its docs would.

`DRIFTS` lists each difference, with where the contract report must show it (operation, status,
JSON pointer). One more change is not a difference: every persona carries a field the spec does
not name (the spec's objects are open), and the report must not list it.

Serve it by hand, then point a live run at it:

    .venv/bin/python -m tests.contract_tests.drifted --port 4011 &
    CONTRACT_LIVE=1 ANAM_API_KEY=mock-default-key ANAM_BASE_URL=http://127.0.0.1:4011 CONTRACT_EXAMPLES=100 \\
        .venv/bin/python -m contract_tests contract_tests/test_api.py
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from typing import Any

import uvicorn

from anam_contract.mock import create_app

_ITEM = re.compile(r"^/v1/personas/[^/]+$")


@dataclass(frozen=True)
class Drift:
    """One way the drifted API differs: where the report must list it."""

    name: str
    operation_id: str
    status: str
    pointer: str


DRIFTS = (
    Drift("null where the spec says Avatar object", "getPersona", "200", "/avatar"),
    Drift("renamed field (brain.systemPrompt sent as brain.system_prompt)", "getPersona", "200", "/brain/systemPrompt"),
    Drift("enum value the spec lacks (voice.provider PLAYHT)", "getPersona", "200", "/voice/provider"),
    Drift("404 with a body that is not JSON", "getPersona", "404", ""),
    Drift("200 instead of 201 on create", "createPersona", "200", ""),
    Drift("non-UUID id in a uuid field (voice.id)", "listPersonas", "200", "/data/[]/voice/id"),
    Drift("missing required field (personaPreset)", "listPersonas", "200", "/data/[]/personaPreset"),
    Drift("meta disagrees with data (lastPage one too many)", "listPersonas", "200", "/meta/lastPage"),
    Drift("401 with an empty body", "listPersonas", "401", ""),
    Drift("a date that is not a date-time (updatedAt)", "updatePersona", "200", "/updatedAt"),
    Drift("PUT ignores one field (systemPrompt)", "updatePersona", "200", "/brain/systemPrompt"),
    Drift("delete answers without its required message", "deletePersona", "200", "/message"),
)
# Not a difference: the spec's objects are open to fields it does not name.
EXTRA_FIELD = "internalRevision"


def create_drifted_app(**kwargs: Any) -> Any:
    """The mock (`create_app(**kwargs)`) behind the drifts of `DRIFTS`."""
    return Drifted(create_app(**kwargs))


class Drifted:
    """ASGI middleware: the request may be edited on the way in, the answer on the way out."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"].rstrip("/")
        query = scope.get("query_string", b"").decode("latin-1")
        body = await _read(receive)
        if method == "PUT" and _ITEM.match(path):
            body = _without(body, "systemPrompt")
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def replay() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, replay, keep)
        status, content, content_type = _drift(method, path, query, started["status"], b"".join(chunks))
        headers = [
            (k, v) for k, v in started.get("headers", []) if k.lower() not in (b"content-length", b"content-type")
        ]
        if content_type is not None:
            headers.append((b"content-type", content_type))
        headers.append((b"content-length", str(len(content)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})


async def _read(receive: Any) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += bytes(message.get("body", b""))
        if not message.get("more_body"):
            return body


def _without(body: bytes, field: str) -> bytes:
    try:
        document = json.loads(body)
    except ValueError:
        return body
    if not isinstance(document, dict) or field not in document:
        return body
    document.pop(field)
    return json.dumps(document).encode()


_JSON = b"application/json"


def _drift(method: str, path: str, query: str, status: int, content: bytes) -> tuple[int, bytes, bytes | None]:
    """The drifted answer: status, body, content type (None: no content type at all)."""
    if status == 401 and path == "/v1/personas" and method == "GET":
        return 401, b"", None
    if status == 404 and method == "GET" and _ITEM.match(path):
        return 404, b"Not Found", b"text/plain"
    try:
        document = json.loads(content)
    except ValueError:
        return status, content, _JSON
    if path == "/v1/personas" and method == "POST" and status == 201:
        status = 200
    if 200 <= status < 300:
        document = _persona_fields(document, method, path, query)
    return status, json.dumps(document).encode(), _JSON


def _persona_fields(document: Any, method: str, path: str, query: str) -> Any:
    if not isinstance(document, dict):
        return document
    if path == "/v1/personas" and method == "GET":
        for item in document.get("data", []):
            item[EXTRA_FIELD] = 7
            item.pop("personaPreset", None)
            if isinstance(item.get("voice"), dict):
                item["voice"]["id"] = "voice_" + str(item["voice"].get("id", "")).replace("-", "")[:12]
        _one_page_too_many(document.get("meta"))
        return document
    if method == "DELETE":
        return {"deleted": True}
    document[EXTRA_FIELD] = 7
    if method == "GET":
        document["avatar"] = None
        brain = document.get("brain")
        if isinstance(brain, dict) and "systemPrompt" in brain:
            brain["system_prompt"] = brain.pop("systemPrompt")
        if isinstance(document.get("voice"), dict):
            document["voice"]["provider"] = "PLAYHT"
    if method == "PUT" and isinstance(document.get("updatedAt"), str):
        document["updatedAt"] = document["updatedAt"][:10]
    return document


def _one_page_too_many(meta: Any) -> None:
    """`lastPage` one too many, with `prev`/`next` made to agree with it, so that only `lastPage`
    disagrees with the data."""
    if not isinstance(meta, dict) or not all(isinstance(meta.get(k), int) for k in ("lastPage", "currentPage")):
        return
    meta["lastPage"] += 1
    page = meta["currentPage"]
    meta["next"] = page + 1 if page < meta["lastPage"] else None
    if 1 < page <= meta["lastPage"]:
        meta["prev"] = page - 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the drifted API (the mock with DRIFTS) on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=4011)
    args = parser.parse_args(argv)
    uvicorn.run(create_drifted_app(), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
