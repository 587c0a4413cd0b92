"""Which enum values and nulls of the spec a run has actually produced.

Targets are read from the spec: every property (of every component schema) whose schema is an
enum, or allows null, or both. A walk guided by the schema attributes each value of a JSON
document to the component and property it sits in, so `Voice.gender = null` is counted for
`Voice.gender` and not for every other nullable field that happens to be null.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator

from anam_contract.spec import Spec

_PREFIX = "#/components/schemas/"
# A stand-in for JSON null in sets of observed values (None itself is a fine key, but this
# keeps "null" visible in tables and JSON reports).
NULL = "null"


@dataclass(frozen=True)
class Target:
    """One property that has values to cover: its enum values and/or null."""

    component: str
    prop: str
    values: tuple[str, ...]
    nullable: bool

    @property
    def label(self) -> str:
        return f"{self.component}.{self.prop}"

    @property
    def wanted(self) -> tuple[str, ...]:
        return (*self.values, NULL) if self.nullable else self.values


@dataclass
class Coverage:
    """Targets of a spec and the values seen for each so far."""

    spec: Spec
    targets: dict[str, Target] = field(init=False)
    seen: dict[str, set[str]] = field(init=False)
    _validators: dict[int, Draft202012Validator] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.targets = {t.label: t for t in find_targets(self.spec)}
        self.seen = {label: set() for label in self.targets}

    def observe(self, component: str, instance: Any) -> None:
        """Count every targeted value inside `instance`, a JSON document valid for `component`."""
        self._walk({"$ref": _PREFIX + component}, instance, owner=component)

    def missing(self, components: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Per target label, the wanted values not seen yet (only targets still short of some)."""
        keep = None if components is None else set(components)
        found: dict[str, list[str]] = {}
        for label, target in self.targets.items():
            if keep is not None and target.component not in keep:
                continue
            lacking = [value for value in target.wanted if value not in self.seen[label]]
            if lacking:
                found[label] = lacking
        return found

    def rows(self) -> list[tuple[str, int, int, list[str]]]:
        """(label, covered, wanted, missing values) for every target, sorted by label."""
        result = []
        for label in sorted(self.targets):
            wanted = self.targets[label].wanted
            lacking = [value for value in wanted if value not in self.seen[label]]
            result.append((label, len(wanted) - len(lacking), len(wanted), lacking))
        return result

    def _walk(self, schema: Any, instance: Any, owner: str) -> None:
        schema, owner = self._deref(schema, owner)
        if not isinstance(schema, dict):
            return
        for branch in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
            if self._accepts(branch, instance):
                self._walk(branch, instance, owner)
        if isinstance(instance, dict):
            for prop, sub_schema in schema.get("properties", {}).items():
                if prop not in instance:
                    continue
                label = f"{owner}.{prop}"
                value = instance[prop]
                target = self.targets.get(label)
                if target is not None and (value is None or value in target.values):
                    self.seen[label].add(NULL if value is None else value)
                self._walk(sub_schema, value, owner)
        elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
            for item in instance:
                self._walk(schema["items"], item, owner)

    def _deref(self, schema: Any, owner: str) -> tuple[Any, str]:
        # Values under a `$ref` to an object component belong to that component; an enum
        # component stays with the property that uses it.
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            if ref.startswith(_PREFIX) and "enum" not in self.spec.pointer(ref):
                owner = ref[len(_PREFIX) :]
            schema = self.spec.pointer(ref)
        return schema, owner

    def _accepts(self, schema: Any, instance: Any) -> bool:
        validator = self._validators.get(id(schema))
        if validator is None:
            validator = self.spec.validator(schema)
            self._validators[id(schema)] = validator
        return bool(validator.is_valid(instance))


def find_targets(spec: Spec) -> list[Target]:
    """Every (component, property) of the spec with enum values to cover or a null to cover."""
    found = []
    for component, schema in spec.document.get("components", {}).get("schemas", {}).items():
        for prop, sub_schema in (schema.get("properties") or {}).items():
            values, nullable = _enum_and_null(spec, sub_schema)
            if values or nullable:
                found.append(Target(component, prop, tuple(values), nullable))
    return found


def _enum_and_null(spec: Spec, schema: Any) -> tuple[list[str], bool]:
    """Enum values a schema lists (through refs and anyOf branches) and whether it admits null."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict):
        return [], False
    values = [value for value in schema.get("enum", []) if value is not None]
    types = schema.get("type")
    nullable = None in schema.get("enum", []) or types == "null" or (isinstance(types, list) and "null" in types)
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        branch_values, branch_null = _enum_and_null(spec, branch)
        values.extend(value for value in branch_values if value not in values)
        nullable = nullable or branch_null
    return values, nullable
