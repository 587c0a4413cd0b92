"""The public surface is exactly what it is meant to be, and the client stands without the tooling.

`snapshots/public_api.txt` is the surface written out: every name of `__all__`, and for the
client's own classes every public method and property with its signature. A change to it is a
change of the public API: make it on purpose (UPDATE_SNAPSHOTS=1 rewrites the file), with the
README and the changelog.
"""

from __future__ import annotations

import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import anam_personas_client.models

import anam_personas

PACKAGE_DIR = Path(anam_personas.__file__).parent
SNAPSHOT = Path(__file__).parent / "snapshots" / "public_api.txt"


def _own_classes() -> list[type]:
    return [
        value
        for name in anam_personas.__all__
        if inspect.isclass(value := getattr(anam_personas, name)) and value.__module__.startswith("anam_personas.")
    ]


def _public_members(cls: type) -> list[tuple[str, object]]:
    """Public methods and properties of `cls`: its own and those of private bases (`SettingsView`);
    a public base lists its own."""
    found: dict[str, object] = {}
    for owner in cls.__mro__:
        if owner is not cls and (owner.__name__ in anam_personas.__all__ or owner.__module__ == "builtins"):
            continue
        for name, member in vars(owner).items():
            if name.startswith("_") or name in found:
                continue
            if inspect.isfunction(member) or isinstance(member, property | classmethod):
                found[name] = member
    return list(found.items())


def _signature(cls: type) -> str:
    try:
        return str(inspect.signature(cls))
    except ValueError:  # an exception class that keeps BaseException's constructor
        return "(...)"


def surface() -> str:
    lines: list[str] = []
    for name in anam_personas.__all__:
        value = getattr(anam_personas, name)
        if not inspect.isclass(value) and not callable(value):
            lines.append(f"{name}: {type(value).__name__}")
        elif value.__module__.startswith("anam_personas_client."):
            lines.append(f"{name}: generated model")
        elif not inspect.isclass(value):
            lines.append(f"{name}{inspect.signature(value)}")
        else:
            bases = ", ".join(base.__name__ for base in value.__bases__)
            lines.append(f"class {name}({bases}){_signature(value)}")
            for member_name, member in _public_members(value):
                if isinstance(member, property):
                    lines.append(f"    {member_name}: property")
                else:
                    function = member.__func__ if isinstance(member, classmethod) else member
                    is_async = "async " if inspect.iscoroutinefunction(function) else ""
                    lines.append(f"    {is_async}{member_name}{inspect.signature(function)}")  # type: ignore[arg-type]
    # Quotes dropped: whether an annotation prints quoted differs between Python versions.
    return "\n".join(line.replace("'", "") for line in lines) + "\n"


def test_the_public_surface_is_the_committed_one() -> None:
    text = surface()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        "the public API of anam_personas changed: if on purpose, rerun with UPDATE_SNAPSHOTS=1"
        " and say so in CHANGELOG.md"
    )


def _isort_style(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_names_every_public_attribute() -> None:
    assert anam_personas.__all__ == sorted(anam_personas.__all__, key=_isort_style)
    assert len(set(anam_personas.__all__)) == len(anam_personas.__all__)
    public_attrs = {name for name in vars(anam_personas) if not name.startswith("_")}
    assert public_attrs == set(anam_personas.__all__)


def test_every_generated_model_is_importable_from_the_package() -> None:
    for name in anam_personas_client.models.__all__:
        assert getattr(anam_personas, name) is getattr(anam_personas_client.models, name), name
        assert name in anam_personas.__all__


def test_every_public_class_method_and_property_has_a_docstring() -> None:
    missing = [cls.__name__ for cls in _own_classes() if not (cls.__doc__ or "").strip()]
    for cls in _own_classes():
        for name, member in _public_members(cls):
            target = member.fget if isinstance(member, property) else member
            if not (getattr(target, "__doc__", None) or "").strip():
                missing.append(f"{cls.__name__}.{name}")
    functions = [getattr(anam_personas, name) for name in anam_personas.__all__]
    missing += [f.__name__ for f in functions if inspect.isfunction(f) and not (f.__doc__ or "").strip()]
    assert missing == []


def test_modules_behind_the_surface_are_private() -> None:
    modules = sorted(path.name for path in PACKAGE_DIR.glob("*.py"))
    assert modules[0] == "__init__.py"
    assert all(name.startswith("_") for name in modules)


def test_the_package_is_typed() -> None:
    assert (PACKAGE_DIR / "py.typed").is_file()
    assert (Path(anam_personas_client.models.__file__).parent.parent / "py.typed").is_file()


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
