"""Walk OpenAPI schemas the same way for the spec and for a page's embedded OpenAPI block.

A value may take several shapes (`anyOf`, `oneOf`, `type: [x, "null"]`); the page and the spec are
compared on what those shapes have in common with what a reader sees: the non-null types, the
format, whether null is allowed, the enum values, the properties and which of them are required.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anam_contract.drift._model import JSON, TypeInfo, split_name
from anam_contract.spec import Spec, json_type

_MAX_DEPTH = 24


@dataclass(frozen=True)
class Node:
    """A schema and the line it starts on in its file (0 when unknown)."""

    schema: JSON
    line: int = 0


# Looking a field up under a free-form object finds this: the field may exist, nothing is known of it.
OPEN = Node({})


def resolve(doc: Spec, node: Node) -> Node:
    schema, line, seen = node.schema, node.line, set()
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        if ref in seen:
            break
        seen.add(ref)
        schema = doc.pointer(ref)
        line = _line_of(doc, schema, line)
    return Node(schema, line)


def _line_of(doc: Spec, schema: JSON, fallback: int) -> int:
    # Only a page's OpenAPI block knows its lines (see _markdown.py); the spec does not need them.
    lines: dict[int, int] | None = getattr(doc, "lines", None)
    if lines is not None and isinstance(schema, dict):
        return lines.get(id(schema), fallback)
    return fallback


def branches(doc: Spec, node: Node, depth: int = 0) -> list[Node]:
    """The shapes a value may take: `anyOf`/`oneOf` alternatives, each with `allOf` merged in."""
    node = resolve(doc, node)
    schema = node.schema
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return []
    for keyword in ("anyOf", "oneOf"):
        if isinstance(schema.get(keyword), list):
            found: list[Node] = []
            for alternative in schema[keyword]:
                found.extend(branches(doc, Node(alternative, _line_of(doc, alternative, node.line)), depth + 1))
            return found
    if isinstance(schema.get("allOf"), list):
        merged: dict[str, Any] = {key: value for key, value in schema.items() if key != "allOf"}
        for part in schema["allOf"]:
            for branch in branches(doc, Node(part, node.line), depth + 1)[:1]:
                merged = _merge(merged, branch.schema)
        return [Node(merged, node.line)]
    return [node]


def _merge(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    merged = {**right, **left}
    if "properties" in left or "properties" in right:
        merged["properties"] = {**right.get("properties", {}), **left.get("properties", {})}
    if "required" in left or "required" in right:
        merged["required"] = sorted(set(left.get("required", [])) | set(right.get("required", [])))
    return merged


def _types(schema: dict[str, Any]) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [str(item) for item in declared]
    if "properties" in schema:
        return ["object"]
    if "items" in schema:
        return ["array"]
    values = schema["enum"] if isinstance(schema.get("enum"), list) else [schema["const"]] if "const" in schema else []
    return sorted({json_type(value) for value in values})


def type_info(doc: Spec, node: Node, depth: int = 0) -> TypeInfo:
    kinds: set[str] = set()
    formats: set[str] = set()
    nullable = False
    items: TypeInfo | None = None
    for branch in branches(doc, node):
        schema = branch.schema
        declared = _types(schema)
        if "null" in declared or schema.get("nullable") is True:
            nullable = True
        if isinstance(schema.get("enum"), list) and None in schema["enum"]:
            nullable = True
        kinds.update(kind for kind in declared if kind != "null")
        if isinstance(schema.get("format"), str):
            formats.add(schema["format"])
        if items is None and "items" in schema and depth < _MAX_DEPTH:
            items = type_info(doc, Node(schema["items"], branch.line), depth + 1)
    fmt = formats.pop() if len(formats) == 1 else None
    return TypeInfo(tuple(sorted(kinds)), fmt, nullable, items if "array" in kinds else None)


def enum_values(doc: Spec, node: Node) -> tuple[JSON, ...] | None:
    """The values an enum allows (null left out); None when some non-null shape is not an enum."""
    values: list[JSON] = []
    saw_value = False
    for branch in branches(doc, node):
        schema = branch.schema
        if _types(schema) == ["null"]:
            continue
        saw_value = True
        if isinstance(schema.get("enum"), list):
            values.extend(value for value in schema["enum"] if value is not None and value not in values)
        elif "const" in schema:
            if schema["const"] is not None and schema["const"] not in values:
                values.append(schema["const"])
        else:
            return None
    return tuple(values) if saw_value else None


def items_of(doc: Spec, node: Node) -> Node | None:
    for branch in branches(doc, node):
        if "items" in branch.schema:
            items = branch.schema["items"]
            return Node(items, _line_of(doc, items, branch.line))
    return None


def properties(doc: Spec, node: Node) -> dict[str, Node] | None:
    """The named properties of an object; None when it names none and accepts any (a free-form object)."""
    found: dict[str, list[Node]] = {}
    named = False
    closed = False
    for branch in branches(doc, node):
        schema = branch.schema
        if isinstance(schema.get("properties"), dict):
            named = True
            for name, child in schema["properties"].items():
                seen = found.setdefault(str(name), [])
                if not any(known.schema == child for known in seen):
                    seen.append(Node(child, _line_of(doc, child, branch.line)))
        if schema.get("additionalProperties") is False:
            closed = True
    if not (named or closed):
        return None
    # A property several variants define differently takes any of their shapes.
    return {
        name: nodes[0] if len(nodes) == 1 else Node({"anyOf": [n.schema for n in nodes]}, nodes[0].line)
        for name, nodes in found.items()
    }


def required(doc: Spec, node: Node) -> set[str]:
    """Properties every object shape requires."""
    sets = [
        {str(name) for name in branch.schema.get("required") or []}
        for branch in branches(doc, node)
        if "object" in _types(branch.schema)
    ]
    return set.intersection(*sets) if sets else set()


def lookup(doc: Spec, root: Node, name: str) -> tuple[Node | None, bool]:
    """The schema of field `name` under `root` and whether its parent requires it.

    Returns (None, False) when the field does not exist, (OPEN, False) when an ancestor is free-form.
    """
    node = root
    is_required = False
    for part in split_name(name):
        if part == "[]":
            items = items_of(doc, node)
            if items is None:
                return None, False
            node, is_required = items, False
            continue
        props = properties(doc, node)
        items = items_of(doc, node) if props is None else None
        if items is not None:
            # A rendered page names the fields of an array's items without `[]` (`data.id`).
            node = items
            props = properties(doc, node)
        if props is None:
            return OPEN, False
        if part not in props:
            return None, False
        is_required = part in required(doc, node)
        node = props[part]
    return node, is_required


def all_enums(doc: Spec, node: Node, depth: int = 0, seen: set[int] | None = None) -> list[tuple[JSON, ...]]:
    """Every enum reachable from a schema, to check an option list that lost its field name."""
    seen = set() if seen is None else seen
    found: list[tuple[JSON, ...]] = []
    resolved = resolve(doc, node)
    if id(resolved.schema) in seen or depth > _MAX_DEPTH:
        return found
    seen.add(id(resolved.schema))
    values = enum_values(doc, resolved)
    if values:
        found.append(values)
    for child in (properties(doc, resolved) or {}).values():
        found.extend(all_enums(doc, child, depth + 1, seen))
    items = items_of(doc, resolved)
    if items is not None:
        found.extend(all_enums(doc, items, depth + 1, seen))
    return found


def options_of(doc: Spec, node: Node) -> tuple[JSON, ...]:
    """Enum values of a field (of its items, for an array); () when it is not an enum."""
    items = items_of(doc, node) if "array" in type_info(doc, node).kinds else None
    values = enum_values(doc, items if items is not None else node)
    return values if values is not None else ()
