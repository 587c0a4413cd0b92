"""Rules on one schema's own keywords: type, format, null, enum, bounds, closedness, defaults, unions."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from fractions import Fraction

from anam_contract.diff._model import Site
from anam_contract.diff._registry import rule
from anam_contract.diff._shape import LOWER_BOUNDS, UPPER_BOUNDS, Shape
from anam_contract.diff._walk import variant_key
from anam_contract.spec import JSON

# Formats openapi-python-client turns into a Python type other than str; changing one of them changes
# an annotation. Other formats stay `str` in the generated code.
TYPED_FORMATS = frozenset({"date-time", "date", "uuid", "binary"})


def _show(value: JSON) -> str:
    return json.dumps(value, ensure_ascii=False)


def _types(shape: Shape) -> str:
    return "|".join(sorted(shape.types)) or "any"


def _accepts_all_of(wider: Shape, narrower: Shape) -> bool:
    """True when every value of `narrower`'s types is also of `wider`'s (integers are numbers)."""
    if not wider.types:
        return True
    if not narrower.types:
        return False
    return all(kind in wider.types or (kind == "integer" and "number" in wider.types) for kind in narrower.types)


def _type_moved(site: Site) -> bool:
    # A union's own `type` is usually absent; the variant rules speak for unions instead.
    return site.old.types != site.new.types and not (site.old.variants or site.new.variants)


@rule("schema", breaking=True)
def type_changed(site: Site) -> Iterator[str]:
    """The generated annotation changes, and values of the old type no longer fit."""
    old, new = site.old, site.new
    if not _type_moved(site):
        return
    harmless = _accepts_all_of(new, old) if site.direction == "request" else _accepts_all_of(old, new)
    if not harmless:
        yield f"type {_types(old)} became {_types(new)}"


@rule("schema", direction="request", breaking=False)
def request_type_widened(site: Site) -> Iterator[str]:
    """The server accepts every value it accepted before (an int is a valid float for the client too)."""
    if _type_moved(site) and _accepts_all_of(site.new, site.old):
        yield f"type {_types(site.old)} widened to {_types(site.new)}"


@rule("schema", direction="response", breaking=False)
def response_type_narrowed(site: Site) -> Iterator[str]:
    """Every value the server now sends was already allowed, so code handling the old type copes."""
    if _type_moved(site) and _accepts_all_of(site.old, site.new):
        yield f"type {_types(site.old)} narrowed to {_types(site.new)}"


def _is_model(shape: Shape) -> bool:
    """Objects and enums become generated classes, named after their component or else their place."""
    return shape.is_object or shape.enum is not None


def _class_name(shape: Shape) -> str | None:
    """The generated class a shape becomes: objects and enums defined as components get one."""
    if shape.ref is None or not _is_model(shape):
        return None
    return shape.ref.rsplit("/", 1)[-1]


@rule("schema", breaking=True, wire=False)
def model_inlined(site: Site) -> Iterator[str]:
    """The generator names an inline model after its place (`PersonaBrain`), so the old class name goes."""
    old = _class_name(site.old)
    if old is not None and site.new.ref is None and _is_model(site.new):
        yield f"component {old} is now written in place; its generated class gets a name made from the place"


@rule("schema", breaking=True, wire=False)
def model_extracted(site: Site) -> Iterator[str]:
    """The generated class takes the component's name instead of the one made from its place."""
    new = _class_name(site.new)
    if new is not None and site.old.ref is None and _is_model(site.old):
        yield f"now the component {new}; its generated class is renamed to {new}"


@rule("schema", breaking=True, wire=False)
def model_renamed(site: Site) -> Iterator[str]:
    """The generator names model classes after components, so imports and annotations of the old name break."""
    old, new = _class_name(site.old), _class_name(site.new)
    if old is not None and new is not None and old != new:
        yield f"component {old} became {new}"


@rule("component", breaking=True, wire=False)
def component_removed(site: Site) -> Iterator[str]:
    """The model generated from the component disappears; code that imports it fails."""
    if site.old is not None and site.new is None:
        yield "no operation used it, but its generated model goes"


