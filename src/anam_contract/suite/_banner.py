"""The first lines of a run, printed by the process that starts it, before pytest does anything.

A live run says where its requests go and what they may touch: the base URL, the variable whose
key selects the organisation (with the key's non-reversible label, never the key), how many
personas that organisation holds, and that only personas named with the run's prefix, at most
ANAM_CONTRACT_MAX_PERSONAS of them, are created, changed and deleted. A run against the mock says
that nothing leaves the process and, when ANAM_API_KEY (or ANAM_BASE_URL) is set, that it is
ignored and how a live run is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping

from anam_contract.suite._differences import key_label
from anam_contract.suite._settings import ApiKey, RunSettings

PREFIX = "contract suite: "
# How a live run is asked for, shown when a key in the environment was ignored. The suite's own
# command and plain pytest know only the variable; `anam-contract check` passes its flags.
LIVE_HINT = "CONTRACT_LIVE=1"
MOCK_LINE = "against the embedded mock, in-process: no request leaves this process"


def banner_lines(
    settings: RunSettings, environ: Mapping[str, str], personas: int | None = None, live_hint: str = LIVE_HINT
) -> list[str]:
    """The run's first lines: `personas` is what the preflight found the organisation holds."""
    if not settings.live:
        return [PREFIX + line for line in _mock_lines(environ, live_hint)]
    assert settings.api_key is not None
    holds = f"it holds {personas} personas before the run" if personas is not None else "its persona count is not known"
    lines = [
        f"LIVE run against {settings.base_url}",
        f"organisation: the one whose key is in ANAM_API_KEY ({_label(settings.api_key)}); {holds}",
    ]
    if settings.read_only_api_key is not None:
        lines.append(
            f"read-only key of the same organisation: ANAM_READ_ONLY_API_KEY ({_label(settings.read_only_api_key)})"
        )
    if settings.other_api_key is not None:
        lines.append(
            f"second organisation: the one of ANAM_OTHER_ORG_API_KEY ({_label(settings.other_api_key)}), only asked"
            " about this run's personas"
        )
    lines.append(
        f"this run creates, changes and deletes only personas named {settings.run_prefix}..., at most"
        f" {settings.max_personas} (ANAM_CONTRACT_MAX_PERSONAS), and deletes them at its end; it only reads the others"
    )
    return [PREFIX + line for line in lines]


def _mock_lines(environ: Mapping[str, str], live_hint: str) -> list[str]:
    ignored = [name for name in ("ANAM_API_KEY", "ANAM_BASE_URL") if environ.get(name, "").strip()]
    if not ignored:
        return [MOCK_LINE]
    names = " and ".join(ignored)
    verb = "are" if len(ignored) > 1 else "is"
    return [
        f"{MOCK_LINE}; {names} {verb} set but ignored",
        f"a key alone never starts a live run: to run against the live API, ask for it with {live_hint}",
    ]


def _label(key: ApiKey) -> str:
    """`key-<10 hex digits>`: tells keys apart, and cannot be turned back into the key."""
    return str(key_label(key.value))
