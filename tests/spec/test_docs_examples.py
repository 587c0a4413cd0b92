"""Every JSON example on the saved reference pages validates against the matching schema of the spec."""

from __future__ import annotations

import pytest

from anam_contract.paths import SHARED_DOCS_DIR
from anam_contract.spec import Spec

from ._docs_pages import PageExample, page_examples

pytestmark = pytest.mark.skipif(
    not SHARED_DOCS_DIR.is_dir(), reason=f"the saved docs pages are not beside the clone ({SHARED_DOCS_DIR})"
)

SPEC = Spec.load()


def _all_examples() -> list[PageExample]:
    if not SHARED_DOCS_DIR.is_dir():
        return []
    return [example for page in sorted(SHARED_DOCS_DIR.glob("*.txt")) for example in page_examples(page)]


EXAMPLES = _all_examples()


def _schema_for(example: PageExample) -> object:
    path = example.path.replace("{id}", "{id}")
    operation = SPEC.document["paths"][path][example.method.lower()]
    if example.kind == "request":
        return SPEC.resolve(operation["requestBody"])["content"]["application/json"]["schema"]
    success = next(code for code in operation["responses"] if code.startswith("2"))
    return SPEC.resolve(operation["responses"][success])["content"]["application/json"]["schema"]


def test_pages_yield_every_example() -> None:
    # 000 (update), 001 (create) and 003 (older create) have a body; 000, 001 and 002 a response.
    kinds = sorted((e.page[:3], e.kind) for e in EXAMPLES)
    assert kinds == [
        ("000", "request"),
        ("000", "response"),
        ("001", "request"),
        ("001", "response"),
        ("002", "response"),
        ("003", "request"),
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.page[:3]}-{e.kind}" for e in EXAMPLES])
def test_page_example_validates(example: PageExample) -> None:
    validator = SPEC.validator(_schema_for(example))
    errors = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(example.value)]
    assert errors == []
