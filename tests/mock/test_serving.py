"""The embedded server the HTTP tests use: ready when it listens, an error as soon as it cannot start."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from anam_contract.mock import DEFAULT_API_KEY, create_app
from anam_contract.mock._serving import serving
from tests._waiting import HANG_GUARD_S


def test_the_url_answers_as_soon_as_it_is_given() -> None:
    with serving(create_app()) as base_url:
        headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
        answer = httpx.get(base_url + "/v1/personas", headers=headers, timeout=HANG_GUARD_S)
    assert answer.status_code == 200


async def _fails_to_start(scope: dict[str, Any], receive: Any, send: Any) -> None:
    assert scope["type"] == "lifespan"
    await receive()
    await send({"type": "lifespan.startup.failed", "message": "no database"})


def test_a_server_that_cannot_start_is_an_error_once_its_thread_ends_not_after_a_wait() -> None:
    with pytest.raises(RuntimeError, match="did not start"), serving(_fails_to_start):
        pass
