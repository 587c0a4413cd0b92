"""Request checks compiled from the spec once, when the app is built.

Nothing here names a field of the API: bodies, the path id and the query parameters are checked
with validators built from the operations' schemas, so a constraint changed in the spec changes
what the mock accepts. Only the rules the spec cannot state live elsewhere (`_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from anam_contract.mock._errors import ApiError, Detail
from anam_contract.spec import Spec

JSON = Any

_MAX_DETAILS = 20
_MAX_MESSAGE = 300
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    kind: str  # the schema's `type`, used to read the text of a query string or path segment
    required: bool
    default: JSON  # the schema's `default`, used when the parameter is absent (None: no default)
    validator: Draft202012Validator


@dataclass(frozen=True, slots=True)
class Operation:
    parameters: tuple[Parameter, ...]
    body: Draft202012Validator | None


class RequestSchemas:
    """The compiled checks of every operation, by operationId, plus the voice option variants."""

    def __init__(self, spec: Spec) -> None:
        self.operations: dict[str, Operation] = {}
        for method, path, operation in spec.operations():
            shared = spec.document["paths"][path].get("parameters", [])
            params = [spec.resolve(p) for p in [*shared, *operation.get("parameters", [])]]
            body_schema = (
                spec.resolve(operation["requestBody"])["content"]["application/json"]["schema"]
                if "requestBody" in operation
                else None
            )
            compiled = Operation(
                parameters=tuple(_parameter(spec, p) for p in params),
                body=spec.validator(body_schema) if body_schema is not None else None,
            )
            self.operations[operation.get("operationId", f"{method} {path}")] = compiled
            if compiled.body is not None:
                _warm_up(compiled.body, spec.resolve(operation["requestBody"])["content"]["application/json"])
        self.variants = _variants(spec)

    def parameters(self, operation_id: str, given: Mapping[str, list[str]]) -> dict[str, JSON]:
        """The typed values of the operation's parameters found in `given` (name -> raw texts)."""
        values: dict[str, JSON] = {}
        problems: list[Detail] = []
        for param in self.operations[operation_id].parameters:
            texts = given.get(param.name)
            if not texts:
                if param.required:
                    problems.append(Detail(param.name, "is required"))
                elif param.default is not None:
                    values[param.name] = param.default
                continue
            if len(texts) > 1:
                problems.append(Detail(param.name, "is given more than once"))
                continue
            value = _read(texts[0], param.kind)
            problems.extend(_details(param.validator.iter_errors(value), prefix=param.name))
            values[param.name] = value
        if problems:
            raise _invalid(problems)
        return values

    def body(self, operation_id: str, body: JSON) -> None:
        validator = self.operations[operation_id].body
        if validator is not None:
            problems = _details(validator.iter_errors(body))
            if problems:
                raise _invalid(problems)


def _warm_up(validator: Draft202012Validator, media: Mapping[str, JSON]) -> None:
    """Run the validator over the spec's examples once, so the first real request does not pay for
    the lazy `$ref` resolution and format-checker set-up inside jsonschema."""
    for example in media.get("examples", {}).values():
        for _ in validator.iter_errors(example.get("value") if isinstance(example, dict) else None):
            pass


def _parameter(spec: Spec, param: Mapping[str, JSON]) -> Parameter:
    schema = param.get("schema", {})
    resolved = spec.resolve(schema)
    kind = resolved.get("type", "string")
    return Parameter(
        name=param["name"],
        kind=kind if isinstance(kind, str) else "string",
        required=bool(param.get("required")),
        default=resolved.get("default"),
        validator=spec.validator(schema),
    )


def _variants(spec: Spec) -> dict[str, tuple[tuple[str, Draft202012Validator], ...]] | None:
    """Provider -> (schema name, validator) of each `voiceGenerationOptions` variant it accepts, from
    the `x-anam-variants` extension; None when the spec has no such extension."""
    union = spec.document.get("components", {}).get("schemas", {}).get("VoiceGenerationOptions", {})
    if "x-anam-variants" not in union:
        return None
    return {
        provider: tuple((name, spec.component_validator(name)) for name in names)
        for provider, names in union["x-anam-variants"].items()
    }


def _read(text: str, kind: str) -> JSON:
    """Parameter text as the JSON value its schema type expects; text that is not one stays text, so
    the validator reports the type mismatch in its own words."""
    try:
        if kind == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if kind == "number" and _NUMBER.fullmatch(text):
            return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:  # more digits than int() reads (4,300): stays text, so the answer is a 400
        return text
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


def _details(errors: Iterable[ValidationError], prefix: str = "") -> list[Detail]:
    found: list[Detail] = []
    for error in errors:
        where = prefix + "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            declared = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            found.extend(
                Detail(f"{where}/{name}", "is not a field of this request")
                for name in error.instance
                if name not in declared
            )
        else:
            found.append(Detail(where, _short(error.message)))
    found.sort(key=lambda d: d.path)
    return found[:_MAX_DETAILS]


def _short(message: str) -> str:
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 1] + "…"


def _invalid(problems: list[Detail]) -> ApiError:
    first = problems[0]
    summary = f"{first.path.lstrip('/') or 'body'}: {first.message}"
    if len(problems) > 1:
        summary += f" (and {len(problems) - 1} more)"
    return ApiError(400, "invalid_request", summary, tuple(problems))
