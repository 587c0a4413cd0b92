"""The documented rules the spec cannot express: catalogue, avatar models, ZDR, voice option variants,
and what create and partial update do to a persona."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from anam_contract.mock import OTHER_ORG_API_KEY

from ._support import (
    AVATAR_CARA,
    AVATAR_LIV,
    LLM_PLAIN,
    LLM_ZDR,
    VOICE_CARTESIA,
    VOICE_OPENAI,
    VOICE_PLAIN,
    VOICE_ZDR,
    auth,
)

pytestmark = pytest.mark.anyio

BASE = {"name": "Cara", "avatarId": AVATAR_LIV, "voiceId": VOICE_ZDR, "llmId": LLM_ZDR}
UNKNOWN = "4b0b7f8e-1d8a-4f57-9d0c-6f3b7e0a9c11"


async def _create(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    response = await client.post("/v1/personas", json={**BASE, **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _rejected(response: httpx.Response, pointer: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert pointer.split("/")[1] in body["message"]  # the message names the field; details point inside it
    assert any(d["path"] == pointer for d in body["details"]), body


# --- create ---------------------------------------------------------------------------------------


async def test_create_expands_avatar_and_voice_from_the_catalogue(client: httpx.AsyncClient) -> None:
    persona = await _create(client, description="A helpful assistant", systemPrompt="You are a helpful assistant.")
    assert persona["avatar"]["id"] == AVATAR_LIV and persona["avatar"]["displayName"] == "Liv"
    assert persona["voice"]["id"] == VOICE_ZDR and persona["voice"]["provider"] == "ELEVENLABS"
    assert persona["brain"] == {"personality": None, "systemPrompt": "You are a helpful assistant."}
    assert persona["llmId"] == LLM_ZDR
    assert persona["description"] == "A helpful assistant"
    assert persona["createdAt"] == persona["updatedAt"]


@pytest.mark.parametrize(
    ("field", "value"), [("avatarId", UNKNOWN), ("voiceId", UNKNOWN), ("llmId", UNKNOWN), ("llmId", "gpt")]
)
async def test_create_with_a_resource_outside_the_catalogue_is_400_naming_it(
    client: httpx.AsyncClient, field: str, value: str
) -> None:
    await _rejected(await client.post("/v1/personas", json={**BASE, field: value}), f"/{field}")


async def test_create_with_an_unknown_tool_names_its_position(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/personas", json={**BASE, "toolIds": ["tool-id-1", "no-such-tool"]})
    await _rejected(response, "/toolIds/1")


async def test_create_attaches_tools_in_order_once_each(client: httpx.AsyncClient) -> None:
    persona = await _create(client, toolIds=["tool-id-2", "tool-id-1", "tool-id-2"])
    assert [t["id"] for t in persona["tools"]] == ["tool-id-2", "tool-id-1"]


async def test_customer_client_llm_disables_the_llm(client: httpx.AsyncClient) -> None:
    persona = await _create(client, llmId="CUSTOMER_CLIENT_V1", systemPrompt="kept")
    assert persona["llmId"] is None
    assert persona["brain"]["systemPrompt"] == "kept"


async def test_avatar_model_must_be_supported_by_the_avatar(client: httpx.AsyncClient) -> None:
    await _rejected(await client.post("/v1/personas", json={**BASE, "avatarModel": "cara-4-latest"}), "/avatarModel")
    persona = await _create(client, avatarId=AVATAR_CARA, avatarModel="cara-4-latest")
    assert persona["avatarModel"] == "cara-4-latest"


async def test_zero_data_retention_with_zdr_voice_and_llm_in_enterprise_org(client: httpx.AsyncClient) -> None:
    persona = await _create(client, zeroDataRetention=True)
    assert persona["zeroDataRetention"] is True
    no_llm = await _create(client, zeroDataRetention=True, llmId="CUSTOMER_CLIENT_V1")
    assert no_llm["zeroDataRetention"] is True


@pytest.mark.parametrize("fields", [{"voiceId": VOICE_PLAIN}, {"llmId": LLM_PLAIN}])
async def test_zero_data_retention_needs_zdr_voice_and_llm(client: httpx.AsyncClient, fields: dict[str, str]) -> None:
    response = await client.post("/v1/personas", json={**BASE, **fields, "zeroDataRetention": True})
    await _rejected(response, "/zeroDataRetention")
    assert next(iter(fields.values())) in response.json()["message"]


async def test_zero_data_retention_needs_an_enterprise_organisation(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/personas", json={**BASE, "zeroDataRetention": True}, headers=auth(OTHER_ORG_API_KEY)
    )
    await _rejected(response, "/zeroDataRetention")
    assert "enterprise" in response.json()["message"]


async def test_omitted_fields_take_the_documented_defaults(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/personas", json={})
    assert response.status_code == 201, response.text
    persona = response.json()
    assert persona["name"] == "Untitled persona"
    assert persona["avatar"]["id"] == AVATAR_LIV  # the first avatar of the catalogue
    assert persona["voice"]["id"] == VOICE_ZDR  # the first voice
    assert persona["llmId"] == LLM_ZDR  # the first LLM
    assert persona["avatarModel"] is None
    assert persona["description"] is None
    assert persona["brain"] == {"personality": None, "systemPrompt": None}
    assert persona["tools"] == [] and persona["knowledge"] == []
    assert persona["skipGreeting"] is False and persona["zeroDataRetention"] is False
    assert persona["voiceDetectionOptions"] is None and persona["voiceGenerationOptions"] is None
    assert persona["voiceSpeed"] == 1 and persona["personaPreset"] == "" and persona["widgetConfig"] == {}


async def test_voice_generation_options_must_fit_the_voice_provider(client: httpx.AsyncClient) -> None:
    eleven = {"stability": 0.5, "similarityBoost": 0.2, "speed": 1.1}
    assert (await _create(client, voiceGenerationOptions=eleven))["voiceGenerationOptions"] == eleven
    cartesia = {"volume": 1.2, "speed": 1.4, "emotion": "calm"}
    persona = await _create(client, voiceId=VOICE_CARTESIA, voiceGenerationOptions=cartesia)
    assert persona["voiceGenerationOptions"] == cartesia
    # Valid for the union schema, but `stability` is not a Cartesia field.
    mixed = await client.post(
        "/v1/personas", json={**BASE, "voiceId": VOICE_CARTESIA, "voiceGenerationOptions": {"stability": 0.5}}
    )
    await _rejected(mixed, "/voiceGenerationOptions")
    assert "CARTESIA" in mixed.json()["message"]
    # In the union's range (0.5..2) but outside ElevenLabs' own (0.7..1.2).
    too_slow = await client.post("/v1/personas", json={**BASE, "voiceGenerationOptions": {"speed": 0.6}})
    await _rejected(too_slow, "/voiceGenerationOptions/speed")


async def test_provider_without_a_variant_takes_no_voice_generation_options(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/personas", json={**BASE, "voiceId": VOICE_OPENAI, "voiceGenerationOptions": {"speed": 1}}
    )
    await _rejected(response, "/voiceGenerationOptions")


# --- update ---------------------------------------------------------------------------------------


async def _update(client: httpx.AsyncClient, persona_id: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.put(f"/v1/personas/{persona_id}", json=body)
    assert response.status_code == 200, response.text
    updated: dict[str, Any] = response.json()
    return updated


async def test_update_changes_only_the_fields_sent(client: httpx.AsyncClient) -> None:
    before = await _create(client, description="first", systemPrompt="old", skipGreeting=True)
    after = await _update(client, before["id"], {"systemPrompt": "new"})
    assert after["brain"]["systemPrompt"] == "new"
    unchanged = {k: v for k, v in before.items() if k not in ("brain", "updatedAt")}
    assert {k: v for k, v in after.items() if k not in ("brain", "updatedAt")} == unchanged
    assert after["updatedAt"] > before["updatedAt"]
    assert after["createdAt"] == before["createdAt"] and after["id"] == before["id"]
    assert (await client.get(f"/v1/personas/{before['id']}")).json() == after


async def test_updated_at_moves_on_every_update_even_in_the_same_millisecond(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    stamps = [persona["updatedAt"]]
    for name in ("a", "b", "c"):
        stamps.append((await _update(client, persona["id"], {"name": name}))["updatedAt"])
    assert stamps == sorted(set(stamps))


async def test_new_avatar_resets_a_model_it_does_not_support(client: httpx.AsyncClient) -> None:
    persona = await _create(client, avatarModel="cara-2")
    after = await _update(client, persona["id"], {"avatarId": AVATAR_CARA})
    assert after["avatar"]["id"] == AVATAR_CARA and after["avatarModel"] is None


async def test_new_avatar_keeps_a_model_it_supports(client: httpx.AsyncClient) -> None:
    persona = await _create(client, avatarModel="cara-3")
    after = await _update(client, persona["id"], {"avatarId": AVATAR_CARA})
    assert after["avatarModel"] == "cara-3"


async def test_update_avatar_model_is_checked_against_the_resulting_avatar(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    refused = await client.put(f"/v1/personas/{persona['id']}", json={"avatarModel": "cara-4-latest"})
    await _rejected(refused, "/avatarModel")
    both = await _update(client, persona["id"], {"avatarId": AVATAR_CARA, "avatarModel": "cara-4-latest"})
    assert both["avatarModel"] == "cara-4-latest"


async def test_new_voice_resets_voice_generation_options(client: httpx.AsyncClient) -> None:
    persona = await _create(client, voiceGenerationOptions={"stability": 0.3})
    after = await _update(client, persona["id"], {"voiceId": VOICE_PLAIN})
    assert after["voice"]["id"] == VOICE_PLAIN and after["voiceGenerationOptions"] is None


async def test_new_voice_with_new_options_keeps_the_new_options(client: httpx.AsyncClient) -> None:
    persona = await _create(client, voiceGenerationOptions={"stability": 0.3})
    options = {"volume": 1.5, "emotion": "sad"}
    after = await _update(client, persona["id"], {"voiceId": VOICE_CARTESIA, "voiceGenerationOptions": options})
    assert after["voiceGenerationOptions"] == options


async def test_options_alone_are_checked_against_the_current_voice(client: httpx.AsyncClient) -> None:
    persona = await _create(client, voiceId=VOICE_CARTESIA)
    refused = await client.put(f"/v1/personas/{persona['id']}", json={"voiceGenerationOptions": {"stability": 1}})
    await _rejected(refused, "/voiceGenerationOptions")


async def test_tool_ids_replace_the_tool_list(client: httpx.AsyncClient) -> None:
    persona = await _create(client, toolIds=["tool-id-1"])
    after = await _update(client, persona["id"], {"toolIds": ["tool-id-2"]})
    assert [t["id"] for t in after["tools"]] == ["tool-id-2"]
    emptied = await _update(client, persona["id"], {"toolIds": []})
    assert emptied["tools"] == []


async def test_update_to_customer_client_disables_the_llm(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    assert (await _update(client, persona["id"], {"llmId": "CUSTOMER_CLIENT_V1"}))["llmId"] is None
    assert (await _update(client, persona["id"], {"llmId": LLM_PLAIN}))["llmId"] == LLM_PLAIN


async def test_update_that_breaks_zero_data_retention_blames_the_changed_field(client: httpx.AsyncClient) -> None:
    persona = await _create(client, zeroDataRetention=True)
    path = f"/v1/personas/{persona['id']}"
    await _rejected(await client.put(path, json={"voiceId": VOICE_PLAIN}), "/voiceId")
    await _rejected(await client.put(path, json={"llmId": LLM_PLAIN}), "/llmId")
    # Turning ZDR off and changing the voice together is fine.
    after = await _update(client, persona["id"], {"zeroDataRetention": False, "voiceId": VOICE_PLAIN})
    assert after["zeroDataRetention"] is False
    # A refused update changed nothing.
    assert (await client.get(path)).json()["voice"]["id"] == VOICE_PLAIN


async def test_refused_update_leaves_the_persona_as_it_was(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    refused = await client.put(f"/v1/personas/{persona['id']}", json={"name": "new", "avatarId": UNKNOWN})
    await _rejected(refused, "/avatarId")
    assert (await client.get(f"/v1/personas/{persona['id']}")).json() == persona


async def test_avatar_and_voice_cannot_be_cleared(client: httpx.AsyncClient) -> None:
    persona = await _create(client)
    response = await client.put(f"/v1/personas/{persona['id']}", json={"avatarId": None})
    assert response.status_code == 400  # the spec does not allow null here; the rule would refuse it anyway
