"""One mutant: where it is, what it changes, and the id that names it across line shifts.

The id is the file, the enclosing function or class, the operator and the text the mutation
removes and adds (whitespace collapsed), not the line number: an edit above a mutant moves its
line but keeps its id, so an entry in `equivalent.yaml` stays attached to the code it was reviewed
for, and a change to that code itself gives a new id that must be reviewed again.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Mutant:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based line of the mutation in the current source (for people, not for the id)
    operator: str  # the cosmic-ray operator name, e.g. core/ReplaceComparisonOperator_Lt_Gt
    occurrence: int  # cosmic-ray's index of this operator's sites in the file
    removed: tuple[str, ...]  # source lines the mutation takes away, whitespace collapsed
    added: tuple[str, ...]  # the lines it puts in their place
    id: str
    static: str = ""  # INVALID or ANNOTATION when known without running the suite (see `static_kind`)

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
    """The non-blank lines `mutated` removes from and adds to `original` (whitespace collapsed)."""
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.ndiff(original.splitlines(), mutated.splitlines()):
        text = _collapse(line[2:])
        if not text:  # a blank line the rewrite dropped or added says nothing about the change
            continue
        if line.startswith("- "):
            removed.append(text)
        elif line.startswith("+ "):
            added.append(text)
    return tuple(removed), tuple(added)


INVALID = "invalid"  # the mutated module is not Python (e.g. `*` in a signature made `+`)
ANNOTATION = "annotation"  # only a type annotation changed


def _without_annotations(tree: ast.Module) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            node.annotation = None
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node.returns = None
        elif isinstance(node, ast.AnnAssign):
            # Kept as an annotation, so a dataclass field stays a field; only its text is dropped.
            node.annotation = ast.Constant(None)
    return ast.dump(tree)


def static_kind(original: str, mutated: str) -> str:
    """INVALID, ANNOTATION, or '' when only running the suite can tell.

    Under `from __future__ import annotations` an annotation is a string nobody evaluates at run
    time (the mock reads none), so a mutant that changes nothing else cannot change behaviour;
    it is recorded as such instead of costing a suite run. Without that import annotations are
    evaluated, and such a mutant is run like any other."""
    try:
        after = ast.parse(mutated)
    except SyntaxError:
        return INVALID
    before = ast.parse(original)
    postponed = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in before.body
    )
    if postponed and _without_annotations(before) == _without_annotations(after):
        return ANNOTATION
    return ""


def base_id(path: str, definition: str | None, operator: str, removed: Sequence[str], added: Sequence[str]) -> str:
    """`file::definition | operator | removed | added`; the definition (the function or class the
    change is in, `<module>` at the top level) keeps identical lines of different functions apart."""
    return f"{path}::{definition or '<module>'} | {operator} | {' / '.join(removed)} | {' / '.join(added)}"


def with_unique_ids(drafts: Iterable[Mutant], sources: Mapping[str, str]) -> list[Mutant]:
    """Ids told apart where the same change of the same text happens twice in one definition
    (`@dataclass(frozen=True)` above several classes): first by the next line of the source
    (`| then: class Organisation:`), then, if that is shared too, numbered in source order."""
    ordered = sorted(drafts, key=lambda m: (m.path, m.line, m.operator, m.occurrence))
    shared = Counter(m.id for m in ordered)
    lines = {path: text.splitlines() for path, text in sources.items()}
    with_context = [
        m if shared[m.id] == 1 else replace(m, id=f"{m.id} | then: {_next_line(lines[m.path], m)}") for m in ordered
    ]
    seen: Counter[str] = Counter()
    unique: list[Mutant] = []
    for mutant in with_context:
        seen[mutant.id] += 1
        count = seen[mutant.id]
        unique.append(mutant if count == 1 else replace(mutant, id=f"{mutant.id} #{count}"))
    return unique


def _next_line(lines: Sequence[str], mutant: Mutant) -> str:
    """The first non-blank line after the ones the mutation touches."""
    after = mutant.line - 1 + max(len(mutant.removed), 1)
    return next((_collapse(line) for line in lines[after:] if line.strip()), "(end)")


def sample(mutants: Sequence[Mutant], size: int) -> list[Mutant]:
    """A fixed, representative part, in a fixed spread-out order: the mutants sorted by a hash of
    their id, the first `size` of them (all when `size` is 0). The hash spreads both the pick and
    the running order evenly over files and operators, so the mutants finished when a long run is
    stopped are a fair sample too; the same code always gives the same pick."""
    ranked = sorted(mutants, key=lambda m: hashlib.sha256(m.id.encode()).hexdigest())
    return ranked[:size] if size > 0 else ranked
