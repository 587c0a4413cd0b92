"""The public surface is exactly what it is meant to be, and the client stands without the tooling."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import anam_personas

# Changing this list is a change of the public API: do it on purpose, with the README.
PUBLIC = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Anam",
    "AnamError",
    "AsyncAnam",
    "AsyncPersonas",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "CreatePersonaRequest",
    "DeletePersonaResponse",
    "Error",
    "InternalServerError",
    "InvalidAPIKeyError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "Persona",
    "PersonaList",
    "PersonaSummary",
    "Personas",
    "RateLimitError",
    "RetryPolicy",
    "SpecViolation",
    "Timeout",
    "UnprocessableEntityError",
    "UpdatePersonaRequest",
    "spec_violations",
]

PACKAGE_DIR = Path(anam_personas.__file__).parent


def test_all_is_pinned_and_sorted() -> None:
    assert anam_personas.__all__ == PUBLIC
    assert sorted(anam_personas.__all__) == anam_personas.__all__


def test_every_public_name_exists_and_nothing_else_public_leaks() -> None:
    for name in PUBLIC:
        assert getattr(anam_personas, name) is not None
    public_attrs = {name for name in vars(anam_personas) if not name.startswith("_")}
    assert public_attrs == set(PUBLIC)


def test_modules_behind_the_surface_are_private() -> None:
    modules = sorted(path.name for path in PACKAGE_DIR.glob("*.py"))
    assert modules[0] == "__init__.py"
    assert all(name.startswith("_") for name in modules)


def test_the_client_never_imports_the_tooling() -> None:
    for path in PACKAGE_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "anam_contract" for name in names), f"{path.name} imports {names}"
    code = "import sys, anam_personas; print(sorted(m for m in sys.modules if m.startswith('anam_contract')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
