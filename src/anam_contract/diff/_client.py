"""Regenerate the client from two specs and compare the public API of the two packages."""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from anam_contract import codegen
from anam_contract.diff._api import ApiChange, compare_packages


def compare_client(old_spec: Path, new_spec: Path) -> list[ApiChange]:
    """What a user's code feels when the client generated from `old_spec` is regenerated from `new_spec`.

    Raises `codegen.CodegenError` when the generator refuses either spec.
    """
    with tempfile.TemporaryDirectory(prefix="anam-diff-") as tmp:
        old_out, new_out = Path(tmp) / "old", Path(tmp) / "new"
        # Each generation is mostly a subprocess, so two threads run them side by side.
        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = {
                "old": pool.submit(codegen.generate, old_spec, old_out),
                "new": pool.submit(codegen.generate, new_spec, new_out),
            }
            for side, job in jobs.items():
                try:
                    job.result()
                except codegen.CodegenError as error:
                    raise codegen.CodegenError(f"the generator refused the {side} spec: {error}") from None
        return compare_packages(old_out / codegen.PACKAGE_NAME, new_out / codegen.PACKAGE_NAME)
