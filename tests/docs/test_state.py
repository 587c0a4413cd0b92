"""The state file round-trips; a file that is not one is refused rather than overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.docs import PageState, StateError
from anam_contract.docs._state import load_state, save_state


def test_state_round_trips(tmp_path: Path) -> None:
    state = {"https://d.test/a.md": PageState("a.md", "0" * 64, '"e1"', "Wed, 06 May 2026 10:00:00 GMT")}
    save_state(tmp_path / "s.json", state)
    assert load_state(tmp_path / "s.json") == state
    assert load_state(tmp_path / "none.json") == {}


@pytest.mark.parametrize("text", ["not json", "[]", '{"pages": {"u": {"nope": 1}}}'])
def test_a_file_that_is_not_a_state_file_is_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "s.json").write_text(text)
    with pytest.raises(StateError, match="is not a docs fetch state file"):
        load_state(tmp_path / "s.json")
    assert (tmp_path / "s.json").read_text() == text
