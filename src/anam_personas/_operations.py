"""One request builder per operation of the spec, shared by the sync and the async client.

Each builder takes the request from the generated module's `_get_kwargs`, so paths, query
names and body encoding always come from the spec through the generator, and pairs it with the
generated model that parses a success body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from anam_personas_client.api.personas import (
    create_persona,
    delete_persona,
    get_persona,
    list_personas,
    update_persona,
)
from anam_personas_client.models import (
    CreatePersonaRequest,
    DeletePersonaResponse,
    Persona,
    PersonaList,
    UpdatePersonaRequest,
)
from anam_personas_client.types import UNSET

from anam_personas import _tolerant
from anam_personas._schema_data import OPERATIONS
from anam_personas._violations import SpecViolation

T = TypeVar("T")


@dataclass(frozen=True)
class Call(Generic[T]):
    """A ready-to-send request and the generated model its success body is read into."""

    operation_id: str
    request: dict[str, Any]
    model: type[T]

    def parse(self, data: Any, shown: Any = None) -> tuple[T, tuple[SpecViolation, ...]]:
        """The model built from any JSON `data` without raising, and what in it breaks the spec
        (quoting `shown`, a redacted copy of `data`, when given)."""
        built, violations = _tolerant.parse(OPERATIONS[self.operation_id], data, shown)
        if not isinstance(built, self.model):
            raise TypeError(f"{self.operation_id} built a {type(built).__name__}, not a {self.model.__name__}")
        return built, violations

    @property
    def method(self) -> str:
        return str(self.request["method"]).upper()

    @property
    def label(self) -> str:
        return f"{self.method} {self.request['url']}"


def _uuid(persona_id: UUID | str) -> UUID:
    # Checked here so a malformed id fails before any network traffic, with a clear message.
    if isinstance(persona_id, UUID):
        return persona_id
    try:
        return UUID(str(persona_id))
    except ValueError:
        raise ValueError(f"persona id must be a UUID, not {persona_id!r}") from None


def create(body: CreatePersonaRequest) -> Call[Persona]:
    return Call("createPersona", create_persona._get_kwargs(body=body), Persona)


def get(persona_id: UUID | str) -> Call[Persona]:
    return Call("getPersona", get_persona._get_kwargs(_uuid(persona_id)), Persona)


def update(persona_id: UUID | str, body: UpdatePersonaRequest) -> Call[Persona]:
    return Call("updatePersona", update_persona._get_kwargs(_uuid(persona_id), body=body), Persona)


def list_page(page: int, per_page: int, search: str | None) -> Call[PersonaList]:
    request = list_personas._get_kwargs(page=page, per_page=per_page, search=UNSET if search is None else search)
    return Call("listPersonas", request, PersonaList)


def delete(persona_id: UUID | str) -> Call[DeletePersonaResponse]:
    return Call("deletePersona", delete_persona._get_kwargs(_uuid(persona_id)), DeletePersonaResponse)
