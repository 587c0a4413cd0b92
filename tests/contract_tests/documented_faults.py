"""Faults in the API's documented behaviour (NOTES M1-M6), each in its own copy of the mock.

A second, independent set beside `faults.py`, written to measure the suite on mistakes it was not
built around: resets on an avatar or voice change, `CUSTOMER_CLIENT_V1`, `toolIds`, the partial
update of each field, the list's order, meta, paging and search, organisation isolation, delete.
Each wraps `create_app()` (the mock's code stays untouched); `CONTRACT_APP=
tests.contract_tests.documented_faults:<name>` aims the whole suite at one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode

from anam_contract.mock import DEFAULT_API_KEY, OTHER_ORG_API_KEY, READ_ONLY_API_KEY, create_app
from tests.contract_tests.faults import App, Receive, Scope, Send, _personas, _wrap, read_body, replaying

NO_LLM = "CUSTOMER_CLIENT_V1"
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _is_one(path: str) -> bool:
    return path.startswith("/v1/personas/")


def _scoped(inner: App, edit: Any) -> App:
    """`inner` behind a layer that may rewrite the request's scope (method, query, headers)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        await inner(edit(scope) if scope["type"] == "http" else scope, receive, send)

    return wrapped


def _query(scope: Scope) -> dict[str, str]:
    return dict(parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True))


