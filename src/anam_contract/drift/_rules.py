"""Every drift rule. A rule reads one page's context and yields findings; descriptions are never compared."""

from __future__ import annotations

import json
from collections.abc import Iterator

from jsonschema import ValidationError

from anam_contract.drift._constraints import KEYWORDS, schema_constraints, schema_default
from anam_contract.drift._context import Context, Observed
from anam_contract.drift._model import JSON, Operation, PageExample, TypeInfo, leaf_of, parent_of, split_name
from anam_contract.drift._registry import Finding, rule
from anam_contract.drift._schema import OPEN
from anam_contract.drift._target import SpecOperation

# ---- the page as a whole ---------------------------------------------------------------------------


@rule(compares=False)
def operation_unknown(ctx: Context) -> Iterator[Finding]:
    """The page names no method and path, and shares no operation-level line with a page that does."""
    if ctx.page.operation is None:
        yield ctx.finding(
            "operation_unknown",
            1,
            "no method and path on the page, and no other page given tells which operation it is",
        )


@rule(compares=False)
def operation_missing_in_spec(ctx: Context) -> Iterator[Finding]:
    """The page documents an operation the spec does not have."""
    if ctx.page.operation is not None and ctx.target is None and ctx.role.compared:
        yield ctx.finding("operation_missing_in_spec", 1, f"the spec has no {ctx.page.operation}")


# ---- fields ----------------------------------------------------------------------------------------


@rule()
def response_missing_in_spec(ctx: Context) -> Iterator[Finding]:
    """The page documents a response status the operation does not have in the spec."""
    assert ctx.target is not None
    for status in ctx.page.statuses:
        if not ctx.target.has_status(status):
            yield ctx.finding(
                "response_missing_in_spec", 1, f"response {status} is not in the spec", location=f"response {status}"
            )


@rule()
def response_missing_on_page(ctx: Context) -> Iterator[Finding]:
    """A success status of the spec's operation that a markdown export (it lists every response) lacks."""
    assert ctx.target is not None
    if ctx.page.shape != "markdown" or not ctx.page.statuses:
        return  # a rendered page shows one response tab, or none: it does not list them all
    for status in ctx.target.success_statuses():
        if not any(status == shown or status == f"{shown[0]}XX" for shown in ctx.page.statuses):
            yield ctx.finding(
                "response_missing_on_page",
                1,
                f"response {status} is in the spec but not on the page",
                location=f"response {status}",
            )


@rule()
def field_missing_in_spec(ctx: Context) -> Iterator[Finding]:
    """A field the page shows (field list, schema, example key) that the spec does not have."""
    for item in ctx.fields:
        if item.spec is None and not item.ancestor_missing:
            yield ctx.finding(
                "field_missing_in_spec",
                item.line,
                f"{item.where} is on the page ({', '.join(item.sources)}) but not in the spec",
                location=item.location,
                field=item.name,
            )


# Sources that list a level in full; a key in an example shows a field exists but lists nothing.
_LISTINGS = {"field list", "OpenAPI block"}


@rule()
def field_missing_on_page(ctx: Context) -> Iterator[Finding]:
    """A spec field absent from a list the page gives in full (its field list, or a schema's properties)."""
    assert ctx.target is not None
    for location, parent in sorted(ctx.page.documented):
        if parent and (location, parent) in ctx.missing:
            continue
        children = ctx.target.children(location, parent)
        if children is None:
            continue
        level = [f for f in ctx.fields if f.location == location and parent_of(f.name) == parent]
        listed = {leaf_of(f.name) for f in level if _LISTINGS & set(f.sources)}
        in_examples = {leaf_of(f.name) for f in level} - listed
        line = min((f.line for f in level if _LISTINGS & set(f.sources)), default=1)
        for name in children:
            if name in listed:
                continue
            full = f"{parent}.{name}" if parent else name
            where = "only in an example" if name in in_examples else "not on the page"
            yield ctx.finding(
                "field_missing_on_page",
                line,
                f"{location} {full} is in the spec but not in the page's field list ({where})",
                location=location,
                field=full,
            )


def _stated(ctx: Context) -> Iterator[tuple[Observed, TypeInfo, TypeInfo]]:
    """Fields whose type the page states, with the spec's type."""
    for item in ctx.comparable():
        if item.type is not None:
            yield item, item.type, ctx.spec_type(item)


def _kinds_differ(page: TypeInfo, spec: TypeInfo) -> bool:
    if not page.kinds or not spec.kinds:
        return False
    if page.kinds != spec.kinds:
        return True
    if page.items is not None and spec.items is not None:
        return _kinds_differ(page.items, spec.items)
    return False


@rule()
def type_mismatch(ctx: Context) -> Iterator[Finding]:
    """The page's type (string, number, object, array of ...) is not the spec's."""
    for item, page, spec in _stated(ctx):
        if _kinds_differ(page, spec):
            yield _mismatch(ctx, "type_mismatch", item, _plain(page), _plain(spec))


