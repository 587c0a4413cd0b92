"""The public API of a generated package, read with `ast` (never imported), and how two of them differ.

What a user's code touches: modules, classes (with their bases), class attributes with their
annotations and defaults, enum members, public functions and methods with each parameter and the
return annotation. Docstrings and private names (`_x`) are left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ItemKind = Literal["module", "class", "attribute", "member", "function", "parameter", "return"]

_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum"})
# Items whose text only repeats what is compared one by one: a function's parameters, a module's definitions.
_LISTED = ("function", "module")
_ATTRS_DECORATORS = ("define", "frozen")  # `_attrs_define` in the generated models, `attrs.define`, ...


@dataclass(frozen=True)
class _Item:
    kind: ItemKind
    text: str  # what is shown: an annotation, a signature, a base list; "" when presence is all
    parent: str | None
    required: bool = False  # a parameter, or a field of a generated (attrs) model, without a default


@dataclass(frozen=True, order=True)
class ApiChange:
    """One difference in the generated package's public API."""

    name: str  # dotted: anam_personas_client.models.persona.Persona.name; func(arg) a parameter, func() the return
    kind: ItemKind
    change: Literal["added", "removed", "changed"]
    old: str | None
    new: str | None
    # True for removals and for new parameters without a default: code written against the old
    # client breaks. None for annotation changes: whether those break depends on the side of the
    # wire (a model may be sent or received), which the spec rules judge.
    breaking: bool | None
    # What the change means for code that builds the model, when the annotation alone does not say it.
    note: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "breaking": self.breaking,
            "note": self.note,
        }


def public_api(package: Path) -> dict[str, _Item]:
    items: dict[str, _Item] = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if any(part.startswith("_") and part != "__init__" for part in parts):
            continue
        module = ".".join(part for part in parts if part != "__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A module that comes or goes names what it defines: `models.tool` says little, `Tool` is what code imports.
        items[module] = _Item("module", ", ".join(_defined(tree)), None)
        items.update(_module_items(module, tree))
    return items


def _defined(tree: ast.Module) -> list[str]:
    kinds = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    return sorted(node.name for node in tree.body if isinstance(node, kinds) and not node.name.startswith("_"))


def _module_items(module: str, tree: ast.Module) -> Iterator[tuple[str, _Item]]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield from _class_items(f"{module}.{node.name}", node, module)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            yield from _function_items(f"{module}.{node.name}", node, module)


def _class_items(name: str, node: ast.ClassDef, parent: str) -> Iterator[tuple[str, _Item]]:
    bases = [ast.unparse(base) for base in node.bases]
    yield name, _Item("class", f"({', '.join(bases)})" if bases else "", parent)
    is_enum = bool(_ENUM_BASES & set(bases))
    # attrs writes the generated models' __init__: every field without a default is a required argument.
    has_constructor = any(ast.unparse(decorator).endswith(_ATTRS_DECORATORS) for decorator in node.decorator_list)
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            attribute = statement.target.id
            if not attribute.startswith("_"):
                text = ast.unparse(statement.annotation)
                if statement.value is not None:
                    text += f" = {ast.unparse(statement.value)}"
                required = has_constructor and statement.value is None
                yield f"{name}.{attribute}", _Item("attribute", text, name, required=required)
        elif is_enum and isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                yield f"{name}.{target.id}", _Item("member", ast.unparse(statement.value), name)
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and not statement.name.startswith("_"):
            yield from _function_items(f"{name}.{statement.name}", statement, name)


def _function_items(
    name: str, node: ast.FunctionDef | ast.AsyncFunctionDef, parent: str
) -> Iterator[tuple[str, _Item]]:
    prefix = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
    yield name, _Item("function", f"{prefix} {node.name}({ast.unparse(node.args)})", parent)
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    pairs: list[tuple[ast.arg, ast.expr | None, str]] = [(a, d, "") for a, d in zip(positional, defaults, strict=True)]
    pairs += [(a, d, "*, ") for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
    for argument, default, marker in pairs:
        if argument.arg in ("self", "cls"):
            continue
        text = marker + (ast.unparse(argument.annotation) if argument.annotation else "")
        if default is not None:
            text += f" = {ast.unparse(default)}"
        yield f"{name}({argument.arg})", _Item("parameter", text, name, required=default is None)
    returns = ast.unparse(node.returns) if node.returns else ""
    yield f"{name}()", _Item("return", returns, name)


def compare_packages(old_package: Path, new_package: Path) -> list[ApiChange]:
    """Every public API difference from `old_package` to `new_package` (both generated folders)."""
    old, new = public_api(old_package), public_api(new_package)
    changes: list[ApiChange] = []
    appeared_or_gone = old.keys() ^ new.keys()
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        item = after or before
        assert item is not None  # the name comes from one of the two
        if _under(item.parent, appeared_or_gone, old, new):
            continue  # a member of a class that itself appeared or went: the class says it all
        if before is None and after is not None:
            breaking = after.kind == "parameter" and after.required
            note = "new required constructor argument" if after.kind == "attribute" and after.required else None
            changes.append(ApiChange(name, after.kind, "added", None, after.text, breaking, note))
        elif after is None and before is not None:
            changes.append(ApiChange(name, before.kind, "removed", before.text, None, True))
        elif before is not None and after is not None and before.text != after.text and before.kind not in _LISTED:
            now_required = after.kind == "attribute" and after.required and not before.required
            note = "now a required constructor argument" if now_required else None
            changes.append(ApiChange(name, after.kind, "changed", before.text, after.text, None, note))
    return changes


def _under(parent: str | None, changed: AbstractSet[str], old: dict[str, _Item], new: dict[str, _Item]) -> bool:
    while parent is not None:
        if parent in changed:
            return True
        owner = new.get(parent) or old.get(parent)
        parent = owner.parent if owner else None
    return False
