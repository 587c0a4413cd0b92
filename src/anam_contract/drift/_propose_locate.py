"""Where a page's field lives in the spec document: the path of keys to its schema, `$ref`s followed.

The drift rules look fields up in resolved schemas; an edit needs the place in the file instead,
so this walks the same way but keeps the path (`components/schemas/Persona/properties/llmId`).
"""

from __future__ import annotations

from typing import Any

from anam_contract.drift._model import Operation, split_name
from anam_contract.drift._target import SpecOperation
from anam_contract.spec import Spec

Path = tuple[str | int, ...]
_PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")


def node_at(document: Any, path: Path) -> Any:
    node = document
    for key in path:
        node = node[key]
    return node


def deref(document: Any, path: Path) -> Path | None:
    """Follow `$ref` until a schema without one; None for a reference outside the document or a loop."""
    seen: set[str] = set()
    node = node_at(document, path)
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref: str = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            return None
        seen.add(ref)
        path = tuple(part.replace("~1", "/").replace("~0", "~") for part in ref[2:].split("/"))
        try:
            node = node_at(document, path)
        except (KeyError, IndexError, TypeError):
            return None
    return path


def value_branch(document: Any, path: Path) -> Path | None:
    """The one non-null shape of a schema (`anyOf: [X, {type: "null"}]` gives X), dereferenced."""
    resolved = deref(document, path)
    if resolved is None:
        return None
    node = node_at(document, resolved)
    for keyword in ("anyOf", "oneOf"):
        if isinstance(node, dict) and isinstance(node.get(keyword), list):
            shapes = [i for i, shape in enumerate(node[keyword]) if not is_null_shape(shape)]
            if len(shapes) != 1:
                return None  # several shapes: which one the page means is a decision
            return value_branch(document, (*resolved, keyword, shapes[0]))
    if isinstance(node, dict) and "allOf" in node:
        return None
    return resolved


def is_null_shape(shape: Any) -> bool:
    """`{type: "null"}`, the null branch of `anyOf: [X, {type: "null"}]`."""
    return isinstance(shape, dict) and shape.get("type") == "null" and len(shape) == 1


def root(spec: Spec, document: Any, operation: Operation, location: str, status: str | None) -> Path | None:
    """The schema a location's fields hang from; for a parameter, its `schema`."""
    target = SpecOperation.find(spec, operation, status)
    if target is None:
        return None
    method = target.operation.method.lower()
    base: Path = ("paths", target.operation.path, method)
    if location == "request":
        holder = deref(document, (*base, "requestBody"))
    elif location.startswith("response"):
        wanted = location.partition(" ")[2] or target.default_status
        key = target.status_key(wanted) if wanted else None
        key = next((k for k in node_at(document, (*base, "responses")) if str(k) == key), None)
        holder = deref(document, (*base, "responses", key)) if key is not None else None
    else:
        return None
    if holder is None:
        return None
    content = node_at(document, holder).get("content") or {}
    media = next((key for key in content if "json" in str(key)), None)
    if media is None or "schema" not in content[media]:
        return None
    return (*holder, "content", media, "schema")


def field_path(
    spec: Spec, document: Any, operation: Operation, location: str, name: str, *, status: str | None
) -> Path | None:
    """The path of a field's own schema (the property's slot, before any `$ref`), or None."""
    if location in _PARAMETER_LOCATIONS:
        return _parameter(spec, document, operation, location, name)
    path = root(spec, document, operation, location, status)
    for part in split_name(name) if path is not None else []:
        assert path is not None
        path = _items(document, path) if part == "[]" else _property(document, path, part)
        if path is None:
            return None
    return path


def parent_object(document: Any, path: Path) -> Path | None:
    """The object schema whose `properties` a new field joins."""
    branch = value_branch(document, path)
    if branch is None:
        return None
    node = node_at(document, branch)
    if isinstance(node, dict) and "properties" not in node and "items" in node:
        return parent_object(document, (*branch, "items"))
    return branch if isinstance(node, dict) and isinstance(node.get("properties"), dict) else None


def _items(document: Any, path: Path) -> Path | None:
    branch = value_branch(document, path)
    if branch is None or "items" not in node_at(document, branch):
        return None
    return (*branch, "items")


def _property(document: Any, path: Path, name: str) -> Path | None:
    owner = parent_object(document, path)
    if owner is None or name not in node_at(document, owner)["properties"]:
        return None
    return (*owner, "properties", name)


def _parameter(spec: Spec, document: Any, operation: Operation, location: str, name: str) -> Path | None:
    target = SpecOperation.find(spec, operation)
    if target is None or split_name(name) != [name]:
        return None
    item: Path = ("paths", target.operation.path)
    for holder in ((*item, target.operation.method.lower()), item):
        for index in range(len(node_at(document, holder).get("parameters") or [])):
            param = deref(document, (*holder, "parameters", index))
            node = node_at(document, param) if param is not None else None
            if isinstance(node, dict) and node.get("in") == location and node.get("name") == name and "schema" in node:
                assert param is not None
                return (*param, "schema")
    return None
