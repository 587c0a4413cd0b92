"""The round trip `--propose` relies on: the project's spec and allow file come back byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pytest

from anam_contract.drift import ProposalError
from anam_contract.drift._propose_yaml import dump, load_round_trip
from anam_contract.paths import DRIFT_ALLOW_PATH, SPEC_PATH


@pytest.mark.parametrize("path", [SPEC_PATH, DRIFT_ALLOW_PATH], ids=["spec", "allow"])
def test_the_projects_yaml_survives_the_round_trip(path: object) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert dump(load_round_trip(text, str(path))) == text


def test_nulls_stay_spelt_null() -> None:
    assert dump(load_round_trip("a: null\nb: [x, null]\n", "t.yaml")) == "a: null\nb: [x, null]\n"


def test_text_that_is_not_yaml_is_one_line() -> None:
    with pytest.raises(ProposalError, match=r"^t.yaml is not valid YAML: [^\n]*$"):
        load_round_trip("a: [\n", "t.yaml")


def test_only_a_propose_run_loads_the_round_trip_library() -> None:
    # ruamel.yaml is a noticeable part of every `anam-contract` start; only --propose needs it.
    probe = "import sys, anam_contract.cli, anam_contract.drift; print('ruamel.yaml' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout == "False\n"
