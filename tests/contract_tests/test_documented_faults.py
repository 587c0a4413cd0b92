"""The suite catches faults in the documented behaviour it was not built around (documented_faults.py).

Each fault is put into its own copy of the mock; the run seeds its organisations and walks every
documented rule once (`walk_documented_rules`, the same walk `contract_tests/test_rules.py` runs),
and the model of the documented behaviour must stop it with a failure naming the operation, and
the field or the rule. The whole suite (`CONTRACT_APP=tests.contract_tests.documented_faults:<name>
make contract EXAMPLES=8`) catches each too; this is the quick form of that proof.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from anam_contract.suite import read_settings, start_run, walk_documented_rules
from anam_contract.suite._differences import ContractFailure
from tests.contract_tests import documented_faults

OPERATIONS = {"createPersona", "getPersona", "updatePersona", "deletePersona", "listPersonas"}


def _walk(app: Any) -> None:
    run = start_run(read_settings({}), app=app)
    assert run.oracle is not None
    if run.oracle.seed_problems:
        raise run.oracle.seed_problems[0]
    walk_documented_rules(run)


@pytest.mark.parametrize("fault", documented_faults.FAULTS, ids=[f.__name__ for f in documented_faults.FAULTS])
def test_the_model_of_the_docs_catches_the_fault(fault: Callable[[], Any]) -> None:
    with pytest.raises(ContractFailure) as caught:
        _walk(fault())
    failure = caught.value
    assert failure.operation_id in OPERATIONS, str(failure)
    assert failure.differences, str(failure)
    for difference in failure.differences:
        # Each difference names where (a field's pointer) or which rule (meta, membership); a status
        # the rules do not give is of kind `status` (one entry with the spec's status check), and
        # its expectation names the rule.
        if difference.kind == "status":
            assert "(rule " in difference.expected, str(failure)
        else:
            assert difference.kind.startswith("rule:") and len(difference.kind) > len("rule:"), str(failure)
        assert difference.operation_id == failure.operation_id


def test_the_same_walk_passes_on_the_mock_as_it_is() -> None:
    _walk(None)


def test_there_are_at_least_twenty_faults() -> None:
    assert len({f.__name__ for f in documented_faults.FAULTS}) >= 20
