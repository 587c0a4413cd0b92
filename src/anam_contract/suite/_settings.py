"""What a run of the suite talks to and how deep it goes, read from the environment.

One variable switches the target: with `ANAM_API_KEY` set the suite runs against
`ANAM_BASE_URL` (default https://api.anam.ai) over HTTP; without it, against the mock in-process.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from anam_contract.paths import SPEC_PATH

DEFAULT_BASE_URL = "https://api.anam.ai"
# Every persona the suite creates on a live server is named `<SWEEP_PREFIX><run id>-...`;
# `make contract-sweep` deletes by SWEEP_PREFIX alone, so it finds every earlier run.
SWEEP_PREFIX = "anam-contract-run-"
DEFAULT_MAX_PERSONAS = 20
# The stock resources the vendor's create page uses in its example body.
DEFAULT_AVATAR_ID = "071b0286-4cce-4808-bee2-e642f1062de3"
DEFAULT_VOICE_ID = "de23e340-1416-4dd8-977d-065a7ca11697"
DEFAULT_LLM_ID = "a7cf662c-2ace-4de1-a21e-ef0fbf144bb7"
# The create page's example `toolIds` entry; the mock's catalogue has it. A real organisation's tool
# ids are its own, so a live run tries the tool rules only with ANAM_TOOL_ID set.
DEFAULT_TOOL_ID = "tool-id-1"
# A spec file other than the one the package holds (`anam-contract check --spec FILE` sets it).
SPEC_ENV = "CONTRACT_SPEC"
# Depth when nothing asks for more: what `make test` runs. `make contract` passes more.
DEFAULT_EXAMPLES = 8


class SettingsError(Exception):
    """An environment variable of the suite has a value it cannot use."""


@dataclass(frozen=True)
class ApiKey:
    """An API key that never shows itself: not in reprs, f-strings, logs or reports."""

    value: str = field(repr=False)

    def __repr__(self) -> str:
        return "ApiKey(<hidden>)"

    def __str__(self) -> str:
        return "<hidden>"

    def header(self) -> str:
        return f"Bearer {self.value}"


@dataclass(frozen=True)
class RunSettings:
    live: bool
    base_url: str
    api_key: ApiKey | None
    # A key of a second organisation, for the isolation rule on a live server (optional).
    other_api_key: ApiKey | None
    examples: int
    # None: the phases schemathesis.toml enables (all four).
    phases: tuple[str, ...] | None
    max_personas: int
    run_prefix: str
    avatar_id: str
    voice_id: str
    llm_id: str
    # A tool of the organisation, for the rule that `toolIds` replaces the list (None: not tried).
    tool_id: str | None = None
    # A read-only key of the same organisation, for the rule that it cannot write (None: not tried).
    read_only_api_key: ApiKey | None = None
    # None: both generation modes (valid cases that must be accepted, invalid ones that must be refused).
    modes: tuple[str, ...] | None = None
    # In-process only: give both organisations personas before the first case (suite/_seeding.py).
    seed_personas: bool = True
    # More of the organisation's catalogue for a live run (ANAM_AVATARS, ANAM_VOICES): avatars with
    # the models each renders (None: not said) and voices with their provider (None: not said). The
    # rules of an avatar or voice change need a second one, and which models each avatar renders.
    avatars: tuple[tuple[str, tuple[str, ...] | None], ...] = ()
    voices: tuple[tuple[str, str | None], ...] = ()

    @property
    def target(self) -> str:
        return f"live API at {self.base_url}" if self.live else "embedded mock (in-process)"


def read_settings(environ: Mapping[str, str] | None = None, run_id: str | None = None) -> RunSettings:
    env = os.environ if environ is None else environ
    key = env.get("ANAM_API_KEY", "").strip()
    base_url = env.get("ANAM_BASE_URL", "").strip() or DEFAULT_BASE_URL
    avatars = _entries(env, "ANAM_AVATARS", most=None)
    voices = _entries(env, "ANAM_VOICES", most=1)
    if not base_url.startswith(("http://", "https://")):
        raise SettingsError(f"ANAM_BASE_URL must start with http:// or https://, got {base_url!r}")
    return RunSettings(
        live=bool(key),
        base_url=base_url.rstrip("/"),
        api_key=ApiKey(key) if key else None,
        other_api_key=ApiKey(other) if (other := env.get("ANAM_OTHER_ORG_API_KEY", "").strip()) else None,
        examples=_positive_int(env, "CONTRACT_EXAMPLES", DEFAULT_EXAMPLES),
        phases=_phases(env),
        modes=_choice(env, "CONTRACT_MODES", MODES),
        max_personas=_positive_int(env, "ANAM_CONTRACT_MAX_PERSONAS", DEFAULT_MAX_PERSONAS),
        run_prefix=f"{SWEEP_PREFIX}{run_id or secrets.token_hex(4)}-",
        avatar_id=env.get("ANAM_AVATAR_ID", "").strip() or (avatars[0][0] if avatars else DEFAULT_AVATAR_ID),
        voice_id=env.get("ANAM_VOICE_ID", "").strip() or (voices[0][0] if voices else DEFAULT_VOICE_ID),
        llm_id=env.get("ANAM_LLM_ID", "").strip() or DEFAULT_LLM_ID,
        tool_id=env.get("ANAM_TOOL_ID", "").strip() or (None if key else DEFAULT_TOOL_ID),
        read_only_api_key=ApiKey(ro) if (ro := env.get("ANAM_READ_ONLY_API_KEY", "").strip()) else None,
        avatars=tuple((avatar, tuple(models) or None) for avatar, models in avatars),
        voices=tuple((voice, provider[0] if provider else None) for voice, provider in voices),
    )


PHASES = ("examples", "coverage", "fuzzing", "stateful")
MODES = ("positive", "negative")


def _phases(env: Mapping[str, str]) -> tuple[str, ...] | None:
    return _choice(env, "CONTRACT_PHASES", PHASES)


def _choice(env: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> tuple[str, ...] | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    chosen = tuple(part.strip() for part in raw.split(",") if part.strip())
    unknown = [part for part in chosen if part not in allowed]
    if unknown or not chosen:
        raise SettingsError(f"{name} takes a comma-separated list of {', '.join(allowed)}; got {raw!r}")
    return chosen


def _entries(env: Mapping[str, str], name: str, most: int | None) -> list[tuple[str, list[str]]]:
    """`id[:detail...]` entries, comma-separated: `ANAM_AVATARS=<id>:cara-3:cara-4,<id>` (the models
    each avatar renders; none said: unknown) or `ANAM_VOICES=<id>:ELEVENLABS,<id>` (its provider)."""
    raw = env.get(name, "").strip()
    entries: list[tuple[str, list[str]]] = []
    for text in (part.strip() for part in raw.split(",") if part.strip()):
        ident, *details = (piece.strip() for piece in text.split(":"))
        if not ident or "" in details or (most is not None and len(details) > most):
            shape = "<id>:<model>:<model>" if most is None else "<id>:<PROVIDER>"
            raise SettingsError(f"{name} takes comma-separated entries shaped {shape} (details optional); got {text!r}")
        entries.append((ident, details))
    return entries


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{name} must be a positive whole number, got {raw!r}")
    return int(raw)


def spec_path(environ: Mapping[str, str] | None = None) -> Path:
    """The spec the run checks the API against: CONTRACT_SPEC, else the package's own."""
    raw = (os.environ if environ is None else environ).get(SPEC_ENV, "").strip()
    return Path(raw) if raw else SPEC_PATH
