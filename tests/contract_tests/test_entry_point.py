"""A checkout's `contract_tests/` runs exactly the suite the package ships: every packaged test
module has its counterpart there, and the conftest registers every hook of the suite's plugin."""

from __future__ import annotations

import re

from anam_contract.paths import REPO_ROOT
from anam_contract.suite import plugin
from contract_tests import conftest

PACKAGED = REPO_ROOT / "src" / "anam_contract" / "suite" / "contract_tests"
CHECKOUT = REPO_ROOT / "contract_tests"


def test_every_packaged_test_module_is_collected_in_a_checkout() -> None:
    packaged = sorted(path.stem for path in PACKAGED.glob("test_*.py"))
    assert packaged, "no packaged test modules: update this test"
    assert sorted(path.stem for path in CHECKOUT.glob("test_*.py")) == packaged
    for stem in packaged:
        text = (CHECKOUT / f"{stem}.py").read_text(encoding="utf-8")
        assert re.search(rf"^from anam_contract\.suite\.contract_tests\.{stem} import \*", text, re.MULTILINE), stem


def test_the_conftest_registers_every_hook_of_the_plugin() -> None:
    hooks = {name for name in vars(plugin) if name.startswith("pytest_")}
    assert hooks and hooks == {name for name in vars(conftest) if name.startswith("pytest_")}
