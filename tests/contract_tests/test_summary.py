"""The end-of-run summary and the counts behind it."""

from __future__ import annotations

from anam_contract.suite import Stats, link_label
from anam_contract.suite._summary import summary_lines


def test_link_labels_name_declared_links_and_keep_inferred_ones_whole() -> None:
    assert link_label("POST /v1/personas -> [201] GetCreatedPersona -> GET /v1/personas/{id}", inferred=False) == (
        "GetCreatedPersona"
    )
    assert link_label("GET /v1/personas -> [200] PutAvatar -> PUT /v1/personas/{id}", inferred=True).startswith(
        "inferred: GET /v1/personas"
    )


def test_stats_merge_across_workers() -> None:
    first, second = Stats(), Stats()
    first.record_case("getPersona", [("not_a_server_error", True)])
    second.record_case("getPersona", [("not_a_server_error", False)])
    merged = Stats.merged([first.to_json(), second.to_json()])
    assert merged.cases == {"getPersona": 2}
    assert merged.failures == {"getPersona: not_a_server_error": 1}


def test_the_summary_says_what_ran_failed_was_skipped_and_covered() -> None:
    stats = Stats()
    stats.record_case("createPersona", [("not_a_server_error", True), ("client_parses_response", False)])
    stats.skipped["not a persona this run created"] = 3
    stats.links["GetCreatedPersona"] = 2
    stats.links["inferred: GET /v1/personas -> [200] PutAvatar -> PUT /v1/personas/{id}"] = 4
    lines = summary_lines(
        target="live API at http://127.0.0.1:1",
        examples=4,
        stats=stats,
        declared_links=["GetCreatedPersona", "GetDeletedPersona"],
        coverage_rows=[["Voice.gender", 3, 4, ["null"]], ["Voice.provider", 4, 4, []]],
        failed_tests=1,
    )
    text = "\n".join(lines)
    assert "operations  1: createPersona" in text
    assert "checks      2 kinds, 2 runs, 1 failed" in text
    assert "failed 1x  createPersona: client_parses_response" in text
    assert "3x  not a persona this run created" in text
    assert "links       1/2 declared links followed (plus 4 steps along inferred links)" in text
    assert "   0x  GetDeletedPersona" in text
    assert "enum/null   1/2 fields saw every enum value" in text
    assert "Voice.gender      3/4    null" in text
