"""Code a user of the installed `anam-personas` wheel would write; `make package` runs mypy --strict on it.

Run with `--disallow-any-expr` too: every expression must have a real type, so a missing `py.typed`
or an untyped public method (which would make these `Any`) fails the check. `assert_type` pins
the types a user relies on; it does nothing at run time.
"""

from __future__ import annotations

from typing import assert_type

from anam_personas import (
    SPEC_VERSION,
    Anam,
    AsyncAnam,
    CreatePersonaRequest,
    NotFoundError,
    Persona,
    PersonaList,
    PersonaSummary,
    RawResponse,
    RetryPolicy,
    __version__,
)


def use_the_client(client: Anam) -> str:
    persona = client.personas.create(CreatePersonaRequest(name="Typed Cara"))
    assert_type(persona, Persona)
    assert_type(persona.name, str)
    page = client.personas.list(per_page=5)
    assert_type(page, PersonaList)
    assert_type(page.data, list[PersonaSummary])
    raw = client.with_options(retry=RetryPolicy(max_retries=1)).personas.with_raw_response.get(persona.id)
    assert_type(raw, RawResponse[Persona])
    assert_type(raw.status_code, int)
    assert_type(raw.request_id, str | None)
    try:
        client.personas.delete(persona.id)
    except NotFoundError as error:
        assert_type(error.status_code, int)
    return f"{__version__} {SPEC_VERSION} {raw.parsed.id}"


async def use_the_async_client(client: AsyncAnam) -> list[str]:
    persona = await client.personas.get("00000000-0000-0000-0000-000000000000")
    assert_type(persona, Persona)
    return [summary.name async for summary in client.personas.iter_all()]
