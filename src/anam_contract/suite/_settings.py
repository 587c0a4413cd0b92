"""What a run of the suite talks to and how deep it goes, read from the environment.

The suite runs against the mock in-process unless a live run is asked for by name: with
`CONTRACT_LIVE=1` (what `anam-contract check --live` and `--base-url URL` set) it runs over HTTP
against `ANAM_BASE_URL` (default https://api.anam.ai) with `ANAM_API_KEY`, which it then needs.
A key alone never starts a live run: the client's README has users export `ANAM_API_KEY`, and
a contract run in that shell must not create personas in their organisation unasked.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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
# Asks for a live run ("1"; "0" or unset: the embedded mock). The only switch to a live run.
LIVE_ENV = "CONTRACT_LIVE"
# The 8 hex digits of a live run's persona names (`<SWEEP_PREFIX><id>-...`), chosen by the process
# that starts the run so that what it prints is the prefix the run uses; drawn at random when unset.
LIVE_RUN_ID_ENV = "CONTRACT_LIVE_RUN_ID"
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
    """The run's settings. The key is read whether or not the run is live (the sweep and the
    model of a live run use it), but only `CONTRACT_LIVE=1` makes the run live."""
    env = os.environ if environ is None else environ
    key = env.get("ANAM_API_KEY", "").strip()
    base_url = env.get("ANAM_BASE_URL", "").strip() or DEFAULT_BASE_URL
    avatars = _entries(env, "ANAM_AVATARS", most=None)
    voices = _entries(env, "ANAM_VOICES", most=1)
    problem = base_url_problem(base_url)
    if problem is not None:
        raise SettingsError(f"ANAM_BASE_URL {problem}")
    live = asks_for_live(env)
    if live and not key:
        raise SettingsError(
            "a live run (asked for with --live, --base-url or CONTRACT_LIVE=1) needs ANAM_API_KEY set to the key"
            " of the organisation to test"
        )
    if live:
        _sendable_keys(env)
    return RunSettings(
        live=live,
        base_url=base_url.rstrip("/"),
        api_key=ApiKey(key) if key else None,
        other_api_key=ApiKey(other) if (other := env.get("ANAM_OTHER_ORG_API_KEY", "").strip()) else None,
        examples=_positive_int(env, "CONTRACT_EXAMPLES", DEFAULT_EXAMPLES),
        phases=_phases(env),
        modes=_choice(env, "CONTRACT_MODES", MODES),
        max_personas=_positive_int(env, "ANAM_CONTRACT_MAX_PERSONAS", DEFAULT_MAX_PERSONAS),
        run_prefix=f"{SWEEP_PREFIX}{run_id or _run_id(env)}-",
        avatar_id=env.get("ANAM_AVATAR_ID", "").strip() or (avatars[0][0] if avatars else DEFAULT_AVATAR_ID),
        voice_id=env.get("ANAM_VOICE_ID", "").strip() or (voices[0][0] if voices else DEFAULT_VOICE_ID),
        llm_id=env.get("ANAM_LLM_ID", "").strip() or DEFAULT_LLM_ID,
        tool_id=env.get("ANAM_TOOL_ID", "").strip() or (None if live else DEFAULT_TOOL_ID),
        read_only_api_key=ApiKey(ro) if (ro := env.get("ANAM_READ_ONLY_API_KEY", "").strip()) else None,
        avatars=tuple((avatar, tuple(models) or None) for avatar, models in avatars),
        voices=tuple((voice, provider[0] if provider else None) for voice, provider in voices),
    )


_KEY_VARIABLES = ("ANAM_API_KEY", "ANAM_OTHER_ORG_API_KEY", "ANAM_READ_ONLY_API_KEY")


def _sendable_keys(env: Mapping[str, str]) -> None:
    """A live run's keys go in an HTTP header, which carries printable ASCII only: anything else
    is one line naming the variable (never the value), not a traceback from the HTTP client."""
    for name in _KEY_VARIABLES:
        value = env.get(name, "").strip()
        if not (value.isascii() and value.isprintable()):
            raise SettingsError(f"{name} holds a character an HTTP header cannot carry (only printable ASCII)")


def asks_for_live(environ: Mapping[str, str]) -> bool:
    """Whether CONTRACT_LIVE asks for a live run ("1"); unset, empty or "0" do not."""
    raw = environ.get(LIVE_ENV, "").strip()
    if raw not in ("", "0", "1"):
        raise SettingsError(f"{LIVE_ENV} takes 1 (run against the live API) or 0 (the embedded mock), got {raw!r}")
    return raw == "1"


def base_url_problem(url: str) -> str | None:
    """What is wrong with `url` as the API's base URL (to follow its name in a message), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not url.startswith(("http://", "https://")):
        return f"must start with http:// or https://, got {url!r}"
    try:
        host, _ = parts.hostname, parts.port
    except ValueError:
        host = None
    if not host or any(char.isspace() for char in url) or parts.query or parts.fragment:
        return f"must be an http:// or https:// URL with a host (and no query), got {url!r}"
    return None


def new_run_id() -> str:
    """A live run's id: the 8 hex digits `make contract-sweep` recognises in a persona's name."""
    return secrets.token_hex(4)


def _run_id(env: Mapping[str, str]) -> str:
    raw = env.get(LIVE_RUN_ID_ENV, "").strip()
    if not raw:
        return new_run_id()
    if len(raw) != 8 or any(char not in "0123456789abcdef" for char in raw):
        raise SettingsError(f"{LIVE_RUN_ID_ENV} must be 8 lower-case hex digits, got {raw!r}")
    return raw


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
