"""Where the project's fixed files live, resolved from the source tree (an editable install)."""

from __future__ import annotations

from pathlib import Path

# src/anam_contract/paths.py -> the repository root is three levels up.
REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "openapi" / "anam.yaml"
NOTES_PATH = REPO_ROOT / "openapi" / "NOTES.md"
DRIFT_ALLOW_PATH = REPO_ROOT / "openapi" / "drift-allow.yaml"
GENERATOR_DIR = REPO_ROOT / "generator"
GENERATED_DIR = REPO_ROOT / "generated"
SHARED_DOCS_DIR = REPO_ROOT.parent / "shared" / "docs"
