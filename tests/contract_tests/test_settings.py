"""Reading the suite's settings from the environment: the target, the depth, the live-mode limits.

A live run only when asked for (CONTRACT_LIVE=1): the client's README has users export
ANAM_API_KEY, and a key alone must never aim the suite at their organisation."""

from __future__ import annotations

import pytest

from anam_contract.suite import SWEEP_PREFIX, ApiKey, SettingsError, read_settings
from anam_contract.suite._catalogue import settings_catalogue
from anam_contract.suite._settings import base_url_problem


def test_no_key_means_the_embedded_mock() -> None:
    settings = read_settings({}, run_id="abc")
    assert not settings.live and settings.api_key is None
    assert settings.target == "embedded mock (in-process)"
    assert settings.run_prefix == f"{SWEEP_PREFIX}abc-"
    assert settings.phases is None


# Every way the environment can hold a key, a URL and the switch: live only with CONTRACT_LIVE=1.
@pytest.mark.parametrize(
    ("env", "live"),
    [
        ({}, False),
        ({"ANAM_API_KEY": "sk-123"}, False),
        ({"ANAM_API_KEY": "sk-123", "ANAM_BASE_URL": "https://api.anam.ai"}, False),
        ({"ANAM_API_KEY": "sk-123", "ANAM_OTHER_ORG_API_KEY": "sk-2", "ANAM_READ_ONLY_API_KEY": "sk-3"}, False),
        ({"ANAM_API_KEY": "sk-123", "CONTRACT_LIVE": ""}, False),
        ({"ANAM_API_KEY": "sk-123", "CONTRACT_LIVE": "0"}, False),
        ({"ANAM_API_KEY": "sk-123", "CONTRACT_LIVE": "1"}, True),
        ({"ANAM_API_KEY": "sk-123", "CONTRACT_LIVE": " 1 "}, True),
    ],
)
def test_only_contract_live_makes_a_run_live(env: dict[str, str], live: bool) -> None:
    settings = read_settings(env)
    assert settings.live is live
    assert settings.target == ("live API at https://api.anam.ai" if live else "embedded mock (in-process)")
    # The key is still read (the sweep and the model of a live run use it), never the switch.
    assert settings.api_key == (ApiKey("sk-123") if env else None)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"CONTRACT_LIVE": "1"},
            r"a live run \(asked for with --live, --base-url or CONTRACT_LIVE=1\) needs ANAM_API_KEY",
        ),
        ({"CONTRACT_LIVE": "1", "ANAM_API_KEY": "  "}, "needs ANAM_API_KEY"),
        ({"CONTRACT_LIVE": "yes", "ANAM_API_KEY": "k"}, "CONTRACT_LIVE takes 1 .* or 0 .*, got 'yes'"),
        ({"CONTRACT_LIVE": "true"}, "CONTRACT_LIVE takes 1"),
        ({"CONTRACT_LIVE_RUN_ID": "0BADC0DE"}, "CONTRACT_LIVE_RUN_ID must be 8 lower-case hex digits"),
        ({"CONTRACT_LIVE_RUN_ID": "abc"}, "CONTRACT_LIVE_RUN_ID must be 8 lower-case hex digits"),
    ],
)
def test_asking_for_live_without_what_it_needs_is_one_named_error(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message) as raised:
        read_settings(env)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("name", ["ANAM_API_KEY", "ANAM_OTHER_ORG_API_KEY", "ANAM_READ_ONLY_API_KEY"])
@pytest.mark.parametrize("value", ["sk-clé-secrète", "sk-two\tparts", "sk-new\nline"])
def test_a_live_key_an_http_header_cannot_carry_is_named_not_shown(name: str, value: str) -> None:
    env = {"CONTRACT_LIVE": "1", "ANAM_API_KEY": "sk-fine", name: value}
    with pytest.raises(SettingsError, match=f"^{name} holds a character an HTTP header cannot carry") as raised:
        read_settings(env)
    assert value not in str(raised.value) and "\n" not in str(raised.value)
    # Against the mock the key is ignored, whatever it holds.
    assert not read_settings({**env, "CONTRACT_LIVE": "0"}).live


def test_the_run_id_may_be_chosen_by_the_process_that_starts_the_run() -> None:
    env = {"CONTRACT_LIVE": "1", "ANAM_API_KEY": "k", "CONTRACT_LIVE_RUN_ID": "0badc0de"}
    assert read_settings(env).run_prefix == f"{SWEEP_PREFIX}0badc0de-"
    drawn = read_settings({}).run_prefix
    assert drawn.startswith(SWEEP_PREFIX) and len(drawn) == len(SWEEP_PREFIX) + 9


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://api.anam.ai", None),
        ("http://127.0.0.1:4010/", None),
        ("https://proxy.example.test/anam", None),
        ("api.anam.ai", "must start with http:// or https://"),
        ("ftp://api.anam.ai", "must start with http:// or https://"),
        ("https://", "with a host"),
        ("http://:4010", "with a host"),
        ("http://host:notaport", "with a host"),
        ("https://api.anam.ai?x=1", "no query"),
        ("https://api anam.ai", "with a host"),
    ],
)
def test_a_base_url_needs_a_scheme_and_a_host(url: str, problem: str | None) -> None:
    found = base_url_problem(url)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_a_live_run_has_the_documented_defaults() -> None:
    settings = read_settings({"CONTRACT_LIVE": "1", "ANAM_API_KEY": "sk-123", "ANAM_CONTRACT_MAX_PERSONAS": "7"})
    assert settings.live and settings.base_url == "https://api.anam.ai"
    assert settings.max_personas == 7
    assert settings.avatar_id == "071b0286-4cce-4808-bee2-e642f1062de3"
    assert settings.voice_id == "de23e340-1416-4dd8-977d-065a7ca11697"
    assert settings.llm_id == "a7cf662c-2ace-4de1-a21e-ef0fbf144bb7"


