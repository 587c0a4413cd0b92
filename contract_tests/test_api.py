"""The installed suite's `test_api`, collected here so that `pytest contract_tests/test_api.py` in a
checkout runs it with the same node ids and JUnit names as `anam-contract check`."""

from anam_contract.suite.contract_tests.test_api import *  # noqa: F403
