"""What an organisation has: keys, catalogue (avatars, voices, LLMs, tools) and starting personas.

Plain frozen data, built by `_fixtures` from a fixtures file or the built-in defaults. Avatars and
voices keep the exact JSON object a persona embeds, so expanding one into a persona is a copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSON = Any


@dataclass(frozen=True, slots=True)
class ApiKey:
    # repr=False: a key must never reach a log line or a traceback through a repr.
    key: str = field(repr=False)
    read_only: bool = False


@dataclass(frozen=True, slots=True)
class CatalogueAvatar:
    id: str
    record: Mapping[str, JSON]  # the `Avatar` object as a persona shows it
    models: frozenset[str]  # avatar models (`avatarModel`) this avatar can render with


@dataclass(frozen=True, slots=True)
class CatalogueVoice:
    id: str
    record: Mapping[str, JSON]  # the `Voice` object as a persona shows it

    @property
    def provider(self) -> str:
        return str(self.record["provider"])

    @property
    def is_zdr(self) -> bool:
        return bool(self.record["isZdr"])


@dataclass(frozen=True, slots=True)
class CatalogueLlm:
    id: str
    name: str
    is_zdr: bool


@dataclass(frozen=True, slots=True)
class CatalogueTool:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    enterprise: bool
    keys: tuple[ApiKey, ...]
    avatars: Mapping[str, CatalogueAvatar]  # by id, in file order (the first is the default)
    voices: Mapping[str, CatalogueVoice]
    llms: Mapping[str, CatalogueLlm]
    tools: Mapping[str, CatalogueTool]
    # Personas present when the mock starts: create bodies, optionally with a fixed `id`.
    personas: tuple[Mapping[str, JSON], ...] = ()


@dataclass(frozen=True, slots=True)
class MockFixtures:
    """Everything the mock starts with: the organisations, their keys, catalogues and personas."""

    organisations: tuple[Organisation, ...]

    def organisation_for_key(self) -> dict[str, tuple[Organisation, bool]]:
        """Key -> (organisation, read-only)."""
        return {k.key: (org, k.read_only) for org in self.organisations for k in org.keys}
