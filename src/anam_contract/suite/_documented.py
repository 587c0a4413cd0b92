"""What of an answer the model of the documented behaviour may learn from and judge, and the
headers the spec requires of it.

A live API adds fields the docs do not name (the spec's objects are open) and gets some fields
wrong. The model compares only what the spec documents, and it never learns a value the spec's
schema refuses: a date that is not a date-time, say, would otherwise be "expected" of the next GET
and reported there a second time, as if the GET were wrong.
"""

from __future__ import annotations

import json
from typing import Any

from anam_contract.spec import Spec

_BRANCHES = ("anyOf", "oneOf", "allOf")


class Documented:
    """Strips undocumented properties and names the top-level fields that break their schema."""

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._responses = {str(op.get("operationId")): dict(op.get("responses", {})) for _, _, op in spec.operations()}

    def only(self, component: str, value: Any) -> Any:
        """`value` without the properties the component's schema (at any depth) does not declare."""
        return self._strip({"$ref": f"#/components/schemas/{component}"}, value)

    def broken_fields(self, component: str, value: Any) -> set[str]:
        """Top-level keys of `value` under which the schema finds a problem (none for a non-object)."""
        if not isinstance(value, dict):
            return set()
        validator = self._spec.component_validator(component)
        return {str(error.absolute_path[0]) for error in validator.iter_errors(value) if error.absolute_path}

    def header_problems(self, operation_id: str, status: int, headers: dict[str, str]) -> list[tuple[str, str, str]]:
        """(header, what the spec wants, what came) for each header the spec declares for this
        answer that `headers` (names in lower case) lacks though required, or gives a value its
        schema refuses."""
        responses = self._responses.get(operation_id, {})
        declared = self._spec.resolve(responses.get(str(status), responses.get("default", {})))
        problems = []
        for name, raw in (declared.get("headers") or {}).items() if isinstance(declared, dict) else ():
            header = self._spec.resolve(raw)
            value = headers.get(name.lower())
            if value is None:
                if header.get("required"):
                    problems.append((name, "present (required)", "<missing>"))
            elif "schema" in header and not self._spec.validator(header["schema"]).is_valid(value):
                problems.append((name, f"a value of schema {json.dumps(header['schema'])}", value))
        return problems

    def _strip(self, schema: Any, value: Any) -> Any:
        if isinstance(value, dict):
            properties = self._properties(schema)
            if properties is None:  # an object the spec leaves open (widgetConfig): all of it counts
                return value
            return {key: self._strip(properties[key], item) for key, item in value.items() if key in properties}
        if isinstance(value, list):
            items = self._items(schema)
            return value if items is None else [self._strip(items, item) for item in value]
        return value

    def _properties(self, schema: Any) -> dict[str, Any] | None:
        node = self._spec.resolve(schema)
        if not isinstance(node, dict):
            return None
        found: dict[str, Any] | None = dict(node["properties"]) if isinstance(node.get("properties"), dict) else None
        for keyword in _BRANCHES:
            for branch in node.get(keyword, []) or []:
                more = self._properties(branch)
                if more is not None:
                    found = {**(found or {}), **more}
        return found

    def _items(self, schema: Any) -> Any:
        node = self._spec.resolve(schema)
        if not isinstance(node, dict):
            return None
        if "items" in node:
            return node["items"]
        for keyword in _BRANCHES:
            for branch in node.get(keyword, []) or []:
                items = self._items(branch)
                if items is not None:
                    return items
        return None


# Sub-objects that are the catalogue's, not the persona's: a write names them by id, and what else
# they hold (an avatar's owner organisation, a voice's tags, a tool's name) is the catalogue's to
# change. Only what a write determined is judged, so they are compared by id alone.
CATALOGUE_OBJECTS = ("avatar", "voice")
CATALOGUE_LISTS = ("tools",)


def written(persona: dict[str, Any]) -> dict[str, Any]:
    """`persona` with its catalogue sub-objects reduced to their ids (other fields as they are)."""
    reduced = dict(persona)
    for key in CATALOGUE_OBJECTS:
        if isinstance(reduced.get(key), dict) and "id" in reduced[key]:
            reduced[key] = {"id": reduced[key]["id"]}
    for key in CATALOGUE_LISTS:
        items = reduced.get(key)
        if isinstance(items, list) and all(isinstance(item, dict) and "id" in item for item in items):
            reduced[key] = [{"id": item["id"]} for item in items]
    return reduced


# A persona's fields that no request sets: the server chooses them. A list page is a summary of the
# personas, and the docs promise it shows what the writes set (id, name, description, avatar and
# voice ids, the time stamps), not that it repeats the server's other choices as GET shows them.
SERVER_CHOSEN = frozenset(
    {"personaPreset", "voiceSpeed", "knowledge", "shareLinks", "primaryShareLink", "enableAudioPassthrough"}
    | {"widgetConfig"}
)
