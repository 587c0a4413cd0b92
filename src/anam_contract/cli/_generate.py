"""`anam-contract generate` and `anam-contract check-generated`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from anam_contract import codegen
from anam_contract.cli._errors import UsageError
from anam_contract.paths import GENERATED_DIR, SPEC_PATH


def register(subparsers: Any) -> None:
    gen = subparsers.add_parser("generate", help="regenerate the client in generated/ from the spec")
    gen.add_argument("--spec", type=Path, default=SPEC_PATH, help="spec file (default: %(default)s)")
    gen.add_argument("--out", type=Path, default=GENERATED_DIR, help="output folder (default: %(default)s)")
    gen.set_defaults(run=_run_generate)

    chk = subparsers.add_parser(
        "check-generated", help="fail, showing the diff, when generated/ is not what the spec generates"
    )
    chk.add_argument("--spec", type=Path, default=SPEC_PATH, help="spec file (default: %(default)s)")
    chk.add_argument("--committed", type=Path, default=GENERATED_DIR, help="folder to check (default: %(default)s)")
    chk.set_defaults(run=_run_check)


def _run_generate(args: argparse.Namespace) -> int:
    try:
        codegen.generate(args.spec, args.out)
    except codegen.CodegenError as error:
        raise UsageError(str(error)) from None
    print(f"generated {args.out} from {args.spec}")
    return 0


def _run_check(args: argparse.Namespace) -> int:
    try:
        diff = codegen.check(args.spec, args.committed)
    except codegen.CodegenError as error:
        raise UsageError(str(error)) from None
    if diff.clean:
        print(f"{args.committed} is up to date with {args.spec}")
        return 0
    for name in diff.only_committed:
        print(f"only in the committed client (generation no longer makes it): {name}")
    for name in diff.only_fresh:
        print(f"missing from the committed client: {name}")
    for text in diff.changed.values():
        sys.stdout.write(text)
    print(f"\n{args.committed} is stale: run `make generate` and commit the result", file=sys.stderr)
    return 1
