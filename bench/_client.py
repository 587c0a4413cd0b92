"""The generated client's models vs plain `json` and vs pydantic v2, on the spec's persona example.

Each operation is timed with `timeit` over enough calls to last a fraction of a second, several
times, the operations taking turns; the figure is microseconds per call. Before timing, every path is
checked to round-trip the document, so a fast-but-wrong path cannot win.
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anam_personas_client.models import Persona

from anam_contract.jsoncompare import differences
from anam_contract.spec import Spec
from bench._pydantic_persona import Persona as PydanticPersona
from bench._stats import summarise

EXAMPLE_POINTER = "#/components/examples/PersonaExample"


@dataclass(frozen=True)
class Operation:
    name: str
    what: str  # the conversion, for the report: "text -> dict" and so on
    call: Callable[[], object]


def example_document() -> dict[str, Any]:
    example = Spec.load().pointer(EXAMPLE_POINTER)
    document: dict[str, Any] = example["value"]
    return document


def operations(document: dict[str, Any]) -> list[Operation]:
    text = json.dumps(document)
    attrs_model = Persona.from_dict(document)
    pydantic_model = PydanticPersona.model_validate(document)
    _check_round_trips(document, attrs_model, pydantic_model)
    return [
        Operation("json.loads", "text -> dict", lambda: json.loads(text)),
        Operation("json.dumps", "dict -> text", lambda: json.dumps(document)),
        Operation("Persona.from_dict", "dict -> model", lambda: Persona.from_dict(document)),
        Operation("Persona.to_dict", "model -> dict", attrs_model.to_dict),
        Operation("pydantic model_validate", "dict -> model", lambda: PydanticPersona.model_validate(document)),
        Operation(
            "pydantic model_dump", "model -> dict", lambda: pydantic_model.model_dump(mode="json", by_alias=True)
        ),
        Operation("json.loads + Persona.from_dict", "text -> model", lambda: Persona.from_dict(json.loads(text))),
        Operation("pydantic model_validate_json", "text -> model", lambda: PydanticPersona.model_validate_json(text)),
        Operation("Persona.to_dict + json.dumps", "model -> text", lambda: json.dumps(attrs_model.to_dict())),
        Operation("pydantic model_dump_json", "model -> text", lambda: pydantic_model.model_dump_json(by_alias=True)),
    ]


def _check_round_trips(document: dict[str, Any], attrs_model: Persona, pydantic_model: PydanticPersona) -> None:
    for name, back in (
        ("Persona.to_dict", attrs_model.to_dict()),
        ("pydantic model_dump", pydantic_model.model_dump(mode="json", by_alias=True)),
    ):
        found = differences(document, back)
        if found:
            raise RuntimeError(f"{name} does not give the example back: {found[:3]}")


def calls_per_run(call: Callable[[], object], min_seconds: float) -> int:
    """How many calls make one timed run last about `min_seconds`."""
    timer = timeit.Timer(call)
    number, took = timer.autorange()
    return max(number, int(number * min_seconds / max(took, 1e-9)))


def run(repeats: int, min_seconds: float) -> list[dict[str, object]]:
    """Microseconds per call. The operations take turns within every repeat, so load from
    elsewhere on the machine falls on all of them alike rather than on whichever ran last."""
    chosen = operations(example_document())
    numbers = [calls_per_run(op.call, min_seconds) for op in chosen]
    runs: list[list[float]] = [[] for _ in chosen]
    for _ in range(repeats):
        for index, (op, number) in enumerate(zip(chosen, numbers, strict=True)):
            runs[index].append(timeit.Timer(op.call).timeit(number) / number * 1e6)
    return [
        {"operation": op.name, "what": op.what, "us_per_call": summarise(times).as_dict()}
        for op, times in zip(chosen, runs, strict=True)
    ]
