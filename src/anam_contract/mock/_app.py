"""The Starlette application: routes, auth, and the glue from HTTP to the store."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from anam_contract.mock._catalogue import MockFixtures, Organisation
from anam_contract.mock._defaults import DEFAULT_FIXTURES_DATA
from anam_contract.mock._errors import ApiError
from anam_contract.mock._fixtures import FixtureError, parse_fixtures
from anam_contract.mock._http import json_response, read_json
from anam_contract.mock._logging import RequestLog, logger
from anam_contract.mock._store import Store
from anam_contract.mock._validation import RequestSchemas
from anam_contract.spec import Spec

JSON = Any
_WRITES = frozenset({"POST", "PUT", "DELETE"})


class _Api:
    """The endpoints, holding what was compiled from the spec and the fixtures at start-up."""

    def __init__(self, spec: Spec, fixtures: MockFixtures) -> None:
        self.schemas = RequestSchemas(spec)
        for org in fixtures.organisations:
            for index, body in enumerate(org.personas):
                try:
                    self.schemas.body("createPersona", {k: v for k, v in body.items() if k != "id"})
                except ApiError as error:
                    raise FixtureError(f"organisation {org.name!r}, personas[{index}]: {error.message}") from None
        summary = spec.resolve(spec.document["components"]["schemas"]["PersonaSummary"])
        self.store = Store(fixtures, self.schemas.variants, list(summary.get("properties", {})))

    def caller(self, request: Request) -> Organisation:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        found = self.store.caller(key.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise ApiError(
                401,
                "unauthorized",
                "send a valid API key as `Authorization: Bearer <key>`",
                headers={"WWW-Authenticate": "Bearer"},
            )
        org, read_only = found
        if read_only and request.method in _WRITES:
            raise ApiError(403, "forbidden", "this API key is read-only")
        return org

    def persona_id(self, request: Request, operation_id: str) -> str:
        raw = str(request.path_params["id"])
        self.schemas.parameters(operation_id, {"id": [raw]})
        try:
            return str(uuid.UUID(raw))  # one spelling per id, whatever the caller's letter case
        except ValueError:  # a spec that no longer asks for UUIDs: take the id as given
            return raw

    async def personas(self, request: Request) -> Response:
        org = self.caller(request)
        if request.method == "POST":
            body = await read_json(request)
            self.schemas.body("createPersona", body)
            return json_response(self.store.create(org, body), 201)
        query = {name: request.query_params.getlist(name) for name in request.query_params}
        params = self.schemas.parameters("listPersonas", query)
        return json_response(self.store.page(org, params["page"], params["perPage"], params.get("search")))

    async def persona(self, request: Request) -> Response:
        org = self.caller(request)
        if request.method == "PUT":
            persona_id = self.persona_id(request, "updatePersona")
            body = await read_json(request)
            self.schemas.body("updatePersona", body)
            return json_response(self.store.update(org, persona_id, body))
        if request.method == "DELETE":
            persona_id = self.persona_id(request, "deletePersona")
            self.store.delete(org, persona_id)
            return json_response({"message": f"persona {persona_id} deleted"})
        return json_response(self.store.get(org, self.persona_id(request, "getPersona")))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return json_response(exc.body(), exc.status, exc.headers or None)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    names = {404: "not_found", 405: "method_not_allowed"}
    error = names.get(exc.status_code, "http_error")
    message = "no such path" if exc.status_code == 404 else str(exc.detail)
    return json_response({"error": error, "message": message}, exc.status_code, dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    # Never a traceback on the wire; the server log keeps it.
    return json_response({"error": "internal_error", "message": "the mock failed to handle this request"}, 500)


def create_app(
    fixtures: MockFixtures | None = None, *, spec: Spec | None = None, log_requests: bool = False
) -> Starlette:
    """The mock API as an ASGI app. Validators, catalogue and starting personas are all prepared
    here, so the app answers without a lifespan run (as with httpx's ASGITransport)."""
    spec = spec or Spec.load()
    fixtures = fixtures or parse_fixtures(DEFAULT_FIXTURES_DATA, spec=spec)
    api = _Api(spec, fixtures)
    routes = [
        Route("/v1/personas", api.personas, methods=["GET", "POST"]),
        Route("/v1/personas/{id}", api.persona, methods=["GET", "PUT", "DELETE"]),
    ]
    handlers: Mapping[Any, Any] = {ApiError: _api_error, HTTPException: _http_error, Exception: _server_error}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if log_requests:
            logger.info("mock API ready: %d organisations", len(fixtures.organisations))
        yield

    middleware = [Middleware(RequestLog)] if log_requests else []
    return Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan, middleware=middleware)
