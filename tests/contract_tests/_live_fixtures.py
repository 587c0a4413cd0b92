"""An organisation for the live-mode tests: a secret key and personas that exist before the run."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import yaml

from anam_contract.suite import SWEEP_PREFIX
from anam_contract.suite._settings import DEFAULT_AVATAR_ID, DEFAULT_LLM_ID, DEFAULT_VOICE_ID

EXISTING = {
    "5e1d9b2c-7a3f-4e8d-9c1b-2a3d4e5f6a7b": "Support agent",
    "6f2e0c3d-8b4a-4f9e-8d2c-3b4e5f6a7b8c": "Sales coach",
}
# A tool of the organisation, for the rule that `toolIds` replaces the list.
TOOL_ID = "live-test-tool"
LEFTOVERS = {
    "7a3f1d4e-9c5b-4a0f-9e3d-4c5f6a7b8c9d": SWEEP_PREFIX + "0badc0de-persona",
    "8b4a2e5f-0d6c-4b1a-8f4e-5d6a7b8c9dae": SWEEP_PREFIX + "deadbeef-rules",
}


def read_only_key(key: str) -> str:
    """The read-only key `write_fixtures` gives the organisation of `key`."""
    return key + "-read-only"


def write_fixtures(folder: Path, *, leftovers: bool = False) -> tuple[Path, str, str]:
    """A fixtures file whose organisation has the EXISTING personas (and LEFTOVERS); its secret key,
    and the key of a second, empty organisation."""
    key = "live-test-" + secrets.token_hex(12)
    other_key = "live-other-" + secrets.token_hex(12)
    personas: dict[str, str] = {**EXISTING, **(LEFTOVERS if leftovers else {})}
    organisation: dict[str, Any] = {
        "id": "9d7f3c1a-4b2e-4f6a-8c5d-1e2f3a4b5c6d",
        "name": "Live-mode test organisation",
        "enterprise": True,
        "keys": [{"key": key}, {"key": read_only_key(key), "readOnly": True}],
        "avatars": [{"id": DEFAULT_AVATAR_ID, "models": ["cara-2", "cara-3"]}],
        "voices": [{"id": DEFAULT_VOICE_ID, "provider": "ELEVENLABS", "isZdr": True}],
        "llms": [{"id": DEFAULT_LLM_ID, "name": "Main LLM", "isZdr": True}],
        "tools": [{"id": TOOL_ID, "name": "Live-mode test tool"}],
        "personas": [
            {
                "id": persona_id,
                "name": name,
                "description": f"{name}, made before the run",
                "avatarId": DEFAULT_AVATAR_ID,
                "voiceId": DEFAULT_VOICE_ID,
                "llmId": DEFAULT_LLM_ID,
                "systemPrompt": "You help customers.",
            }
            for persona_id, name in personas.items()
        ],
    }
    other = {"id": "2a4c6e8f-1b3d-4f5a-9c7e-0d2f4b6a8c1e", "name": "Another", "keys": [{"key": other_key}]}
    path = folder / "fixtures.yaml"
    path.write_text(yaml.safe_dump({"organisations": [organisation, other]}), encoding="utf-8")
    return path, key, other_key


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment for a suite run in a subprocess, with `extra` set: the outer
    pytest (maybe an xdist worker) must not leak its own run into the inner one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "CONTRACT_", "ANAM_"))}
    return {**env, **extra}


def catalogue_env(fixtures: dict[str, Any], organisation: int = 0) -> dict[str, str]:
    """The ANAM_AVATARS and ANAM_VOICES a user would set for one organisation of a mock fixtures
    document: every avatar with the models it renders, every voice with its provider."""
    org = fixtures["organisations"][organisation]
    avatars = [":".join([avatar["id"], *avatar.get("models", [])]) for avatar in org.get("avatars", [])]
    voices = [f"{voice['id']}:{voice['provider']}" for voice in org.get("voices", [])]
    return {"ANAM_AVATARS": ",".join(avatars), "ANAM_VOICES": ",".join(voices)}
