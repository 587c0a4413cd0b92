"""A schema reduced to what matters to the client, whichever way the spec spells it.

`type: [string, "null"]`, `anyOf: [{$ref: X}, {type: "null"}]`, OpenAPI 3.0's `nullable: true` and
an enum that lists null all mean "this value, or null"; a one-item `allOf` is the same as its item.
Comparing shapes instead of raw schemas keeps a re-spelling from showing up as a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anam_contract.spec import JSON, Spec, json_type

# Keywords that bound the values a schema accepts, and which way is tighter.
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
OTHER_CONSTRAINTS = ("pattern", "multipleOf", "uniqueItems")
CONSTRAINTS = LOWER_BOUNDS + UPPER_BOUNDS + OTHER_CONSTRAINTS

_ABSENT: Any = object()


@dataclass(frozen=True)
class Shape:
    types: frozenset[str]  # JSON types other than null; empty means any
    nullable: bool
    format: str | None = None
    enum: tuple[JSON, ...] | None = None  # without null
    constraints: Mapping[str, JSON] = field(default_factory=dict)
    properties: Mapping[str, JSON] = field(default_factory=dict)  # raw, $refs not followed
    required: frozenset[str] = frozenset()
    additional: JSON = None  # additionalProperties as written; None when absent (open)
    items: JSON = None
    variants: tuple[JSON, ...] = ()  # anyOf/oneOf branches other than null, when more than one
    default: JSON = _ABSENT
    ref: str | None = None  # the component it came from: names the generated class, stops cycles
    deprecated: bool = False

    @property
    def has_default(self) -> bool:
        return self.default is not _ABSENT

    @property
    def is_object(self) -> bool:
        return "object" in self.types or bool(self.properties)

    @property
    def closed(self) -> bool:
        return self.additional is False


def _is_null(spec: Spec, node: JSON) -> bool:
    node = spec.resolve(node)
    if not isinstance(node, dict):
        return False
    kind = node.get("type")
    return kind in ("null", ["null"]) or node.get("const", _ABSENT) is None or node.get("enum") == [None]


def shape(spec: Spec, node: JSON) -> Shape:
    """The shape of `node` (a schema or a `$ref` to one) in `spec`."""
    if isinstance(node, dict) and "$ref" in node and len(node) > 1:
        # OpenAPI 3.1 lets keywords sit beside a $ref (a default, `deprecated`); they refine it.
        inner = shape(spec, {"$ref": node["$ref"]})
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        return _merge_outer(inner, siblings, inner.nullable or bool(siblings.get("nullable")))
    ref = node.get("$ref") if isinstance(node, dict) else None
    node = spec.resolve(node)
    if not isinstance(node, dict):
        return Shape(frozenset(), nullable=False, ref=ref)
    nullable = bool(node.get("nullable", False))
    for keyword in ("anyOf", "oneOf"):
        branches = node.get(keyword)
        if isinstance(branches, list):
            rest = [branch for branch in branches if not _is_null(spec, branch)]
            nullable = nullable or len(rest) < len(branches)
            if len(rest) == 1:
                inner = shape(spec, rest[0])
                return _merge_outer(inner, node, nullable or inner.nullable)
            return _own(node, nullable, ref, variants=tuple(rest))
    all_of = node.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1:
        inner = shape(spec, all_of[0])
        return _merge_outer(inner, node, nullable or inner.nullable)
    if isinstance(all_of, list):
        return _merge_all(node, [shape(spec, part) for part in all_of], nullable, ref)
    return _own(node, nullable, ref)


def _own(node: dict[str, JSON], nullable: bool, ref: str | None, variants: tuple[JSON, ...] = ()) -> Shape:
    raw_type = node.get("type")
    types = set(raw_type if isinstance(raw_type, list) else [raw_type] if isinstance(raw_type, str) else [])
    if "null" in types:
        nullable = True
        types.discard("null")
    enum = node.get("enum")
    if "const" in node:
        enum = [node["const"]]
    if isinstance(enum, list):
        nullable = nullable or None in enum
        enum = tuple(value for value in enum if value is not None)
    else:
        enum = None
    if not types and enum:
        # An enum without `type` still says what its values are.
        types.update(json_type(value) for value in enum)
    properties = node.get("properties")
    if not types and isinstance(properties, dict):
        types.add("object")
    if not types and "items" in node:
        types.add("array")
    return Shape(
        types=frozenset(types),
        nullable=nullable,
        format=node.get("format"),
        enum=enum,
        constraints={key: node[key] for key in CONSTRAINTS if key in node},
        properties=dict(properties) if isinstance(properties, dict) else {},
        required=frozenset(node.get("required", [])),
        additional=node.get("additionalProperties"),
        items=node.get("items"),
        variants=variants,
        default=node.get("default", _ABSENT),
        ref=ref,
        deprecated=bool(node.get("deprecated", False)),
    )


def _merge_outer(inner: Shape, outer: dict[str, JSON], nullable: bool) -> Shape:
    """`inner` with the keywords written beside the anyOf/allOf (a default, a bound) layered on."""
    own = _own({key: value for key, value in outer.items() if key not in ("anyOf", "oneOf", "allOf")}, False, None)
    return Shape(
        types=inner.types or own.types,
        nullable=nullable,
        format=inner.format or own.format,
        enum=inner.enum if inner.enum is not None else own.enum,
        constraints={**inner.constraints, **own.constraints},
        properties={**inner.properties, **own.properties},
        required=inner.required | own.required,
        additional=own.additional if own.additional is not None else inner.additional,
        items=inner.items if inner.items is not None else own.items,
        variants=inner.variants,
        default=own.default if own.has_default else inner.default,
        ref=inner.ref,
        deprecated=inner.deprecated or own.deprecated,
    )


def _merge_all(node: dict[str, JSON], parts: list[Shape], nullable: bool, ref: str | None) -> Shape:
    # Null passes an allOf only when every part lets it through.
    nullable = nullable or all(part.nullable for part in parts)
    merged = _own({key: value for key, value in node.items() if key != "allOf"}, nullable, ref)
    for part in parts:
        merged = Shape(
            types=merged.types | part.types,
            nullable=nullable,
            format=merged.format or part.format,
            enum=merged.enum if merged.enum is not None else part.enum,
            constraints={**part.constraints, **merged.constraints},
            properties={**part.properties, **merged.properties},
            required=merged.required | part.required,
            additional=merged.additional if merged.additional is not None else part.additional,
            items=merged.items if merged.items is not None else part.items,
            variants=merged.variants or part.variants,
            default=merged.default,
            ref=ref,
            deprecated=merged.deprecated or part.deprecated,
        )
    return merged