def _wrap_seeing_scope(
    rewrite: Callable[[Scope, int, Any], tuple[int, Any]], edit: Callable[[Scope], Scope] | None = None
) -> App:
    """Like `_wrap(rewrite)`, but the rewrite also gets the request's scope as the client sent it,
    and `edit` may change the scope before the mock sees it. One mock behind it for every request."""
    seen: dict[str, Scope] = {}

    def rewrite_response(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        return rewrite(seen["scope"], status, document)

    inner = _wrap(rewrite_response)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            seen["scope"] = scope
            scope = edit(scope) if edit is not None else scope
        await inner(scope, receive, send)

    return wrapped


def _remembering(change: Any) -> App:
    """A response rewrite that sees the last persona answered for each id (what the store held)."""
    last: dict[str, dict[str, Any]] = {}

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if isinstance(document, dict) and "voice" in document and isinstance(document.get("id"), str):
            before = last.get(document["id"])
            if before is not None and status == 200 and method == "PUT" and isinstance(request, dict):
                change(before, request, document)
            last[document["id"]] = dict(document)
        return status, document

    return _wrap(rewrite)


def avatar_change_keeps_unsupported_model() -> App:
    """A new avatar keeps the old avatarModel even when the new avatar cannot render it."""

    def change(before: dict[str, Any], request: dict[str, Any], document: dict[str, Any]) -> None:
        if "avatarId" in request and "avatarModel" not in request and before.get("avatarModel"):
            document["avatarModel"] = before["avatarModel"]

    return _remembering(change)


def avatar_change_always_resets_model() -> App:
    """A new avatar always resets avatarModel, even when the new avatar renders it."""

    def change(before: dict[str, Any], request: dict[str, Any], document: dict[str, Any]) -> None:
        if "avatarId" in request and "avatarModel" not in request:
            document["avatarModel"] = None

    return _remembering(change)


def voice_change_keeps_options() -> App:
    """A new voice without new options keeps the old voiceGenerationOptions."""

    def change(before: dict[str, Any], request: dict[str, Any], document: dict[str, Any]) -> None:
        if "voiceId" in request and "voiceGenerationOptions" not in request:
            document["voiceGenerationOptions"] = before.get("voiceGenerationOptions")

    return _remembering(change)


def voice_change_drops_new_options() -> App:
    """A new voice sent with new options stores the voice but not the options."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict) and "voiceId" in request:
            request.pop("voiceGenerationOptions", None)
        return request

    return _wrap(edit_request=edit)


def customer_client_echoed() -> App:
    """llmId CUSTOMER_CLIENT_V1 comes back as that string instead of null."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        sent = request.get("llmId") if isinstance(request, dict) else None
        if sent == NO_LLM and isinstance(document, dict) and "llmId" in document:
            document["llmId"] = NO_LLM
        return status, document

    return _wrap(rewrite)


def customer_client_clears_prompt() -> App:
    """Switching to CUSTOMER_CLIENT_V1 wipes brain.systemPrompt in the answer."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        sent = request.get("llmId") if isinstance(request, dict) else None
        if sent == NO_LLM and isinstance(document, dict) and isinstance(document.get("brain"), dict):
            document["brain"]["systemPrompt"] = None
        return status, document

    return _wrap(rewrite)


def tool_ids_keep_duplicates() -> App:
    """A repeated tool id attaches the tool twice."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        ids = request.get("toolIds") if isinstance(request, dict) else None
        if isinstance(ids, list) and all(isinstance(t, str) for t in ids) and isinstance(document, dict):
            by_id = {tool["id"]: tool for tool in document.get("tools") or []}
            document["tools"] = [by_id[t] for t in request["toolIds"] if t in by_id]
        return status, document

    return _wrap(rewrite)


def create_ignores_tool_ids() -> App:
    """A create drops toolIds: the new persona has no tools."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "POST" and isinstance(request, dict):
            request.pop("toolIds", None)
        return request

    return _wrap(edit_request=edit)


def update_ignores_system_prompt() -> App:
    """An update drops systemPrompt."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict):
            request.pop("systemPrompt", None)
        return request

    return _wrap(edit_request=edit)


def update_renames_to_default() -> App:
    """An update that does not send a name resets it to the default name."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict) and request and "name" not in request:
            request["name"] = "Untitled persona"
        return request

    return _wrap(edit_request=edit)


def update_clears_skip_greeting() -> App:
    """An update that does not send skipGreeting sets it back to false."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict) and "skipGreeting" not in request:
            request["skipGreeting"] = False
        return request

    return _wrap(edit_request=edit)


def update_empties_detection_options() -> App:
    """An update that does not send voiceDetectionOptions stores an empty object."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict) and "voiceDetectionOptions" not in request:
            request["voiceDetectionOptions"] = {}
        return request

    return _wrap(edit_request=edit)


def avatar_change_ignored() -> App:
    """An update's avatarId is dropped unless the same body sends an avatarModel."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "PUT" and isinstance(request, dict) and "avatarModel" not in request:
            request.pop("avatarId", None)
        return request

    return _wrap(edit_request=edit)


def create_ignores_avatar_model() -> App:
    """A create drops avatarModel."""

    def edit(scope: Scope, request: Any) -> Any:
        if scope["method"] == "POST" and isinstance(request, dict):
            request.pop("avatarModel", None)
        return request

    return _wrap(edit_request=edit)


def supported_model_refused() -> App:
    """A create asking for cara-3 is refused (400) although the avatar renders it."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "POST" and isinstance(request, dict) and request.get("avatarModel") == "cara-3":
            return 400, {"error": "invalid_request", "message": "avatarModel: not supported"}
        return status, document

    return _wrap(rewrite)


def created_at_moves_on_update() -> App:
    """An update's answer shows createdAt equal to the new updatedAt."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "PUT" and status == 200 and isinstance(document, dict) and "updatedAt" in document:
            document["createdAt"] = document["updatedAt"]
        return status, document

    return _wrap(rewrite)


def search_prefix_only() -> App:
    """search keeps only names that start with the text (meta still counts every match)."""

    def rewrite(scope: Scope, status: int, document: Any) -> tuple[int, Any]:
        text = _query(scope).get("search")
        if text and scope["method"] == "GET" and scope["path"] == "/v1/personas" and isinstance(document, dict):
            data = document.get("data") or []
            document["data"] = [p for p in data if str(p.get("name")).casefold().startswith(text.casefold())]
        return status, document

    return _wrap_seeing_scope(rewrite)


def list_page_ignores_page() -> App:
    """Every page answers with the first page's personas (meta still names the page asked for)."""

    def edit(scope: Scope) -> Scope:
        if scope["method"] == "GET" and scope["path"] == "/v1/personas":
            query = [(k, v) for k, v in _query(scope).items() if k != "page"]
            return {**scope, "query_string": urlencode(query).encode()}
        return scope

    def rewrite(scope: Scope, status: int, document: Any) -> tuple[int, Any]:
        page = _query(scope).get("page", "1")
        if scope["path"] == "/v1/personas" and page.isdigit() and status == 200 and isinstance(document, dict):
            meta, asked = document["meta"], int(page)
            meta["currentPage"] = asked
            meta["prev"] = min(asked - 1, meta["lastPage"]) if asked > 1 else None
            meta["next"] = asked + 1 if asked < meta["lastPage"] else None
        return status, document

    return _wrap_seeing_scope(rewrite, edit)


def list_per_page_capped() -> App:
    """perPage above 50 is served 50 at a time, while meta repeats the perPage asked for."""

    def edit(scope: Scope) -> Scope:
        if scope["method"] == "GET" and scope["path"] == "/v1/personas":
            query = [
                (k, str(min(int(v), 50)) if k == "perPage" and v.isdigit() else v) for k, v in _query(scope).items()
            ]
            return {**scope, "query_string": urlencode(query).encode()}
        return scope

    def rewrite(scope: Scope, status: int, document: Any) -> tuple[int, Any]:
        asked = _query(scope).get("perPage", "")
        if scope["path"] == "/v1/personas" and asked.isdigit() and status == 200 and isinstance(document, dict):
            document["meta"]["perPage"] = int(asked)
        return status, document

    return _wrap_seeing_scope(rewrite, edit)


def list_ordered_by_update() -> App:
    """Each list page is ordered by updatedAt, newest first, so an update moves a persona up."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/v1/personas" and isinstance(document, dict):
            data = document.get("data")
            if isinstance(data, list):
                data.sort(key=lambda p: str(p.get("updatedAt")), reverse=True)
        return status, document

    return _wrap(rewrite)


def other_organisation_can_update() -> App:
    """Another organisation's key can update any persona (the key is read as the owner's)."""
    other, owner = f"Bearer {OTHER_ORG_API_KEY}".encode(), f"Bearer {DEFAULT_API_KEY}".encode()

    def edit(scope: Scope) -> Scope:
        if scope["method"] == "PUT" and _is_one(scope["path"]):
            headers = [(n, owner if n.lower() == b"authorization" and v == other else v) for n, v in scope["headers"]]
            return {**scope, "headers": headers}
        return scope

    return _scoped(_wrap(), edit)


def delete_keeps_the_persona() -> App:
    """DELETE answers 200 with its message but the persona stays."""

    def edit(scope: Scope) -> Scope:
        if scope["method"] == "DELETE" and _is_one(scope["path"]):
            return {**scope, "method": "GET"}
        return scope

    def rewrite(scope: Scope, status: int, document: Any) -> tuple[int, Any]:
        if scope["method"] == "DELETE" and status == 200:
            return 200, {"message": "persona deleted"}
        return status, document

    return _wrap_seeing_scope(rewrite, edit)


def list_shows_stale_names() -> App:
    """List items keep the name a persona was created with, after it was renamed."""
    first: dict[str, str] = {}

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        for persona in _personas(document):
            if isinstance(persona.get("id"), str) and isinstance(persona.get("name"), str):
                if method == "GET" and path == "/v1/personas":
                    persona["name"] = first.get(persona["id"], persona["name"])
                else:
                    first.setdefault(persona["id"], persona["name"])
        return status, document

    return _wrap(rewrite)


def model_alone_ignored() -> App:
    """An update that sends avatarModel without avatarId keeps the old model."""

    def change(before: dict[str, Any], request: dict[str, Any], document: dict[str, Any]) -> None:
        if "avatarModel" in request and "avatarId" not in request:
            document["avatarModel"] = before.get("avatarModel")

    return _remembering(change)


def refused_update_keeps_its_name() -> App:
    """An update refused with 400 still stores the name it carried (later answers show it)."""
    refused: dict[str, str] = {}

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        pid = path.rsplit("/", 1)[-1].lower()
        sent = request if isinstance(request, dict) else {}
        if method == "PUT" and status == 400 and isinstance(sent.get("name"), str):
            refused[pid] = sent["name"]
        elif method == "PUT" and status == 200 and "name" in sent:
            refused.pop(pid, None)
        if method in {"GET", "PUT"} and status == 200 and pid in refused and isinstance(document, dict):
            document["name"] = refused[pid]
        return status, document

    return _wrap(rewrite)


def malformed_id_looked_up() -> App:
    """A path id that is not a UUID is looked up and answers 404 instead of 400."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if _is_one(path) and status == 400 and not _UUID.fullmatch(path.rsplit("/", 1)[-1]):
            return 404, {"error": "not_found", "message": "No persona with this id."}
        return status, document

    return _wrap(rewrite)


