"""One mutant: where it is, what it changes, and the id that names it across line shifts.

The id is the file, the operator and the text the mutation removes and adds (whitespace
collapsed), not the line number: an edit above a mutant moves its line but keeps its id, so an
entry in `equivalent.yaml` stays attached to the code it was reviewed for, and a change to that
code itself gives a new id that must be reviewed again.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mutant:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based line of the mutation in the current source (for people, not for the id)
    operator: str  # the cosmic-ray operator name, e.g. core/ReplaceComparisonOperator_Lt_Gt
    occurrence: int  # cosmic-ray's index of this operator's sites in the file
    removed: tuple[str, ...]  # source lines the mutation takes away, whitespace collapsed
    added: tuple[str, ...]  # the lines it puts in their place
    id: str

    @property
    def module(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def describe(self) -> str:
        """`-old +new` on one line, for reports."""
        before = " / ".join(self.removed) or "(nothing)"
        after = " / ".join(self.added) or "(nothing)"
        return f"{before}  ->  {after}"


def _collapse(line: str) -> str:
    return " ".join(line.split())


def change(original: str, mutated: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lines `mutated` removes from and adds to `original` (whitespace collapsed)."""
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.ndiff(original.splitlines(), mutated.splitlines()):
        if line.startswith("- "):
            removed.append(_collapse(line[2:]))
        elif line.startswith("+ "):
            added.append(_collapse(line[2:]))
    return tuple(removed), tuple(added)


def base_id(path: str, operator: str, removed: Sequence[str], added: Sequence[str]) -> str:
    return f"{path} | {operator} | {' / '.join(removed)} | {' / '.join(added)}"


def with_unique_ids(drafts: Iterable[Mutant]) -> list[Mutant]:
    """Number repeated ids (`#2`, `#3`, ...) in source order, which a line shift does not change:
    two identical lines mutated alike are told apart by which comes first."""
    ordered = sorted(drafts, key=lambda m: (m.path, m.line, m.operator, m.occurrence))
    seen: Counter[str] = Counter()
    unique: list[Mutant] = []
    for mutant in ordered:
        seen[mutant.id] += 1
        count = seen[mutant.id]
        unique.append(mutant if count == 1 else _renamed(mutant, f"{mutant.id} #{count}"))
    return unique


def _renamed(mutant: Mutant, new_id: str) -> Mutant:
    return Mutant(mutant.path, mutant.line, mutant.operator, mutant.occurrence, mutant.removed, mutant.added, new_id)


def sample(mutants: Sequence[Mutant], size: int) -> list[Mutant]:
    """A fixed, representative part, in a fixed spread-out order: the mutants sorted by a hash of
    their id, the first `size` of them (all when `size` is 0). The hash spreads both the pick and
    the running order evenly over files and operators, so the mutants finished when a long run is
    stopped are a fair sample too; the same code always gives the same pick."""
    ranked = sorted(mutants, key=lambda m: hashlib.sha256(m.id.encode()).hexdigest())
    return ranked[:size] if size > 0 else ranked
