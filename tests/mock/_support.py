"""Test support: an in-process client for the mock that checks every response against the spec."""

from __future__ import annotations

import re
from typing import Any

import httpx
from jsonschema import Draft202012Validator

from anam_contract.mock import DEFAULT_API_KEY, MockFixtures, create_app
from anam_contract.spec import Spec

SPEC = Spec.load()

AVATAR_LIV = "071b0286-4cce-4808-bee2-e642f1062de3"  # models cara-2, cara-3
AVATAR_CARA = "30fa96d0-26c4-4e55-94a0-517025942e18"  # models cara-3, cara-4-latest
VOICE_ZDR = "de23e340-1416-4dd8-977d-065a7ca11697"  # ELEVENLABS, ZDR
VOICE_PLAIN = "6bfbe25a-979d-40f3-a92b-5394170af54b"  # ELEVENLABS, not ZDR
VOICE_CARTESIA = "c0a7e9b2-3f5d-4c6a-9e81-7d2b4f6a1c03"  # CARTESIA, ZDR
VOICE_OPENAI = "0ad4e1f7-2c6b-4d8e-a3f5-6b9c1e2d7a05"  # OPENAI_ADVANCED_VOICE: no options variant
LLM_ZDR = "a7cf662c-2ace-4de1-a21e-ef0fbf144bb7"
LLM_PLAIN = "7736a22f-2d79-4720-952c-25fdca55ad40"


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


class ResponseChecker:
    """Validators for every documented (operation, status) response, built once from the spec."""

    def __init__(self, spec: Spec) -> None:
        self._routes: list[tuple[str, re.Pattern[str], dict[str, Draft202012Validator]]] = []
        for method, path, operation in spec.operations():
            pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
            validators: dict[str, Draft202012Validator] = {}
            for status, response in operation["responses"].items():
                content = spec.resolve(response).get("content", {})
                if "application/json" in content:
                    validators[status] = spec.validator(content["application/json"]["schema"])
            self._routes.append((method, pattern, validators))
        self._error = spec.component_validator("Error")

    def check(self, method: str, path: str, response: httpx.Response) -> None:
        # The spec documents 500, but the mock must never need it: bad input is always a 4xx.
        assert response.status_code < 500, f"{method} {path} answered {response.status_code}: {response.text}"
        status = str(response.status_code)
        assert response.headers.get("content-type", "").startswith("application/json"), response.headers
        body = response.json()
        same_path = [(m, v) for m, pattern, v in self._routes if pattern.match(path)]
        documented = [v for m, v in same_path if m == method]
        if not documented:
            # Only the routing answers are undocumented: an unknown path or an unsupported method.
            assert status == ("405" if same_path else "404"), (method, path, status)
            assert "allow" in response.headers or status == "404"
            _assert_valid(self._error, body)
            return
        validators = documented[0]
        assert status in validators, f"{method} {path} answered {status}, which the spec does not document"
        _assert_valid(validators[status], body)


def _assert_valid(validator: Draft202012Validator, body: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, errors


CHECKER = ResponseChecker(SPEC)


def conforming_client(
    fixtures: MockFixtures | None = None, *, spec: Spec | None = None, key: str | None = DEFAULT_API_KEY
) -> httpx.AsyncClient:
    """An AsyncClient on a fresh mock whose every response is checked against the spec."""

    async def check(response: httpx.Response) -> None:
        await response.aread()
        CHECKER.check(response.request.method, response.request.url.path, response)

    app = create_app(fixtures, spec=spec or SPEC)  # the shared SPEC: no re-reading per test
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://mock.test",
        headers=auth(key) if key else None,
        event_hooks={"response": [check]},
    )
