"""The partial-update rule as the suite's check reads it."""

from __future__ import annotations

from contract_tests.support import expected_after_update, unchanged_fields


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
