"""Walk two specs side by side and hand every place that exists in either to the rules.

Operations are matched by operationId, then by method and path (path parameter names ignored, so
renaming `{id}` to `{personaId}` is not a removal plus an addition); parameters by location and
name (a path parameter by its place in the path), responses by status code, media types by name,
object properties by name, array items and map values by position. Schemas are compared as
`Shape`s, so `$ref`s, nullable spellings and one-item `allOf`s are looked through. Component
schemas no operation uses are compared on their own, since the generator makes a model of each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from anam_contract.diff._model import Direction, Location, OperationView, Site
from anam_contract.diff._shape import Shape, shape
from anam_contract.spec import JSON, Spec

_K = TypeVar("_K", str, tuple[str, str])

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class _Operation:
    view: OperationView
    parameters: dict[tuple[str, str], dict[str, JSON]]

    @property
    def label(self) -> str:
        return self.view.label

    @property
    def node(self) -> dict[str, JSON]:
        return self.view.node


def sites(old: Spec, new: Spec) -> Iterator[Site]:
    for before, after in _paired(_operations(old), _operations(new)):
        label = (after or before).label  # type: ignore[union-attr]  # one side always exists
        location = Location(label)
        yield Site("operation", "request", location, before and before.view, after and after.view)
        if before is not None and after is not None:
            yield from _Pair(old, new).operation(before, after, location)
    yield from _unused_components(old, new)


def _unused_components(old: Spec, new: Spec) -> Iterator[Site]:
    """Component schemas no operation reaches on either side: the generator still makes a model of each.

    Nothing sends or receives them, so only code that builds them feels a change: the request side.
    """
    old_schemas = old.document.get("components", {}).get("schemas", {})
    new_schemas = new.document.get("components", {}).get("schemas", {})
    used = _reached(old) | _reached(new)
    for name in _union(old_schemas, new_schemas):
        if name in used:
            continue
        location = Location(f"component {name}")
        yield Site("component", "request", location, old_schemas.get(name), new_schemas.get(name))
        if name in old_schemas and name in new_schemas:
            ref = {"$ref": f"#/components/schemas/{name}"}
            yield from _Pair(old, new).schema(ref, ref, "request", location, frozenset())


_PATH_NAME = re.compile(r"{([^}]*)}")
_REF = re.compile(r'"#/components/(schemas|responses|parameters|requestBodies|headers)/([^"]+)"')


def _reached(spec: Spec) -> set[str]:
    """Names of the component schemas the operations use, directly or through other components."""
    components = spec.document.get("components", {})
    pending = _REF.findall(json.dumps(spec.document.get("paths", {})))
    seen: set[tuple[str, str]] = set()
    while pending:
        section, name = pending.pop()
        if (section, name) not in seen:
            seen.add((section, name))
            pending += _REF.findall(json.dumps(components.get(section, {}).get(name, {})))
    return {name for section, name in seen if section == "schemas"}


def _paired(
    old: dict[str, _Operation], new: dict[str, _Operation]
) -> list[tuple[_Operation | None, _Operation | None]]:
    """Operations matched by operationId, then the rest by method and path.

    The generator names an operation's module after its operationId, so an operation that keeps its
    id is the same one wherever it moved; one at the same address under a new id was renamed.
    """
    new_by_id = {op.view.name: key for key, op in new.items() if "operationId" in op.node}
    matches: dict[str, str] = {}
    for key, before in old.items():
        same_id = new_by_id.get(before.view.name) if "operationId" in before.node else None
        if same_id is not None and same_id not in matches.values():  # ids are unique in a valid spec
            matches[key] = same_id
    claimed = set(matches.values())
    for key in old:
        if key not in matches and key in new and key not in claimed:
            matches[key] = key
            claimed.add(key)
    pairs: list[tuple[_Operation | None, _Operation | None]] = [
        (before, new[matches[key]] if key in matches else None) for key, before in old.items()
    ]
    pairs += [(None, after) for key, after in new.items() if key not in claimed]
    return pairs


def _operations(spec: Spec) -> dict[str, _Operation]:
    found: dict[str, _Operation] = {}
    default_security = spec.document.get("security", [])
    for path, raw_item in spec.document.get("paths", {}).items():
        item = spec.resolve(raw_item)
        shared = _parameters(spec, item.get("parameters", []))
        for method in _METHODS:
            if method in item:
                node = item[method]
                parameters = {**shared, **_parameters(spec, node.get("parameters", []))}
                security = node.get("security", default_security)
                servers = node.get("servers") or item.get("servers") or spec.document.get("servers") or []
                urls = tuple(str(server.get("url", "")) for server in servers)
                view = OperationView(f"{method.upper()} {path}", node, security, _credentials(spec, security), urls)
                found[view.address] = _Operation(view, parameters)
    return found


def _credentials(spec: Spec, security: list[Any]) -> frozenset[str]:
    schemes = spec.document.get("components", {}).get("securitySchemes", {})

    def describe(name: str) -> str:
        scheme = spec.resolve(schemes.get(name, {}))
        kind = str(scheme.get("type", name))
        if kind == "http":
            return f"http {str(scheme.get('scheme', '')).lower()}"
        if kind == "apiKey":
            return f"apiKey {scheme.get('in')} {scheme.get('name')}"
        return kind

    return frozenset(
        " + ".join(sorted(describe(name) for name in requirement)) for requirement in security if requirement
    )


def _parameters(spec: Spec, raw: Iterable[JSON]) -> dict[tuple[str, str], dict[str, JSON]]:
    resolved = (spec.resolve(parameter) for parameter in raw)
    return {(parameter["in"], parameter["name"]): parameter for parameter in resolved}


_DELIMITERS = "._- "


@cache
def python_name(name: str) -> str:
    """The generated argument or attribute name for a wire name: the generator's snake_case.

    Written out rather than imported, since importing the generator package costs every
    `anam-contract` command a quarter of a second at start-up; tests/diff/test_walk.py checks that
    both agree.
    """
    kept = "".join(c for c in name if c.isidentifier() or c.isdecimal() or c in _DELIMITERS)
    if any(c.isupper() for c in kept):
        kept = " ".join(re.split("([A-Z]?[a-z]+)", kept))  # camelCase and PascalCase words
    return "_".join(re.findall(f"[^{re.escape(_DELIMITERS)}]+", kept)).lower()


def _by_argument(side: _Operation, after: _Operation) -> dict[tuple[str, str], dict[str, JSON]]:
    """`side`'s parameters keyed by location and generated argument name, so `perPage` becoming
    `per_page` is the same argument; a path parameter takes the name `after`'s path uses in the same
    place, so `{id}` becoming `{personaId}` is one parameter renamed, not one removed and one added."""
    old_names, new_names = _PATH_NAME.findall(side.label), _PATH_NAME.findall(after.label)
    renamed = dict(zip(old_names, new_names, strict=True)) if len(old_names) == len(new_names) else {}
    return {
        (where, python_name(renamed.get(name, name) if where == "path" else name)): parameter
        for (where, name), parameter in side.parameters.items()
    }


def _by_status(responses: dict[Any, JSON]) -> dict[str, JSON]:
    """Responses keyed by status text: YAML reads an unquoted `200:` as the integer 200."""
    return {str(code): response for code, response in responses.items()}


def _union(first: Iterable[_K], second: Iterable[_K]) -> list[_K]:
    """Keys of both, in first-seen order, so reports follow the documents' own order."""
    merged: dict[_K, None] = dict.fromkeys(first)
    merged.update(dict.fromkeys(second))
    return list(merged)


