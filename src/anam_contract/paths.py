"""Where the project's fixed files live: the checkout's when running from one, else the installed copies.

From a clone (an editable install) the spec, its notes and the generator configuration are read
where they are maintained, under the repository root. A plain `pip install anam-contract` ships
copies of them as package data (`anam_contract/_data/`, mapped from the repository root in
pyproject.toml), so every subcommand also works from any folder; `--spec` points elsewhere.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
# src/anam_contract/paths.py -> the repository root is three levels up (meaningful in a checkout only).
REPO_ROOT = _PACKAGE_DIR.parents[1]
IN_CHECKOUT = (REPO_ROOT / "openapi" / "anam.yaml").is_file() and (REPO_ROOT / "src" / "anam_contract").is_dir()
# The folder holding openapi/ and generator/: the repository root, or the installed package data.
DATA_ROOT = REPO_ROOT if IN_CHECKOUT else _PACKAGE_DIR / "_data"

SPEC_PATH = DATA_ROOT / "openapi" / "anam.yaml"
NOTES_PATH = DATA_ROOT / "openapi" / "NOTES.md"
DRIFT_ALLOW_PATH = DATA_ROOT / "openapi" / "drift-allow.yaml"
DOCS_MANIFEST_PATH = DATA_ROOT / "openapi" / "docs-pages.yaml"
GENERATOR_DIR = DATA_ROOT / "generator"
# Outside a checkout, `generate` and `check-generated` work on ./generated of the current folder.
GENERATED_DIR = REPO_ROOT / "generated" if IN_CHECKOUT else Path("generated")
SHARED_DOCS_DIR = REPO_ROOT.parent / "shared" / "docs"
