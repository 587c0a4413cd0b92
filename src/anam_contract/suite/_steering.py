"""Steer generated requests towards what the organisation has, on purpose with variety.

In the spec, `avatarId`, `voiceId`, `llmId` and `toolIds` are free strings; a random one names
nothing in the catalogue and the API answers 400, as documented. Left alone, almost every
generated create and update would stop there, and an avatar, voice or LLM would never change. So
half of the bodies the spec calls valid get ids drawn from the organisation's catalogue (the
mock's fixtures in-process; the settings' and the learned ids on a live run): any avatar, voice or
LLM (or `CUSTOMER_CLIENT_V1`), tools with repeats, with and without an `avatarModel` the avatar
renders, with and without `voiceGenerationOptions` for the voice's provider. The other half, and
every invalid body, are sent as drawn.

Half of the valid list queries search for a piece of a name the organisation holds (from its
start or its middle, in another letter case) and ask for pages of up to 100, so the list's
completeness is tried on organisations with data.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from schemathesis import HookContext

from anam_contract.spec import Spec
from anam_contract.suite._catalogue import NO_LLM, OPTIONS_BY_PROVIDER, Catalogue, settings_catalogue
from anam_contract.suite._models import ModelMap
from anam_contract.suite._oracle import oracle_of
from anam_contract.suite._seeding import OWN_PERSONAS, seed_names
from anam_contract.suite._settings import RunSettings

_STEERED = ("createPersona", "updatePersona")
# Options every voice provider with options accepts, for bodies that change options but not the voice.
_NEUTRAL_OPTIONS = {"speed": 1.0}


# Every random choice a steered body needs, drawn in one fixed shape whatever the body holds. A
# body may come from a previous answer (a link of the stateful phase), so what it holds depends on
# the server: draws that depended on it (a boolean only when a field is absent, a pick among as
# many models as the chosen avatar renders) made hypothesis see the same choices lead to different
# draws, and end the run with FlakyStrategyDefinition instead of the differences it had found.
_PICK = st.integers(0, 2**16 - 1)
_CHOICES = st.tuples(
    st.tuples(st.booleans(), _PICK),  # avatar: add one when absent, which
    st.tuples(st.booleans(), _PICK),  # voice
    st.tuples(st.booleans(), _PICK),  # llm
    st.lists(_PICK, max_size=3),  # tools
    st.tuples(st.booleans(), _PICK),  # avatar model: send one, which
    st.booleans(),  # generation options for the voice's provider
    st.tuples(st.integers(0, 7), _PICK),  # one time in eight: one reference the catalogue lacks
)
# An id no catalogue holds. A body that names it beside valid changes must be refused whole: the
# model of the rules then expects the persona unchanged (NOTES M4) and the next answer shows it.
_UNKNOWN_ID = "00000000-0000-4000-8000-00000000dead"
_SPOILABLE = ("avatarId", "voiceId", "llmId", "toolIds")


def steered(body: dict[str, Any], catalogue: Catalogue) -> st.SearchStrategy[dict[str, Any]]:
    """`body` with its references drawn from the catalogue (added or left out, at random)."""
    return _CHOICES.map(lambda choices: _steer(body, catalogue, choices))


def _steer(body: dict[str, Any], catalogue: Catalogue, choices: tuple[Any, ...]) -> dict[str, Any]:
    avatar, voice, llm, tools, model, with_options, (spoil, which) = choices
    result = dict(body)
    for field, ids, (add, pick) in (("avatarId", catalogue.avatars, avatar), ("voiceId", catalogue.voices, voice)):
        if ids and (field in result or add):
            result[field] = _nth(sorted(ids), pick)
        else:
            result.pop(field, None)
    if "llmId" in result or llm[0]:
        result["llmId"] = _nth([*sorted(catalogue.llms), NO_LLM], llm[1])
    if "toolIds" in result:
        known = sorted(catalogue.tools)
        result["toolIds"] = [_nth(known, pick) for pick in tools] if known else []
    # A model the chosen avatar renders; without a new avatar, any model of the catalogue (the
    # persona's avatar decides, and the model of the documented rules knows whether it must land).
    everyone = frozenset(m for models in catalogue.avatars.values() for m in models or ())
    models = catalogue.avatars.get(result["avatarId"]) if "avatarId" in result else everyone
    models = models or frozenset()
    result.pop("avatarModel", None)
    if models and model[0]:
        result["avatarModel"] = _nth(sorted(models), model[1])
    provider = catalogue.voices.get(result.get("voiceId", ""))
    options = OPTIONS_BY_PROVIDER.get(str(provider))
    had_options = result.pop("voiceGenerationOptions", None) is not None
    if options is not None and with_options:
        result["voiceGenerationOptions"] = options
    elif had_options and "voiceId" not in result:
        result["voiceGenerationOptions"] = _NEUTRAL_OPTIONS
    if spoil == 0:
        field = _SPOILABLE[which % len(_SPOILABLE)]
        result[field] = [*result.get("toolIds", []), _UNKNOWN_ID] if field == "toolIds" else _UNKNOWN_ID
    return result


def _nth(items: list[str], pick: int) -> str:
    return items[pick % len(items)]


def searched(query: dict[str, Any], names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """`query` asking for a piece of one of `names`, in some letter case, on a page of up to 100."""

    @st.composite
    def draw_query(draw: Any) -> dict[str, Any]:
        result = dict(query)
        name = draw(st.sampled_from(names))
        start = draw(st.integers(0, max(0, len(name) - 1)))
        end = draw(st.integers(start + 1, max(start + 1, min(len(name), start + 6))))
        spelling = draw(st.sampled_from([str.upper, str.lower, str.swapcase, str]))
        result["search"] = spelling(name[start:end])
        result["perPage"] = draw(st.sampled_from([100, 10, 3]))
        result["page"] = draw(st.integers(1, 3))
        return result

    strategy: st.SearchStrategy[dict[str, Any]] = draw_query()
    return strategy


def _valid_list_query(query: Any) -> bool:
    """Whether a drawn list query is one the spec allows (a negative one must stay negative)."""
    if query is None:
        return True
    if not isinstance(query, dict) or not set(query) <= {"page", "perPage", "search"}:
        return False
    page, per_page = query.get("page", 1), query.get("perPage", 10)
    numbers = all(isinstance(n, int) and not isinstance(n, bool) for n in (page, per_page))
    return numbers and page >= 1 and 1 <= per_page <= 100 and isinstance(query.get("search", ""), str)


def register_steering(schema: Any, spec: Spec, settings: RunSettings) -> None:
    models = ModelMap(spec)
    validators = {}
    for operation_id in _STEERED:
        component = models.component_of_request(operation_id)
        if component is not None:
            validators[operation_id] = spec.component_validator(component)
    fallback = settings_catalogue(settings)

    def flatmap_body(context: HookContext, body: Any) -> st.SearchStrategy[Any]:
        operation = context.operation
        operation_id = operation.definition.raw.get("operationId") if operation is not None else None
        validator = validators.get(str(operation_id))
        if validator is None:
            return st.just(body)
        if not isinstance(body, dict) or not validator.is_valid(body):
            # The same draws as a steered body, unused: whether a body is valid can depend on
            # the answer it was built from (see _CHOICES).
            return st.one_of(st.just(body), _CHOICES.map(lambda _: body))
        # Only a complete (fixed) catalogue: a strategy that changed with what the run learned
        # would draw differently when hypothesis replays a case.
        oracle = oracle_of(schema)
        home = oracle.home if oracle is not None else None
        catalogue = home.catalogue if home is not None and home.catalogue.complete else fallback
        return st.one_of(st.just(body), steered(body, catalogue))

    def flatmap_query(context: HookContext, query: Any) -> st.SearchStrategy[Any]:
        operation = context.operation
        if operation is None or operation.definition.raw.get("operationId") != "listPersonas":
            return st.just(query)
        # The seeded names, a fixed list, not the organisation's current ones (see flatmap_body).
        names = seed_names(OWN_PERSONAS) if not settings.live and settings.seed_personas else []
        if not names or not _valid_list_query(query):
            return st.just(query)
        return st.one_of(st.just(query), searched(query or {}, names))

    schema.hook(flatmap_body)
    schema.hook(flatmap_query)