def read_only_write_looked_up() -> App:
    """A read-only key's PUT or DELETE of an id the organisation does not hold is a 404, not a 403."""
    read_only, owner = f"Bearer {READ_ONLY_API_KEY}".encode(), f"Bearer {DEFAULT_API_KEY}".encode()

    def by_read_only(scope: Scope) -> bool:
        return any(n.lower() == b"authorization" and v == read_only for n, v in scope["headers"])

    def edit(scope: Scope) -> Scope:
        if scope["method"] in {"PUT", "DELETE"} and _is_one(scope["path"]) and by_read_only(scope):
            headers = [(n, owner if n.lower() == b"authorization" else v) for n, v in scope["headers"]]
            return {**scope, "method": "GET", "headers": headers}
        return scope

    def rewrite(scope: Scope, status: int, document: Any) -> tuple[int, Any]:
        if scope["method"] in {"PUT", "DELETE"} and _is_one(scope["path"]) and by_read_only(scope):
            return (404, document) if status in {400, 404} else (403, {"error": "forbidden", "message": "Read-only."})
        return status, document

    return _wrap_seeing_scope(rewrite, edit)


def unauthorized_without_challenge() -> App:
    """A 401 answers without its WWW-Authenticate bearer challenge."""
    inner = _wrap()

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        async def strip(message: Any) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 401:
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() != b"www-authenticate"]
                message = {**message, "headers": kept}
            await send(message)

        await inner(scope, receive, strip)

    return wrapped


