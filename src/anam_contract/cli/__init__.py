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
from typing import NoReturn

from anam_contract import __version__
from anam_contract.cli import _check, _diff, _docs, _drift, _generate, _mock, _release_notes
from anam_contract.cli._errors import UsageError


def _commands() -> list[ModuleType]:
    return [_generate, _mock, _drift, _diff, _docs, _release_notes, _check]


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: argparse's own print the whole usage block first."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="anam-contract",
        description=(
            "Contract tooling for the Anam personas API: mock server, docs fetch and drift, spec diff, codegen,"
            " release notes, contract suite."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _commands():
        module.register(subparsers)
    return parser


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    for action in parser._actions:  # argparse keeps the subcommands' parsers on this action only
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if getattr(args, "run", None) is None:
        if unknown:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        parser.print_help(sys.stderr)
        return 2
    if unknown and getattr(args, "passes_arguments_on", False):
        args.pytest_arguments = unknown  # `check`: what it does not know is pytest's
    elif unknown:  # said by the subcommand, so its usage and --help are the ones pointed to
        _subparser(parser, args.command).error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        code: int = args.run(args)
    except UsageError as error:
        print(f"anam-contract {args.command}: error: {_one_line(str(error))}", file=sys.stderr)
        return 2
    except OSError as error:
        # A file or folder the checks before could not foresee (a disk that fills while writing, a
        # folder that vanishes): still the user's input or machine, so one line and exit 2.
        where = f"{error.filename}: " if error.filename else ""
        reason = error.strerror or type(error).__name__
        print(f"anam-contract {args.command}: error: {where}{reason}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"anam-contract {args.command}: interrupted", file=sys.stderr)
        return 130
    return code


def _one_line(message: str) -> str:
    return " ".join(message.split())


__all__ = ["UsageError", "build_parser", "main"]
