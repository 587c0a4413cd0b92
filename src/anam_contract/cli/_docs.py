"""`anam-contract docs fetch`: save the vendor's docs pages the manifest lists, and say what changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from anam_contract.cli._errors import UsageError
from anam_contract.docs import FetchRun, ManifestError, Settings, StateError, fetch, load_manifest, unmapped_operations
from anam_contract.paths import DOCS_MANIFEST_PATH, SPEC_PATH
from anam_contract.spec import Spec, SpecError

MANIFEST_PATH = DOCS_MANIFEST_PATH

_DESCRIPTION = """\
Fetch every page the manifest lists (each operation's markdown export on the vendor's docs site)
into a folder that `anam-contract drift` reads. A state file in that folder (.docs-state.json)
keeps each page's ETag, Last-Modified and SHA-256, so the next run sends conditional requests and
says which pages changed. Requests have finite timeouts and are retried on 5xx, 408, 429, timeouts
and broken connections. The site's index (llms.txt) is read too: a page of the personas section
that the manifest lacks (a newly documented operation) and a manifest page the index no longer
lists are reported. A file in the folder that docs fetch did not save, or that was edited since,
is never overwritten: that page fails instead."""

_EPILOG = """\
exit status: 0 nothing changed, 1 a page is new or changed (or the index gained or lost a page),
2 a page or the index could not be fetched, or bad input (the message says which)."""


def register(subparsers: Any) -> None:
    docs = subparsers.add_parser("docs", help="watch the vendor's docs pages", description="Watch the vendor's docs.")
    docs.set_defaults(run=_missing)
    actions = docs.add_subparsers(dest="action", metavar="ACTION")
    parser = actions.add_parser(
        "fetch",
        help="fetch the manifest's pages into a folder, conditionally, and report what changed",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--manifest",
        type=Path,
        default=None,
        metavar="FILE",
        help="pages to fetch (default: openapi/docs-pages.yaml)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("docs/pages"), metavar="DIR", help="folder to save into (default: %(default)s)"
    )
    parser.add_argument(
        "--spec", type=Path, default=None, metavar="FILE", help="the spec whose operations the manifest must cover"
    )
    parser.add_argument(
        "--timeout",
        type=_positive,
        default=10.0,
        metavar="SECONDS",
        help="timeout per connect or read (default: %(default)s)",
    )
    parser.add_argument(
        "--retries", type=_retries, default=2, metavar="N", help="retries after a failed attempt (default: %(default)s)"
    )
    parser.set_defaults(run=_run)


def _missing(_: argparse.Namespace) -> int:
    raise UsageError("say what to do: anam-contract docs fetch (see anam-contract docs fetch --help)")


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 600 seconds, not {text}")
    return value


def _retries(text: str) -> int:
    if not text.isdigit() or int(text) > 10:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 10, not {text!r}")
    return int(text)


def _run(args: argparse.Namespace) -> int:
    try:
        manifest = load_manifest(args.manifest or MANIFEST_PATH)
        operations = [str(op.get("operationId")) for _, _, op in Spec.load(args.spec or SPEC_PATH).operations()]
    except (ManifestError, SpecError) as error:
        raise UsageError(str(error)) from None
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is not a folder")
    try:
        run = fetch(manifest, out, Settings(timeout=args.timeout, retries=args.retries))
    except StateError as error:
        raise UsageError(str(error)) from None
    missing, unknown = unmapped_operations(manifest, operations)
    sys.stdout.write(render(run, missing, unknown))
    for result in run.pages:
        if result.outcome == "failed":
            print(f"anam-contract docs fetch: {result.page.url}: {result.detail}", file=sys.stderr)
    if run.index_error:
        print(f"anam-contract docs fetch: index {run.index_error}", file=sys.stderr)
    return run.exit_code


def render(run: FetchRun, missing: list[str], unknown: list[str]) -> str:
    lines = []
    for result in run.pages:
        detail = f"  ({result.detail})" if result.detail else ""
        lines.append(f"{result.outcome:<10} {result.file}  {result.page.operation}  {result.page.url}{detail}")
    for entry in run.new_in_index:
        summary = f": {entry.summary}" if entry.summary else ""
        lines.append(f"index: not in the manifest (a newly documented page?): {entry.url}  {entry.title}{summary}")
    for page in run.gone_from_index:
        lines.append(f"index: no longer lists {page.url} ({page.operation})")
    lines.extend(f"manifest: no page for the spec's operation {operation}" for operation in missing)
    lines.extend(f"manifest: {operation} is not an operation of the spec" for operation in unknown)
    counts = ", ".join(f"{run.count(o)} {o}" for o in ("new", "changed", "unchanged", "failed") if run.count(o))
    verdict = {0: "no change", 1: "changed", 2: "some pages could not be fetched"}[run.exit_code]
    lines.append(f"{len(run.pages)} page(s): {counts}: {verdict}")
    return "\n".join(lines) + "\n"
