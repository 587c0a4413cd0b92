"""The run's record: each distinct difference once, counted per response, merged across workers."""

from __future__ import annotations

from anam_contract.suite._differences import Difference
from anam_contract.suite._recording import Recorder, fold


def _diff(pointer: str, kind: str = "schema", check: str = "response_schema_conformance", **kw: str) -> Difference:
    return Difference(kw.get("op", "listPersonas"), kw.get("status", 200), pointer, kind, "uuid", "x", check)


def test_array_indices_are_one_difference_counted_once_per_response() -> None:
    recorder = Recorder()
    recorder.response("listPersonas", [_diff("/data/0/createdAt"), _diff("/data/7/createdAt")], "curl 1")
    recorder.response("listPersonas", [_diff("/data/3/createdAt")], "curl 2")
    recorder.response("listPersonas", [], None)
    [entry] = recorder.sorted_entries()
    assert (entry.pointer, entry.count, recorder.of("listPersonas")) == ("/data/[]/createdAt", 2, 3)
    assert entry.reproduction == "curl 1"


def test_two_checks_seeing_the_same_place_make_one_entry_naming_both() -> None:
    client = _diff("/avatar", kind="rule:client_parses_response", check="client_parses_response")
    whole = _diff("", kind="rule:client_parses_response", check="client_parses_response")
    [merged] = fold([_diff("/avatar"), client, whole])
    assert (merged.pointer, merged.kind) == ("/avatar", "schema")
    assert set(merged.check.split(",")) == {"response_schema_conformance", "client_parses_response"}


def test_a_documented_rule_at_another_place_stays_its_own_difference() -> None:
    rule = _diff("/skipGreeting", kind="rule:update_keeps_sent_fields", check="update_keeps_sent_fields")
    assert len(fold([_diff("/avatar"), rule])) == 2
    # A whole-exchange rule (not about the body's shape) is not folded into a schema difference.
    whole = _diff("", kind="rule:update_keeps_sent_fields", check="update_keeps_sent_fields")
    assert len(fold([_diff("/avatar"), whole])) == 2


def test_pieces_of_several_workers_merge_and_rules_join_the_entry_at_their_place() -> None:
    first, second = Recorder(), Recorder()
    first.response("getPersona", [_diff("/avatar", op="getPersona")], "curl a")
    second.response("getPersona", [_diff("/avatar", op="getPersona")], None)
    second.extra([_diff("/avatar/id", kind="rule:partial_update", check="test_partial_update", op="getPersona")])
    merged = Recorder.merged([first.to_json(), second.to_json()])
    [entry] = merged.sorted_entries()
    assert entry.count == 2 and entry.checks == {"response_schema_conformance", "test_partial_update"}
    assert merged.of("getPersona") == 2 and entry.reproduction == "curl a"


def test_per_test_counts_start_again_with_each_test() -> None:
    recorder = Recorder()
    recorder.generated("updatePersona")
    recorder.held_back("updatePersona", "not a persona this run created")
    assert recorder.test.generated == 1 and recorder.test.sent == 0
    recorder.begin_test()
    recorder.generated("updatePersona")
    recorder.response("updatePersona", [], None)
    assert (recorder.test.generated, recorder.test.sent) == (1, 1)
    counts = recorder.operations["updatePersona"]
    assert (counts.generated, counts.sent, dict(counts.held)) == (2, 1, {"not a persona this run created": 1})


def test_a_rule_about_a_whole_is_not_folded_into_a_field_inside_it() -> None:
    # A page holding more items than its total allows is not the same fact as an item's missing
    # field, though the one's place holds the other's.
    count = _diff("/data", kind="rule:list_page_follows_its_meta", check="list_page_follows_its_meta")
    assert len(fold([_diff("/data/0/updatedAt"), count])) == 2
    recorder = Recorder()
    recorder.response("listPersonas", [_diff("/data/0/updatedAt")], None)
    recorder.extra([count])
    merged = Recorder.merged([recorder.to_json()])
    assert {entry.pointer for entry in merged.sorted_entries()} == {"/data", "/data/[]/updatedAt"}
    # The client's whole-object complaint is still told by the place inside it.
    client = _diff("/data", kind="rule:client_parses_response", check="client_parses_response")
    assert len(fold([_diff("/data/0/updatedAt"), client])) == 1


def test_a_rule_about_an_object_joins_the_field_inside_it_that_the_schema_refuses() -> None:
    changed = _diff("/voice", kind="rule:update_changes_only_what_it_sends", check="test_update")
    assert len(fold([_diff("/voice/id"), changed])) == 1


def test_a_difference_noted_outside_any_response_keeps_the_command_of_its_request() -> None:
    recorder = Recorder()
    own = Difference("createPersona", 200, "", "status", "201", "200", "m", reproduction="curl -X POST own")
    recorder.extra([own])
    [entry] = recorder.sorted_entries()
    assert entry.reproduction == "curl -X POST own"
