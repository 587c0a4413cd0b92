"""Steer some generated bodies towards resources the organisation has.

In the spec, `avatarId`, `voiceId`, `llmId` and `toolIds` are free strings; a random one names
nothing in the catalogue and the API answers 400, as documented. Left alone, almost every
generated create and update would stop there, and the stateful sequences would rarely reach an
update that succeeds. So half of the bodies the spec calls valid get the run's real avatar, voice
and LLM (and options every voice provider accepts); the other half, and every invalid body, are
sent as drawn. A valid body stays valid, since the replacements are themselves valid values.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from schemathesis import HookContext

from anam_contract.spec import Spec
from contract_tests.support._models import ModelMap
from contract_tests.support._settings import RunSettings

_STEERED = ("createPersona", "updatePersona")


def steered(body: dict[str, Any], settings: RunSettings) -> dict[str, Any]:
    """`body` with its references pointing at the run's resources and provider-neutral options."""
    result = dict(body)
    for field, value in (("avatarId", settings.avatar_id), ("voiceId", settings.voice_id), ("llmId", settings.llm_id)):
        if field in result:
            result[field] = value
    if "toolIds" in result:
        result["toolIds"] = []
    # Which models an avatar supports, and which options a voice's provider takes, is the
    # catalogue's business; these values suit any of them.
    result.pop("avatarModel", None)
    if "voiceGenerationOptions" in result:
        result["voiceGenerationOptions"] = {"speed": 1.0}
    return result


def register_steering(schema: Any, spec: Spec, settings: RunSettings) -> None:
    models = ModelMap(spec)
    validators = {}
    for operation_id in _STEERED:
        component = models.component_of_request(operation_id)
        if component is not None:
            validators[operation_id] = spec.component_validator(component)

    def flatmap_body(context: HookContext, body: Any) -> st.SearchStrategy[Any]:
        operation = context.operation
        operation_id = operation.definition.raw.get("operationId") if operation is not None else None
        validator = validators.get(str(operation_id))
        if validator is None or not isinstance(body, dict) or not validator.is_valid(body):
            return st.just(body)
        return st.sampled_from([body, steered(body, settings)])

    schema.hook(flatmap_body)
