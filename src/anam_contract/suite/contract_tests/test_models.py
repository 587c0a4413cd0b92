"""The generated client vs the spec, on generated data (no server).

For every schema of the spec, valid documents are drawn straight from the schema and read by the
generated model of that schema; `to_dict()` must give the same JSON back. The same run counts
which enum values and nulls it produced: a property whose values were never all drawn fails the
test, since a round trip that never saw `null` says nothing about how the client reads `null`.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings

from anam_contract.spec import Spec
from anam_contract.suite import Coverage, component_strategy, read_settings, round_trip, write_piece
from anam_contract.suite._settings import spec_path

SPEC = Spec.load(spec_path())
COMPONENTS = sorted(SPEC.document["components"]["schemas"])
# Extra rounds, each with a fresh seed, run only while some value of the schema is still
# missing; a schema with nothing to cover stops after the first.
MAX_ROUNDS = 6


@pytest.mark.parametrize("component", COMPONENTS)
def test_schema_round_trips_through_its_model(component: str) -> None:
    coverage = Coverage(SPEC)
    strategy = component_strategy(SPEC, component)
    examples = read_settings().examples * 4

    for attempt in range(MAX_ROUNDS):

        @seed(attempt)
        @settings(
            max_examples=examples,
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(document=strategy)
        def round_trip_holds(document: Any) -> None:
            problems = round_trip(SPEC, component, document)
            assert not problems, f"{component} does not round-trip through the client:\n  " + "\n  ".join(problems)
            coverage.observe(component, document)

        round_trip_holds()
        if not coverage.missing([component]):
            break

    own = [row for row in coverage.rows() if row[0].split(".")[0] == component]
    write_piece("coverage", component, own)
    missing = coverage.missing([component])
    assert not missing, f"{component}: never generated " + "; ".join(
        f"{label} = {', '.join(values)}" for label, values in sorted(missing.items())
    )
