"""What each organisation the suite talks to has: avatars (and the models each renders), voices (and
their provider), LLMs, tools, and whether the organisation may ask for zero data retention.

In-process the catalogue is the mock's fixtures, read as plain data, so it is complete; on a live
run it starts from the `ANAM_*_ID` settings and grows with every avatar, voice and LLM a response
shows (`learn`). Generated bodies draw their ids from it (`_steering.py`) and the model of the
documented behaviour (`_model.py`) uses it to know which requests must succeed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from anam_contract.suite._differences import key_label
from anam_contract.suite._settings import RunSettings

# The documented llmId that runs a persona without an LLM.
NO_LLM = "CUSTOMER_CLIENT_V1"


@dataclass
class Catalogue:
    """One organisation's resources. `complete`: every id outside it names nothing (in-process)."""

    complete: bool
    avatars: dict[str, frozenset[str] | None] = field(default_factory=dict)  # id -> models, None: unknown
    voices: dict[str, str | None] = field(default_factory=dict)  # id -> provider, None: unknown
    voice_zdr: dict[str, bool] = field(default_factory=dict)
    llms: dict[str, bool | None] = field(default_factory=dict)  # id -> supports ZDR, None: unknown
    tools: dict[str, str] = field(default_factory=dict)  # id -> name
    enterprise: bool | None = None

    def learn(self, persona: Any) -> None:
        """Add the avatar, voice and LLM a persona shows (a live run knows no more than it saw)."""
        if not isinstance(persona, dict):
            return
        avatar, voice, llm = persona.get("avatar"), persona.get("voice"), persona.get("llmId")
        if isinstance(avatar, dict) and isinstance(avatar.get("id"), str):
            self.avatars.setdefault(avatar["id"], None)
        if isinstance(voice, dict) and isinstance(voice.get("id"), str):
            provider = voice.get("provider")
            if self.voices.get(voice["id"]) is None:
                self.voices[voice["id"]] = provider if isinstance(provider, str) else None
        if isinstance(llm, str):
            self.llms.setdefault(llm, None)


@dataclass
class Organisations:
    """Who each key is (an opaque label, never the key): its organisation and whether it only reads."""

    catalogues: dict[str, Catalogue]  # organisation name -> catalogue
    keys: dict[str, tuple[str, bool]]  # key label -> (organisation name, read-only)

    def of(self, label: str | None) -> tuple[str, bool] | None:
        return None if label is None else self.keys.get(label)


def mock_organisations(fixtures: dict[str, Any]) -> Organisations:
    """The organisations of a mock fixtures document (the mock's own format, read as data)."""
    catalogues: dict[str, Catalogue] = {}
    keys: dict[str, tuple[str, bool]] = {}
    for org in fixtures["organisations"]:
        name = str(org["id"])
        catalogues[name] = Catalogue(
            complete=True,
            avatars={a["id"]: frozenset(a.get("models", [])) for a in org.get("avatars", [])},
            voices={v["id"]: v["provider"] for v in org.get("voices", [])},
            voice_zdr={v["id"]: bool(v["isZdr"]) for v in org.get("voices", [])},
            llms={item["id"]: bool(item.get("isZdr")) for item in org.get("llms", [])},
            tools={t["id"]: str(t.get("name", "")) for t in org.get("tools", [])},
            enterprise=bool(org.get("enterprise", False)),
        )
        for key in org.get("keys", []):
            label = key_label(key["key"])
            assert label is not None
            keys[label] = (name, bool(key.get("readOnly", False)))
    return Organisations(catalogues, keys)


def settings_catalogue(settings: RunSettings) -> Catalogue:
    """What the settings say the run's own organisation has: the `ANAM_*_ID` resources first (the
    defaults of a create), then `ANAM_AVATARS` (with the models each renders, when said) and
    `ANAM_VOICES` (with their provider, when said)."""
    avatars: dict[str, frozenset[str] | None] = {settings.avatar_id: None}
    for avatar, models in settings.avatars:
        avatars[avatar] = frozenset(models) if models else avatars.get(avatar)
    voices: dict[str, str | None] = {settings.voice_id: None}
    for voice, provider in settings.voices:
        voices[voice] = provider or voices.get(voice)
    return Catalogue(
        complete=False,
        avatars=avatars,
        voices=voices,
        llms={settings.llm_id: None},
        tools={settings.tool_id: ""} if settings.tool_id else {},
    )


def live_organisations(settings: RunSettings) -> Organisations:
    """A live run's view: its own organisation from the settings, a second one when a key is given."""
    catalogues = {"own": settings_catalogue(settings)}
    keys: dict[str, tuple[str, bool]] = {}
    for secret, org, read_only in (
        (settings.api_key, "own", False),
        (settings.read_only_api_key, "own", True),
        (settings.other_api_key, "other", False),
    ):
        if secret is not None:
            label = key_label(secret.value)
            assert label is not None
            keys[label] = (org, read_only)
            catalogues.setdefault(org, Catalogue(complete=False))
    return Organisations(catalogues, keys)


# Generation options each voice provider takes (NOTES 10), one set each: a voice change can then
# come with options that fit the new voice.
OPTIONS_BY_PROVIDER: dict[str, dict[str, float]] = {
    "ELEVENLABS": {"stability": 0.4, "similarityBoost": 0.8, "speed": 1.1},
    "CARTESIA": {"volume": 1.5, "speed": 1.4},
    "FISH_AUDIO": {"volume": 0.8, "speed": 1.9},
}