@rule()
def format_mismatch(ctx: Context) -> Iterator[Finding]:
    """Same type, other format (uuid, date-time, uri...), also for the items of an array."""
    for item, page, spec in _stated(ctx):
        if _kinds_differ(page, spec):
            continue
        page_format, spec_format = page.format, spec.format
        if page.items is not None and spec.items is not None and page.items.format != spec.items.format:
            page_format, spec_format = page.items.format, spec.items.format
        if page_format != spec_format and page.kinds:
            yield _mismatch(ctx, "format_mismatch", item, _plain(page), _plain(spec))


@rule()
def nullability_mismatch(ctx: Context) -> Iterator[Finding]:
    """One side allows null and the other does not."""
    for item, page, spec in _stated(ctx):
        if page.nullable != spec.nullable:
            yield _mismatch(ctx, "nullability_mismatch", item, _nullable(page), _nullable(spec))


@rule()
def required_mismatch(ctx: Context) -> Iterator[Finding]:
    """The page marks a field required and the spec does not, or the reverse.

    A page that marks no field of a body or response required at all says nothing about it, which
    is not the same as a page whose required markers (or `required` list) leave this field out:
    the first is reported as "not marked", so an allow entry can accept it without also accepting
    a page that really made a field optional.
    """
    marked = {item.location for item in ctx.fields if item.required}
    for item in ctx.comparable():
        if item.required is not None and item.required != item.spec_required:
            page = _required(item.required) if item.location in marked else "not marked"
            yield _mismatch(ctx, "required_mismatch", item, page, _required(item.spec_required))


@rule()
def constraint_mismatch(ctx: Context) -> Iterator[Finding]:
    """Bounds, lengths or pattern differ (`Required range: 1 <= x <= 100` on a page, `minimum` in a schema)."""
    for item in ctx.comparable():
        if item.constraints is None or item.spec is None:
            continue
        spec = schema_constraints(ctx.spec, item.spec)
        if _same(item.constraints, spec):
            continue
        yield _mismatch(ctx, "constraint_mismatch", item, _bounds(item.constraints), _bounds(spec))


@rule()
def default_mismatch(ctx: Context) -> Iterator[Finding]:
    """The page shows another default than the spec, or only one of them has a default."""
    for item in ctx.comparable():
        if item.default is None or item.spec is None:
            continue
        spec = schema_default(ctx.spec, item.spec)
        if [canonical(v) for v in item.default] != [canonical(v) for v in spec]:
            page_text = canonical(item.default[0]) if item.default else "no default"
            spec_text = canonical(spec[0]) if spec else "no default"
            yield _mismatch(ctx, "default_mismatch", item, page_text, spec_text)


def _same(page: dict[str, JSON], spec: dict[str, JSON]) -> bool:
    return {k: canonical(v) for k, v in page.items()} == {k: canonical(v) for k, v in spec.items()}


def _bounds(found: dict[str, JSON]) -> str:
    if not found:
        return "no bounds"
    return ", ".join(f"{key} {canonical(found[key])}" for key in KEYWORDS if key in found)


def _plain(info: TypeInfo) -> str:
    return TypeInfo(info.kinds, info.format, False, info.items).render()


def _nullable(info: TypeInfo) -> str:
    return "nullable" if info.nullable else "not nullable"


def _required(flag: bool) -> str:
    return "required" if flag else "optional"


def _mismatch(ctx: Context, rule_name: str, item: Observed, page: str, spec: str) -> Finding:
    return ctx.finding(
        rule_name,
        item.line,
        f"{item.where}: page says {page}, spec says {spec}",
        location=item.location,
        field=item.name,
        page_says=page,
        spec_says=spec,
    )


# ---- enums -----------------------------------------------------------------------------------------


def canonical(value: JSON) -> str:
    """Enum values compare as the page writes them: `cara-3` and "cara-3" are the same option."""
    return value if isinstance(value, str) else json.dumps(value)


def _enum_pairs(ctx: Context) -> Iterator[tuple[Observed, list[str], list[str]]]:
    for item in ctx.comparable():
        if item.options is None:
            continue
        page = [canonical(value) for value in item.options]
        spec = [canonical(value) for value in ctx.spec_options(item)]
        if page or spec:
            yield item, page, spec


@rule()
def enum_value_added(ctx: Context) -> Iterator[Finding]:
    """An option the page lists that the spec's enum lacks (or the spec has no enum there)."""
    for item, page, spec in _enum_pairs(ctx):
        for value in page:
            if value not in spec:
                yield ctx.finding(
                    "enum_value_added",
                    item.line,
                    f"{item.where}: option {value} is on the page, not in the spec",
                    location=item.location,
                    field=item.name,
                    value=value,
                )


