"""Deliberately broken copies of the mock, one fault each, for proving the contract suite fails on them.

Each fault wraps `create_app()` in a small ASGI layer that corrupts requests or responses, so the
mock's code stays untouched. `CONTRACT_APP=tests.contract_tests.faults:<name>` aims the suite at one.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, READ_ONLY_API_KEY, create_app

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
# (method, path, request JSON or None, status, response JSON) -> (status, response JSON)
Rewrite = Callable[[str, str, Any, int, Any], tuple[int, Any]]


async def read_body(receive: Receive) -> bytes:
    """The whole request body, however many messages it came in."""
    raw, more = b"", True
    while more:
        message = await receive()
        raw += message.get("body", b"")
        more = bool(message.get("more_body"))
    return raw


def replaying(raw: bytes) -> Callable[[], Awaitable[Message]]:
    """A `receive` that hands the app `raw` as the body, once."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    return replay


def _wrap(rewrite: Rewrite | None = None, edit_request: Callable[[Scope, Any], Any] | None = None) -> App:
    app: App = create_app()

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        raw = await read_body(receive)
        request = _parse(raw)
        if edit_request is not None and request is not None:
            request = edit_request(scope, request)
            raw = json.dumps(request).encode()
            scope = {**scope, "headers": _with_length(scope["headers"], len(raw))}
        replay = replaying(raw)
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            status = int(start["status"])
            document = _parse(body)
            if rewrite is not None and document is not None:
                status, document = rewrite(scope["method"], scope["path"], request, status, document)
                body = json.dumps(document).encode()
            await send({**start, "status": status, "headers": _with_length(start.get("headers", []), len(body))})
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await app(scope, replay, capture)

    return wrapped


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except (ValueError, RecursionError):  # a body nested too deep is not JSON to read either
        return None


def _with_length(headers: list[tuple[bytes, bytes]], length: int) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() != b"content-length"]
    return [*kept, (b"content-length", str(length).encode())]


def _personas(document: Any) -> list[dict[str, Any]]:
    """The persona objects of a response: the body itself, or the items of a list page."""
    if isinstance(document, dict) and "voice" in document:
        return [document]
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        return [item for item in document["data"] if isinstance(item, dict)]
    return []


def null_in_enum() -> App:
    """voice.provider (an enum that does not allow null) comes back null."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        for persona in _personas(document):
            persona["voice"]["provider"] = None
        return status, document

    return _wrap(rewrite)


def unknown_enum_value() -> App:
    """voice.provider comes back with a value the spec does not list."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        for persona in _personas(document):
            persona["voice"]["provider"] = "ACME_SPEECH"
        return status, document

    return _wrap(rewrite)


def server_error_on_input() -> App:
    """A create with skipGreeting true answers 500."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "POST" and isinstance(request, dict) and request.get("skipGreeting") is True:
            return 500, {"error": "internal_error"}
        return status, document

    return _wrap(rewrite)


def lost_field_after_update() -> App:
    """An update silently drops skipGreeting before it reaches the store."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict):
            request.pop("skipGreeting", None)
        return request

    return _wrap(edit_request=edit)


def other_organisation_can_read() -> App:
    """A GET of one persona with another organisation's key is answered as if by the owner."""

    def edit(scope: Scope, request: Any) -> Any:
        return request

    inner = _wrap(edit_request=edit)
    other, owner = f"Bearer {OTHER_ORG_API_KEY}".encode(), f"Bearer {DEFAULT_API_KEY}".encode()

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].count("/") == 3:
            headers = [
                (name, owner if name.lower() == b"authorization" and value == other else value)
                for name, value in scope["headers"]
            ]
            scope = {**scope, "headers": headers}
        await inner(scope, receive, send)

    return wrapped


def missing_required_field() -> App:
    """Personas come back without updatedAt, which the spec requires."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        for persona in _personas(document):
            persona.pop("updatedAt", None)
        return status, document

    return _wrap(rewrite)


def wrong_status_code() -> App:
    """A successful create answers 200 instead of the documented 201."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        return (200 if method == "POST" and status == 201 else status), document

    return _wrap(rewrite)


def updated_at_never_moves() -> App:
    """Personas always show updatedAt equal to createdAt, however often they change."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        for persona in _personas(document):
            persona["updatedAt"] = persona.get("createdAt")
        return status, document

    return _wrap(rewrite)


def name_change_drops_tools() -> App:
    """An update of the name (without toolIds) also empties the persona's tool list."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict) and "name" in request:
            request.setdefault("toolIds", [])
        return request

    return _wrap(edit_request=edit)


def tool_ids_appended() -> App:
    """toolIds adds to the persona's tools instead of replacing them."""
    tools: dict[str, list[str]] = {}

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        for persona in _personas(document):
            if isinstance(persona.get("tools"), list):
                tools[str(persona["id"])] = [tool["id"] for tool in persona["tools"]]
        return status, document

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict) and isinstance(request.get("toolIds"), list):
            request["toolIds"] = [*tools.get(scope["path"].rsplit("/", 1)[-1], []), *request["toolIds"]]
        return request

    return _wrap(rewrite, edit)


