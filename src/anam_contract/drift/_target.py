"""The spec's side of one operation: its parameters, request body and responses, looked up by field name."""

from __future__ import annotations

import re
from typing import Any

from anam_contract.drift._model import JSON, Operation, fills_template, ignored_parameter, split_name
from anam_contract.drift._schema import OPEN, Node, all_enums, lookup, properties, required, resolve
from anam_contract.spec import Spec

_PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")


def _template(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path.rstrip("/") or "/")


class SpecOperation:
    def __init__(self, spec: Spec, operation: Operation, item: dict[str, Any], op: dict[str, Any], status: str | None):
        self.spec = spec
        self.operation = operation
        self.op = op
        self.parameters: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
            param = resolve(spec, Node(raw)).schema
            if (
                isinstance(param, dict)
                and "name" in param
                and not ignored_parameter(str(param.get("in")), param["name"])
            ):
                self.parameters[(str(param.get("in")), str(param["name"]))] = param
        self.responses: dict[str, Any] = {str(code): value for code, value in (op.get("responses") or {}).items()}
        self.default_status = status if status in self.responses else self._first_success()

    @classmethod
    def find(cls, spec: Spec, operation: Operation, status: str | None = None) -> SpecOperation | None:
        """The spec's operation for a page's method and path; path parameter names need not agree."""
        candidates = [(Operation(m, p), op) for m, p, op in spec.operations() if m == operation.method]
        match = next((c for c in candidates if c[0].path == operation.path), None)
        if match is None:
            match = next((c for c in candidates if _template(c[0].path) == _template(operation.path)), None)
        if match is None:  # a curl URL with a real id where the spec has `{id}`
            match = next((c for c in candidates if fills_template(c[0].path, operation.path)), None)
        if match is None:
            return None
        found, op = match
        return cls(spec, found, spec.document["paths"][found.path], op, status)

    def _first_success(self) -> str | None:
        for code in sorted(self.responses):
            if code.startswith("2") and self._json_schema(self.responses[code]) is not None:
                return code
        return None

    def _json_schema(self, holder: JSON) -> Node | None:
        resolved = resolve(self.spec, Node(holder)).schema
        content = resolved.get("content") if isinstance(resolved, dict) else None
        if not isinstance(content, dict):
            return None
        media = next((value for key, value in content.items() if "json" in str(key)), None)
        if not isinstance(media, dict) or "schema" not in media:
            return None
        return Node(media["schema"])

    def status_key(self, status: str) -> str | None:
        """The spec's response that answers `status`: itself, its `2XX`-style range, or `default`."""
        for key in (status, f"{status[0]}XX", "default"):
            if key in self.responses:
                return key
        return None

    def has_status(self, status: str) -> bool:
        return self.status_key(status) is not None

    def knows(self, location: str) -> bool:
        """False for a `response <status>` the spec does not have: its fields have no place to be compared."""
        status = location.partition(" ")[2]
        return not (location.startswith("response") and status and not self.has_status(status))

    def success_statuses(self) -> list[str]:
        return sorted(code for code in self.responses if code.startswith("2"))

    def root(self, location: str) -> Node | None:
        """The schema a location's fields hang from (None for parameters, or when the spec has none)."""
        if location == "request":
            return self._json_schema(self.op.get("requestBody", {}))
        if location.startswith("response"):
            status = location.partition(" ")[2] or self.default_status
            key = self.status_key(status) if status else None
            return self._json_schema(self.responses[key]) if key is not None else None
        return None

    def field(self, location: str, name: str) -> tuple[Node | None, bool]:
        """The schema of a field and whether it is required; (None, False) when the spec lacks it."""
        if location in _PARAMETER_LOCATIONS:
            parts = split_name(name)
            param = self.parameters.get((location, parts[0]))
            if param is None:
                return None, False
            node = Node(param.get("schema", {}))
            if len(parts) == 1:
                return node, bool(param.get("required"))
            return lookup(self.spec, node, name[len(parts[0]) :].lstrip("."))
        root = self.root(location)
        if root is None:
            return None, False
        return lookup(self.spec, root, name)

    def children(self, location: str, parent: str) -> dict[str, bool] | None:
        """Field name -> required, for the fields directly under `parent`; None when not an object."""
        if location in _PARAMETER_LOCATIONS and not parent:
            return {name: bool(p.get("required")) for (where, name), p in self.parameters.items() if where == location}
        if parent:
            node, _ = self.field(location, parent)
        else:
            node = self.root(location)
        if node is None or node is OPEN:
            return None
        props = properties(self.spec, node)
        if props is None:
            return None
        needed = required(self.spec, node)
        return {name: name in needed for name in props}

    def enums(self) -> list[tuple[JSON, ...]]:
        """Every enum the operation's parameters, body and success response use."""
        found: list[tuple[JSON, ...]] = []
        nodes = [Node(p.get("schema", {})) for p in self.parameters.values()]
        nodes += [n for n in (self.root("request"), self.root("response")) if n is not None]
        for node in nodes:
            found.extend(all_enums(self.spec, node))
        return found
