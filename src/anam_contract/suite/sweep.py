"""`make contract-sweep`: delete the personas earlier live runs left behind (interrupted by a kill -9,
a lost connection...). Only personas named the way the suite names them are touched: the prefix,
the run's 8-hex-digit id, a hyphen (`anam-contract-run-0badc0de-...`). A user's own
`anam-contract-run-2025-archive` merely starts with the prefix and is left alone. The list of what
will be deleted is printed before the first deletion.

    python -m anam_contract.suite.sweep [--dry-run]

Uses ANAM_API_KEY and ANAM_BASE_URL like the suite; prints counts and names, never the key.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

import httpx

from anam_contract.suite import SWEEP_PREFIX, ApiKey, Caller, SettingsError, read_settings

# The list endpoint's largest page; the loop stops at the last page the server reports.
_PER_PAGE = 100
_MAX_PAGES = 1000
# The exact shape of a name the suite gives (see src/anam_contract/suite/_settings.py): the prefix,
# `secrets.token_hex(4)`, then a hyphen before the rest of the name.
_SUITE_NAME = re.compile(re.escape(SWEEP_PREFIX) + r"[0-9a-f]{8}-")


def made_by_the_suite(name: str) -> bool:
    """Whether `name` has the exact shape of a persona name a contract run gives."""
    return _SUITE_NAME.match(name) is not None


def find_leftovers(caller: Caller, key: ApiKey) -> list[tuple[str, str]]:
    """(id, name) of every persona of the key's organisation named the way the suite names them."""
    found: list[tuple[str, str]] = []
    page = 1
    while page <= _MAX_PAGES:
        params = {"page": page, "perPage": _PER_PAGE, "search": SWEEP_PREFIX}
        status, body = caller.request("GET", "/v1/personas", key=key, params=params)
        if status != 200 or not isinstance(body, dict):
            raise SweepError(f"listing personas answered {status}")
        for item in body.get("data", []):
            name, persona_id = item.get("name"), item.get("id")
            # The server's search is a substring match; the whole shape must match at the start.
            if isinstance(name, str) and made_by_the_suite(name) and isinstance(persona_id, str):
                found.append((persona_id, name))
        next_page = body.get("meta", {}).get("next")
        if not isinstance(next_page, int) or next_page <= page:
            break
        page = next_page
    return found


class SweepError(Exception):
    """The server did not answer the way the sweep needs."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="contract-sweep",
        description=f"Delete personas named {SWEEP_PREFIX}<8 hex digits>-... that interrupted live contract "
        "runs left behind (ANAM_API_KEY and optional ANAM_BASE_URL select the organisation). What will be "
        "deleted is listed before anything is.",
    )
    parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    args = parser.parse_args(argv)
    try:
        settings = read_settings()
    except SettingsError as error:
        print(f"contract-sweep: error: {error}", file=sys.stderr)
        return 2
    if settings.api_key is None:
        print("contract-sweep: error: set ANAM_API_KEY: the sweep cleans a live organisation", file=sys.stderr)
        return 2
    caller = Caller(httpx.Client(base_url=settings.base_url, timeout=30.0))
    try:
        leftovers = find_leftovers(caller, settings.api_key)
        heading = "would delete" if args.dry_run else "will delete"
        print(f"contract-sweep: {heading} {len(leftovers)} leftover personas{':' if leftovers else ''}")
        for persona_id, name in leftovers:
            print(f"  {persona_id} {name}")
        deleted = 0
        for persona_id, name in leftovers if not args.dry_run else []:
            status, _ = caller.request("DELETE", f"/v1/personas/{persona_id}", key=settings.api_key)
            if status in (200, 404):
                deleted += 1
                print(f"deleted {persona_id} {name}")
            else:
                print(f"could not delete {persona_id} {name}: status {status}", file=sys.stderr)
    except (SweepError, httpx.HTTPError) as error:
        print(f"contract-sweep: error: {settings.base_url}: {error}", file=sys.stderr)
        return 1
    finally:
        caller.close()
    verb = "would delete" if args.dry_run else "deleted"
    print(f"contract-sweep: {verb} {len(leftovers) if args.dry_run else deleted} of {len(leftovers)} leftover personas")
    return 0 if args.dry_run or deleted == len(leftovers) else 1


if __name__ == "__main__":
    sys.exit(main())
