"""Documented rules no built-in check knows, tried on purpose rather than left to chance.

Generated sequences reach these rules too (the `update_keeps_sent_fields` and
`other_organisation_sees_nothing` checks run on every response), but how often depends on the
draw; these tests make sure each run tries them at least once, on the mock or a live server.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from contract_tests.support import current_run, expected_after_update, unchanged_fields

RUN = current_run()

# One value per field an update may send, valid for every voice provider and catalogue.
UPDATES: dict[str, Any] = {
    "name": "renamed",
    "description": "changed by the contract suite",
    "systemPrompt": "You answer in one short sentence.",
    "skipGreeting": True,
    "uninterruptibleGreeting": True,
    "zeroDataRetention": False,
    "languageCode": "fr",
    "voiceDetectionOptions": {"endOfSpeechSensitivity": 0.25, "silenceBeforeSessionEndSeconds": 120},
    "voiceGenerationOptions": {"speed": 1.1},
    "toolIds": [],
}
# Fields the server itself changes on every update.
_MOVING = {"updatedAt"}


@pytest.fixture(scope="module")
def persona() -> Iterator[dict[str, Any]]:
    """One persona for every rule test (a live run may create only a few)."""
    settings = RUN.settings
    body = {
        "name": settings.run_prefix + "rules",
        "description": "made by the contract suite",
        "avatarId": settings.avatar_id,
        "voiceId": settings.voice_id,
        "llmId": settings.llm_id,
        "systemPrompt": "You are a helpful assistant.",
    }
    with RUN.part("rules"):
        status, created = RUN.caller.request("POST", "/v1/personas", key=RUN.key, body=body)
    assert status == 201, f"createPersona: a valid create answered {status}: {created}"
    yield created
    RUN.caller.request("DELETE", f"/v1/personas/{created['id']}", key=RUN.key)


@pytest.mark.parametrize("field", sorted(UPDATES))
def test_update_changes_only_the_field_it_sends(persona: dict[str, Any], field: str) -> None:
    value = RUN.settings.run_prefix + UPDATES[field] if field == "name" else UPDATES[field]
    path = f"/v1/personas/{persona['id']}"
    before_status, before = RUN.caller.request("GET", path, key=RUN.key)
    assert before_status == 200, f"getPersona: answered {before_status} for a persona just created"
    status, updated = RUN.caller.request("PUT", path, key=RUN.key, body={field: value})
    assert status == 200, f"updatePersona: PUT {{{field!r}: ...}} answered {status}: {updated}"
    expected = expected_after_update({field: value})
    _, after = RUN.caller.request("GET", path, key=RUN.key)
    problems = [f"in the PUT response: {p}" for p in unchanged_fields(expected, updated)]
    problems += [f"in the following GET: {p}" for p in unchanged_fields(expected, after)]
    touched = {pointer.split("/")[1] for pointer in expected} | _MOVING
    for key in sorted(set(before) - touched):
        if before[key] != after.get(key, "<missing>"):
            problems.append(f"/{key}: changed from {before[key]!r:.60} to {after.get(key, '<missing>')!r:.60}")
    assert not problems, (
        f"updatePersona: a PUT that sent only {field} broke the partial update rule:\n  " + "\n  ".join(problems)
    )


def test_other_organisation_sees_nothing(persona: dict[str, Any]) -> None:
    other = RUN.other_key
    if other is None:
        pytest.skip("needs a second organisation's key: set ANAM_OTHER_ORG_API_KEY (the mock has one)")
    path = f"/v1/personas/{persona['id']}"
    _, before = RUN.caller.request("GET", path, key=RUN.key)
    problems = []
    for method, body in (("GET", None), ("PUT", {"description": "not yours"}), ("DELETE", None)):
        status, _ = RUN.caller.request(method, path, key=other, body=body)
        if status != 404:
            problems.append(f"{method} {path} answered {status}, not 404")
    _, listed = RUN.caller.request("GET", "/v1/personas", key=other, params={"perPage": 100})
    if any(item.get("id") == persona["id"] for item in listed.get("data", [])):
        problems.append("GET /v1/personas lists it")
    status, still = RUN.caller.request("GET", path, key=RUN.key)
    if status != 200 or still != before:
        problems.append("the owner's persona changed after the other organisation's calls")
    assert not problems, "getPersona/updatePersona/deletePersona/listPersonas: another organisation's key reaches " + (
        "a persona it does not own (organisation isolation rule):\n  " + "\n  ".join(problems)
    )
