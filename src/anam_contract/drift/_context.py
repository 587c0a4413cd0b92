"""What every rule receives: one page, its role among the pages of its operation, and the spec's side."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from anam_contract.drift._model import JSON, Page, PageField, TypeInfo, join_name, split_name
from anam_contract.drift._pages import Role
from anam_contract.drift._registry import RULES, Finding
from anam_contract.drift._schema import OPEN, Node, options_of, type_info
from anam_contract.drift._target import SpecOperation
from anam_contract.spec import Spec

# A field block or a schema property outranks a key seen in an example: it states a type.
_RANK = {"field list": 0, "OpenAPI block": 0, "option list": 1}


@dataclass
class Observed:
    """Everything a page says about one field, merged over every place it appears."""

    location: str
    name: str
    line: int
    sources: list[str]
    type: TypeInfo | None
    required: bool | None
    options: tuple[JSON, ...] | None
    constraints: dict[str, JSON] | None = None
    default: tuple[JSON, ...] | None = None
    spec: Node | None = None  # the spec's schema; None when the spec lacks the field, OPEN when it is free-form
    spec_required: bool = False
    ancestor_missing: bool = False

    @property
    def where(self) -> str:
        return f"{self.location} {self.name}"


@dataclass
class Context:
    page: Page
    role: Role
    spec: Spec
    target: SpecOperation | None
    fields: list[Observed] = field(default_factory=list)

    @classmethod
    def build(cls, page: Page, role: Role, spec: Spec) -> Context:
        target = None
        if page.operation is not None:
            status = page.statuses[0] if len(page.statuses) == 1 and page.shape != "markdown" else None
            target = SpecOperation.find(spec, page.operation, status)
        context = cls(page, role, spec, target)
        if target is not None:
            context.fields = _observe(page.fields, target)
        return context

    def spec_type(self, observed: Observed) -> TypeInfo:
        assert observed.spec is not None
        return type_info(self.spec, observed.spec)

    def spec_options(self, observed: Observed) -> tuple[JSON, ...]:
        assert observed.spec is not None
        return options_of(self.spec, observed.spec)

    @cached_property
    def missing(self) -> set[tuple[str, str]]:
        """(location, name) of every page field the spec lacks."""
        return {(f.location, f.name) for f in self.fields if f.spec is None}

    def comparable(self) -> list[Observed]:
        """Fields both sides know, with a schema to compare (not under a free-form object)."""
        return [f for f in self.fields if f.spec is not None and f.spec is not OPEN]

    def finding(self, rule_name: str, line: int, message: str, **extra: object) -> Finding:
        severity = RULES[rule_name].severity
        return Finding(
            rule=rule_name,
            severity=severity,
            page=self.page.file,
            line=line,
            operation=self.page.operation,
            message=message,
            status="drift" if severity == "drift" else "notice",
            **extra,  # type: ignore[arg-type]
        )


def _observe(fields: list[PageField], target: SpecOperation) -> list[Observed]:
    merged: dict[tuple[str, str], Observed] = {}
    for mention in sorted(fields, key=lambda f: (_RANK.get(f.source, 2), f.line)):
        key = (mention.location, mention.name)
        seen = merged.get(key)
        if seen is None:
            merged[key] = Observed(
                mention.location,
                mention.name,
                mention.line,
                [mention.source],
                mention.type,
                mention.required,
                mention.options,
                mention.constraints,
                mention.default,
            )
            continue
        if mention.source not in seen.sources:
            seen.sources.append(mention.source)
        seen.type = seen.type or mention.type
        seen.required = seen.required if seen.required is not None else mention.required
        seen.options = seen.options if seen.options is not None else mention.options
        seen.constraints = seen.constraints if seen.constraints is not None else mention.constraints
        seen.default = seen.default if seen.default is not None else mention.default
    observed = sorted(merged.values(), key=lambda f: (f.line, f.location, f.name))
    for item in observed:
        item.spec, item.spec_required = target.field(item.location, item.name)
    missing = {(f.location, f.name) for f in observed if f.spec is None}
    for item in observed:
        parts = split_name(item.name)
        item.ancestor_missing = not target.knows(item.location) or any(
            (item.location, join_name(parts[:end])) in missing for end in range(1, len(parts))
        )
    return observed
