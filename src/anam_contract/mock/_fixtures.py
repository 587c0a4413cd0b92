"""Read a fixtures file (JSON or YAML) into `MockFixtures`, refusing a bad one with a clear message.

The file's own shape is checked with a small JSON Schema kept here (it describes this file, not
the API). Avatars and voices are then completed with neutral defaults and checked against the
spec's `Avatar` and `Voice` schemas, so every persona that embeds them still conforms.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from anam_contract.mock._catalogue import (
    ApiKey,
    CatalogueAvatar,
    CatalogueLlm,
    CatalogueTool,
    CatalogueVoice,
    MockFixtures,
    Organisation,
)
from anam_contract.spec import Spec

JSON = Any

# Timestamp shown for catalogue entries whose file gives none.
_EPOCH = "2026-01-01T00:00:00.000Z"

_UUID = {"type": "string", "format": "uuid"}
_FILE_SCHEMA: dict[str, JSON] = {
    "type": "object",
    "required": ["organisations"],
    "additionalProperties": False,
    "properties": {
        "organisations": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "name", "keys"],
                "additionalProperties": False,
                "properties": {
                    "id": _UUID,
                    "name": {"type": "string"},
                    "enterprise": {"type": "boolean"},
                    "keys": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["key"],
                            "additionalProperties": False,
                            "properties": {
                                "key": {"type": "string", "minLength": 8, "pattern": "^[!-~]+$"},
                                "readOnly": {"type": "boolean"},
                            },
                        },
                    },
                    "avatars": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "models"],
                            "properties": {"id": _UUID, "models": {"type": "array", "items": {"type": "string"}}},
                        },
                    },
                    "voices": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "provider", "isZdr"],
                            "properties": {"id": _UUID},
                        },
                    },
                    "llms": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "isZdr"],
                            "additionalProperties": False,
                            "properties": {"id": _UUID, "name": {"type": "string"}, "isZdr": {"type": "boolean"}},
                        },
                    },
                    "tools": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id"],
                            "additionalProperties": False,
                            "properties": {"id": {"type": "string", "minLength": 1}, "name": {"type": "string"}},
                        },
                    },
                    "personas": {"type": "array", "items": {"type": "object", "properties": {"id": _UUID}}},
                },
            },
        }
    },
}
_FILE_VALIDATOR = Draft202012Validator(_FILE_SCHEMA, format_checker=FormatChecker())


class FixtureError(Exception):
    """The fixtures file cannot be read or does not describe a valid set of organisations."""


def load_fixtures(path: Path | str, *, spec: Spec | None = None) -> MockFixtures:
    """Read and check a fixtures file; `.json` is read as JSON, anything else as YAML."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise FixtureError(f"cannot read fixtures file {path}: {reason}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        kind = "JSON" if path.suffix.lower() == ".json" else "YAML"
        raise FixtureError(f"fixtures file {path} is not valid {kind}: {_parse_problem(error)}") from None
    try:
        return parse_fixtures(data, spec=spec)
    except FixtureError as error:
        raise FixtureError(f"fixtures file {path}: {error}") from None


