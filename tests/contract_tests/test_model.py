"""The model of the documented behaviour: what a request must do, read from the docs' rules alone."""

from __future__ import annotations

from typing import Any

import pytest

from anam_contract.spec import Spec
from anam_contract.suite._catalogue import Catalogue
from anam_contract.suite._model import Model, Organisation, persona_id

SPEC = Spec.load()
A1, A2 = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
V1, V2 = "33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444"


def _org() -> Organisation:
    catalogue = Catalogue(
        complete=True,
        avatars={A1: frozenset({"cara-2", "cara-3"}), A2: frozenset({"cara-3"})},
        voices={V1: "ELEVENLABS", V2: "OPENAI_ADVANCED_VOICE"},
        voice_zdr={V1: True, V2: False},
        llms={"llm-1": True},
        tools={"t1": "one", "t2": "two"},
        enterprise=True,
    )
    return Organisation(catalogue)


def _persona(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "55555555-5555-4555-8555-555555555555",
        "name": "p",
        "avatar": {"id": A1, "displayName": "x"},
        "avatarModel": "cara-2",
        "voice": {"id": V1},
        "voiceGenerationOptions": {"speed": 1.1},
        "llmId": "llm-1",
        "brain": {"systemPrompt": "s", "personality": None},
        "tools": [{"id": "t1", "name": "one"}],
        "updatedAt": "2026-01-01T00:00:00.000Z",
    }
    return {**base, **fields}


def _update(body: dict[str, Any], current: dict[str, Any] | None = None) -> Any:
    model, org = Model(SPEC, {}), _org()
    persona = current or _persona()
    org.personas[persona["id"]] = persona
    return model, model.expect_update(org, persona["id"], body)


def test_a_new_avatar_that_cannot_render_the_model_resets_it() -> None:
    model, expected = _update({"avatarId": A2})
    assert expected.statuses == frozenset({200})
    assert expected.persona["avatarModel"] is None
    assert model.exercised["avatar_change_resets_model"] == 1


def test_a_new_avatar_that_renders_the_model_keeps_it() -> None:
    model, expected = _update({"avatarId": A2}, _persona(avatarModel="cara-3"))
    assert expected.persona["avatarModel"] == "cara-3"
    assert model.exercised["avatar_change_keeps_model"] == 1


def test_a_new_voice_resets_the_options_unless_new_ones_come_with_it() -> None:
    _, expected = _update({"voiceId": V2})
    assert expected.persona["voiceGenerationOptions"] is None
    _, same_voice = _update({"voiceId": V1})
    assert "voiceGenerationOptions" in same_voice.loose  # the docs say nothing about the same voice


def test_customer_client_clears_the_llm_and_keeps_the_prompt() -> None:
    _, expected = _update({"llmId": "CUSTOMER_CLIENT_V1"})
    assert expected.persona["llmId"] is None
    assert expected.persona["brain"]["systemPrompt"] == "s"


def test_tool_ids_replace_the_list_once_per_id() -> None:
    _, expected = _update({"toolIds": ["t2", "t1", "t2"]})
    assert expected.persona["tools"] == [{"id": "t2"}, {"id": "t1"}]
    assert "tools" in expected.contains


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"avatarModel": "cara-4-latest"}, 400),  # the avatar does not render it
        ({"voiceId": "66666666-6666-4666-8666-666666666666"}, 400),  # not in the catalogue
        ({"toolIds": ["t9"]}, 400),
        ({"voiceId": V2, "voiceGenerationOptions": {"speed": 1.0}}, 400),  # a provider without options
        ({"zeroDataRetention": True, "voiceId": V2}, 400),  # a voice without ZDR
        ({"description": None}, 400),  # against the update schema
        ({"zeroDataRetention": True}, 200),
        ({}, 200),
    ],
)
def test_the_documented_refusals(body: dict[str, Any], status: int) -> None:
    _, expected = _update(body)
    assert expected.statuses == frozenset({status})


def test_an_unknown_persona_is_404_only_where_the_model_knows_everything() -> None:
    model = Model(SPEC, {})
    complete, partial = _org(), Organisation(Catalogue(complete=False))
    pid = "77777777-7777-4777-8777-777777777777"
    assert model.expect_read(complete, pid, "GET").statuses == frozenset({404})
    assert model.expect_read(partial, pid, "GET").statuses is None
    partial.gone.add(pid)
    assert model.expect_read(partial, pid, "GET").statuses == frozenset({404})


def test_a_page_is_newest_first_with_search_by_case_folding() -> None:
    model, org = Model(SPEC, {}), _org()
    for index, name in enumerate(["Alan", "Roland", "Straße", "Grace"]):
        org.personas[f"id-{index}"] = {"id": f"id-{index}", "name": name}
    page = model.expected_page(org, 1, 10, "LAN")
    assert [item["id"] for item in page["data"]] == ["id-1", "id-0"]
    assert model.exercised["search_middle_of_name"] == 2
    assert [item["id"] for item in model.expected_page(org, 1, 10, "STRASSE")["data"]] == ["id-2"]
    second = model.expected_page(org, 2, 3, None)
    assert [item["id"] for item in second["data"]] == ["id-0"]
    assert second["meta"] == {"total": 4, "lastPage": 2, "currentPage": 2, "perPage": 3, "prev": 1, "next": None}
    past = model.expected_page(org, 5, 3, None)["meta"]
    assert (past["prev"], past["next"]) == (2, None)


def test_ids_are_one_spelling_and_only_uuids() -> None:
    assert persona_id("AAAAAAAA-1111-4111-8111-111111111111") == "aaaaaaaa-1111-4111-8111-111111111111"
    assert persona_id("{aaaaaaaa-1111-4111-8111-111111111111}") is None
