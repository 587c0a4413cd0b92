"""copy_json copies any decoded JSON, however deep, and maps its strings."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings

from anam_personas._jsonwalk import copy_json
from tests.personas.test_violations import JSON


# No deadline, no too_slow health check: how long an example takes depends on the machine (speed is
# measured in bench/, never asserted).
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_a_copy_is_equal_and_shares_no_container(value: Any) -> None:
    copied = copy_json(value)
    assert copied == value
    if isinstance(value, dict | list) and value:
        assert copied is not value


def test_strings_and_keys_are_mapped() -> None:
    assert copy_json({"ab": ["ab", 1, None, {"xab": "ab"}]}, lambda text: text.replace("a", "_")) == {
        "_b": ["_b", 1, None, {"x_b": "_b"}]
    }


def test_nesting_deeper_than_the_recursion_limit_is_copied() -> None:
    depth = 50_000
    deep: Any = []
    for _ in range(depth):
        deep = [deep]
    copied = copy_json(deep)
    for _ in range(depth):
        assert isinstance(copied, list) and len(copied) == 1
        copied = copied[0]
    assert copied == []


def test_scalars_come_back_as_they_are() -> None:
    for value in (None, True, 0, 1.5, "text"):
        assert copy_json(value) == value
    assert json.dumps(copy_json({"a": [1, 2]})) == '{"a": [1, 2]}'
