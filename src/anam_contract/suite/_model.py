"""A model of the API's documented behaviour, written from the docs and openapi/NOTES.md alone.

It keeps, per organisation, what every persona must look like after the requests the suite sent,
and says for each new request what must come back: which status, which persona, which page. It
never looks inside the mock; what it cannot know (a live organisation's catalogue, the defaults a
live server fills in) it learns from responses, and it checks only what the docs guarantee.

`Expected` is the result of applying a request to the model: the statuses allowed (None: any), and
for a successful answer the persona it must show. Top-level fields of the persona are compared
exactly, except those listed in `contains` (only what was sent must be there) and `loose` (not
compared: the docs leave the value open).
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from anam_contract.spec import Spec
from anam_contract.suite._catalogue import NO_LLM, Catalogue

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Body fields copied as they are onto the persona field of the same name.
_PLAIN = ("name", "description", "skipGreeting", "zeroDataRetention", "avatarModel")
# Objects the API may complete: only the properties the request sent must be there.
_OPTIONS = ("voiceDetectionOptions", "voiceGenerationOptions")
# What an omitted create field becomes (NOTES M2); only checked where the catalogue is known.
_CREATE_DEFAULTS: dict[str, Any] = {
    "name": "Untitled persona",
    "description": None,
    "avatarModel": None,
    "voiceDetectionOptions": None,
    "voiceGenerationOptions": None,
    "tools": [],
    "skipGreeting": False,
    "zeroDataRetention": False,
    # Fields no request sets take the example response's values (NOTES M2).
    "personaPreset": "",
    "voiceSpeed": 1,
    "knowledge": [],
    "shareLinks": None,
    "primaryShareLink": None,
    "enableAudioPassthrough": False,
    "widgetConfig": {},
}


# NOTES M6: a create or update body over 256 KiB is a 413. The mock's documented limit; a live
# API's is not documented, so only a complete (in-process) catalogue judges it.
BODY_LIMIT = 256 * 1024


def body_size(body: Any) -> int:
    """The bytes of `body` as the suite sends JSON (json.dumps with its default separators)."""
    return len(json.dumps(body).encode())


def persona_id(raw: str) -> str | None:
    """The id in its one spelling (ids match whatever their letter case), or None if not a UUID."""
    return raw.lower() if _UUID.fullmatch(raw) else None


@dataclass
class Expected:
    statuses: frozenset[int] | None
    persona: dict[str, Any] | None = None
    contains: set[str] = field(default_factory=set)
    loose: set[str] = field(default_factory=set)
    # (pointer, rule) pairs a response must satisfy beyond equality, e.g. updatedAt moving.
    later_than: str | None = None
    # The documented rule a wrong status breaks, for the report.
    status_rule: str = "status"


@dataclass
class Organisation:
    catalogue: Catalogue
    personas: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id, in creation order
    gone: set[str] = field(default_factory=set)
    # Ids known to name nobody (random UUIDs a live run drew): a 404 for this organisation too.
    nobody: set[str] = field(default_factory=set)


class Model:
    """The personas every organisation must have, and the documented effect of each request."""

    def __init__(self, spec: Spec, catalogues: dict[str, Catalogue]) -> None:
        self.spec = spec
        self.orgs = {name: Organisation(catalogue) for name, catalogue in catalogues.items()}
        self.exercised: Counter[str] = Counter()
        schemas = spec.document["components"]["schemas"]
        self._create = spec.component_validator("CreatePersonaRequest")
        self._update = spec.component_validator("UpdatePersonaRequest")
        variants = spec.resolve(schemas.get("VoiceGenerationOptions", {})).get("x-anam-variants")
        self._variants = (
            None
            if variants is None
            else {provider: [spec.component_validator(name) for name in names] for provider, names in variants.items()}
        )
        summary = spec.resolve(schemas["PersonaSummary"])
        self.summary_fields = tuple(summary.get("properties", {}))

    # -- what a request must do -------------------------------------------------------------

    def verdict(self, org: Organisation, current: dict[str, Any] | None, body: dict[str, Any]) -> str | None:
        """'' when the documented rules accept `body`, the field they refuse it for, or None: unknown."""
        cat = org.catalogue
        avatar_id = body.get("avatarId", _id_of(current, "avatar") if current else next(iter(cat.avatars), None))
        voice_id = body.get("voiceId", _id_of(current, "voice") if current else next(iter(cat.voices), None))
        for name, known in (("avatarId", cat.avatars), ("voiceId", cat.voices), ("llmId", cat.llms)):
            if name in body and body[name] != NO_LLM and body[name] not in known:
                return name if cat.complete else None
        for index, tool in enumerate(body.get("toolIds") or []):
            if tool not in cat.tools:
                return f"toolIds/{index}" if cat.complete else None
        if "avatarModel" in body:
            models = cat.avatars.get(avatar_id) if avatar_id else None
            if models is None:
                return None
            if body["avatarModel"] not in models:
                return "avatarModel"
        options = body.get("voiceGenerationOptions")
        if options is not None:
            provider = cat.voices.get(voice_id) if voice_id else None
            if provider is None or self._variants is None:
                return None
            if not any(v.is_valid(options) for v in self._variants.get(provider, [])):
                return "voiceGenerationOptions"
        zdr = body.get("zeroDataRetention", bool(current and current.get("zeroDataRetention")))
        if zdr:
            return self._zdr(cat, current, body, voice_id)
        return ""

    def _zdr(self, cat: Catalogue, current: dict[str, Any] | None, body: dict[str, Any], voice: Any) -> str | None:
        llm = body.get("llmId", current.get("llmId") if current else next(iter(cat.llms), None))
        llm = None if llm == NO_LLM else llm
        if cat.enterprise is None or voice not in cat.voice_zdr or (llm is not None and cat.llms.get(llm) is None):
            return None
        if not cat.enterprise or not cat.voice_zdr[voice] or (llm is not None and not cat.llms[llm]):
            return "zeroDataRetention"
        return ""

    def expect_create(self, org: Organisation, body: Any) -> Expected:
        if not isinstance(body, dict) or not self._create.is_valid(body):
            return Expected(frozenset({400}), status_rule="request_schema")
        verdict = self.verdict(org, None, body)
        if verdict is None:
            return Expected(None, self._created(org, body), *self._create_leeway(org, body))
        if verdict:
            return Expected(frozenset({400}), status_rule=f"catalogue_{_snake(verdict)}")
        return Expected(frozenset({201}), self._created(org, body), *self._create_leeway(org, body))

    def _created(self, org: Organisation, body: dict[str, Any]) -> dict[str, Any]:
        cat = org.catalogue
        persona: dict[str, Any] = dict(_CREATE_DEFAULTS) if cat.complete else {}
        if cat.complete:
            persona["avatar"] = {"id": next(iter(cat.avatars), None)}
            persona["voice"] = {"id": next(iter(cat.voices), None)}
            persona["llmId"] = next(iter(cat.llms), None)
            persona["brain"] = {"systemPrompt": None}
        _apply(persona, body, None)
        return persona

    def _create_leeway(self, org: Organisation, body: dict[str, Any]) -> tuple[set[str], set[str]]:
        contains = {"avatar", "voice", "brain", "tools", *(name for name in _OPTIONS if body.get(name) is not None)}
        return contains, set()

    def expect_update(self, org: Organisation, pid: str, body: Any) -> Expected:
        if not isinstance(body, dict) or not self._update.is_valid(body):
            return Expected(frozenset({400}), status_rule="request_schema")
        current = org.personas.get(pid)
        if current is None:
            known_gone = org.catalogue.complete or pid in org.gone or pid in org.nobody
            return Expected(frozenset({404}) if known_gone else None, status_rule="not_found")
        verdict = self.verdict(org, current, body)
        expected = copy.deepcopy(current)
        contains, loose = self._changes(org, current, expected, body)
        if verdict:
            return Expected(frozenset({400}), status_rule=f"catalogue_{_snake(verdict)}")
        statuses = None if verdict is None else frozenset({200})
        return Expected(statuses, expected, contains, loose | {"updatedAt"}, later_than=current.get("updatedAt"))

    def _changes(
        self, org: Organisation, current: dict[str, Any], expected: dict[str, Any], body: dict[str, Any]
    ) -> tuple[set[str], set[str]]:
        """Apply the documented update rules to `expected`; the fields compared loosely."""
        contains = {name for name in _OPTIONS if body.get(name) is not None}
        if "toolIds" in body:
            contains.add("tools")
        if "systemPrompt" in body:
            # The docs say where the prompt goes, not what else `brain` holds: what the model does
            # not know of it (a live persona never read, or one whose brain broke the schema) is
            # not expected to be absent.
            contains.add("brain")
        loose: set[str] = set()
        new_avatar = body.get("avatarId")
        if new_avatar is not None and new_avatar != _id_of(current, "avatar"):
            contains.add("avatar")
            if "avatarModel" not in body:
                models = org.catalogue.avatars.get(new_avatar)
                if models is None:
                    loose.add("avatarModel")
                elif current.get("avatarModel") is not None and current.get("avatarModel") not in models:
                    expected["avatarModel"] = None
                    self.exercised["avatar_change_resets_model"] += 1
                elif current.get("avatarModel") is not None:
                    self.exercised["avatar_change_keeps_model"] += 1
        new_voice = body.get("voiceId")
        if new_voice is not None:
            if new_voice != _id_of(current, "voice"):
                contains.add("voice")
                if "voiceGenerationOptions" not in body:
                    expected["voiceGenerationOptions"] = None
                    self.exercised["voice_change_resets_options"] += 1
                else:
                    self.exercised["voice_change_with_new_options"] += 1
            elif "voiceGenerationOptions" not in body:
                loose.add("voiceGenerationOptions")  # the same voice again: the docs say nothing
        _apply(expected, body, self.exercised)
        if any(name in body for name in _PLAIN + _OPTIONS + ("systemPrompt",)):
            self.exercised["partial_update"] += 1
        return contains, loose

    def expect_read(self, org: Organisation, pid: str, method: str) -> Expected:
        current = org.personas.get(pid)
        if current is not None:
            return Expected(frozenset({200}), copy.deepcopy(current) if method == "GET" else None, status_rule="exists")
        if org.catalogue.complete or pid in org.gone or pid in org.nobody:
            return Expected(frozenset({404}), status_rule="deleted" if pid in org.gone else "not_found")
        return Expected(None)

    # -- what a list page must hold ---------------------------------------------------------

    def expected_page(self, org: Organisation, page: int, per_page: int, search: str | None) -> dict[str, Any]:
        newest_first = list(reversed(org.personas.values()))
        if search:
            needle = search.casefold()
            matching = [p for p in newest_first if needle in str(p.get("name", "")).casefold()]
            self._count_search(matching, search)
        else:
            matching = newest_first
        total = len(matching)
        last = max(1, -(-total // per_page))
        chosen = matching[(page - 1) * per_page : page * per_page]
        if total > per_page:
            self.exercised["list_more_than_one_page"] += 1
        if any(other is not org and other.personas for other in self.orgs.values()) and chosen:
            self.exercised["list_beside_another_organisation"] += 1
        return {
            "data": [{k: p[k] for k in self.summary_fields if k in p} for p in chosen],
            "meta": {
                "total": total,
                "lastPage": last,
                "currentPage": page,
                "perPage": per_page,
                "prev": min(page - 1, last) if page > 1 else None,
                "next": page + 1 if page < last else None,
            },
        }

    def _count_search(self, matching: list[dict[str, Any]], search: str) -> None:
        for persona in matching:
            name = str(persona.get("name", ""))
            if not name.casefold().startswith(search.casefold()):
                self.exercised["search_middle_of_name"] += 1
            if search not in name:
                self.exercised["search_other_letter_case"] += 1


def _apply(persona: dict[str, Any], body: dict[str, Any], exercised: Counter[str] | None) -> None:
    """The documented effect of the body's fields on the persona (create and update alike)."""
    count = exercised if exercised is not None else Counter()
    for name in _PLAIN + _OPTIONS:
        if name in body:
            persona[name] = body[name]
    for name, key in (("avatarId", "avatar"), ("voiceId", "voice")):
        if name in body and body[name] != _id_of(persona, key):
            persona[key] = {"id": body[name]}
    if "llmId" in body:
        persona["llmId"] = None if body["llmId"] == NO_LLM else body["llmId"]
        count["customer_client_v1" if body["llmId"] == NO_LLM else "llm_change"] += 1
    if "systemPrompt" in body:
        brain = persona.get("brain")
        persona["brain"] = {**(brain if isinstance(brain, dict) else {}), "systemPrompt": body["systemPrompt"]}
        count["system_prompt_to_brain"] += 1
    if "toolIds" in body:
        # Replaces the list; a repeated id attaches the tool once, in first-seen order.
        persona["tools"] = [{"id": tool} for tool in dict.fromkeys(body["toolIds"] or [])]
        count["tool_ids_replace"] += 1


def _id_of(persona: dict[str, Any] | None, name: str) -> Any:
    value = persona.get(name) if persona else None
    return value.get("id") if isinstance(value, dict) else None


def _snake(field_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", field_name.split("/", maxsplit=1)[0]).lower()
