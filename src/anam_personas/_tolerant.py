"""Build the generated models from a body that may break the spec, without raising.

The generated `from_dict` trusts the spec: a `null` where an object belongs raises deep inside it.
Here the body is first checked (`_violations.check`); each property with a misfit that the
generated code cannot parse is swapped for a harmless stand-in that the spec allows, the model is
built by the generated code as usual, and then the property is set back to what the server
sent: a nested object keeps its own typed fields this way, anything else stays the raw JSON
value. Every returned model is an instance of a small subclass of the generated class that
carries `spec_violations` and whose `to_dict()` gives back what the server sent.
"""

from __future__ import annotations

import datetime
import enum
import functools
import keyword
import re
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import attrs
from anam_personas_client import models
from anam_personas_client.types import UNSET, Unset

from anam_personas._jsonwalk import copy_json
from anam_personas._violations import SOFT_RULES, SpecViolation, check, child, resolve

_PLACEHOLDER_UUID = "00000000-0000-0000-0000-000000000000"
_PLACEHOLDER_DATE_TIME = "1970-01-01T00:00:00+00:00"
_PARSE_ERRORS = (AttributeError, KeyError, TypeError, ValueError)
# What a decoded JSON value is made of; anything else in a model is a typed value.
_RAW = frozenset({dict, list, str, int, float, bool, type(None)})


def parse(schema_name: str, data: Any, shown: Any = None) -> tuple[Any, tuple[SpecViolation, ...]]:
    """The model of `schema_name` built from `data`, and every violation found in `data`.

    `shown`, when given, is `data` with secrets blanked out: the violations (which quote the
    values they found) are read from it, the model from `data`.
    """
    violations = check(data if shown is None else shown, schema_name)
    hard = frozenset(item.pointer for item in violations if item.rule not in SOFT_RULES)
    model = _Builder(hard).model(schema_name, data, "")
    model.spec_violations = violations
    model.remember(data)
    return model, violations


def spec_violations(model: object) -> tuple[SpecViolation, ...]:
    """What did not fit the spec in the body `model` was read from; typed twin of `model.spec_violations`.

    Empty for a body that conforms and for a model the caller built.
    """
    found: tuple[SpecViolation, ...] = getattr(model, "spec_violations", ())
    return found


def python_name(json_name: str) -> str:
    """The attribute the generator makes of a JSON property name (`voiceSpeed` -> `voice_speed`)."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", json_name).lower()
    return f"{name}_" if keyword.iskeyword(name) else name


def attribute_name(cls: type[Any], json_name: str) -> str:
    """The attrs field of generated `cls` for a JSON property; the generator adds "_" to names such as `next`."""
    name = python_name(json_name)
    fields = attrs.fields_dict(cls)
    return name if name in fields or f"{name}_" not in fields else f"{name}_"


def _equal(left: Any, right: Any) -> bool:
    try:
        return bool(left == right)
    except RecursionError:  # values nested too deep to compare count as changed
        return False


def _encode(value: Any) -> Any:
    """A field's JSON form: typed values as the generated `to_dict` writes them, raw ones as they came."""
    if attrs.has(type(value)) or isinstance(value, _Tolerant):
        return value.to_dict()
    if isinstance(value, list):
        if all(type(item) in _RAW for item in value):
            return copy_json(value)  # raw JSON, perhaps nested too deep for recursion
        return [_encode(item) for item in value]
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return copy_json(value)


