from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from ._support import conforming_client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with conforming_client() as http:
        yield http
