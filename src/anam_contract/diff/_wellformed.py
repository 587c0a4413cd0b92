"""The first node, if any, whose JSON type the diff cannot read (`paths: null`, `required: id`).

The shared loader only checks that a document is an OpenAPI 3.1 object; the walk then trusts the
shape of what it reads. Checking those parts up front turns a malformed spec into one clear line
with a JSON pointer instead of a crash, or worse, a quietly wrong report (a string `required`
would be read letter by letter).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from anam_contract.spec import JSON

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs")
_SCHEMA_ONE = ("items", "additionalProperties", "not")

Problem = tuple[str, JSON, str]  # pointer, the value found, what was expected


def first_problem(document: dict[str, JSON]) -> str | None:
    """`/paths/~1x/get/parameters is null, not a list`, or None when the document reads cleanly."""
    for pointer, value, expected in _problems(document):
        return f"{pointer} is {_describe(value)}, not {expected}"
    return None


def _describe(value: JSON) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _child(pointer: str, key: object) -> str:
    return f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"


def _object(node: JSON, pointer: str) -> Iterator[Problem]:
    if not isinstance(node, dict):
        yield pointer, node, "an object"


def _list(node: JSON, pointer: str) -> Iterator[Problem]:
    if not isinstance(node, list):
        yield pointer, node, "a list"


def _entries(owner: dict[str, JSON], key: str, pointer: str) -> Iterator[tuple[str, JSON, str]]:
    """(name, value, pointer) of each member of `owner[key]`; nothing when it is absent or not an object."""
    members = owner.get(key)
    if isinstance(members, dict):
        here = _child(pointer, key)
        for name, value in members.items():
            yield name, value, _child(here, name)


def _problems(document: dict[str, JSON]) -> Iterator[Problem]:
    for key in ("paths", "components"):
        if key in document:
            yield from _object(document[key], f"/{key}")
    for key in ("security", "servers"):
        if key in document:
            yield from _list(document[key], f"/{key}")
    for _, item, pointer in _entries(document, "paths", ""):
        yield from _object(item, pointer)
        if isinstance(item, dict):
            yield from _operation_parts(item, pointer)
            for method in _METHODS:
                if method in item:
                    yield from _object(item[method], _child(pointer, method))
                    if isinstance(item[method], dict):
                        yield from _operation(item[method], _child(pointer, method))
    components = document.get("components")
    if isinstance(components, dict):
        for key, check in (
            ("schemas", _schema),
            ("parameters", _parameter),
            ("responses", _response),
            ("requestBodies", _response),
        ):
            for _, node, pointer in _entries(components, key, "/components"):
                yield from check(node, pointer)


def _operation_parts(node: dict[str, JSON], pointer: str) -> Iterator[Problem]:
    for key in ("parameters", "servers", "security"):
        if key in node:
            yield from _list(node[key], _child(pointer, key))
    parameters = node.get("parameters")
    if isinstance(parameters, list):
        for index, parameter in enumerate(parameters):
            yield from _parameter(parameter, _child(_child(pointer, "parameters"), index))


def _operation(node: dict[str, JSON], pointer: str) -> Iterator[Problem]:
    yield from _operation_parts(node, pointer)
    if "requestBody" in node:
        yield from _response(node["requestBody"], _child(pointer, "requestBody"))
    if "responses" in node:
        yield from _object(node["responses"], _child(pointer, "responses"))
    for _, response, here in _entries(node, "responses", pointer):
        yield from _response(response, here)


def _parameter(node: JSON, pointer: str) -> Iterator[Problem]:
    yield from _object(node, pointer)
    if isinstance(node, dict) and "$ref" not in node:
        for key in ("in", "name"):
            if not isinstance(node.get(key), str):
                yield _child(pointer, key), node.get(key), "a string"
        if "schema" in node:
            yield from _schema(node["schema"], _child(pointer, "schema"))


def _response(node: JSON, pointer: str) -> Iterator[Problem]:
    """A response or a request body: both hold `content`, a map of media types with a schema each."""
    yield from _object(node, pointer)
    if not isinstance(node, dict) or "$ref" in node:
        return
    if "content" in node:
        yield from _object(node["content"], _child(pointer, "content"))
    for _, media, here in _entries(node, "content", pointer):
        yield from _object(media, here)
        if isinstance(media, dict) and "schema" in media:
            yield from _schema(media["schema"], _child(here, "schema"))


def _schema(node: JSON, pointer: str) -> Iterator[Problem]:
    if isinstance(node, bool):
        return  # `true` / `false` are schemas too
    yield from _object(node, pointer)
    if not isinstance(node, dict):
        return
    yield from _schema_keywords(node, pointer)
    for key in _SCHEMA_ONE:
        if key in node:
            yield from _schema(node[key], _child(pointer, key))
    for key in _SCHEMA_LISTS:
        if isinstance(node.get(key), list):
            for index, part in enumerate(node[key]):
                yield from _schema(part, _child(_child(pointer, key), index))
    for key in _SCHEMA_MAPS:
        for _, part, here in _entries(node, key, pointer):
            yield from _schema(part, here)


def _schema_keywords(node: dict[str, Any], pointer: str) -> Iterator[Problem]:
    for key in (*_SCHEMA_LISTS, "enum"):
        if key in node:
            yield from _list(node[key], _child(pointer, key))
    for key in _SCHEMA_MAPS:
        if key in node:
            yield from _object(node[key], _child(pointer, key))
    required = node.get("required", [])
    if not isinstance(required, list) or not all(isinstance(name, str) for name in required):
        yield _child(pointer, "required"), required, "a list of property names"
    kind = node.get("type", "string")
    if not isinstance(kind, str) and not (isinstance(kind, list) and all(isinstance(k, str) for k in kind)):
        yield _child(pointer, "type"), kind, "a type name or a list of them"