@rule("component", breaking=False)
def component_added(site: Site) -> Iterator[str]:
    """A new generated model that no operation uses; existing code is unaffected."""
    if site.old is None and site.new is not None:
        yield "a new generated model that no operation uses"


@rule("schema", breaking=False)
def field_deprecated(site: Site) -> Iterator[str]:
    """Deprecation is a notice in the docs and docstrings; the value is still sent and parsed."""
    if not site.old.deprecated and site.new.deprecated:
        yield "now deprecated"


# Numeric formats where the second takes every value of the first: a request the server checked
# against the first still passes. (Python's int and float hold both, so responses never notice.)
_WIDENINGS = frozenset({("int32", "int64"), ("float", "double")})


def _format_matters(site: Site) -> bool:
    old, new = site.old.format, site.new.format
    # A request format the server newly checks rejects values it used to take.
    newly_checked = site.direction == "request" and new is not None and (old, new) not in _WIDENINGS
    return bool({old, new} & TYPED_FORMATS) or newly_checked


@rule("schema", breaking=True)
def format_changed(site: Site) -> Iterator[str]:
    """Formats such as uuid and date-time decide the generated type; in requests the server checks them."""
    if site.old.format != site.new.format and _format_matters(site):
        yield f"format {site.old.format or 'none'} became {site.new.format or 'none'}"


@rule("schema", breaking=False)
def format_changed_without_type_change(site: Site) -> Iterator[str]:
    """The generated annotation stays `str` and the client checks no formats, so nothing it does changes."""
    if site.old.format != site.new.format and not _format_matters(site):
        yield f"format {site.old.format or 'none'} became {site.new.format or 'none'}"


@rule("schema", direction="request", breaking=False)
def request_field_became_nullable(site: Site) -> Iterator[str]:
    """The server now also accepts null; what callers sent before is still valid."""
    if not site.old.nullable and site.new.nullable:
        yield "null is now accepted"


@rule("schema", direction="request", breaking=True)
def request_field_became_non_nullable(site: Site) -> Iterator[str]:
    """Callers that send None are now rejected, and the annotation drops `None`."""
    if site.old.nullable and not site.new.nullable:
        yield "null is no longer accepted"


@rule("schema", direction="response", breaking=True)
def response_field_became_nullable(site: Site) -> Iterator[str]:
    """The annotation gains `None`: code that used the value without a None check breaks."""
    if not site.old.nullable and site.new.nullable:
        yield "the value can now be null"


@rule("schema", direction="response", breaking=False)
def response_field_became_non_nullable(site: Site) -> Iterator[str]:
    """The annotation drops `None`; existing None checks become redundant, not wrong."""
    if site.old.nullable and not site.new.nullable:
        yield "the value is no longer null"


def _enum_delta(site: Site) -> tuple[list[JSON], list[JSON]]:
    old, new = site.old.enum, site.new.enum
    if old is None or new is None:
        return [], []
    return [value for value in new if value not in old], [value for value in old if value not in new]


@rule("schema", direction="request", breaking=True)
def request_enum_value_removed(site: Site) -> Iterator[str]:
    """The generated enum loses the member and the server rejects the value callers may send."""
    for value in _enum_delta(site)[1]:
        yield f"enum value {_show(value)} removed"


@rule("schema", direction="request", breaking=False)
def request_enum_value_added(site: Site) -> Iterator[str]:
    """Callers may send one more value; the values they sent are still accepted."""
    for value in _enum_delta(site)[0]:
        yield f"enum value {_show(value)} added"


@rule("schema", direction="response", breaking=False)
def response_enum_value_added(site: Site) -> Iterator[str]:
    """This client's enums are forward-compatible (generator/templates/str_enum.py.jinja): an unknown
    value parses as a pseudo-member with `is_known == False` and round-trips unchanged, so clients
    generated before the value existed keep parsing responses that carry it.
    """
    for value in _enum_delta(site)[0]:
        yield f"enum value {_show(value)} added"


@rule("schema", direction="response", breaking=True, wire=False)
def response_enum_value_removed(site: Site) -> Iterator[str]:
    """The generated enum loses the member; code that names it raises AttributeError."""
    for value in _enum_delta(site)[1]:
        yield f"enum value {_show(value)} removed"


