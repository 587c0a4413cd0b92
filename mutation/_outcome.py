"""What happened to one mutant, read from cosmic-ray's result, and the record kept of it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mutation._mutants import ANNOTATION, INVALID, Mutant

KILLED = "killed"
TIMEOUT = "timeout"  # the suite ran past the time limit: counted as killed (an endless loop is a bug)
SURVIVED = "survived"
INCOMPETENT = "incompetent"  # could not be run: not Python, or the mutation itself failed
ANNOTATION_ONLY = "annotation-only"  # changes a type annotation alone: cannot change behaviour, not run
OUTCOMES = (KILLED, TIMEOUT, SURVIVED, INCOMPETENT, ANNOTATION_ONLY)


def without_running(mutant: Mutant) -> Result | None:
    """The result of a mutant whose fate is known from its code alone (see `static_kind`)."""
    known = {INVALID: INCOMPETENT, ANNOTATION: ANNOTATION_ONLY}.get(mutant.static)
    return None if known is None else Result(mutant, known, 0.0)


def classify(worker_outcome: str, test_outcome: str | None, output: str | None) -> str:
    """One of OUTCOMES from the fields of a cosmic-ray `WorkResult`."""
    if worker_outcome != "normal" or test_outcome in (None, "incompetent"):
        return INCOMPETENT
    if test_outcome == "survived":
        return SURVIVED
    return TIMEOUT if output == "timeout" else KILLED


def killed_by(output: str | None) -> str:
    """The first test pytest reports as failed in `output` (its `-x` run stops there), or ''."""
    for line in (output or "").splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            return line.split(" ", 2)[1]
    return ""


@dataclass(frozen=True, slots=True)
class Result:
    mutant: Mutant
    outcome: str
    seconds: float
    killed_by: str = ""

    def to_json(self) -> str:
        record = asdict(self.mutant)
        record.update(outcome=self.outcome, seconds=round(self.seconds, 2), killed_by=self.killed_by)
        return json.dumps(record, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        if data.get("outcome") not in OUTCOMES:
            raise ValueError(f"unknown outcome {data.get('outcome')!r}")
        mutant = Mutant(
            path=str(data["path"]),
            line=int(data["line"]),
            operator=str(data["operator"]),
            occurrence=int(data["occurrence"]),
            removed=tuple(map(str, data["removed"])),
            added=tuple(map(str, data["added"])),
            id=str(data["id"]),
            static=str(data.get("static", "")),
        )
        return cls(mutant, str(data["outcome"]), float(data["seconds"]), str(data.get("killed_by", "")))


def read_results(path: Path) -> list[Result]:
    """The results saved so far, one JSON object a line; the last line of an id wins."""
    if not path.exists():
        return []
    found: dict[str, Result] = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip():
            continue
        try:
            result = Result.from_json(json.loads(text))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a mutant result ({error})") from None
        found[result.mutant.id] = result
    return list(found.values())


def append_results(path: Path, results: Iterable[Result]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        for result in results:
            handle.write(result.to_json() + "\n")
