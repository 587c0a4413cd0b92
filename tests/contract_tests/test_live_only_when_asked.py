"""A live run only when asked for, and its first lines say where it goes.

The client's README has users export ANAM_API_KEY; a contract run in that shell must stay on the
embedded mock (and say that the key was ignored) unless a live run is asked for by name
(`anam-contract check --live` / `--base-url`, CONTRACT_LIVE=1). A live run's first lines name the
URL, the variable whose key selects the organisation (never the key, in any spelling), how many
personas the organisation holds and which personas the run may touch.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from anam_contract.paths import REPO_ROOT
from anam_contract.suite import SWEEP_PREFIX, command, read_settings
from anam_contract.suite._banner import MOCK_LINE, banner_lines
from anam_contract.suite._differences import key_label
from anam_contract.suite._preflight import Reached
from anam_personas._redact import spellings
from tests._waiting import HANG_GUARD_S
from tests.contract_tests._listener import recording_listener
from tests.contract_tests._live_fixtures import clean_env

# A key whose spellings differ (URL-encoded), made of what a bearer token may hold.
KEY = "sk-banner/secret+key.0123_~="
OTHER = "sk-banner-other-org-9876543210"
READ_ONLY = "sk-banner-read-only-5555"


def _shown_nowhere(text: str, *keys: str) -> None:
    for key in keys:
        for spelling in spellings(key):
            assert spelling not in text, f"a spelling of a key shows: {spelling!r}"


@pytest.mark.parametrize(
    ("extra", "personas", "says"),
    [
        ({}, 3, ["it holds 3 personas before the run"]),
        ({}, None, ["its persona count is not known"]),
        ({"ANAM_BASE_URL": "http://127.0.0.1:4010/"}, 0, ["LIVE run against http://127.0.0.1:4010", "holds 0"]),
        (
            {"ANAM_OTHER_ORG_API_KEY": OTHER, "ANAM_READ_ONLY_API_KEY": READ_ONLY},
            12,
            [f"ANAM_OTHER_ORG_API_KEY ({key_label(OTHER)})", f"ANAM_READ_ONLY_API_KEY ({key_label(READ_ONLY)})"],
        ),
        ({"ANAM_CONTRACT_MAX_PERSONAS": "5"}, 1, ["at most 5 (ANAM_CONTRACT_MAX_PERSONAS)"]),
    ],
)
def test_a_live_runs_first_lines_name_the_url_the_organisation_and_what_it_may_touch(
    extra: dict[str, str], personas: int | None, says: list[str]
) -> None:
    env = {"CONTRACT_LIVE": "1", "ANAM_API_KEY": KEY, "CONTRACT_LIVE_RUN_ID": "0badc0de", **extra}
    settings = read_settings(env)
    lines = banner_lines(settings, env, personas)
    text = "\n".join(lines)
    assert lines[0] == f"contract suite: LIVE run against {settings.base_url}"
    assert f"the one whose key is in ANAM_API_KEY ({key_label(KEY)})" in lines[1]
    assert f"only personas named {SWEEP_PREFIX}0badc0de-..." in lines[-1]
    for words in says:
        assert words in text
    _shown_nowhere(text, KEY, OTHER, READ_ONLY)


@pytest.mark.parametrize(
    ("env", "first", "second"),
    [
        ({}, MOCK_LINE, None),
        ({"ANAM_API_KEY": KEY}, f"{MOCK_LINE}; ANAM_API_KEY is set but ignored", "ask for it with CONTRACT_LIVE=1"),
        (
            {"ANAM_API_KEY": KEY, "ANAM_BASE_URL": "https://api.anam.ai"},
            f"{MOCK_LINE}; ANAM_API_KEY and ANAM_BASE_URL are set but ignored",
            "a key alone never starts a live run",
        ),
        ({"ANAM_API_KEY": KEY, "CONTRACT_LIVE": "0"}, "ANAM_API_KEY is set but ignored", None),
    ],
)
def test_a_mock_runs_first_line_says_so_and_that_a_key_was_ignored(
    env: dict[str, str], first: str, second: str | None
) -> None:
    lines = banner_lines(read_settings(env), env)
    assert lines[0].startswith("contract suite: ") and first in lines[0]
    assert len(lines) == (1 if not env else 2)
    if second is not None:
        assert second in lines[1]
    _shown_nowhere("\n".join(lines), KEY)


def _started(monkeypatch: pytest.MonkeyPatch, personas: int | None = None) -> list[dict[str, str]]:
    """command.run with the preflight and pytest replaced: the environment pytest would get."""
    started: list[dict[str, str]] = []

    def fake_pytest(args: list[str], extra_env: dict[str, str] | None = None) -> int:
        started.append(dict(extra_env or {}))
        return 0

    monkeypatch.setattr(command, "run_pytest", fake_pytest)
    monkeypatch.setattr(command, "reach", lambda settings: Reached(personas=personas if settings.live else None))
    for name in ("ANAM_API_KEY", "ANAM_BASE_URL", "CONTRACT_LIVE", "CONTRACT_LIVE_RUN_ID"):
        monkeypatch.delenv(name, raising=False)
    return started


def test_the_command_prints_the_persona_prefix_the_run_will_use(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = _started(monkeypatch, personas=4)
    monkeypatch.setenv("ANAM_API_KEY", KEY)
    assert command.run(["contract_tests"], {"CONTRACT_LIVE": "1"}) == 0
    out = capsys.readouterr().out
    [env] = started
    run_id = env["CONTRACT_LIVE_RUN_ID"]
    assert read_settings({**env, "ANAM_API_KEY": KEY}).run_prefix == f"{SWEEP_PREFIX}{run_id}-"
    assert f"only personas named {SWEEP_PREFIX}{run_id}-..." in out and "it holds 4 personas" in out
    _shown_nowhere(out, KEY)


def test_a_key_alone_starts_a_run_against_the_mock_that_says_so_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = _started(monkeypatch)
    monkeypatch.setenv("ANAM_API_KEY", KEY)
    monkeypatch.setenv("ANAM_BASE_URL", "https://api.anam.ai")
    assert command.run(["contract_tests"]) == 0
    out = capsys.readouterr().out
    assert started == [{}], "a key alone must not ask pytest for a live run"
    assert out.splitlines()[0].startswith(f"contract suite: {MOCK_LINE}; ANAM_API_KEY and ANAM_BASE_URL are set")
    _shown_nowhere(out, KEY)


# The two ways the settings reach a run: the command (`anam-contract check`; `python -m
# contract_tests` is the same `command.run`, tested in-process above) and pytest's plugin alone.
ENTRY_POINTS = {
    "anam-contract check": [sys.executable, "-m", "anam_contract", "check", "-q"],
    "pytest contract_tests": [sys.executable, "-m", "pytest", "-q", "contract_tests"],
}


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_a_key_in_the_environment_alone_sends_nothing_outside_the_process(entry_point: str, tmp_path: Path) -> None:
    # One of each kind of test that sends requests (an operation's cases, a rule with both keys,
    # the clients) is enough to show where requests go; the whole suite three times is minutes.
    chosen = "createPersona or other_organisation_sees_nothing or client"
    argv = [*ENTRY_POINTS[entry_point], "-p", "no:cacheprovider", "-k", chosen]
    with recording_listener() as listener:
        result = subprocess.run(
            argv,
            cwd=REPO_ROOT,
            env=clean_env(
                ANAM_API_KEY=KEY,
                ANAM_OTHER_ORG_API_KEY=OTHER,
                ANAM_BASE_URL=listener.url,
                CONTRACT_EXAMPLES="1",
                CONTRACT_PHASES="examples",
                CONTRACT_REPORTS_DIR=str(tmp_path / "reports"),
                HYPOTHESIS_STORAGE_DIRECTORY=str(tmp_path / "hypothesis"),
            ),
            capture_output=True,
            text=True,
            timeout=HANG_GUARD_S,
            check=False,
        )
        connections = list(listener.connections)
    output = result.stdout + result.stderr
    assert connections == [], f"{entry_point} connected to ANAM_BASE_URL with only a key set: {output[-500:]}"
    assert result.returncode == 0, output[-3000:]
    first = result.stdout.splitlines()[0]
    assert MOCK_LINE in first and "ANAM_API_KEY and ANAM_BASE_URL are set but ignored" in first
    assert "target      embedded mock (in-process)" in result.stdout
    _shown_nowhere(output, KEY, OTHER)
