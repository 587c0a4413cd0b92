"""Load the OpenAPI document and build JSON Schema validators from its schemas.

The base layer of the tooling: it imports nothing else of the project, and every other layer
reads the spec through it, so the way `$ref`s resolve is the same everywhere.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from anam_contract.inputs import InputError, read_yaml
from anam_contract.paths import SPEC_PATH

# Any JSON value read from the spec.
JSON = Any

_BASE_URI = "urn:anam-contract:spec"


class SpecError(Exception):
    """The spec file cannot be read, is not YAML, is not an OpenAPI 3.1 object, or has a `$ref`
    that leads nowhere. The message is one line naming the file."""


def load_document(path: Path) -> dict[str, JSON]:
    """The spec at `path`, checked the one way every command checks a spec (generate included).

    Each caller gets a copy of its own. The parse is kept while the file stays the same (its size
    and change stamps): reading the YAML safely is a quarter of a second, and one process of the
    suite reads the spec a dozen times."""
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.absolute()), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino) if stat else None
    if key is not None and key in _PARSED:
        return copy.deepcopy(_PARSED[key])
    document = _checked_document(path)
    if key is not None:
        if len(_PARSED) >= _PARSED_MOST:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = copy.deepcopy(document)
    return document


# Parsed specs by file identity (path, size, stamps, inode); a handful at most.
_PARSED: dict[tuple[str, int, int, int, int], dict[str, JSON]] = {}
_PARSED_MOST = 8


def _checked_document(path: Path) -> dict[str, JSON]:
    try:
        document = read_yaml(path, "spec")
    except InputError as error:
        raise SpecError(str(error)) from None
    if not isinstance(document, dict) or "openapi" not in document:
        raise SpecError(f"spec {path}: not an OpenAPI document (no `openapi:` version at the top)")
    version = str(document["openapi"])
    if not version.startswith("3.1"):
        # One rule for all: 3.0 differs in nullability and examples, which drift and diff read.
        raise SpecError(f"spec {path}: OpenAPI {version}; only OpenAPI 3.1 is supported")
    problem = dangling_ref(document)
    if problem is not None:
        raise SpecError(f"spec {path}: {problem}")
    return document


def dangling_ref(document: dict[str, JSON]) -> str | None:
    """`$ref #/components/schemas/Gone at /paths/~1x/get/... leads nowhere`, or None when all resolve.

    Checked at load, so no command later crashes (or quietly skips a schema) on a broken reference.
    """
    probe = Spec.__new__(Spec)
    probe.document = document
    stack: list[tuple[str, JSON]] = [("", document)]
    seen: set[int] = set()  # an alias can make a node its own descendant
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict | list):
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                try:
                    probe.pointer(ref)
                except SpecError:
                    kind = "leads nowhere" if ref.startswith("#/") else "is not a local reference (#/...)"
                    return f"$ref {ref} at {pointer or '/'} {kind}"
            children = [(f"{pointer}/{_escape(str(key))}", value) for key, value in node.items()]
        elif isinstance(node, list):
            children = [(f"{pointer}/{index}", value) for index, value in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
    return None


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class Spec:
    """An OpenAPI 3.1 document with helpers to follow `$ref`s and validate JSON against schemas."""

    def __init__(self, document: Mapping[str, JSON], path: Path | None = None) -> None:
        self.document: dict[str, JSON] = copy.deepcopy(dict(document))
        self.path = path

    @classmethod
    def load(cls, path: Path = SPEC_PATH) -> Spec:
        return cls(load_document(path), path)

    @cached_property
    def _registry(self) -> Registry[JSON]:
        resource: Resource[JSON] = DRAFT202012.create_resource(self.document)
        registry: Registry[JSON] = Registry().with_resource(_BASE_URI, resource)
        return registry

    def resolve(self, node: JSON) -> JSON:
        """Follow `$ref` (possibly chained) until a node without one."""
        seen: set[str] = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if ref in seen:
                raise SpecError(f"circular $ref {ref}")
            seen.add(ref)
            node = self.pointer(ref)
        return node

    def pointer(self, ref: str) -> JSON:
        """The node at a local reference such as `#/components/schemas/Persona`."""
        if not ref.startswith("#/"):
            raise SpecError(f"only local references are supported, not {ref!r}")
        node: JSON = self.document
        for raw in ref[2:].split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            try:
                node = node[int(part)] if isinstance(node, list) else node[part]
            except (KeyError, IndexError, ValueError):
                raise SpecError(f"{ref} does not exist in the spec") from None
        return node

    def validator(self, schema: JSON) -> Draft202012Validator:
        """A validator for `schema` (a schema object or a `{"$ref": ...}`) whose refs resolve in this spec."""
        wrapped = {"$id": _BASE_URI + "#validator", **schema} if isinstance(schema, dict) else schema
        if isinstance(wrapped, dict) and "$ref" in wrapped and wrapped["$ref"].startswith("#/"):
            wrapped = {**wrapped, "$ref": _BASE_URI + wrapped["$ref"]}
        return Draft202012Validator(_absolutise(wrapped), registry=self._registry, format_checker=FormatChecker())

    def component_validator(self, name: str) -> Draft202012Validator:
        return self.validator({"$ref": f"#/components/schemas/{name}"})

    def operations(self) -> list[tuple[str, str, dict[str, JSON]]]:
        """(METHOD, path, operation object) for every operation, in document order."""
        methods = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
        found = []
        for path, item in self.document.get("paths", {}).items():
            for method in methods:
                if method in item:
                    found.append((method.upper(), path, item[method]))
        return found


def json_type(value: JSON) -> str:
    """The JSON Schema type name of a parsed JSON value (`true` is a boolean, not an integer)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _absolutise(node: JSON) -> JSON:
    """Rewrite local `#/...` refs so they resolve against the spec document, not the sub-schema."""
    if isinstance(node, dict):
        return {
            key: (
                _BASE_URI + value
                if key == "$ref" and isinstance(value, str) and value.startswith("#/")
                else _absolutise(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_absolutise(item) for item in node]
    return node
