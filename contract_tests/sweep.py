"""`make contract-sweep`: delete the personas earlier live runs left behind (interrupted by a kill -9,
a lost connection...). Only personas whose name starts with the suite's prefix are touched.

    python -m contract_tests.sweep [--dry-run]

Uses ANAM_API_KEY and ANAM_BASE_URL like the suite; prints counts and names, never the key.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import httpx

from contract_tests.support import SWEEP_PREFIX, ApiKey, Caller, SettingsError, read_settings

# The list endpoint's largest page; the loop stops at the last page the server reports.
_PER_PAGE = 100
_MAX_PAGES = 1000


def find_leftovers(caller: Caller, key: ApiKey) -> list[tuple[str, str]]:
    """(id, name) of every persona of the key's organisation whose name starts with the prefix."""
    found: list[tuple[str, str]] = []
    page = 1
    while page <= _MAX_PAGES:
        params = {"page": page, "perPage": _PER_PAGE, "search": SWEEP_PREFIX}
        status, body = caller.request("GET", "/v1/personas", key=key, params=params)
        if status != 200 or not isinstance(body, dict):
            raise SweepError(f"listing personas answered {status}")
        for item in body.get("data", []):
            name, persona_id = item.get("name"), item.get("id")
            # The server's search is a substring match; the prefix must be at the start.
            if isinstance(name, str) and name.startswith(SWEEP_PREFIX) and isinstance(persona_id, str):
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
        description=f"Delete personas named {SWEEP_PREFIX}* that interrupted live contract runs left behind "
        "(ANAM_API_KEY and optional ANAM_BASE_URL select the organisation).",
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
        deleted = 0
        for persona_id, name in leftovers:
            if args.dry_run:
                print(f"would delete {persona_id} {name}")
                continue
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
