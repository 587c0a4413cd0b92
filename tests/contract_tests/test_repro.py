"""Reproductions: a curl command that repeats the request, the key written as a variable."""

from __future__ import annotations

import json
import shlex

import pytest

from anam_contract.suite._repro import curl, curl_of_exchange, scrub

KEY = "Sk-Live-Secret/Key+42"
SECRETS = {KEY: "ANAM_API_KEY"}


def test_a_reproduction_names_the_variable_never_the_key() -> None:
    command = curl(
        "put",
        "https://api.example.test/v1/personas/abc",
        {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json", "User-Agent": "x"},
        b'{"name": "it\'s"}',
        SECRETS,
    )
    assert KEY not in command
    assert command.startswith("curl -X PUT https://api.example.test/v1/personas/abc ")
    assert '-H "Authorization: Bearer $ANAM_API_KEY"' in command and "User-Agent" not in command


@pytest.mark.parametrize("spelling", [KEY, KEY.lower(), KEY.upper(), "Sk-Live-Secret%2FKey%2B42"])
def test_scrub_removes_the_key_in_any_spelling(spelling: str) -> None:
    assert "Secret" not in scrub(f"echoed: {spelling}.", SECRETS).replace("SECRET", "Secret").title()


def test_a_suite_request_is_repeated_with_its_query_body_and_key_variable() -> None:
    command = curl_of_exchange(
        "get",
        "http://api.test/v1/personas",
        {"search": "a b", "page": 2},
        {"note": KEY},
        variable="ANAM_OTHER_ORG_API_KEY",
        secrets=SECRETS,
    )
    words = shlex.split(command.replace("$ANAM_OTHER_ORG_API_KEY", "VAR"))
    assert words[:4] == ["curl", "-X", "GET", "http://api.test/v1/personas?search=a+b&page=2"]
    assert "Authorization: Bearer VAR" in words
    assert KEY not in command and json.loads(words[-1]) == {"note": "<hidden>"}
    assert "Authorization" not in curl_of_exchange("DELETE", "http://x.test/", {}, None, variable=None, secrets=SECRETS)


def test_bytes_that_are_not_json_are_sent_as_they_are() -> None:
    sent = b'{"description": NaN, "note": "' + KEY.encode() + b'"}'
    url = "http://api.test/v1/personas/x"
    command = curl_of_exchange("put", url, {}, sent, variable="ANAM_API_KEY", secrets=SECRETS)
    words = shlex.split(command)
    assert words[words.index("--data-binary") + 1] == '{"description": NaN, "note": "<hidden>"}'
    assert KEY not in command