def test_resource_ids_and_base_url_come_from_the_environment() -> None:
    env = {"ANAM_API_KEY": "k", "ANAM_BASE_URL": "http://127.0.0.1:4010/", "ANAM_AVATAR_ID": "a", "ANAM_LLM_ID": "l"}
    settings = read_settings(env)
    assert (settings.base_url, settings.avatar_id, settings.llm_id) == ("http://127.0.0.1:4010", "a", "l")


def test_avatars_with_their_models_and_voices_with_their_provider() -> None:
    env = {"ANAM_API_KEY": "k", "ANAM_AVATARS": " a1:cara-3:cara-4 , a2 ", "ANAM_VOICES": "v1:CARTESIA,v2"}
    settings = read_settings(env)
    assert settings.avatars == (("a1", ("cara-3", "cara-4")), ("a2", None))
    assert settings.voices == (("v1", "CARTESIA"), ("v2", None))
    # Without ANAM_AVATAR_ID / ANAM_VOICE_ID, the first of each list is the run's default.
    assert (settings.avatar_id, settings.voice_id) == ("a1", "v1")


def test_the_catalogue_a_live_run_starts_from() -> None:
    env = {"ANAM_API_KEY": "k", "ANAM_AVATAR_ID": "a0", "ANAM_AVATARS": "a1:cara-3,a0:cara-2", "ANAM_VOICES": "v1"}
    catalogue = settings_catalogue(read_settings(env))
    assert not catalogue.complete
    # ANAM_AVATAR_ID stays first (the default of a create) and gains the models the list gives it.
    assert list(catalogue.avatars.items()) == [("a0", frozenset({"cara-2"})), ("a1", frozenset({"cara-3"}))]
    assert catalogue.voices == {"v1": None}


def test_the_key_never_shows() -> None:
    settings = read_settings({"ANAM_API_KEY": "sk-very-secret", "ANAM_OTHER_ORG_API_KEY": "sk-other-secret"})
    assert settings.api_key == ApiKey("sk-very-secret")
    assert settings.other_api_key == ApiKey("sk-other-secret")
    for text in (repr(settings), str(settings), f"{settings.api_key}", repr(settings.api_key)):
        assert "sk-very-secret" not in text
        assert "sk-other-secret" not in text


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CONTRACT_EXAMPLES": "0"}, "CONTRACT_EXAMPLES must be a positive whole number"),
        ({"CONTRACT_EXAMPLES": "many"}, "CONTRACT_EXAMPLES must be a positive whole number"),
        ({"ANAM_CONTRACT_MAX_PERSONAS": "-1"}, "ANAM_CONTRACT_MAX_PERSONAS must be"),
        ({"ANAM_BASE_URL": "api.anam.ai"}, "ANAM_BASE_URL must start with http:// or https://"),
        ({"CONTRACT_PHASES": "fuzzing,guessing"}, "CONTRACT_PHASES takes a comma-separated list"),
        ({"CONTRACT_MODES": "positive,hostile"}, "CONTRACT_MODES takes a comma-separated list of positive, negative"),
        ({"ANAM_AVATARS": "a:cara-3::cara-4"}, "ANAM_AVATARS takes comma-separated entries shaped <id>:<model>"),
        ({"ANAM_AVATARS": ":cara-3"}, "ANAM_AVATARS takes comma-separated entries"),
        ({"ANAM_VOICES": "v:ELEVENLABS:CARTESIA"}, "ANAM_VOICES takes comma-separated entries shaped <id>:<PROVIDER>"),
    ],
)
def test_bad_values_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        read_settings(env)


def test_phases_are_a_subset() -> None:
    assert read_settings({"CONTRACT_PHASES": "stateful, examples"}).phases == ("stateful", "examples")


def test_modes_default_to_both_and_may_be_narrowed() -> None:
    assert read_settings({}).modes is None
    assert read_settings({"CONTRACT_MODES": "negative"}).modes == ("negative",)


def test_the_tool_and_read_only_rules_need_their_own_ids_on_a_live_run() -> None:
    # The mock has the create page's example tool; a real organisation's tools are its own.
    assert read_settings({}).tool_id == "tool-id-1"
    # A key that is set but not asked to go live changes nothing of a run against the mock.
    assert read_settings({"ANAM_API_KEY": "k"}).tool_id == "tool-id-1"
    assert read_settings({"CONTRACT_LIVE": "1", "ANAM_API_KEY": "k"}).tool_id is None
    env = {"CONTRACT_LIVE": "1", "ANAM_API_KEY": "k", "ANAM_TOOL_ID": "t", "ANAM_READ_ONLY_API_KEY": "sk-read-secret"}
    live = read_settings(env)
    assert (live.tool_id, live.read_only_api_key) == ("t", ApiKey("sk-read-secret"))
    assert "sk-read-secret" not in repr(live)
    assert read_settings({}).read_only_api_key is None
