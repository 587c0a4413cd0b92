"""`anam-contract diff`: what changed between two spec versions, and what it breaks for client users."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from anam_contract import codegen, diff
from anam_contract.cli._diff_text import render_text
from anam_contract.cli._errors import UsageError
from anam_contract.spec import SpecError

_DESCRIPTION = """\
Compare two versions of the spec and give every change two verdicts: whether it breaks deployed
clients (built from OLD, now calling a server that follows NEW: a renamed JSON key, query
parameter or path) and whether it breaks code on upgrade (written against the client generated
from OLD, run with the one regenerated from NEW: a renamed model class, a new required argument).
Then regenerate the client from both versions and list what changed in its public API. OLD and
NEW are spec files or git revisions (the spec is read from --spec inside the revision). --base REV
compares REV's spec with the one in the working tree.
Exit status: 0 nothing breaks, 1 something breaks (the summary says which kind), 2 bad input."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="what the changes between two spec versions break: deployed clients, code on upgrade",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", nargs="?", metavar="OLD", help="the earlier spec: a file or a git revision")
    parser.add_argument("new", nargs="?", metavar="NEW", help="the later spec: a file or a git revision")
    parser.add_argument("--base", metavar="REV", help="compare REV's spec with the working tree's (instead of OLD NEW)")
    parser.add_argument(
        "--spec",
        default=diff.DEFAULT_SPEC_IN_REPO,
        metavar="PATH",
        help="where the spec lives inside the repository, for revisions and --base (default: %(default)s)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--no-client", action="store_true", help="skip regenerating the client and comparing its public API (faster)"
    )
    parser.add_argument("--list-rules", action="store_true", help="list every rule id, whether it breaks, and why")
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    if args.list_rules:
        return _list_rules(args.format)
    old, new = _sources(args)
    with tempfile.TemporaryDirectory(prefix="anam-diff-") as tmp:
        old_path, new_path = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
        try:
            old_spec, new_spec = diff.load_source(old, old_path), diff.load_source(new, new_path)
        except diff.SourceError as error:
            raise UsageError(str(error)) from None
        try:
            changes = diff.compare_specs(old_spec, new_spec)
        except SpecError as error:  # an external or circular $ref
            raise UsageError(str(error)) from None
        client: list[diff.ApiChange] | None = None
        client_error: str | None = None
        if not args.no_client:
            try:
                client = diff.compare_client(old_path, new_path)
            except codegen.CodegenError as error:
                client_error = str(error)
    breaking = any(change.breaking for change in changes) or any(item.breaking is True for item in client or [])
    if args.format == "json":
        report = _json_report((old.label, new.label), changes, client, client_error, breaking=breaking)
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(old.label, new.label, changes, client, client_error, skipped=args.no_client))
    return 1 if breaking else 0


def _sources(args: argparse.Namespace) -> tuple[diff.SpecSource, diff.SpecSource]:
    cwd = Path.cwd()
    try:
        if args.base is not None:
            if args.old is not None:
                raise UsageError("give either OLD NEW or --base REV, not both")
            return diff.read_spec_source(args.base, cwd, args.spec), diff.working_tree_source(cwd, args.spec)
        if args.old is None or args.new is None:
            raise UsageError("give two spec versions (OLD NEW), or --base REV to compare with the working tree")
        return diff.read_spec_source(args.old, cwd, args.spec), diff.read_spec_source(args.new, cwd, args.spec)
    except diff.SourceError as error:
        raise UsageError(str(error)) from None


def _json_report(
    labels: tuple[str, str],
    changes: list[diff.Change],
    client: list[diff.ApiChange] | None,
    client_error: str | None,
    *,
    breaking: bool,
) -> dict[str, Any]:
    return {
        "old": labels[0],
        "new": labels[1],
        "breaking": breaking,
        "summary": {
            "breaking": sum(change.breaking for change in changes),
            "not_breaking": sum(not change.breaking for change in changes),
            "breaks_deployed_clients": sum(change.wire for change in changes),
            "breaks_code_on_upgrade": sum(change.source for change in changes),
        },
        "changes": [{**change.to_json(), "why": diff.RULES[change.rule].why} for change in changes],
        "client": {
            "compared": client is not None,
            "error": client_error,
            "changes": [item.to_json() for item in client or []],
        },
    }


def _list_rules(output_format: str) -> int:
    rules = sorted(diff.RULES.values(), key=lambda rule: rule.id)
    if output_format == "json":
        listing = [
            {
                "rule": r.id,
                "breaking": r.breaking,
                "breaks_deployed_clients": r.wire,
                "breaks_code_on_upgrade": r.source,
                "applies_to": r.kind,
                "direction": r.direction,
                "why": r.why,
            }
            for r in rules
        ]
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    width = max(len(r.id) for r in rules)
    print(f"{'rule':<{width}}  deployed  upgrade  why")
    for r in rules:
        print(
            f"{r.id:<{width}}  {'breaks  ' if r.wire else 'fine    '}  {'breaks ' if r.source else 'fine   '}  {r.why}"
        )
    return 0