@rule("schema", direction="request", breaking=True)
def request_enum_introduced(site: Site) -> Iterator[str]:
    """Free text becomes a closed list: the server rejects other values and the annotation becomes an enum."""
    if site.old.enum is None and site.new.enum is not None:
        yield f"values now limited to {_show(list(site.new.enum))}"


@rule("schema", direction="request", breaking=False)
def request_enum_lifted(site: Site) -> Iterator[str]:
    """Any value is accepted now; enum members are strings, so code that passes them still type-checks."""
    if site.old.enum is not None and site.new.enum is None:
        yield "values no longer limited to a list"


@rule("schema", direction="response", breaking=False)
def response_enum_introduced(site: Site) -> Iterator[str]:
    """The value becomes a StrEnum, which still compares and behaves as the string it was."""
    if site.old.enum is None and site.new.enum is not None:
        yield f"values now limited to {_show(list(site.new.enum))}"


@rule("schema", direction="response", breaking=True, wire=False)
def response_enum_lifted(site: Site) -> Iterator[str]:
    """The annotation changes from the enum class to `str`: members, `is_known` and exhaustive matches go."""
    if site.old.enum is not None and site.new.enum is None:
        yield "values no longer limited to a list"


# A number's bound is spelt with one of two keywords, inclusive or exclusive; `maximum: 1` and
# `exclusiveMaximum: 2` are one bound, so they are compared as one: (keywords, tighter end).
_NUMBER_BOUNDS = ((("maximum", "exclusiveMaximum"), "upper"), (("minimum", "exclusiveMinimum"), "lower"))
_INFINITY = float("inf")


def _number_bound(constraints: Mapping[str, JSON], keywords: tuple[str, str], end: str) -> tuple[float, int, str]:
    """The effective bound as a sortable key (smaller is tighter) and how the spec spells it."""
    sign = 1 if end == "upper" else -1
    found = [
        (sign * value, 0 if exclusive else 1, f"{keyword} {_show(value)}")
        for keyword, exclusive in zip(keywords, (False, True), strict=True)
        if isinstance(value := constraints.get(keyword), int | float) and not isinstance(value, bool)
    ]
    # An exclusive bound at the same value admits fewer values: it sorts first, as the tighter one.
    return min(found, default=(_INFINITY, 1, "none"))


def _number_bound_moves(old: Mapping[str, JSON], new: Mapping[str, JSON]) -> Iterator[tuple[bool, str]]:
    for keywords, end in _NUMBER_BOUNDS:
        before, after = _number_bound(old, keywords, end), _number_bound(new, keywords, end)
        if before[:2] != after[:2]:
            yield after[:2] < before[:2], f"{end} bound {before[2]} -> {after[2]}"


def _constraint_moves(site: Site) -> Iterator[tuple[bool, str]]:
    """(tighter, description) for every bound that changed."""
    old, new = site.old.constraints, site.new.constraints
    yield from _number_bound_moves(old, new)
    bound_keywords = {keyword for keywords, _ in _NUMBER_BOUNDS for keyword in keywords}
    for key in dict.fromkeys([*old, *new]):
        if key in bound_keywords:
            continue
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        text = f"{key} {_show(before) if key in old else 'none'} -> {_show(after) if key in new else 'none'}"
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (before, after))
        if after is None or before is None:
            tighter = after is not None and after is not False
        elif numeric and key in LOWER_BOUNDS:
            tighter = after > before
        elif numeric and key in UPPER_BOUNDS:
            tighter = after < before
        elif numeric and key == "multipleOf":
            # Looser only when the new step divides the old one; exact fractions, as 0.3 / 0.1 is not 3.0 in floats.
            tighter = (Fraction(str(before)) / Fraction(str(after))).denominator != 1
        elif isinstance(after, bool):
            tighter = after
        else:  # a new pattern: nothing says it accepts all the old one did
            tighter = True
        yield tighter, text


@rule("schema", direction="request", breaking=True)
def request_constraint_tightened(site: Site) -> Iterator[str]:
    """The server now rejects values it accepted; the generated client does not check, so the call fails at runtime."""
    for tighter, text in _constraint_moves(site):
        if tighter:
            yield text