def _list_meta_fault(change: Callable[[dict[str, Any]], None]) -> App:
    """A list whose meta `change` edits (the items stay right)."""

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/v1/personas" and status == 200 and isinstance(document, dict):
            meta = document.get("meta")
            if isinstance(meta, dict):
                change(meta)
        return status, document

    return _wrap(rewrite)


def list_prev_past_the_end() -> App:
    """Past the last page, prev points at the page before the one asked for (another empty page)."""

    def change(meta: dict[str, Any]) -> None:
        if meta["currentPage"] > meta["lastPage"] + 1:
            meta["prev"] = meta["currentPage"] - 1

    return _list_meta_fault(change)


def list_next_after_a_full_last_page() -> App:
    """A last page that is exactly full still offers next (an empty page)."""

    def change(meta: dict[str, Any]) -> None:
        full = meta["total"] > 0 and meta["total"] % meta["perPage"] == 0
        if full and meta["currentPage"] == meta["lastPage"]:
            meta["next"] = meta["currentPage"] + 1

    return _list_meta_fault(change)


def _header(scope: Scope, name: bytes) -> str | None:
    return next((v.decode("latin-1") for n, v in scope["headers"] if n.lower() == name), None)


def charset_refused() -> App:
    """`application/json; charset=utf-8` is refused as if it were not JSON (415): the media type's
    parameter is compared too."""

    def edit(scope: Scope) -> Scope:
        declared = _header(scope, b"content-type") or ""
        if ";" in declared:
            headers = [(n, b"text/plain" if n.lower() == b"content-type" else v) for n, v in scope["headers"]]
            return {**scope, "headers": headers}
        return scope

    return _wrap_seeing_scope(lambda scope, status, document: (status, document), edit)


