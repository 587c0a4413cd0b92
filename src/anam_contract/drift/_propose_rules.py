"""One proposer per drift rule whose finding has a single obvious spec edit (see _propose_registry)."""

from __future__ import annotations

import json
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from anam_contract.drift import _rules  # noqa: F401  (registers the rules the proposers name)
from anam_contract.drift._constraints import KEYWORDS
from anam_contract.drift._model import JSON, TypeInfo, leaf_of, parent_of
from anam_contract.drift._propose_locate import Path, is_null_shape, node_at, parent_object, value_branch
from anam_contract.drift._propose_registry import Edit, Where, proposes
from anam_contract.drift._propose_yaml import flow_list, null_type

_SCALARS = frozenset({"string", "number", "integer", "boolean"})
_TODO = "TODO"  # the spec's prose is the maintainers' own: the page's wording is never copied in


def show(path: Path) -> str:
    """The node as a JSON pointer into the spec (`#/paths/~1v1~1personas/get`)."""
    return "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _type_list(node: Any) -> list[str]:
    declared = node.get("type")
    return [declared] if isinstance(declared, str) else [str(t) for t in declared] if isinstance(declared, list) else []


def _set_types(node: Any, kinds: list[str]) -> None:
    """`type: x` for one type, `type: [x, "null"]` for several, in the spec's flow style."""
    node["type"] = kinds[0] if len(kinds) == 1 else flow_list([null_type() if k == "null" else k for k in kinds])


def _enum_target(where: Where) -> Path | str:
    slot = where.field()
    branch = value_branch(where.document, slot) if slot is not None else None
    if branch is None:
        return "the spec's field has several shapes or cannot be found"
    node = node_at(where.document, branch)
    if "enum" not in node and "items" in node:
        branch = value_branch(where.document, (*branch, "items"))
        node = node_at(where.document, branch) if branch is not None else {}
    if branch is None or not isinstance(node.get("enum"), list):
        return "the spec keeps this field an open value (no enum): adding one would restrict it"
    return branch


def _enum_value(node: Any, text: str) -> JSON:
    """The value as the enum holds it: enum values are compared as text (`1` and "1" alike)."""
    if all(isinstance(value, str) or value is None for value in node["enum"]):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _enum_edit(where: Where, present: bool) -> Edit | str:
    """The value joins (present) or leaves the enum; a no-op when it already has or lacks it."""
    target = _enum_target(where)
    if isinstance(target, str):
        return target
    value = _enum_value(node_at(where.document, target), str(where.finding.value))

    def apply(document: Any) -> None:
        values = node_at(document, target)["enum"]
        if present and value not in values:
            values.append(value)
        elif not present and value in values:
            values.remove(value)

    verb = "gains" if present else "loses"
    return Edit(
        target, f"enum {value}", "present" if present else "absent", f"{show(target)}: enum {verb} {value}", apply
    )


@proposes("enum_value_added")
def add_enum_value(where: Where) -> Edit | str:
    return _enum_edit(where, present=True)


@proposes("enum_value_removed")
def remove_enum_value(where: Where) -> Edit | str:
    return _enum_edit(where, present=False)


@proposes("nullability_mismatch")
def change_nullability(where: Where) -> Edit | str:
    slot = where.field()
    if slot is None:
        return "the spec's field cannot be found"
    nullable = where.finding.page_says == "nullable"
    node = node_at(where.document, slot)
    if not isinstance(node, dict) or not ({"type", "$ref", "anyOf", "oneOf"} & set(node)):
        return "the spec's field states no type to make nullable"
    if "$ref" in node and nullable is False:
        return "the null comes from the referenced schema, which other fields may share"

    def apply(document: Any) -> None:
        (_make_nullable if nullable else _make_not_nullable)(node_at(document, slot))

    verb = "allows null" if nullable else "no longer allows null"
    return Edit(slot, "nullable", str(nullable), f"{show(slot)}: {verb}", apply)


def _make_nullable(node: Any) -> None:
    if "type" in node:
        kinds = _type_list(node)
        if "null" not in kinds:
            _set_types(node, [*kinds, "null"])
        if isinstance(node.get("enum"), list) and None not in node["enum"]:
            node["enum"].append(None)
    elif "$ref" in node:
        # A referenced schema may be shared: the null goes beside it, on this field only.
        reference = node.pop("$ref")
        node["anyOf"] = CommentedSeq([CommentedMap({"$ref": reference}), CommentedMap({"type": null_type()})])
    else:
        keyword = "anyOf" if "anyOf" in node else "oneOf"
        if not any(is_null_shape(shape) for shape in node[keyword]):
            node[keyword].append(CommentedMap({"type": null_type()}))


def _make_not_nullable(node: Any) -> None:
    if "type" in node:
        _set_types(node, [kind for kind in _type_list(node) if kind != "null"])
        if isinstance(node.get("enum"), list) and None in node["enum"]:
            node["enum"].remove(None)
        return
    keyword = "anyOf" if "anyOf" in node else "oneOf"
    shapes = [shape for shape in node[keyword] if not is_null_shape(shape)]
    if len(shapes) == 1 and isinstance(shapes[0], dict):
        # `anyOf: [X, null]` minus the null is X itself, written in place of the anyOf.
        position = list(node).index(keyword)
        del node[keyword]
        for offset, (key, value) in enumerate(shapes[0].items()):
            node.insert(position + offset, key, value)
    else:
        node[keyword] = CommentedSeq(shapes)