def _parse_problem(error: Exception) -> str:
    """One line: what the parser disliked and where."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return f"{error.problem} at line {mark.line + 1}, column {mark.column + 1}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def parse_fixtures(data: JSON, *, spec: Spec | None = None) -> MockFixtures:
    """Check already-parsed fixtures data (the file's content) and build `MockFixtures`."""
    errors = sorted(_FILE_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        # A schema message quotes the offending value; for a key that value is a secret.
        message = (
            "not a valid API key (8 or more printable characters)" if "keys" in first.absolute_path else first.message
        )
        raise FixtureError(f"{_where(first.absolute_path) or '(top level)'}: {message}")
    spec = spec or Spec.load()
    avatar_check = spec.component_validator("Avatar")
    voice_check = spec.component_validator("Voice")
    organisations = tuple(
        _organisation(raw, index, avatar_check, voice_check) for index, raw in enumerate(data["organisations"])
    )
    _check_unique((o.id for o in organisations), "organisation id")
    _check_unique((k.key for o in organisations for k in o.keys), "API key")
    return MockFixtures(organisations)


def _organisation(
    raw: Mapping[str, JSON], index: int, avatar_check: Draft202012Validator, voice_check: Draft202012Validator
) -> Organisation:
    where = f"organisations[{index}]"
    avatars = [
        CatalogueAvatar(
            a["id"],
            _checked(_avatar_record(a), avatar_check, f"{where}.avatars[{i}]"),
            frozenset(a["models"]),
        )
        for i, a in enumerate(raw.get("avatars", []))
    ]
    voices = [
        CatalogueVoice(v["id"], _checked(_voice_record(v), voice_check, f"{where}.voices[{i}]"))
        for i, v in enumerate(raw.get("voices", []))
    ]
    llms = [CatalogueLlm(m["id"], m.get("name", m["id"]), m["isZdr"]) for m in raw.get("llms", [])]
    tools = [CatalogueTool(t["id"], t.get("name", t["id"])) for t in raw.get("tools", [])]
    for kind, ids in (("avatar", avatars), ("voice", voices), ("LLM", llms), ("tool", tools)):
        _check_unique((entry.id for entry in ids), f"{where} {kind} id")
    return Organisation(
        id=raw["id"],
        name=raw["name"],
        enterprise=raw.get("enterprise", False),
        keys=tuple(ApiKey(k["key"], k.get("readOnly", False)) for k in raw["keys"]),
        avatars={a.id: a for a in avatars},
        voices={v.id: v for v in voices},
        llms={m.id: m for m in llms},
        tools={t.id: t for t in tools},
        personas=tuple(raw.get("personas", [])),
    )


def _avatar_record(raw: Mapping[str, JSON]) -> dict[str, JSON]:
    ident = raw["id"]
    record: dict[str, JSON] = {
        "id": ident,
        "displayName": f"Avatar {ident[:8]}",
        "variantName": "default",
        "imageUrl": f"https://mock.anam.invalid/avatars/{ident}/image.png",
        "videoUrl": f"https://mock.anam.invalid/avatars/{ident}/idle.mp4",
        "createdAt": _EPOCH,
        "updatedAt": _EPOCH,
        "createdByOrganizationId": None,
        "availableVersions": ["v2"],
        "activeVersion": "v2",
    }
    record.update((k, v) for k, v in raw.items() if k != "models")
    return record


def _voice_record(raw: Mapping[str, JSON]) -> dict[str, JSON]:
    ident = raw["id"]
    record: dict[str, JSON] = {
        "id": ident,
        "displayName": f"Voice {ident[:8]}",
        "provider": raw["provider"],
        "providerVoiceId": ident,
        "providerModelId": "",
        "sampleUrl": f"https://mock.anam.invalid/voices/{ident}/sample.mp3",
        "previewSampleUrl": f"https://mock.anam.invalid/voices/{ident}/preview.mp3",
        "gender": None,
        "country": "GB",
        "description": "",
        "displayTags": [],
        "isZdr": raw["isZdr"],
        "createdByOrganizationId": None,
        "createdAt": _EPOCH,
        "updatedAt": _EPOCH,
    }
    record.update(raw)
    return record


def _checked(record: dict[str, JSON], validator: Draft202012Validator, where: str) -> dict[str, JSON]:
    error = next(iter(sorted(validator.iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))), None)
    if error is not None:
        inner = _where(error.absolute_path)
        raise FixtureError(f"{where}{'.' + inner if inner else ''}: {error.message}")
    return record


def _check_unique(values: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            # Keys are secrets: name the problem, never the value.
            shown = "" if what == "API key" else f" {value}"
            raise FixtureError(f"duplicate {what}{shown}")
        seen.add(value)


def _where(path: Iterable[str | int]) -> str:
    """`organisations[0].avatars[1].id` style location of a value in the file."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
