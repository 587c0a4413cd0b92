"""The installed suite's `test_client`, collected here so that `pytest contract_tests/test_client.py`
in a checkout runs it with the same node ids and JUnit names as `anam-contract check`; and, in a
checkout only (its broken copies of the mock live under tests/), the production client's strict
mode naming each response-shape fault the suite catches."""

from typing import Any

import pytest

from anam_contract.suite.contract_tests.test_client import *  # noqa: F403
from anam_contract.suite.contract_tests.test_client import _new_persona, _production
from anam_personas import APIResponseValidationError, spec_violations
from tests.contract_tests import faults

SHAPE_FAULTS = [
    (faults.null_in_enum, "/voice/provider", "got null"),
    (faults.unknown_enum_value, "/voice/provider", '"ACME_SPEECH"'),
    (faults.missing_required_field, "/updatedAt", "got missing"),
]


@pytest.mark.filterwarnings("ignore:You should not use the 'timeout' argument")
@pytest.mark.parametrize(("fault", "pointer", "got"), SHAPE_FAULTS, ids=[f[0].__name__ for f in SHAPE_FAULTS])
def test_strict_mode_names_each_shape_fault_the_suite_catches(fault: Any, pointer: str, got: str) -> None:
    http, client = _production(fault())
    with http:
        with pytest.raises(APIResponseValidationError) as caught:
            client.personas.create(_new_persona())
        assert pointer in {item.pointer for item in caught.value.violations}
        assert f"\n  {pointer}: expected " in str(caught.value) and got in str(caught.value)
        tolerant = client.personas.create(_new_persona(), strict=False)
        assert pointer in {item.pointer for item in spec_violations(tolerant)}
