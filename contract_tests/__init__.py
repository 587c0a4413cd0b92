"""A checkout's pytest entry point of the contract suite, which lives in `anam_contract.suite`."""
