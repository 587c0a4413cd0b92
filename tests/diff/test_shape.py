"""Different spellings of the same schema are the same shape, so re-spelling the spec reports nothing."""

from __future__ import annotations

from typing import Any

import pytest

from anam_contract.diff._shape import shape
from anam_contract.spec import Spec
from tests.diff._specs import Document, document, mutated, reported, schema


def _spell(name: str, field: str, value: Any) -> Document:
    def mutate(doc: Document) -> None:
        schema(doc, name)["properties"][field] = value

    return mutated(mutate)


RESPELLINGS = {
    "type list -> anyOf with null": _spell("PageMeta", "prev", {"anyOf": [{"type": "integer"}, {"type": "null"}]}),
    "type list -> oneOf with null": _spell("PageMeta", "prev", {"oneOf": [{"type": "null"}, {"type": "integer"}]}),
    "type list -> OpenAPI 3.0 nullable": _spell("PageMeta", "prev", {"type": "integer", "nullable": True}),
    "anyOf ref/null -> type list on an allOf": _spell(
        "Persona",
        "primaryShareLink",
        {"anyOf": [{"allOf": [{"$ref": "#/components/schemas/ShareLink"}]}, {"type": "null"}]},
    ),
}
# Not a respelling: a `$ref` replaced by the same schema inline renames the generated class (Brain becomes
# PersonaBrain); the model_inlined rule reports it.


@pytest.mark.parametrize("respelt", RESPELLINGS.values(), ids=RESPELLINGS.keys())
def test_a_respelling_reports_nothing(respelt: Document) -> None:
    assert reported(document(), respelt) == set()


def test_nullable_spellings_agree() -> None:
    spec = Spec(document())
    spellings = [
        {"type": ["integer", "null"]},
        {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        {"oneOf": [{"type": "integer"}, {"const": None}]},
        {"type": "integer", "nullable": True},
        {"type": "integer", "enum": [1, 2, None]},
    ]
    shapes = [shape(spec, spelling) for spelling in spellings]
    assert all(found.nullable and found.types == {"integer"} for found in shapes)
    assert not shape(spec, {"type": "integer"}).nullable


def test_a_nullable_reference_keeps_the_referenced_shape() -> None:
    spec = Spec(document())
    found = shape(spec, {"anyOf": [{"$ref": "#/components/schemas/VoiceGender"}, {"type": "null"}]})
    assert found.nullable
    assert found.enum == ("MALE", "FEMALE", "NEUTRAL")
    assert found.ref == "#/components/schemas/VoiceGender"


def test_a_real_union_keeps_its_branches() -> None:
    spec = Spec(document())
    found = shape(spec, {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]})
    assert found.nullable
    assert len(found.variants) == 2


def test_an_enum_without_a_type_is_typed_by_its_values() -> None:
    spec = Spec(document())
    assert shape(spec, {"enum": ["a", "b"]}).types == {"string"}
    assert shape(spec, {"const": 3}).types == {"integer"}
    models = ["cara-2", "cara-3", "cara-4-latest"]
    typed = _spell("UpdatePersonaRequest", "avatarModel", {"type": "string", "enum": models})
    assert reported(typed, _spell("UpdatePersonaRequest", "avatarModel", {"enum": models})) == set()
