"""Steered bodies and queries: variety drawn from the catalogue, and still valid for the spec."""

from __future__ import annotations

from random import Random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.control import BuildContext
from hypothesis.internal.conjecture.data import ConjectureData

from anam_contract.spec import Spec
from anam_contract.suite._catalogue import NO_LLM, Catalogue
from anam_contract.suite._seeding import OWN_PERSONAS, seed_names
from anam_contract.suite._steering import searched, steered

SPEC = Spec.load()
UPDATE = SPEC.component_validator("UpdatePersonaRequest")
CATALOGUE = Catalogue(
    complete=True,
    avatars={"a1": frozenset({"cara-2"}), "a2": frozenset({"cara-3", "cara-4-latest"})},
    voices={"v1": "ELEVENLABS", "v2": "OPENAI_ADVANCED_VOICE", "v3": "CARTESIA"},
    llms={"l1": True},
    tools={"t1": "one", "t2": "two"},
)
SEEN: dict[str, set[Any]] = {"avatarModel": set(), "llmId": set(), "options": set(), "avatarId": set(), "spoilt": set()}
UNKNOWN = "00000000-0000-4000-8000-00000000dead"
# No deadline, no too_slow health check: how long an example takes depends on the machine (speed is
# measured in bench/, never asserted).
UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(UNTIMED, max_examples=300, database=None, derandomize=True)
@given(st.data())
def _draw_steered_bodies(data: st.DataObject) -> None:
    body = data.draw(steered({"name": "n", "avatarId": "x", "voiceId": "y", "llmId": "z"}, CATALOGUE))
    assert UPDATE.is_valid(body)
    if "avatarModel" in body and body["avatarId"] in CATALOGUE.avatars:
        # Only a model the chosen avatar renders (unless the avatar is the one id spoilt on purpose).
        assert body["avatarModel"] in (CATALOGUE.avatars[body["avatarId"]] or ())
    if "voiceGenerationOptions" in body and body["voiceId"] in CATALOGUE.voices:
        assert CATALOGUE.voices[body["voiceId"]] != "OPENAI_ADVANCED_VOICE"
    SEEN["avatarModel"].add(body.get("avatarModel"))
    SEEN["llmId"].add(body["llmId"])
    SEEN["options"].add("voiceGenerationOptions" in body)
    SEEN["avatarId"].add(body["avatarId"])
    SEEN["spoilt"].add(
        sum(body.get(f) == UNKNOWN or UNKNOWN in (body.get(f) or []) for f in ("voiceId", "llmId", "toolIds"))
    )


def test_steered_bodies_are_valid_and_cover_the_catalogue() -> None:
    for seen in SEEN.values():
        seen.clear()
    _draw_steered_bodies()
    # With and without a model and options, every avatar and LLM (and running without one).
    assert {None, "cara-2", "cara-3", "cara-4-latest"} <= SEEN["avatarModel"]
    assert SEEN["llmId"] == {"l1", NO_LLM, UNKNOWN}
    assert SEEN["options"] == {True, False}
    # Every avatar, and now and then a reference the catalogue lacks (the update must be refused whole).
    assert SEEN["avatarId"] == {"a1", "a2", UNKNOWN}
    assert SEEN["spoilt"] == {0, 1}


@settings(UNTIMED, max_examples=100, database=None, derandomize=True)
@given(st.data())
def test_searched_queries_take_a_piece_of_a_seeded_name(data: st.DataObject) -> None:
    names = seed_names(OWN_PERSONAS)
    query = data.draw(searched({}, names))
    assert any(query["search"].casefold() in name.casefold() for name in names)
    assert 1 <= query["perPage"] <= 100 and query["page"] >= 1


def test_seeded_names_fill_more_than_a_page_and_share_pieces() -> None:
    names = seed_names(OWN_PERSONAS)
    assert len(names) > 100
    assert sum("lan" in name.casefold() for name in names) > sum(name.casefold().startswith("lan") for name in names)
    assert any("STRASSE".casefold() in name.casefold() for name in names)


MODELLESS: set[tuple[bool, bool]] = set()


@settings(UNTIMED, max_examples=200, database=None, derandomize=True)
@given(st.data())
def _draw_updates_without_an_avatar(data: st.DataObject) -> None:
    body = data.draw(steered({"name": "n"}, CATALOGUE))
    assert UPDATE.is_valid(body)
    MODELLESS.add(("avatarId" in body, "avatarModel" in body))


def test_an_update_without_a_new_avatar_may_still_send_a_model() -> None:
    # The persona's own avatar decides whether the model lands; the model of the rules knows.
    MODELLESS.clear()
    _draw_updates_without_an_avatar()
    assert (False, True) in MODELLESS


def _choices(strategy: st.SearchStrategy[Any], seed: int) -> list[tuple[str, str]]:
    """The kind and bounds of every choice one draw of `strategy` makes (hypothesis internals: its
    own test of flakiness compares exactly these)."""
    data = ConjectureData(random=Random(seed))
    with BuildContext(data, wrapped_test=lambda: None):
        data.draw(strategy)
    return [(node.type, repr(sorted(node.constraints.items()))) for node in data.nodes]


def test_a_steered_body_draws_the_same_choices_whatever_it_holds() -> None:
    # A body built from an answer (a link) holds what the server said: the choices drawn must not
    # depend on it, or hypothesis sees one prefix of choices lead to two kinds of draw and ends
    # the run with FlakyStrategyDefinition.
    bodies: list[dict[str, Any]] = [
        {},
        {"avatarId": "x", "toolIds": ["t"], "voiceGenerationOptions": {"speed": 1.0}},
        {"llmId": "z", "voiceId": "y"},
    ]
    for seed in range(40):
        shapes = {repr(_choices(steered(body, CATALOGUE), seed)) for body in bodies}
        assert len(shapes) == 1, f"seed {seed}: the choices depend on the body"