def _page_type(where: Where) -> TypeInfo | None:
    observed = where.observed()
    return observed.type if observed is not None else None


def _typed_branch(where: Where) -> tuple[Path, Any, TypeInfo] | str:
    """The spec's value shape and the page's type, both stepped into array items when both are arrays."""
    page = _page_type(where)
    slot = where.field()
    branch = value_branch(where.document, slot) if slot is not None else None
    if page is None or branch is None:
        return "the page states no type, or the spec's field has several shapes"
    node = node_at(where.document, branch)
    while page.kinds == ("array",) and "items" in node and page.items is not None:
        inner = value_branch(where.document, (*branch, "items"))
        if inner is None:
            return "the spec's items have several shapes"
        branch, node, page = inner, node_at(where.document, inner), page.items
    return branch, node, page


@proposes("type_mismatch")
def change_type(where: Where) -> Edit | str:
    found = _typed_branch(where)
    if isinstance(found, str):
        return found
    branch, node, page = found
    kinds = [kind for kind in _type_list(node) if kind != "null"]
    if not page.kinds or not set(page.kinds) <= _SCALARS or not set(kinds) <= _SCALARS or not kinds:
        return "only a change between plain types (string, number, integer, boolean) has one obvious edit"
    wanted = list(page.kinds)

    def apply(document: Any) -> None:
        target = node_at(document, branch)
        nulls = ["null"] if "null" in _type_list(target) else []
        _set_types(target, [*wanted, *nulls])
        _set_format(target, page.format)

    return Edit(branch, "type", page.render(), f"{show(branch)}: type becomes {page.render()}", apply)


def _set_format(node: Any, wanted: str | None) -> None:
    if wanted is None:
        node.pop("format", None)
    elif "format" in node:
        node["format"] = wanted
    else:
        node.insert(list(node).index("type") + 1 if "type" in node else len(node), "format", wanted)


@proposes("format_mismatch")
def change_format(where: Where) -> Edit | str:
    found = _typed_branch(where)
    if isinstance(found, str):
        return found
    branch, _, page = found

    def apply(document: Any) -> None:
        _set_format(node_at(document, branch), page.format)

    text = page.format or "no format"
    return Edit(branch, "format", text, f"{show(branch)}: format becomes {text}", apply)


@proposes("constraint_mismatch")
def change_bounds(where: Where) -> Edit | str:
    observed = where.observed()
    slot = where.field()
    branch = value_branch(where.document, slot) if slot is not None else None
    if observed is None or observed.constraints is None or branch is None:
        return "the spec's field has several shapes (bounds per variant) or cannot be found"
    if {"anyOf", "oneOf"} & set(node_at(where.document, branch)):
        return "the spec bounds this field per variant"
    bounds = dict(observed.constraints)

    def apply(document: Any) -> None:
        node = node_at(document, branch)
        for keyword in KEYWORDS:
            if keyword in bounds:
                node[keyword] = bounds[keyword]
            else:
                node.pop(keyword, None)

    text = ", ".join(f"{k} {bounds[k]}" for k in KEYWORDS if k in bounds) or "no bounds"
    return Edit(branch, "bounds", text, f"{show(branch)}: bounds become {text}", apply)


@proposes("field_missing_in_spec")
def add_field(where: Where) -> Edit | str:
    finding, observed = where.finding, where.observed()
    if finding.location is None or finding.field is None or not finding.location.startswith(("request", "response")):
        return "a new parameter needs its place and description decided"
    if observed is None or observed.type is None or not observed.type.kinds:
        return "the page shows the field only in an example, with no type"
    parent = where.field(parent_of(finding.field))
    owner = parent_object(where.document, parent) if parent is not None else None
    if owner is None:
        return "the spec's parent of this field is not one object with properties"
    name, info, required = leaf_of(finding.field), observed.type, observed.required is True
    options = list(observed.options or ())

    def apply(document: Any) -> None:
        node = node_at(document, owner)
        if name not in node["properties"]:
            node["properties"][name] = _new_property(info, options)
        if required:
            listed = node.setdefault("required", flow_list([]))
            if name not in listed:
                listed.append(name)

    return Edit(
        owner, f"property {name}", info.render(), f"{show(owner)}: new property {name} ({info.render()})", apply
    )


def _new_property(info: TypeInfo, options: list[JSON]) -> CommentedMap:
    prop = CommentedMap()
    kinds = [*info.kinds, *(["null"] if info.nullable else [])]
    _set_types(prop, kinds)
    if info.format is not None:
        prop["format"] = info.format
    if info.items is not None and info.items.kinds:
        prop["items"] = _new_property(info.items, [])
        del prop["items"]["description"]
    if options:
        prop["enum"] = flow_list([*options, *([None] if info.nullable else [])])
    prop["description"] = _TODO
    return prop


@proposes("field_missing_on_page")
def remove_field(where: Where) -> Edit | str:
    finding = where.finding
    if "(only in an example)" in finding.message:
        return "the page still shows the field in an example"
    slot = where.field()
    if slot is None or len(slot) < 2 or slot[-2] != "properties":
        return "the spec's field cannot be found"
    owner, name = slot[:-2], str(slot[-1])

    def apply(document: Any) -> None:
        node = node_at(document, owner)
        node["properties"].pop(name, None)
        listed = node.get("required")
        if isinstance(listed, list) and name in listed:
            listed.remove(name)
            if not listed:
                del node["required"]

    return Edit(owner, f"property {name}", "absent", f"{show(owner)}: property {name} removed", apply)
