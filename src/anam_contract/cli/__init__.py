"""`anam-contract`: one entry point, one module per subcommand.

Each subcommand module exposes `register(subparsers)`, which adds its parser and sets `run`, a
function from the parsed arguments to an exit code. Adding a command is one module plus one line
in `_COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from anam_contract import __version__
from anam_contract.cli import _diff, _docs, _drift, _generate, _mock
from anam_contract.cli._errors import UsageError


def _commands() -> list[ModuleType]:
    return [_generate, _mock, _drift, _diff, _docs]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anam-contract",
        description=(
            "Contract tooling for the Anam personas API: mock server, docs fetch and drift, spec diff, codegen."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _commands():
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.run(args)
    except UsageError as error:
        print(f"anam-contract {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"anam-contract {args.command}: interrupted", file=sys.stderr)
        return 130
    return code


__all__ = ["UsageError", "build_parser", "main"]
