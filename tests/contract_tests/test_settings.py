"""Reading the suite's settings from the environment: the target, the depth, the live-mode limits."""

from __future__ import annotations

import pytest

from anam_contract.suite import SWEEP_PREFIX, ApiKey, SettingsError, read_settings
from anam_contract.suite._catalogue import settings_catalogue


def test_no_key_means_the_embedded_mock() -> None:
    settings = read_settings({}, run_id="abc")
    assert not settings.live and settings.api_key is None
    assert settings.target == "embedded mock (in-process)"
    assert settings.run_prefix == f"{SWEEP_PREFIX}abc-"
    assert settings.phases is None


def test_a_key_means_live_with_the_documented_defaults() -> None:
    settings = read_settings({"ANAM_API_KEY": "sk-123", "ANAM_CONTRACT_MAX_PERSONAS": "7"})
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
    assert read_settings({"ANAM_API_KEY": "k"}).tool_id is None
    live = read_settings({"ANAM_API_KEY": "k", "ANAM_TOOL_ID": "t", "ANAM_READ_ONLY_API_KEY": "sk-read-secret"})
    assert (live.tool_id, live.read_only_api_key) == ("t", ApiKey("sk-read-secret"))
    assert "sk-read-secret" not in repr(live)
    assert read_settings({}).read_only_api_key is None
