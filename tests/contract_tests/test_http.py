"""A Ctrl-C during a create waits for its answer, so the new persona's id is not lost."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from anam_contract.suite._http import _INTERRUPTED, _creates_finish_first, interrupted


@pytest.fixture(autouse=True)
def _forget_the_ctrl_c() -> Iterator[None]:
    # These tests send real Ctrl-Cs; the run-wide memory of one must not outlive them.
    yield
    _INTERRUPTED.clear()


def test_a_ctrl_c_during_a_create_is_held_until_it_answers() -> None:
    finished = False
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt), _creates_finish_first("POST"):
        os.kill(os.getpid(), signal.SIGINT)
        finished = True  # the request "answers" after the Ctrl-C arrived
    assert finished
    assert signal.getsignal(signal.SIGINT) is before
    assert interrupted()


def test_a_second_ctrl_c_stops_at_once() -> None:
    reached = False
    with pytest.raises(KeyboardInterrupt), _creates_finish_first("POST"):
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)
        reached = True
    assert not reached


def test_other_requests_are_interrupted_as_usual() -> None:
    reached = False
    with pytest.raises(KeyboardInterrupt), _creates_finish_first("GET"):
        os.kill(os.getpid(), signal.SIGINT)
        reached = True
    assert not reached
