"""Fixtures every test of tests/ runs inside (see tests/_isolation.py)."""

from tests._isolation import outer_run_outputs_out_of_reach

__all__ = ["outer_run_outputs_out_of_reach"]
