"""The cheapest API the contract suite can be aimed at: one fixed, valid persona for everything.

It checks nothing but the presence of a bearer token and stores nothing, so the suite's time
against it is the suite's own cost; the difference to the run against the mock is the mock's.
Its answers are valid by the spec but not by the API's rules (a deleted persona still reads
back, bad bodies are accepted), so some checks fail against it; `bench._suite` compares time
per checked case for that reason, not whole-run time alone.
"""

from __future__ import annotations

import json
from typing import Any

from anam_contract.spec import Spec

_PERSONA_EXAMPLE = "#/components/examples/PersonaExample/value"


def create_app() -> Any:
    spec = Spec.load()
    persona = spec.pointer(_PERSONA_EXAMPLE)
    summary_fields = spec.document["components"]["schemas"]["PersonaSummary"]["properties"]
    page = {
        "data": [{k: v for k, v in persona.items() if k in summary_fields}],
        "meta": {"total": 1, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None},
    }
    bodies = {
        "persona": json.dumps(persona).encode(),
        "page": json.dumps(page).encode(),
        "deleted": json.dumps({"message": "deleted"}).encode(),
        "unauthorized": json.dumps({"error": "unauthorized"}).encode(),
    }

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while True:  # drain the body so the client is never left writing into a closed request
            message = await receive()
            if not message.get("more_body"):
                break
        headers = dict(scope["headers"])
        method, path = scope["method"], scope["path"]
        if not headers.get(b"authorization", b"").lower().startswith(b"bearer "):
            status, body = 401, bodies["unauthorized"]
        elif path.rstrip("/") == "/v1/personas":
            status, body = (201, bodies["persona"]) if method == "POST" else (200, bodies["page"])
        else:
            status, body = (200, bodies["deleted"]) if method == "DELETE" else (200, bodies["persona"])
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return app