class _Pair:
    """The two specs being compared, so nodes from each side resolve in their own document."""

    def __init__(self, old: Spec, new: Spec) -> None:
        self.old, self.new = old, new

    def operation(self, before: _Operation, after: _Operation, location: Location) -> Iterator[Site]:
        old_parameters, new_parameters = _by_argument(before, after), _by_argument(after, after)
        for key in _union(old_parameters, new_parameters):
            old_param, new_param = old_parameters.get(key), new_parameters.get(key)
            shown = new_param or old_param
            assert shown is not None  # the key comes from one of the two
            here = Location(location.operation, f"{key[0]} parameter {shown['name']}")
            yield Site("parameter", "request", here, old_param, new_param)
            if old_param and new_param and "schema" in old_param and "schema" in new_param:
                yield from self.schema(old_param["schema"], new_param["schema"], "request", here, frozenset())
        old_body = self.old.resolve(before.node.get("requestBody"))
        new_body = self.new.resolve(after.node.get("requestBody"))
        body_location = Location(location.operation, "request body")
        yield Site("request_body", "request", body_location, old_body, new_body)
        if old_body and new_body:
            yield from self.content(old_body, new_body, "request", body_location)
        old_responses = _by_status(before.node.get("responses", {}))
        new_responses = _by_status(after.node.get("responses", {}))
        for code in _union(old_responses, new_responses):
            old_response, new_response = old_responses.get(code), new_responses.get(code)
            here = Location(location.operation, f"response {code}")
            yield Site(
                "response",
                "response",
                here,
                old_response and self.old.resolve(old_response),
                new_response and self.new.resolve(new_response),
            )
            if old_response and new_response:
                old_resolved, new_resolved = self.old.resolve(old_response), self.new.resolve(new_response)
                yield from self.content(old_resolved, new_resolved, "response", here)
                yield from self.headers(old_resolved, new_resolved, here)

    def headers(self, old: JSON, new: JSON, location: Location) -> Iterator[Site]:
        """Response headers by name, whatever the letter case (HTTP header names ignore it)."""
        old_headers = {str(name).lower(): (name, value) for name, value in (old.get("headers") or {}).items()}
        new_headers = {str(name).lower(): (name, value) for name, value in (new.get("headers") or {}).items()}
        for key in _union(old_headers, new_headers):
            before, after = old_headers.get(key), new_headers.get(key)
            shown = (after or before or (key, None))[0]
            here = Location(location.operation, f"{location.part} header {shown}")
            old_header = self.old.resolve(before[1]) if before else None
            new_header = self.new.resolve(after[1]) if after else None
            yield Site("header", "response", here, old_header, new_header)
            if isinstance(old_header, dict) and isinstance(new_header, dict):
                old_schema, new_schema = old_header.get("schema"), new_header.get("schema")
                if old_schema is not None and new_schema is not None:
                    yield from self.schema(old_schema, new_schema, "response", here, frozenset())

    def content(self, old: JSON, new: JSON, direction: Direction, location: Location) -> Iterator[Site]:
        old_content, new_content = old.get("content", {}), new.get("content", {})
        for media in _union(old_content, new_content):
            here = location if media == "application/json" else Location(location.operation, f"{location.part} {media}")
            yield Site("media_type", direction, here, old_content.get(media), new_content.get(media))
            old_schema = old_content.get(media, {}).get("schema")
            new_schema = new_content.get(media, {}).get("schema")
            if old_schema is not None and new_schema is not None:
                yield from self.schema(old_schema, new_schema, direction, here, frozenset())

    def schema(
        self, old: JSON, new: JSON, direction: Direction, location: Location, seen: frozenset[tuple[Any, Any]]
    ) -> Iterator[Site]:
        before, after = shape(self.old, old), shape(self.new, new)
        pair = (before.ref, after.ref)
        if before.ref and after.ref:
            # A recursive schema (a tree, a linked list) would otherwise be walked forever.
            if pair in seen:
                return
            seen = seen | {pair}
        yield Site("schema", direction, location, before, after)
        yield from self._properties(before, after, direction, location, seen)
        if before.items is not None and after.items is not None:
            yield from self.schema(before.items, after.items, direction, location.child("[]"), seen)
        if isinstance(before.additional, dict) and isinstance(after.additional, dict):
            yield from self.schema(before.additional, after.additional, direction, location.child("{}"), seen)
        for old_variant, new_variant in _matching_variants(before, after):
            yield from self.schema(old_variant, new_variant, direction, location, seen)

    def _properties(
        self, before: Shape, after: Shape, direction: Direction, location: Location, seen: frozenset[tuple[Any, Any]]
    ) -> Iterator[Site]:
        if not (before.is_object and after.is_object):
            return
        # Matched by generated attribute name: `voiceId` becoming `voice_id` is the same attribute.
        # A defined property wins over a name only listed in `required` that comes out the same.
        old_names = {python_name(name): name for name in [*sorted(before.required), *before.properties]}
        new_names = {python_name(name): name for name in [*sorted(after.required), *after.properties]}
        for attribute in _union(old_names, new_names):
            old_name, new_name = old_names.get(attribute), new_names.get(attribute)
            old = _property(before, old_name)
            new = _property(after, new_name)
            here = location.child(new_name or old_name or attribute)
            yield Site(
                "property",
                direction,
                here,
                old,
                new,
                old_name in before.required,
                new_name in after.required,
                old_name=old_name,
            )
            if old is not None and new is not None:
                yield from self.schema(old, new, direction, here, seen)


def _property(owner: Shape, name: str | None) -> JSON:
    """The property's schema; `{}` for a name only listed in `required`; None when absent."""
    if name is None:
        return None
    if name in owner.properties:
        return owner.properties[name]
    return {} if name in owner.required else None


def variant_key(index: int, variant: JSON) -> str:
    """How a union branch is recognised across versions: its `$ref`, else its position."""
    if isinstance(variant, dict) and isinstance(variant.get("$ref"), str):
        return str(variant["$ref"]).rsplit("/", 1)[-1]
    return f"variant {index}"


def _matching_variants(before: Shape, after: Shape) -> Iterator[tuple[JSON, JSON]]:
    old = {variant_key(i, v): v for i, v in enumerate(before.variants)}
    new = {variant_key(i, v): v for i, v in enumerate(after.variants)}
    for key, variant in old.items():
        if key in new:
            yield variant, new[key]
