"""`python -m contract_tests [pytest arguments]`: the checkout's contract suite as one command with
its own exit status (see `anam_contract.suite.command`, which `--help` prints)."""

from __future__ import annotations

import sys

from anam_contract.suite.command import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
