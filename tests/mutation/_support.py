"""Mutants and results made up for the mutation package's tests."""

from __future__ import annotations

from mutation._mutants import Mutant, base_id
from mutation._outcome import Result


def mutant(path: str = "src/m/_rules.py", line: int = 10, before: str = "a < b", after: str = "a > b") -> Mutant:
    operator = "core/ReplaceComparisonOperator_Lt_Gt"
    return Mutant(path, line, operator, 0, (before,), (after,), base_id(path, "f", operator, (before,), (after,)))


def result(outcome: str, **kwargs: str | int) -> Result:
    return Result(mutant(**kwargs), outcome, 1.5)  # type: ignore[arg-type]
