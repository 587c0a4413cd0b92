"""The installed suite's `test_rules`, collected here so that `pytest contract_tests/test_rules.py` in a
checkout runs it with the same node ids and JUnit names as `anam-contract check`."""

from anam_contract.suite.contract_tests.test_rules import *  # noqa: F403
