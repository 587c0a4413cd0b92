"""A custom check's plain assertion message, read as differences at the places it names."""

from __future__ import annotations

from anam_contract.suite._failures import from_message


def test_each_place_a_message_names_is_one_difference() -> None:
    message = (
        "updatePersona 200: a field the PUT sent did not land (partial update rule)\n"
        "  in the PUT response: /skipGreeting: expected True, got False (the PUT sent it)\n"
        "  in the following GET: /skipGreeting: expected True, got False (the PUT sent it)\n"
        "  in the following GET: /brain/systemPrompt: missing (the PUT sent 'Hi')"
    )
    found = {(d.operation_id, str(d.status), d.pointer) for d in from_message("updatePersona", 200, "keeps", message)}
    # What only the following GET showed is that GET's answer; what the PUT's answer showed is the PUT's.
    assert found == {("updatePersona", "200", "/skipGreeting"), ("getPersona", "200", "/brain/systemPrompt")}


def test_a_required_property_points_at_the_missing_field() -> None:
    message = "listPersonas 200: cannot parse\n  /data/3: 'personaPreset' is a required property (the spec says)"
    [difference] = from_message("listPersonas", 200, "client_parses_response", message)
    assert difference.pointer == "/data/3/personaPreset"
    assert difference.kind == "rule:client_parses_response"


def test_a_message_without_places_is_one_difference_of_the_whole_exchange() -> None:
    [difference] = from_message("createPersona", 201, "isolation", "createPersona 201: another organisation sees it")
    assert (difference.pointer, difference.kind, difference.expected) == (
        "",
        "rule:isolation",
        "another organisation sees it",
    )
