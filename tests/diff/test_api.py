"""The public-API comparison of two generated packages, on small packages written for each test."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from anam_contract.diff import ApiChange, compare_packages


def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "client"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return package


def _compare(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> list[ApiChange]:
    return compare_packages(_package(tmp_path / "old", old), _package(tmp_path / "new", new))


MODEL = """
    from enum import StrEnum

    class Colour(StrEnum):
        RED = "red"
        GREEN = "green"

    class Thing:
        name: str
        size: int | Unset = UNSET
        _cache: dict[str, str]

        def to_dict(self) -> dict[str, Any]:
            return {}
"""

API = """
    def sync(id: UUID, *, client: Client, page: int | Unset = 1) -> Thing | None:
        return None

    def _private(x: int) -> None:
        pass
"""


def test_identical_packages_have_no_changes(tmp_path: Path) -> None:
    assert _compare(tmp_path, {"models/thing.py": MODEL}, {"models/thing.py": MODEL}) == []


def test_attribute_annotations_defaults_and_enum_members(tmp_path: Path) -> None:
    changed = MODEL.replace("size: int | Unset = UNSET", "size: int").replace('GREEN = "green"', 'BLUE = "blue"')
    found = {
        (c.name, c.change, c.old, c.new, c.breaking) for c in _compare(tmp_path, {"m.py": MODEL}, {"m.py": changed})
    }
    assert found == {
        ("client.m.Thing.size", "changed", "int | Unset = UNSET", "int", None),
        ("client.m.Colour.GREEN", "removed", "'green'", None, True),
        ("client.m.Colour.BLUE", "added", None, "'blue'", False),
    }


def test_function_parameters_and_return_are_compared_one_by_one(tmp_path: Path) -> None:
    changed = API.replace("page: int | Unset = 1", "page: int | Unset = 1, org: str").replace(
        "-> Thing | None", "-> Thing | Error | None"
    )
    found = {(c.name, c.kind, c.change, c.breaking) for c in _compare(tmp_path, {"api.py": API}, {"api.py": changed})}
    assert found == {
        ("client.api.sync(org)", "parameter", "added", True),  # no default: existing calls miss it
        ("client.api.sync()", "return", "changed", None),
    }


def test_a_removed_class_is_one_change_not_one_per_attribute(tmp_path: Path) -> None:
    found = _compare(tmp_path, {"m.py": MODEL}, {"m.py": MODEL.split("class Thing", maxsplit=1)[0]})
    assert [(c.name, c.kind, c.change) for c in found] == [("client.m.Thing", "class", "removed")]


def test_modules_added_and_removed(tmp_path: Path) -> None:
    found = _compare(tmp_path, {"old_name.py": API}, {"new_name.py": API})
    assert [(c.name, c.change, c.breaking) for c in found] == [
        ("client.new_name", "added", False),
        ("client.old_name", "removed", True),
    ]


def test_a_module_that_comes_or_goes_names_what_it_defines(tmp_path: Path) -> None:
    found = _compare(tmp_path, {"thing.py": MODEL}, {"item.py": MODEL.replace("class Thing", "class Item")})
    assert [(c.name, c.change, c.old, c.new) for c in found] == [
        ("client.item", "added", None, "Colour, Item"),
        ("client.thing", "removed", "Colour, Thing", None),
    ]


def test_private_names_and_modules_are_ignored(tmp_path: Path) -> None:
    old = {"api.py": API, "_internal.py": "def helper() -> None: ...\n"}
    new = {"api.py": API.replace("x: int", "y: str")}
    assert _compare(tmp_path, old, new) == []


def test_json_form_of_a_change(tmp_path: Path) -> None:
    (change,) = _compare(tmp_path, {"m.py": MODEL}, {"m.py": MODEL.replace("name: str", "name: str | None")})
    assert change.to_json() == {
        "name": "client.m.Thing.name",
        "kind": "attribute",
        "change": "changed",
        "old": "str",
        "new": "str | None",
        "breaking": None,
        "note": None,
    }


ATTRS_MODEL = """
    @_attrs_define
    class Body:
        name: str | Unset = UNSET
        extra: dict[str, Any] = _attrs_field(init=False, factory=dict)
"""


def test_a_model_field_without_a_default_is_named_as_a_constructor_argument(tmp_path: Path) -> None:
    required = ATTRS_MODEL.replace("name: str | Unset = UNSET", "name: str\n        size: int")
    found = {(c.name, c.change, c.note) for c in _compare(tmp_path, {"m.py": ATTRS_MODEL}, {"m.py": required})}
    assert found == {
        ("client.m.Body.name", "changed", "now a required constructor argument"),
        ("client.m.Body.size", "added", "new required constructor argument"),
    }
    # The other way round nothing becomes mandatory, and a plain class has no generated constructor.
    relaxed = {c.note for c in _compare(tmp_path / "back", {"m.py": required}, {"m.py": ATTRS_MODEL})}
    assert relaxed == {None}
    plain = MODEL.replace("size: int | Unset = UNSET", "size: int")
    assert {c.note for c in _compare(tmp_path / "plain", {"m.py": MODEL}, {"m.py": plain})} == {None}