@rule()
def enum_value_removed(ctx: Context) -> Iterator[Finding]:
    """A value of the spec's enum that the page's options no longer list."""
    for item, page, spec in _enum_pairs(ctx):
        for value in spec:
            if value not in page:
                yield ctx.finding(
                    "enum_value_removed",
                    item.line,
                    f"{item.where}: option {value} is in the spec, not on the page",
                    location=item.location,
                    field=item.name,
                    value=value,
                )


@rule(compares=False)
def enum_options_unmatched(ctx: Context) -> Iterator[Finding]:
    """An option list with no field name equal to no enum of the operation (of any, if the page names none)."""
    if ctx.role.name == "superseded":
        return
    if ctx.target is not None:
        enums, scope = ctx.target.enums(), "the operation"
    elif ctx.page.operation is None:
        operations = [SpecOperation.find(ctx.spec, Operation(m, p)) for m, p, _ in ctx.spec.operations()]
        enums = [values for found in operations if found is not None for values in found.enums()]
        scope = "any operation"
    else:
        return  # the operation itself is missing from the spec: that is the finding
    known = {frozenset(canonical(value) for value in values) for values in enums}
    for item in ctx.page.unattributed:
        if item.options is not None and frozenset(item.options) not in known:
            yield ctx.finding(
                "enum_options_unmatched",
                item.line,
                f"option list {', '.join(item.options)} has no field name and equals no enum of {scope} in the spec",
                value=", ".join(item.options),
            )


# ---- examples --------------------------------------------------------------------------------------


def _pointer_of(name: str | None) -> str | None:
    """The JSON pointer of a field inside its body; None when it sits inside an array."""
    if name is None:
        return ""
    parts = split_name(name)
    if "[]" in parts:
        return None
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


@rule()
def example_invalid(ctx: Context) -> Iterator[Finding]:
    """A JSON example on the page that does not validate against the spec; the JSON pointer says where."""
    assert ctx.target is not None
    for example in ctx.page.examples:
        if example.field is None:
            node = ctx.target.root(example.location)
        else:
            node, _ = ctx.target.field(example.location, example.field)
            if (example.location, example.field) in ctx.missing:
                continue
        if node is None or node is OPEN:
            continue
        base = _pointer_of(example.field)
        validator = ctx.spec.validator(node.schema)
        errors = sorted(validator.iter_errors(example.value), key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            inner = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path)
            if error.validator == "additionalProperties" and _only_missing_keys(ctx, example, error):
                continue  # the unknown keys are reported as field_missing_in_spec already
            pointer = (base + inner) if base is not None else (inner or "/")
            message = error.message if len(error.message) <= 140 else error.message[:139] + "…"
            label = example.label if base is not None else f"{example.label} (pointer inside the example)"
            yield ctx.finding(
                "example_invalid",
                example.line,
                f"{label} fails at {pointer or '/'}: {message}",
                location=example.location,
                field=example.field,
                value=pointer or "/",
            )


def _only_missing_keys(ctx: Context, example: PageExample, error: ValidationError) -> bool:
    """An `additionalProperties` failure whose unknown keys are all reported as field_missing_in_spec."""
    instance, schema = error.instance, error.schema
    if not isinstance(instance, dict) or not isinstance(schema, dict):
        return False
    known = set(schema.get("properties", {}))
    parts = [*(split_name(example.field) if example.field else []), *(str(p) for p in error.absolute_path)]
    prefix = ".".join(parts)
    for key in instance:
        if key in known:
            continue
        name = f"{prefix}.{key}" if prefix else str(key)
        if (example.location, name) not in ctx.missing:
            return False
    return True


# ---- notes: shown, never drift -----------------------------------------------------------------


@rule(severity="notice", compares=False)
def page_date_unknown(ctx: Context) -> Iterator[Finding]:
    """Several pages document the operation and their dates cannot say which one is the newest."""
    if ctx.role.name in ("undated", "tied"):
        yield ctx.finding("page_date_unknown", 1, ctx.role.detail)


@rule(severity="notice", compares=False)
def page_superseded(ctx: Context) -> Iterator[Finding]:
    """A newer page documents the same operation; this one is not compared."""
    if ctx.role.name == "superseded":
        yield ctx.finding("page_superseded", 1, ctx.role.detail)


@rule(severity="notice", compares=False)
def unattributed(ctx: Context) -> Iterator[Finding]:
    """What the page carries without a field name (descriptions, option lists, examples): listed, never guessed."""
    items = ctx.page.unattributed
    if not items or ctx.role.name == "superseded":
        return
    counts = {kind: sum(1 for item in items if item.kind == kind) for kind in ("description", "options", "example")}
    words = {"description": "description", "options": "option list", "example": "example"}
    summary = ", ".join(f"{n} {words[kind]}{'s' if n > 1 else ''}" for kind, n in counts.items() if n)
    details = tuple(f"line {item.line}: {words[item.kind]}: {item.text}" for item in items)
    yield ctx.finding("unattributed", items[0].line, f"{summary} with no field name", details=details)
