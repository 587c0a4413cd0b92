"""The rule registry: ids, docs, dispatch by kind and direction, and every rule covered by a mutation."""

from __future__ import annotations

import re

import pytest

from anam_contract.diff import RULES, Location
from anam_contract.diff._model import Site
from anam_contract.diff._registry import rule
from tests.diff import test_rules_fields, test_rules_operations, test_rules_schema


def test_every_rule_id_is_snake_case_and_documented() -> None:
    for rule_id, registered in RULES.items():
        assert re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", rule_id)
        assert registered.id == rule_id == registered.check.__name__
        assert len(registered.why) > 20


def test_every_rule_is_exercised_by_a_mutation_of_the_spec() -> None:
    cases = [*test_rules_operations.CASES, *test_rules_fields.CASES, *test_rules_schema.CASES]
    covered = {rule_id for _, _, _, expected in cases for rule_id, _, _ in expected}
    assert covered == set(RULES)
    assert len(cases) >= 20


def test_a_rule_id_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="registered twice"):

        @rule("operation", breaking=True)
        def operation_removed(site: Site) -> list[str]:
            """A second rule with a taken id."""
            return []


def test_a_rule_only_sees_sites_of_its_kind_and_direction() -> None:
    registered = RULES["response_enum_value_added"]
    location = Location("GET /x")

    class Everything:
        enum = ("a", "b")

    class Fewer:
        enum = ("a",)

    request_site = Site("schema", "request", location, Fewer(), Everything())
    response_site = Site("schema", "response", location, Fewer(), Everything())
    parameter_site = Site("parameter", "response", location, Fewer(), Everything())
    assert list(registered.run(request_site)) == []
    assert list(registered.run(parameter_site)) == []
    assert [change.detail for change in registered.run(response_site)] == ['enum value "b" added']
