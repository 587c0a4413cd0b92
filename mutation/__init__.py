"""Mutation testing of the mock's behaviour modules against the contract suite (`make mutation`).

cosmic-ray makes the mutants; this package lists them with ids that survive line shifts, runs
the suite on each in a private copy of the tree, and scores the run over the mutants that change
behaviour, using the reviewed list of equivalent ones in `mutation/equivalent.yaml`.
"""

from mutation._mutants import Mutant
from mutation._outcome import Result
from mutation._score import Verdict, judge, load_equivalents

__all__ = ["Mutant", "Result", "Verdict", "judge", "load_equivalents"]
