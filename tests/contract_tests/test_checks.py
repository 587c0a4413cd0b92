"""The partial-update rule and the id rule as the suite's checks read them."""

from __future__ import annotations

from anam_contract.suite import expected_after_update, same_id, unchanged_fields


def test_update_fields_map_to_where_the_persona_shows_them() -> None:
    expected = expected_after_update(
        {"llmId": "CUSTOMER_CLIENT_V1", "toolIds": ["t1"], "systemPrompt": "p", "languageCode": "en"}
    )
    assert expected == {"/llmId": None, "/tools": [{"id": "t1"}], "/brain/systemPrompt": "p"}


def test_objects_need_only_contain_what_was_sent() -> None:
    persona = {"voiceDetectionOptions": {"endOfSpeechSensitivity": 0.5, "speechEnhancementLevel": 1}, "name": "a"}
    assert unchanged_fields({"/voiceDetectionOptions": {"endOfSpeechSensitivity": 0.5}}, persona) == []
    assert unchanged_fields({"/voiceDetectionOptions": {"endOfSpeechSensitivity": 0.7}}, persona) == [
        "/voiceDetectionOptions/endOfSpeechSensitivity: expected 0.7, got 0.5 (the PUT sent it)"
    ]
    assert unchanged_fields({"/brain/systemPrompt": "x"}, persona) == [
        "/brain/systemPrompt: missing (the PUT sent 'x')"
    ]


def test_a_create_is_blamed_as_a_post() -> None:
    assert unchanged_fields({"/skipGreeting": True}, {"skipGreeting": False}, "POST") == [
        "/skipGreeting: expected True, got False (the POST sent it)"
    ]


def test_ids_compare_by_value() -> None:
    assert same_id("0AD4E1F7-2C6B-4D8E-A3F5-6B9C1E2D7A05", "0ad4e1f7-2c6b-4d8e-a3f5-6b9c1e2d7a05")
    assert not same_id("0ad4e1f7-2c6b-4d8e-a3f5-6b9c1e2d7a05", "0ad4e1f7-2c6b-4d8e-a3f5-6b9c1e2d7a06")
    assert same_id("not-a-uuid", "NOT-A-UUID") and not same_id("a", "b")


def test_a_repeated_tool_id_is_expected_once_in_first_seen_order() -> None:
    assert expected_after_update({"toolIds": ["b", "a", "b"]}) == {"/tools": [{"id": "b"}, {"id": "a"}]}