def chunked_body_refused() -> App:
    """A write whose body comes in chunks, without a Content-Length, is answered 411."""

    def rewrite(scope: Scope, status: int, document: Any) -> tuple[int, Any]:
        if scope["method"] in {"POST", "PUT"} and _header(scope, b"content-length") is None:
            return 411, {"error": "length_required", "message": "Send a Content-Length."}
        return status, document

    return _wrap_seeing_scope(rewrite)


def body_limit_one_byte_short() -> App:
    """A body of exactly 256 KiB, the documented limit, is refused as too large."""

    def rewrite(scope: Scope, status: int, document: Any) -> tuple[int, Any]:
        if _header(scope, b"content-length") == str(256 * 1024):
            return 413, {"error": "payload_too_large", "message": "Body too large."}
        return status, document

    return _wrap_seeing_scope(rewrite)


def stamps_half_an_hour_behind() -> App:
    """Every stamp of a persona is half an hour behind the moment it names (a clock off, or a
    local time written as UTC), the same in every answer."""

    def behind(stamp: Any) -> Any:
        try:
            moment = datetime.fromisoformat(str(stamp))
        except ValueError:
            return stamp
        return (moment - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    def shift(persona: Any) -> None:
        if isinstance(persona, dict):
            for name in ("createdAt", "updatedAt"):
                if name in persona:
                    persona[name] = behind(persona[name])

    def rewrite(method: str, path: str, request: Any, status: int, document: Any) -> tuple[int, Any]:
        if isinstance(document, dict):
            shift(document)
            for item in document.get("data", []) if isinstance(document.get("data"), list) else []:
                shift(item)
        return status, document

    return _wrap(rewrite)


def deep_nesting_fails() -> App:
    """A body nested deeper than the JSON parser recurses crashes the server: a 500, not the 400
    of an invalid body."""
    app = create_app()

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        raw = await read_body(receive)
        if raw.startswith(b"[" * 1000):
            body = json.dumps({"error": "internal_error", "message": "maximum recursion depth exceeded"}).encode()
            await send(
                {"type": "http.response.start", "status": 500, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        await app(scope, replaying(raw), send)

    return wrapped


def any_media_type_read_as_json() -> App:
    """A body is read as JSON whatever its Content-Type says (or with none), instead of the 415."""

    def edit(scope: Scope) -> Scope:
        if scope["method"] in {"POST", "PUT"}:
            headers = [(n, v) for n, v in scope["headers"] if n.lower() != b"content-type"]
            return {**scope, "headers": [*headers, (b"content-type", b"application/json")]}
        return scope

    return _wrap_seeing_scope(lambda scope, status, document: (status, document), edit)


FAULTS = [
    avatar_change_keeps_unsupported_model,
    avatar_change_always_resets_model,
    voice_change_keeps_options,
    voice_change_drops_new_options,
    customer_client_echoed,
    customer_client_clears_prompt,
    tool_ids_keep_duplicates,
    create_ignores_tool_ids,
    update_ignores_system_prompt,
    update_renames_to_default,
    update_clears_skip_greeting,
    update_empties_detection_options,
    avatar_change_ignored,
    create_ignores_avatar_model,
    supported_model_refused,
    created_at_moves_on_update,
    search_prefix_only,
    list_page_ignores_page,
    list_per_page_capped,
    list_ordered_by_update,
    other_organisation_can_update,
    delete_keeps_the_persona,
    list_shows_stale_names,
    model_alone_ignored,
    refused_update_keeps_its_name,
    malformed_id_looked_up,
    read_only_write_looked_up,
    unauthorized_without_challenge,
    list_prev_past_the_end,
    list_next_after_a_full_last_page,
    charset_refused,
    chunked_body_refused,
    body_limit_one_byte_short,
    stamps_half_an_hour_behind,
    deep_nesting_fails,
    any_media_type_read_as_json,
]
