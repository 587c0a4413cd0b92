"""`anam-contract drift`: saved docs pages compared with the spec."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anam_contract.cli._errors import UsageError
from anam_contract.drift import (
    RULES,
    AllowError,
    PageError,
    Report,
    check,
    load_allow,
    render_json,
    render_text,
)
from anam_contract.paths import DRIFT_ALLOW_PATH, SPEC_PATH
from anam_contract.spec import Spec, SpecError

_PAGE_SUFFIXES = (".txt", ".md", ".markdown")

_DESCRIPTION = """\
Compare saved pages of the vendor's API reference with the spec, operation by operation: fields on a
page and not in the spec and the reverse; type, format, nullability and required mismatches; bounds
and defaults; enum values added and removed; JSON examples that do not validate (with the JSON
pointer of the failure). Descriptions are not compared.

A PAGE is the rendered page text as saved from the docs site (a condensed page that lost its field
names too), or the site's markdown export with the operation's OpenAPI in a ```yaml block. A folder
stands for its .txt, .md and .markdown files (README.md left out). When several pages document one
operation, the one with the newest "Last modified" date wins; undated pages are compared as well."""


def _epilog() -> str:
    width = max(len(name) for name in RULES)
    drift = [f"  {name.ljust(width)}  {rule.summary}" for name, rule in RULES.items() if rule.severity == "drift"]
    notes = [f"  {name.ljust(width)}  {rule.summary}" for name, rule in RULES.items() if rule.severity != "drift"]
    return "\n".join(
        [
            "drift rules (the ids used in the output and in the allow file):",
            *drift,
            "",
            "notes (shown, never drift):",
            *notes,
            "",
            "--propose: for each drift finding with one obvious spec edit (enum value, nullability, type,",
            "format, bounds, a field added or removed) edit a copy of the spec, keeping its comments and",
            "layout, and print the edits, the findings that need a decision and the unified diff; --write",
            "saves the edited spec. Exit 0 when every drift finding has an edit, 1 when some need a decision.",
            "",
            "exit status: 0 no drift (accepted differences and notes only), 1 drift,",
            "2 a page, the spec or the allow file cannot be read (the message gives file:line).",
        ]
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "drift",
        help="compare saved docs pages with the spec",
        description=_DESCRIPTION,
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("pages", nargs="+", type=Path, metavar="PAGE", help="a saved page, or a folder of them")
    parser.add_argument("--spec", type=Path, default=None, help="the spec (default: openapi/anam.yaml of the project)")
    parser.add_argument(
        "--allow",
        type=Path,
        default=None,
        help="accepted differences, each with a reason (default: openapi/drift-allow.yaml of the project, if present)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--propose", action="store_true", help="print the spec edits that would remove the drift (see below)"
    )
    parser.add_argument("--write", action="store_true", help="with --propose: save the edited spec")
    parser.set_defaults(run=_run)


def _pages(arguments: list[Path]) -> list[Path]:
    found: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            try:
                inside = sorted(argument.iterdir())
            except OSError as error:
                raise UsageError(f"cannot read folder {argument} ({error.strerror})") from None
            found.extend(
                path
                for path in inside
                if path.is_file()
                and path.suffix.lower() in _PAGE_SUFFIXES
                and path.name.lower() != "readme.md"
                and not path.name.startswith(".")
            )
        elif argument.is_file():
            found.append(argument)
        else:
            raise UsageError(f"{argument}: no such file or folder")
    if not found:
        raise UsageError("no pages to read (the folders hold no .txt, .md or .markdown file)")
    return found


def _show(path: Path) -> str:
    """Paths as the user gave them; an absolute one inside the working folder is shown relative to it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


def _one_line(message: str) -> str:
    """A YAML error spans lines (the problem, where, a quote of the text): keep the problem and where."""
    lines = message.splitlines()
    where = re.search(r"line (\d+), column (\d+)", message)
    if len(lines) > 1 and where is not None:
        return f"{lines[0].rstrip(':')} (line {where[1]}, column {where[2]})"
    return " ".join(message.split())


def _run(args: argparse.Namespace) -> int:
    pages = _pages(args.pages)
    spec_path: Path = args.spec or SPEC_PATH
    try:
        spec = Spec.load(spec_path)
    except SpecError as error:
        raise UsageError(_one_line(str(error))) from None
    allow_path: Path | None = args.allow or (DRIFT_ALLOW_PATH if DRIFT_ALLOW_PATH.is_file() else None)
    try:
        allow = load_allow(allow_path) if allow_path is not None else []
        report = check(pages, spec, allow, allow_path)
    except (AllowError, PageError) as error:
        raise UsageError(str(error)) from None
    if args.propose:
        return _propose(report, spec, args.write, lambda edited: check(pages, edited, allow, allow_path))
    if args.write:
        raise UsageError("--write applies the edits of --propose; add --propose")
    render = render_json if args.format == "json" else render_text
    sys.stdout.write(render(report, _show))
    return report.exit_code


def _propose(report: Report, spec: Spec, write: bool, recheck: Callable[[Spec], Report]) -> int:
    # Imported here: the round-trip YAML library is loaded only by the runs that edit the spec.
    from anam_contract.drift import ProposalError, propose, render_proposal  # noqa: PLC0415

    try:
        proposal = propose(report, spec, recheck)
    except (ProposalError, PageError) as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(render_proposal(proposal, _show))
    if write and proposal.after != proposal.before:
        proposal.spec.write_text(proposal.after, encoding="utf-8")
        print(f"wrote {_show(proposal.spec)}")
    elif proposal.after != proposal.before:
        print("nothing written: add --write to apply these edits")
    return proposal.exit_code
