"""Write `src/anam_personas/_schema_data.py`: the spec's success-response schemas, as Python data.

The production client checks every success body against the spec to list what does not fit
(`spec_violations`), yet it must ship without PyYAML, jsonschema or the spec file. So the few
schemas a success body can reach are copied into the client as a plain literal, stripped of
prose (descriptions, examples). `tests/test_codegen.py` fails when the copy is stale; run
`.venv/bin/python generator/client_schemas.py` (part of `make generate`) after a spec change.
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "anam.yaml"
TARGET = ROOT / "src" / "anam_personas" / "_schema_data.py"

# Keywords a validator needs; everything else in a schema is documentation.
_KEPT = frozenset(
    {
        "$ref",
        "additionalProperties",
        "anyOf",
        "enum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "items",
        "maxLength",
        "maximum",
        "minLength",
        "minimum",
        "oneOf",
        "pattern",
        "properties",
        "required",
        "type",
    }
)
_REF_PREFIX = "#/components/schemas/"


def _strip(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_strip(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kept: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "properties":
            kept[key] = {name: _strip(sub) for name, sub in value.items()}
        elif key == "$ref":
            # Only the schema's name: every reference points into components/schemas.
            kept[key] = str(value).removeprefix(_REF_PREFIX)
        elif key in _KEPT:
            kept[key] = _strip(value)
    return kept


def _refs(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            found.add(ref.removeprefix(_REF_PREFIX))
        for value in schema.values():
            found |= _refs(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= _refs(item)
    return found


def success_schemas(spec: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """operationId -> schema name of its 2xx JSON body, and every schema those reach (`$ref`s as bare names)."""
    operations: dict[str, str] = {}
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            for status, response in operation.get("responses", {}).items():
                if not str(status).startswith("2"):
                    continue
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                ref = schema.get("$ref", "")
                if ref.startswith(_REF_PREFIX):
                    operations[operation["operationId"]] = ref.removeprefix(_REF_PREFIX)
    components = spec["components"]["schemas"]
    reached: dict[str, Any] = {}
    pending = sorted(set(operations.values()))
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached[name] = _strip(components[name])
        pending.extend(sorted(_refs(reached[name]) - set(reached)))
    return dict(sorted(operations.items())), dict(sorted(reached.items()))


def render(spec_path: Path = SPEC) -> str:
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    operations, schemas = success_schemas(spec)
    return (
        '"""The spec version and success-response schemas of openapi/anam.yaml, for `spec_violations`.\n\n'
        "Written by generator/client_schemas.py; do not edit by hand.\n"
        '"""\n\n'
        "# fmt: off\n"
        "from typing import Any\n\n"
        "# The spec's `info.version`: the API version this copy (and the generated package) was made from.\n"
        f"SPEC_VERSION = {str(spec['info']['version'])!r}\n\n"
        f"OPERATIONS: dict[str, str] = {pprint.pformat(operations, width=80, sort_dicts=True)}\n\n"
        f"SCHEMAS: dict[str, Any] = {pprint.pformat(schemas, width=80, sort_dicts=True)}\n"
    )


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
