"""Read a fixtures file (JSON or YAML) into `MockFixtures`, refusing a bad one with a clear message.

The file's own shape is checked with a small JSON Schema kept here (it describes this file, not
the API). Avatars and voices are then completed with neutral defaults and checked against the
spec's `Avatar` and `Voice` schemas, so every persona that embeds them still conforms.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from anam_contract.inputs import InputError, parse_yaml, read_text
from anam_contract.mock._catalogue import (
    ApiKey,
    CatalogueAvatar,
    CatalogueLlm,
    CatalogueTool,
    CatalogueVoice,
    MockFixtures,
    Organisation,
)
from anam_contract.spec import Spec, json_type

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
        text = read_text(path, "fixtures file")
        is_json = path.suffix.lower() == ".json"
        data = _parse_json(text, path) if is_json else parse_yaml(text, "fixtures file", path)
    except InputError as error:
        raise FixtureError(str(error)) from None
    try:
        return parse_fixtures(data, spec=spec)
    except FixtureError as error:
        raise FixtureError(f"fixtures file {path}: {error}") from None


def _parse_json(text: str, path: Path) -> JSON:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputError("fixtures file", path, f"not valid JSON: {error.msg} ({where})", error.lineno) from None
    except RecursionError:
        raise InputError("fixtures file", path, "nested too deeply to read") from None


def parse_fixtures(data: JSON, *, spec: Spec | None = None) -> MockFixtures:
    """Check already-parsed fixtures data (the file's content) and build `MockFixtures`."""
    errors = sorted(_FILE_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        raise FixtureError(f"{_where(first.absolute_path) or '(top level)'}: {_file_problem(first)}")
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
        personas=tuple(_with_canonical_id(p) for p in raw.get("personas", [])),
    )


def _with_canonical_id(persona: Mapping[str, JSON]) -> dict[str, JSON]:
    """The persona with its id spelt as the HTTP side spells a path id (lower case), so an id
    written in capitals is found by GET and the same UUID in two cases is one (duplicate) id."""
    if "id" not in persona:
        return dict(persona)
    return {**persona, "id": str(uuid.UUID(persona["id"]))}


def _file_problem(error: ValidationError) -> str:
    """What is wrong, in words of the file's own schema, never quoting the file.

    jsonschema's messages quote the offending value, and in a fixtures file that value can be (or
    contain) an API key: `organisations: {key: ...}` would echo the key. Only the schema's words
    and the JSON type of the value found are used here.
    """
    keyword, expected = str(error.validator), cast(JSON, error.validator_value)
    schema = cast(dict[str, JSON], error.schema)
    if keyword == "type":
        return f"must be {_a(expected)}, not {_a(json_type(error.instance))}"
    if keyword == "required" and isinstance(error.instance, dict):
        missing = [name for name in expected if name not in error.instance]
        return f"lacks `{missing[0]}`" if missing else "lacks a required field"
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        unknown = sorted(str(name) for name in error.instance if name not in allowed)
        # A field name is the user's text too: name it only when it reads as a field name (a
        # camelCase word), never when it could be a misplaced key (digits, dashes, long).
        shown = f"`{unknown[0]}`" if unknown and _FIELD_NAME.fullmatch(unknown[0]) else "a field"
        return f"has {shown}, which this file does not know (allowed: {', '.join(allowed)})"
    if keyword == "minItems":
        return f"needs at least {expected} item{'s' if expected != 1 else ''}"
    if keyword == "format":
        return f"must be a {expected.upper() if expected == 'uuid' else expected}"
    if "keys" in error.absolute_path:
        return "not a valid API key (8 or more printable characters)"
    return f"does not meet `{keyword}: {expected}`"


_FIELD_NAME = re.compile(r"[a-z][A-Za-z]{0,29}")


def _a(type_name: str) -> str:
    words = {"object": "a mapping", "array": "a list", "null": "null", "integer": "an integer"}
    return words.get(type_name, f"a {type_name}")


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