@rule("schema", direction="request", breaking=False)
def request_constraint_loosened(site: Site) -> Iterator[str]:
    """Every value accepted before is still accepted."""
    for tighter, text in _constraint_moves(site):
        if not tighter:
            yield text


@rule("schema", direction="response", breaking=False)
def response_constraint_changed(site: Site) -> Iterator[str]:
    """The generated client does not check bounds when it parses, so responses parse as before."""
    for _, text in _constraint_moves(site):
        yield text


def _closed(site: Site) -> tuple[bool, bool] | None:
    if not (site.old.is_object and site.new.is_object) or site.old.closed == site.new.closed:
        return None
    return site.old.closed, site.new.closed


@rule("schema", direction="request", breaking=True)
def request_additional_properties_closed(site: Site) -> Iterator[str]:
    """The server rejects properties the spec does not list, and the model loses `additional_properties`."""
    if _closed(site) == (False, True):
        yield "unlisted properties are now rejected"


@rule("schema", direction="request", breaking=False)
def request_additional_properties_opened(site: Site) -> Iterator[str]:
    """The server accepts more bodies than before; the model gains an `additional_properties` mapping."""
    if _closed(site) == (True, False):
        yield "unlisted properties are now accepted"


@rule("schema", direction="response", breaking=True, wire=False)
def response_additional_properties_closed(site: Site) -> Iterator[str]:
    """The generated model loses its `additional_properties` mapping; code that reads it breaks."""
    if _closed(site) == (False, True):
        yield "the model no longer keeps unlisted properties"


@rule("schema", direction="response", breaking=False)
def response_additional_properties_opened(site: Site) -> Iterator[str]:
    """The generated model gains an `additional_properties` mapping; nothing existing changes."""
    if _closed(site) == (True, False):
        yield "the model now keeps unlisted properties"


@rule("schema", direction="request", breaking=False)
def request_default_changed(site: Site) -> Iterator[str]:
    """Signatures keep their shape, but callers who omit the value now get a different behaviour."""
    old, new = site.old, site.new
    if (old.has_default, old.default if old.has_default else None) != (
        new.has_default,
        new.default if new.has_default else None,
    ):
        before = _show(old.default) if old.has_default else "none"
        after = _show(new.default) if new.has_default else "none"
        yield f"default {before} -> {after}"


def _variant_keys(shape: Shape) -> list[str]:
    if shape.variants:
        return [variant_key(i, v) for i, v in enumerate(shape.variants)]
    # A plain schema is a union of one, so `X` becoming `X | Y` reads as one variant added.
    return [shape.ref.rsplit("/", 1)[-1]] if shape.ref else [f"{_types(shape)} value"]


def _variant_delta(site: Site) -> tuple[list[str], list[str]]:
    if not (site.old.variants or site.new.variants):
        return [], []
    old, new = _variant_keys(site.old), _variant_keys(site.new)
    return [key for key in new if key not in old], [key for key in old if key not in new]


@rule("schema", direction="request", breaking=True)
def request_variant_removed(site: Site) -> Iterator[str]:
    """The union argument loses a type; code that passes that type no longer type-checks or is rejected."""
    for key in _variant_delta(site)[1]:
        yield f"{key} removed from the union"


@rule("schema", direction="request", breaking=False)
def request_variant_added(site: Site) -> Iterator[str]:
    """The union argument accepts one more type; what callers passed before still fits."""
    for key in _variant_delta(site)[0]:
        yield f"{key} added to the union"


@rule("schema", direction="response", breaking=True)
def response_variant_added(site: Site) -> Iterator[str]:
    """The parsed value may now be a type existing code does not handle, and older clients fail to parse it."""
    for key in _variant_delta(site)[0]:
        yield f"{key} added to the union"


@rule("schema", direction="response", breaking=False)
def response_variant_removed(site: Site) -> Iterator[str]:
    """One type fewer to handle; code with a branch for it still works."""
    for key in _variant_delta(site)[1]:
        yield f"{key} removed from the union"
