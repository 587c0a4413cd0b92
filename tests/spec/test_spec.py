"""The spec is a valid OpenAPI 3.1 document and every example in it matches its schema."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from anam_contract.paths import SPEC_PATH
from anam_contract.spec import Spec, SpecError, dangling_ref, load_document


def test_spec_is_valid_openapi_3_1() -> None:
    document, _ = read_from_filename(str(SPEC_PATH))
    validate(document)
    assert str(document["openapi"]).startswith("3.1")


def _media_examples(spec: Spec) -> list[tuple[str, Any, Any]]:
    """(where, schema, example value) for every example attached to a request or response body."""
    found = []
    for method, path, operation in spec.operations():
        bodies: list[tuple[str, Any]] = []
        if "requestBody" in operation:
            bodies.append(("request", spec.resolve(operation["requestBody"])))
        for status, response in operation.get("responses", {}).items():
            bodies.append((status, spec.resolve(response)))
        for label, body in bodies:
            for media in body.get("content", {}).values():
                for name, example in media.get("examples", {}).items():
                    value = spec.resolve(example)["value"]
                    found.append((f"{method} {path} {label} {name}", media["schema"], value))
    return found


def _schema_examples(spec: Spec) -> list[tuple[str, Any, Any]]:
    """(where, schema, example value) for every `examples` entry of a component schema's properties."""
    found = []
    for name, schema in spec.document["components"]["schemas"].items():
        candidates = [(name, schema)] + [(f"{name}.{prop}", sub) for prop, sub in schema.get("properties", {}).items()]
        for where, sub in candidates:
            for index, value in enumerate(sub.get("examples", [])):
                found.append((f"{where} examples[{index}]", sub, value))
    return found


SPEC = Spec.load()
EXAMPLES = _media_examples(SPEC) + _schema_examples(SPEC)


def test_the_spec_has_examples_for_every_operation_with_a_body() -> None:
    with_examples = {where.split(" ")[0] + " " + where.split(" ")[1] for where, _, _ in _media_examples(SPEC)}
    assert {"POST /v1/personas", "PUT /v1/personas/{id}", "GET /v1/personas/{id}"} <= with_examples


@pytest.mark.parametrize(("where", "schema", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_matches_its_schema(where: str, schema: Any, value: Any) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in SPEC.validator(schema).iter_errors(value)]
    assert errors == [], f"{where} does not match its schema"


def test_a_wrong_example_is_caught() -> None:
    """The validator used above really rejects bad values (guards against a validator that accepts all)."""
    _, schema, value = next(e for e in EXAMPLES if e[0].startswith("GET /v1/personas/{id} 200"))
    broken = dict(value, avatarModel=5, voice=dict(value["voice"], provider=None))
    messages = [e.message for e in SPEC.validator(schema).iter_errors(broken)]
    assert len(messages) >= 2


def _load(tmp_path: Path, document: Any) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    load_document(path)


def test_openapi_3_0_is_refused_by_the_shared_loader(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"OpenAPI 3\.0\.3; only OpenAPI 3\.1 is supported"):
        _load(tmp_path, {**SPEC.document, "openapi": "3.0.3"})


@pytest.mark.parametrize(
    ("ref", "says"),
    [("#/components/schemas/Gone", "leads nowhere"), ("other.yaml#/X", "is not a local reference (#/...)")],
)
def test_a_ref_that_does_not_resolve_is_refused_at_load(tmp_path: Path, ref: str, says: str) -> None:
    document = copy.deepcopy(SPEC.document)
    document["components"]["schemas"]["Broken"] = {"type": "object", "properties": {"a": {"$ref": ref}}}
    with pytest.raises(SpecError) as raised:
        _load(tmp_path, document)
    assert (
        str(raised.value)
        == f"spec {tmp_path / 'spec.yaml'}: $ref {ref} at /components/schemas/Broken/properties/a {says}"
    )


def test_dangling_ref_walks_a_node_shared_by_an_alias_once() -> None:
    shared: dict[str, Any] = {"$ref": "#/info"}
    assert dangling_ref({"openapi": "3.1.0", "info": {}, "a": shared, "b": [shared, shared]}) is None


def test_a_spec_read_again_is_an_equal_copy_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(SPEC_PATH.read_bytes())
    for caller in ("first", "second"):
        load_document(path)["info"]["title"] = f"changed by the {caller} caller"
    third = load_document(path)
    assert "changed by" not in third["info"]["title"], "a caller's change reached another caller"
    assert third == load_document(SPEC_PATH)


def test_a_spec_changed_on_disk_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    assert load_document(path)["info"]["version"] == document["info"]["version"]
    document["info"]["version"] = "a version of the same length, or not"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    assert load_document(path)["info"]["version"] == "a version of the same length, or not"
    path.write_text("openapi: 3.0.3\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"only OpenAPI 3\.1"):
        load_document(path)
