"""Which generated model reads which JSON, and the round trip through it.

The mapping is read from the spec (the `$ref` of a response or request body names a component,
and the generator names each model class after its component), so a new operation or status
needs no edit here.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

import anam_personas_client.models as client_models

from anam_contract.jsoncompare import differences
from anam_contract.spec import Spec


class Model(Protocol):
    """What every generated model class offers: parse a JSON object, write one back."""

    @classmethod
    def from_dict(cls, src_dict: Any) -> Any: ...

    def to_dict(self) -> Any: ...


class ModelMap:
    """Generated model classes by operationId and status (responses) or operationId (request bodies)."""

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._operations = {op["operationId"]: op for _, _, op in spec.operations()}

    def component_of_response(self, operation_id: str, status: int) -> str | None:
        """Name of the component the spec gives as the JSON body of `status`, if any."""
        responses = self._operations[operation_id].get("responses", {})
        response = responses.get(str(status)) or responses.get(f"{status // 100}XX") or responses.get("default")
        if response is None:
            return None
        return self._component_of(self._spec.resolve(response))

    def component_of_request(self, operation_id: str) -> str | None:
        body = self._operations[operation_id].get("requestBody")
        return None if body is None else self._component_of(self._spec.resolve(body))

    def _component_of(self, holder: dict[str, Any]) -> str | None:
        schema = holder.get("content", {}).get("application/json", {}).get("schema", {})
        ref = schema.get("$ref", "")
        prefix = "#/components/schemas/"
        return ref[len(prefix) :] if ref.startswith(prefix) else None


def model_class(component: str) -> type[Model]:
    """The generated class of a component; the generator names classes after components."""
    found = getattr(client_models, component, None)
    if found is None:
        raise LookupError(f"the generated client has no model for schema {component}")
    return cast(type[Model], found)


def round_trip(spec: Spec, component: str, data: Any) -> list[str]:
    """Every difference between `data` and `to_dict()` of the model parsed from it (empty when equal).

    A parse failure is one difference at `/` in the model's own words, followed by where the spec
    sees a problem in `data`: the model does not say which field it choked on, the validator does.
    """
    cls = model_class(component)
    try:
        parsed = cls.from_dict(data) if _is_object_model(cls) else cls(data)  # type: ignore[call-arg]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        found = [f"/: the client's {component} cannot parse it ({_describe(error)})"]
        validator = spec.component_validator(component)
        for problem in sorted(validator.iter_errors(data), key=lambda e: [str(part) for part in e.absolute_path]):
            pointer = "".join(f"/{part}" for part in problem.absolute_path) or "/"
            found.append(f"{pointer}: {_clip(problem.message)} (the spec says)")
        return found
    written = parsed.to_dict() if _is_object_model(cls) else str(parsed)
    return differences(data, written)


def _is_object_model(cls: type[Model]) -> bool:
    # Enum components become `StrEnum` classes, which have no `from_dict`.
    return hasattr(cls, "from_dict")


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"required key {error.args[0]!r} is missing"
    return f"{type(error).__name__}: {error}"


def _clip(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "..."