def deleted_persona_still_listed() -> App:
    """A deleted persona answers 404 but stays on every list page."""
    seen: dict[str, dict[str, Any]] = {}
    deleted: dict[str, dict[str, Any]] = {}

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        persona_id = path.rsplit("/", 1)[-1]
        if method == "DELETE" and status == 200 and persona_id in seen:
            deleted[persona_id] = seen[persona_id]
        for persona in _personas(document):
            seen[str(persona["id"])] = {key: persona[key] for key in _SUMMARY if key in persona}
        if method == "GET" and path == "/v1/personas" and isinstance(document, dict):
            document["data"] = [*document["data"], *deleted.values()]
            document["meta"]["total"] += len(deleted)
        return status, document

    return _wrap(rewrite)


_SUMMARY = ("id", "name", "description", "personaPreset", "avatar", "voice", "voiceSpeed", "createdAt", "updatedAt")


def list_total_off_by_one() -> App:
    """Every list page counts one persona more than there are."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/v1/personas" and status == 200:
            document["meta"]["total"] += 1
        return status, document

    return _wrap(rewrite)


def list_next_always_set() -> App:
    """meta.next points past the last page."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/v1/personas" and status == 200:
            document["meta"]["next"] = document["meta"]["currentPage"] + 1
        return status, document

    return _wrap(rewrite)


def list_oldest_first() -> App:
    """The list pages come oldest first, against the spec's newest first."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/v1/personas" and status == 200:
            document["data"].reverse()
        return status, document

    return _wrap(rewrite)


def search_matches_letter_case() -> App:
    """search keeps only names that contain it with the same letter case."""
    asked: list[str] = []

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/v1/personas" and status == 200 and asked:
            kept = [item for item in document["data"] if asked[-1] in item["name"]]
            document["meta"]["total"] -= len(document["data"]) - len(kept)
            document["data"] = kept
        return status, document

    inner = _wrap(rewrite)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            asked[:] = parse_qs(scope.get("query_string", b"").decode()).get("search", [])[:1]
        await inner(scope, receive, send)

    return wrapped


def create_ignores_skip_greeting() -> App:
    """A create drops skipGreeting, so the new persona does not have what was sent."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "POST" and isinstance(request, dict):
            request.pop("skipGreeting", None)
        return request

    return _wrap(edit_request=edit)


def get_answers_another_persona() -> App:
    """A GET of one persona answers with another id than the path's."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "GET" and path != "/v1/personas" and status == 200:
            document["id"] = str(uuid.UUID(int=uuid.UUID(document["id"]).int ^ 1))
        return status, document

    return _wrap(rewrite)


def read_only_key_can_write() -> App:
    """A read-only key is let through on POST, PUT and DELETE as if it were the owner's full key."""
    inner = _wrap()
    read_only, owner = f"Bearer {READ_ONLY_API_KEY}".encode(), f"Bearer {DEFAULT_API_KEY}".encode()

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in {"POST", "PUT", "DELETE"}:
            headers = [
                (name, owner if name.lower() == b"authorization" and value == read_only else value)
                for name, value in scope["headers"]
            ]
            scope = {**scope, "headers": headers}
        await inner(scope, receive, send)

    return wrapped


def update_ignores_invalid_fields() -> App:
    """An update drops the properties the spec does not define, and nulls, instead of refusing them."""
    allowed = {"name", "description", "avatarId", "avatarModel", "voiceId", "llmId", "systemPrompt", "toolIds"}
    allowed |= {"skipGreeting", "zeroDataRetention", "voiceDetectionOptions", "voiceGenerationOptions"}
    allowed |= {"languageCode", "uninterruptibleGreeting"}

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict):
            return {key: value for key, value in request.items() if key in allowed and value is not None}
        return request

    return _wrap(edit_request=edit)


def search_ignored() -> App:
    """search is ignored: every persona comes back, whatever the text."""

    def rewrite_scope(scope: Scope) -> Scope:
        kept = [part for part in scope.get("query_string", b"").split(b"&") if not part.startswith(b"search=")]
        return {**scope, "query_string": b"&".join(kept)}

    inner = _wrap()

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        await inner(rewrite_scope(scope) if scope["type"] == "http" else scope, receive, send)

    return wrapped


FAULTS = [
    null_in_enum,
    unknown_enum_value,
    server_error_on_input,
    lost_field_after_update,
    other_organisation_can_read,
    missing_required_field,
    wrong_status_code,
    updated_at_never_moves,
    name_change_drops_tools,
    tool_ids_appended,
    deleted_persona_still_listed,
    list_total_off_by_one,
    list_next_always_set,
    list_oldest_first,
    search_matches_letter_case,
    create_ignores_skip_greeting,
    get_answers_another_persona,
    read_only_key_can_write,
    update_ignores_invalid_fields,
    search_ignored,
]
