"""Two verdicts per change: breaks deployed clients (wire) and breaks code on upgrade (source)."""

from __future__ import annotations

import pytest

from anam_contract.diff import RULES, compare_specs
from anam_contract.spec import Spec
from tests.diff._specs import Document, Mutation, document, mutated, operation, parameter, schema

# Every rule's two verdicts, written out once more: a rule added or re-classified must be looked at
# here too, and a verdict flipped by accident fails this table.
BOTH = (True, True)
WIRE_ONLY = (True, False)
SOURCE_ONLY = (False, True)
NEITHER = (False, False)
VERDICTS: dict[str, tuple[bool, bool]] = {
    "field_wire_name_changed": WIRE_ONLY,
    "parameter_wire_name_changed": WIRE_ONLY,
    "operation_moved": WIRE_ONLY,
    "component_removed": SOURCE_ONLY,
    "model_extracted": SOURCE_ONLY,
    "model_inlined": SOURCE_ONLY,
    "model_renamed": SOURCE_ONLY,
    "operation_id_changed": SOURCE_ONLY,
    "operation_tag_changed": SOURCE_ONLY,
    "parameter_removed": SOURCE_ONLY,
    "path_parameter_renamed": SOURCE_ONLY,
    "response_additional_properties_closed": SOURCE_ONLY,
    "response_enum_lifted": SOURCE_ONLY,
    "response_enum_value_removed": SOURCE_ONLY,
    "response_status_removed": SOURCE_ONLY,
}


def test_every_rule_has_the_verdicts_this_table_gives() -> None:
    for rule_id, registered in RULES.items():
        expected = VERDICTS.get(rule_id, BOTH if registered.breaking else NEITHER)
        assert (registered.wire, registered.source) == expected, rule_id


def _verdicts(old: Document, new: Document) -> set[tuple[str, bool, bool]]:
    return {(c.rule, c.wire, c.source) for c in compare_specs(Spec(old), Spec(new))}


def _rename_voice_speed(doc: Document) -> None:
    properties = schema(doc, "Persona")["properties"]
    properties["voice_speed"] = properties.pop("voiceSpeed")
    required = schema(doc, "Persona").get("required", [])
    schema(doc, "Persona")["required"] = ["voice_speed" if name == "voiceSpeed" else name for name in required]


def _rename_per_page(doc: Document) -> None:
    parameter(doc, "perPage")["name"] = "per_page"


def _move_to_v2(doc: Document) -> None:
    doc["paths"]["/v2/personas"] = doc["paths"].pop("/v1/personas")


def _rename_get(doc: Document) -> None:
    operation(doc, "/v1/personas/{id}", "get")["operationId"] = "fetchPersona"


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        # The three: the regenerated client keeps its names, every deployed client breaks.
        (_rename_voice_speed, {("field_wire_name_changed", True, False)}),
        (_rename_per_page, {("parameter_wire_name_changed", True, False)}),
        (_move_to_v2, {("operation_moved", True, False)}),
        # And the reverse: the wire is the same, upgraded code's imports break.
        (_rename_get, {("operation_id_changed", False, True)}),
    ],
    ids=["response-key-renamed", "query-parameter-renamed", "path-renamed", "operation-id-renamed"],
)
def test_each_change_gets_both_verdicts(mutation: Mutation, expected: set[tuple[str, bool, bool]]) -> None:
    assert _verdicts(document(), mutated(mutation)) == expected


def _bound(keyword: str, value: float, *, drop: str | None = None) -> Mutation:
    def change(doc: Document) -> None:
        field = schema(doc, "VoiceDetectionOptions")["properties"]["endOfSpeechSensitivity"]
        if drop is not None:
            del field[drop]
        field[keyword] = value

    return change


def _bound_details(new: Document) -> set[tuple[str, str]]:
    return {
        (c.rule, c.detail)
        for c in compare_specs(Spec(document()), Spec(new))
        if c.rule.endswith(("constraint_loosened", "constraint_tightened", "constraint_changed"))
        and str(c.location).startswith("POST /v1/personas request body")
    }


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        # maximum 1 -> exclusiveMaximum 2 admits 1.5: one bound, loosened (not "maximum 1 -> none").
        (
            _bound("exclusiveMaximum", 2, drop="maximum"),
            {("request_constraint_loosened", "upper bound maximum 1 -> exclusiveMaximum 2")},
        ),
        (
            _bound("exclusiveMaximum", 1, drop="maximum"),
            {("request_constraint_tightened", "upper bound maximum 1 -> exclusiveMaximum 1")},
        ),
        (
            _bound("exclusiveMinimum", -1, drop="minimum"),
            {("request_constraint_loosened", "lower bound minimum 0 -> exclusiveMinimum -1")},
        ),
        (_bound("exclusiveMaximum", 5), set()),  # maximum 1 still binds: nothing changes
        (_bound("maximum", 0.5), {("request_constraint_tightened", "upper bound maximum 1 -> maximum 0.5")}),
    ],
    ids=["max-to-wider-exclusive", "max-to-same-exclusive", "min-to-wider-exclusive", "looser-second", "tighter"],
)
def test_a_number_bound_is_compared_as_one_bound(mutation: Mutation, expected: set[tuple[str, str]]) -> None:
    assert _bound_details(mutated(mutation)) == expected
