"""The score over behaviour-changing mutants, and the reviewed list of those that are not.

A survivor listed in `equivalent.yaml` (with the reason it cannot change what the API does) is
left out of the score; any other survivor is a blind spot of the suite and fails the run. A listed
mutant that the suite kills is a wrong entry and fails the run too, so the list cannot rot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mutation._outcome import ANNOTATION_ONLY, INCOMPETENT, KILLED, SURVIVED, TIMEOUT, Result

TARGET = 0.90


class EquivalentFileError(ValueError):
    """`equivalent.yaml` is not a mapping of mutant id to a written reason."""


def load_equivalents(path: Path) -> dict[str, str]:
    """Mutant id -> why that mutant cannot change the API's behaviour."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise EquivalentFileError(f"{path}: not YAML ({error})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise EquivalentFileError(f"{path}: expected a mapping of mutant id to reason")
    for key, reason in data.items():
        if not isinstance(key, str) or not isinstance(reason, str) or not reason.strip():
            raise EquivalentFileError(f"{path}: the entry {key!r} needs a written reason")
    return dict(data)


@dataclass(frozen=True, slots=True)
class Tally:
    killed: int = 0
    timeout: int = 0
    survived_equivalent: int = 0
    survived: int = 0  # behaviour-changing survivors: the suite's blind spots
    incompetent: int = 0
    annotation_only: int = 0  # equivalent by construction, not run

    @property
    def behaviour_changing(self) -> int:
        return self.killed + self.timeout + self.survived

    @property
    def total(self) -> int:
        return self.behaviour_changing + self.survived_equivalent + self.incompetent + self.annotation_only

    @property
    def score(self) -> float | None:
        changing = self.behaviour_changing
        return (self.killed + self.timeout) / changing if changing else None


@dataclass(frozen=True, slots=True)
class Verdict:
    overall: Tally
    per_module: Mapping[str, Tally]
    survivors: Sequence[Result]  # unlisted: behaviour-changing
    equivalent: Sequence[tuple[Result, str]]  # listed survivors, with their reasons
    wrongly_listed: Sequence[Result]  # listed as equivalent, yet killed
    unused_entries: Sequence[str] = field(default_factory=tuple)  # listed ids no mutant has now

    @property
    def passed(self) -> bool:
        return not self.survivors and not self.wrongly_listed


def _tally(results: Iterable[Result], equivalents: Mapping[str, str]) -> Tally:
    counts = {KILLED: 0, TIMEOUT: 0, SURVIVED: 0, INCOMPETENT: 0, ANNOTATION_ONLY: 0, "equivalent": 0}
    for result in results:
        if result.outcome == SURVIVED and result.mutant.id in equivalents:
            counts["equivalent"] += 1
        else:
            counts[result.outcome] += 1
    return Tally(
        counts[KILLED],
        counts[TIMEOUT],
        counts["equivalent"],
        counts[SURVIVED],
        counts[INCOMPETENT],
        counts[ANNOTATION_ONLY],
    )


def judge(results: Sequence[Result], equivalents: Mapping[str, str], all_ids: Iterable[str] = ()) -> Verdict:
    """Score `results`; `all_ids` (every mutant's id, on a full listing) finds stale entries."""
    ordered = sorted(results, key=lambda r: (r.mutant.path, r.mutant.line, r.mutant.id))
    modules = sorted({r.mutant.path for r in ordered})
    known = set(all_ids)
    survived = [r for r in ordered if r.outcome == SURVIVED]
    return Verdict(
        overall=_tally(ordered, equivalents),
        per_module={m: _tally((r for r in ordered if r.mutant.path == m), equivalents) for m in modules},
        survivors=[r for r in survived if r.mutant.id not in equivalents],
        equivalent=[(r, equivalents[r.mutant.id]) for r in survived if r.mutant.id in equivalents],
        wrongly_listed=[r for r in ordered if r.outcome in (KILLED, TIMEOUT) and r.mutant.id in equivalents],
        unused_entries=sorted(set(equivalents) - known) if known else (),
    )