class _Tolerant:
    """Mixed into a generated model: the misfits of its body, and a `to_dict` that keeps raw values."""

    __slots__ = ()
    spec_violations: tuple[SpecViolation, ...]
    _holds_raw: bool
    _names: Mapping[str, str]
    _schema_name: str
    _sent: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The body as the server sent it while the model is unchanged; after a change, the fields
        as they are now (typed ones spelt as the generated `to_dict` spells them)."""
        current = self._encoded()
        sent: dict[str, Any] | None = getattr(self, "_sent", None)
        # Unchanged means: encodes as a fresh parse of the same body does. Checked here rather
        # than kept from parse time, so reading a response costs no extra encoding.
        if sent is not None and _equal(current, _rebuild(self._schema_name, sent)._encoded()):
            return dict(copy_json(sent))
        return current

    def remember(self, sent: Any) -> None:
        """Keep the body this (top-level) model came from, for `to_dict`.

        Kept without a copy: it is the freshly decoded response, which nothing else holds, and
        building the model never changes it.
        """
        # setattr: the slot lives on the generated subclass (see _tolerant_class); two bases
        # with slots of their own cannot be combined.
        if isinstance(sent, dict):
            setattr(self, "_sent", sent)  # noqa: B010

    def _encoded(self) -> dict[str, Any]:
        if not self._holds_raw:
            return super().to_dict()  # type: ignore[misc, no-any-return]
        out: dict[str, Any] = dict(getattr(self, "additional_properties", {}))
        for json_name, attribute in self._names.items():
            value = getattr(self, attribute)
            if not isinstance(value, Unset):
                out[json_name] = _encode(value)
        return out

    def __eq__(self, other: object) -> bool:
        # The generated __eq__ wants the very same class; a tolerant model equals a plain one
        # with the same fields. The list of violations is not part of the value.
        base = type(self).__mro__[2]
        if not isinstance(other, base):
            return NotImplemented
        return all(getattr(self, item.name) == getattr(other, item.name) for item in attrs.fields(base))

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        # pickle and copy: the class is made at run time, so rebuild from the JSON instead.
        return (_rebuild, (self._schema_name, self.to_dict()))


def _rebuild(schema_name: str, data: Any) -> Any:
    return parse(schema_name, data)[0]


@functools.cache
def _tolerant_class(schema_name: str) -> type[Any]:
    base = getattr(models, schema_name)
    names = {key: attribute_name(base, key) for key in resolve({"$ref": schema_name}).get("properties", {})}
    namespace = {
        "__slots__": ("spec_violations", "_holds_raw", "_sent"),
        "__module__": base.__module__,
        "__qualname__": base.__qualname__,
        "_names": names,
        "_schema_name": schema_name,
    }
    return type(base.__name__, (_Tolerant, base), namespace)


def is_model(schema_name: str) -> bool:
    return attrs.has(getattr(models, schema_name, None) or object) and "properties" in resolve({"$ref": schema_name})


class _Builder:
    def __init__(self, hard: frozenset[str]) -> None:
        self._hard = hard

    def _broken(self, pointer: str) -> bool:
        return any(item == pointer or item.startswith(pointer + "/") for item in self._hard)

    def model(self, schema_name: str, data: Any, pointer: str) -> Any:
        cls = _tolerant_class(schema_name)
        schema = resolve({"$ref": schema_name})
        properties: Mapping[str, Any] = schema.get("properties", {})
        if not isinstance(data, dict):
            # Nothing of the body can be used: every field reads as missing.
            built = cls.from_dict(_stand_in(schema))
            for key in properties:
                setattr(built, attribute_name(cls.__mro__[2], key), UNSET)
            built.additional_properties = {}
            return self._finish(built, holds_raw=True)
        broken = [key for key in properties if self._broken(child(pointer, key))]
        try:
            built = cls.from_dict({**data, **{key: _stand_in(properties[key]) for key in broken}})
        except _PARSE_ERRORS:
            # The checker let through something the generated code refuses: keep every field raw
            # rather than fail, since the stand-ins alone always parse.
            broken = list(properties)
            built = cls.from_dict({**data, **{key: _stand_in(properties[key]) for key in broken}})
        if not broken:
            return self._finish(built, holds_raw=False)
        for key in broken:
            value = self.value(data[key], properties[key], child(pointer, key)) if key in data else UNSET
            setattr(built, attribute_name(cls.__mro__[2], key), value)
        return self._finish(built, holds_raw=True)

    def value(self, data: Any, schema: Mapping[str, Any], pointer: str) -> Any:
        """`data` typed where it fits the schema's object or list shape, else as it came."""
        options = schema.get("anyOf", schema.get("oneOf", [schema]))
        for option in options:
            ref = option.get("$ref")
            if ref is not None and isinstance(data, dict) and is_model(ref):
                return self.model(ref, data, pointer)
            target = resolve(option)
            if target.get("type") == "array" and isinstance(data, list) and "items" in target:
                return [self.value(item, target["items"], child(pointer, index)) for index, item in enumerate(data)]
        # Not copied: `data` is the freshly decoded response, which nothing else holds.
        return data

    @staticmethod
    def _finish(built: Any, *, holds_raw: bool) -> Any:
        built.spec_violations = ()
        built._holds_raw = holds_raw
        return built


def _stand_in(schema: Mapping[str, Any]) -> Any:
    """A value the schema allows and the generated code parses; it never reaches the caller."""
    schema = resolve(schema)
    options = schema.get("anyOf", schema.get("oneOf"))
    if options:
        nullable = [option for option in options if resolve(option).get("type") == "null"]
        return None if nullable else _stand_in(options[0])
    wanted = schema.get("type", "object")
    types = [wanted] if isinstance(wanted, str) else list(wanted)
    if "null" in types:
        return None
    kind = types[0]
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "string":
        return {"uuid": _PLACEHOLDER_UUID, "date-time": _PLACEHOLDER_DATE_TIME}.get(schema.get("format", ""), "")
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    properties: Mapping[str, Any] = schema.get("properties", {})
    return {key: _stand_in(properties[key]) for key in schema.get("required", [])}
