"""Reproductions: a curl command that repeats the request, the key written as a variable."""

from __future__ import annotations

import pytest

from contract_tests.support._repro import curl, scrub

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
