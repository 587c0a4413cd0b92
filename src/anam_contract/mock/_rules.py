"""The documented rules the spec cannot express, applied to a create or update body.

The body has already passed the spec's own schema (`_validation`); what is left is what depends on
the organisation: catalogue membership, the avatar models an avatar supports, zero data retention,
and which `voiceGenerationOptions` variant the voice's provider takes. `apply` builds the persona a
body produces; it never mutates the persona it starts from, so a store can swap records atomically.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator

from anam_contract.mock._catalogue import CatalogueAvatar, CatalogueVoice, Organisation
from anam_contract.mock._errors import ApiError, Detail, bad_request

JSON = Any
# Provider -> (schema name, validator) of each accepted variant; None when the spec lists no variants.
Variants = Mapping[str, tuple[tuple[str, Draft202012Validator], ...]] | None

# The llmId the docs name for "run without an LLM"; the persona then shows `llmId: null`.
NO_LLM = "CUSTOMER_CLIENT_V1"
DEFAULT_NAME = "Untitled persona"

# Body fields kept but not shown: the documented persona has no place for them.
_HIDDEN = ("uninterruptibleGreeting", "languageCode")
# Body fields copied as they are onto the persona field of the same name.
_PLAIN = ("name", "description", "skipGreeting", "zeroDataRetention", "voiceDetectionOptions")
# What an explicit null (where a future spec allows one) sets a plain field to.
_CLEARED: dict[str, JSON] = {"name": DEFAULT_NAME, "skipGreeting": False, "zeroDataRetention": False}


@dataclass(frozen=True, slots=True)
class StoredPersona:
    public: Mapping[str, JSON]  # exactly the `Persona` the API returns; replaced, never mutated
    hidden: Mapping[str, JSON] = field(default_factory=dict)
    updated_ms: int = 0


def create_defaults(org: Organisation) -> dict[str, JSON]:
    """What an omitted resource field means on create: the first of its kind in the catalogue."""
    defaults: dict[str, JSON] = {"llmId": next(iter(org.llms), NO_LLM)}
    if org.avatars:
        defaults["avatarId"] = next(iter(org.avatars))
    if org.voices:
        defaults["voiceId"] = next(iter(org.voices))
    return defaults


def blank_persona(persona_id: str, stamp: str) -> dict[str, JSON]:
    return {
        "id": persona_id,
        "name": DEFAULT_NAME,
        "description": None,
        "personaPreset": "",
        "avatar": None,
        "avatarModel": None,
        "voice": None,
        "voiceSpeed": 1,
        "llmId": None,
        "brain": {"personality": None, "systemPrompt": None},
        "tools": [],
        "knowledge": [],
        "shareLinks": None,
        "primaryShareLink": None,
        "enableAudioPassthrough": False,
        "skipGreeting": False,
        "zeroDataRetention": False,
        "voiceDetectionOptions": None,
        "voiceGenerationOptions": None,
        "widgetConfig": {},
        "createdAt": stamp,
        "updatedAt": stamp,
    }


def apply(
    org: Organisation, before: StoredPersona, body: Mapping[str, JSON], variants: Variants
) -> tuple[dict[str, JSON], dict[str, JSON]]:
    """The public record and hidden fields after `body`; raises `ApiError` (400) on a broken rule."""
    persona = dict(before.public)
    hidden = dict(before.hidden)
    for name in ("avatarId", "voiceId"):
        if name in body and body[name] is None:
            raise bad_request(name, "cannot be cleared: a persona always has one")
    if body.get("avatarId") is not None:
        avatar = _avatar(org, body["avatarId"])
        persona["avatar"] = avatar.record
        if "avatarModel" not in body and persona["avatarModel"] not in avatar.models:
            persona["avatarModel"] = None  # the new avatar cannot render the old model
    if persona["avatar"] is None:
        raise bad_request("avatarId", "is required: your organisation has no avatar to default to")
    if "avatarModel" in body:
        model = body["avatarModel"]
        if model is not None and model not in org.avatars[persona["avatar"]["id"]].models:
            raise bad_request("avatarModel", f"avatar {persona['avatar']['id']} does not support {model}")
        persona["avatarModel"] = model
    if body.get("voiceId") is not None:
        persona["voice"] = _voice(org, body["voiceId"]).record
        if "voiceGenerationOptions" not in body:
            persona["voiceGenerationOptions"] = None  # options of the old provider may not fit the new one
    if persona["voice"] is None:
        raise bad_request("voiceId", "is required: your organisation has no voice to default to")
    if "voiceGenerationOptions" in body:
        options = body["voiceGenerationOptions"]
        if options is not None:
            _check_variant(org.voices[persona["voice"]["id"]], options, variants)
        persona["voiceGenerationOptions"] = options
    if "llmId" in body:
        persona["llmId"] = _llm_id(org, body["llmId"])
    if "toolIds" in body:
        persona["tools"] = _tools(org, body["toolIds"] or [])
    if "systemPrompt" in body:
        persona["brain"] = {**persona["brain"], "systemPrompt": body["systemPrompt"]}
    for name in _PLAIN:
        if name in body:
            value = body[name]
            persona[name] = _CLEARED.get(name) if value is None else value
    for name in _HIDDEN:
        if name in body:
            hidden[name] = body[name]
    if persona["zeroDataRetention"]:
        _check_zdr(org, persona, body)
    return persona, hidden


def _avatar(org: Organisation, avatar_id: str) -> CatalogueAvatar:
    avatar = org.avatars.get(avatar_id)
    if avatar is None:
        raise bad_request("avatarId", f"no avatar {avatar_id} in your organisation")
    return avatar


def _voice(org: Organisation, voice_id: str) -> CatalogueVoice:
    voice = org.voices.get(voice_id)
    if voice is None:
        raise bad_request("voiceId", f"no voice {voice_id} in your organisation")
    return voice


def _llm_id(org: Organisation, llm_id: str | None) -> str | None:
    if llm_id is None or llm_id == NO_LLM:
        return None
    if llm_id not in org.llms:
        raise bad_request("llmId", f"no LLM {llm_id} in your organisation (use {NO_LLM} for none)")
    return llm_id


def _tools(org: Organisation, tool_ids: list[str]) -> list[dict[str, str]]:
    tools: dict[str, dict[str, str]] = {}  # by id: a repeated id attaches the tool once
    for index, tool_id in enumerate(tool_ids):
        tool = org.tools.get(tool_id)
        if tool is None:
            problem = f"no tool {tool_id} in your organisation"
            raise ApiError(400, "invalid_request", f"toolIds: {problem}", (Detail(f"/toolIds/{index}", problem),))
        tools.setdefault(tool.id, {"id": tool.id, "name": tool.name})
    return list(tools.values())


def _check_variant(voice: CatalogueVoice, options: JSON, variants: Variants) -> None:
    if variants is None:  # the spec names no variants: its union schema has already decided
        return
    accepted = variants.get(voice.provider, ())
    if not accepted:
        raise bad_request("voiceGenerationOptions", f"{voice.provider} voices take no voiceGenerationOptions")
    if any(validator.is_valid(options) for _, validator in accepted):
        return
    validator = accepted[0][1]
    problems = sorted(validator.iter_errors(options), key=lambda e: list(map(str, e.absolute_path)))
    first = problems[0]
    inner = "".join(f"/{p}" for p in first.absolute_path)
    message = f"not valid for {voice.provider} voices ({' or '.join(n for n, _ in accepted)}): {first.message}"
    raise ApiError(
        400,
        "invalid_request",
        f"voiceGenerationOptions: {message}",
        (Detail(f"/voiceGenerationOptions{inner}", message[:300]),),
    )


def _check_zdr(org: Organisation, persona: Mapping[str, JSON], body: Mapping[str, JSON]) -> None:
    # Blame what the caller sent: asking for ZDR blames zeroDataRetention; changing only the voice or
    # LLM of a persona that already has ZDR blames that field.
    def blame(name: str) -> str:
        return "zeroDataRetention" if "zeroDataRetention" in body or name not in body else name

    if not org.enterprise:
        raise bad_request("zeroDataRetention", "needs an enterprise organisation")
    voice = org.voices[persona["voice"]["id"]]
    if not voice.is_zdr:
        raise bad_request(blame("voiceId"), f"voice {voice.id} does not support zero data retention")
    llm_id = persona["llmId"]
    if llm_id is not None and not org.llms[llm_id].is_zdr:
        raise bad_request(blame("llmId"), f"LLM {llm_id} does not support zero data retention")
