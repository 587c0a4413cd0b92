"""The drift rules, registered like schemathesis checks: one signature, the function name is the public id."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from anam_contract.drift._model import JSON, Operation

if TYPE_CHECKING:
    from anam_contract.drift._context import Context


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "drift" or "notice"
    page: Path
    line: int
    operation: Operation | None
    message: str
    location: str | None = None
    field: str | None = None
    value: JSON = None  # the enum value, or the JSON pointer of a failing example
    page_says: str | None = None
    spec_says: str | None = None
    details: tuple[str, ...] = ()
    status: str = "drift"  # "drift", "accepted" or "notice"
    reason: str | None = None  # why it is accepted
    allow_line: int | None = None  # the line of the allow entry that accepts it


RuleFunction = Callable[["Context"], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    function: RuleFunction
    severity: str
    compares: bool  # runs only on pages compared with an operation the spec has
    summary: str = field(default="")


RULES: dict[str, Rule] = {}


def rule(*, severity: str = "drift", compares: bool = True) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule under its function's name; its docstring's first line is its summary."""

    def register(function: RuleFunction) -> RuleFunction:
        name = function.__name__
        if name in RULES:
            raise ValueError(f"drift rule {name} is registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        RULES[name] = Rule(name, function, severity, compares, summary)
        return function

    return register
