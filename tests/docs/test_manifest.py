"""The manifest: the repository's covers every operation of the spec; a broken one says which entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.cli._docs import MANIFEST_PATH
from anam_contract.docs import ManifestError, load_manifest, unmapped_operations
from anam_contract.spec import Spec


def test_the_projects_manifest_has_a_page_for_every_operation_of_the_spec() -> None:
    manifest = load_manifest(MANIFEST_PATH)
    operations = [str(op["operationId"]) for _, _, op in Spec.load().operations()]
    assert unmapped_operations(manifest, operations) == ([], [])
    assert all(page.file_name.endswith(".md") for page in manifest.pages)
    assert manifest.index is not None and manifest.index.endswith("/llms.txt")


def test_unmapped_operations_names_both_sides(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("pages:\n  - operation: getPersona\n    url: https://docs.test/get.md\n")
    assert unmapped_operations(load_manifest(path), ["listPersonas", "getPersona"]) == (["listPersonas"], [])
    assert unmapped_operations(load_manifest(path), ["listPersonas"]) == (["listPersonas"], ["getPersona"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pages: []\n", "expected a mapping with a non-empty `pages` list"),
        ("pages:\n  - url: https://docs.test/a.md\n", "page 1: expected `operation` (an operationId) and `url`"),
        ("pages:\n  - operation: a\n    url: ftp://docs.test/a.md\n", "page 1: expected an http(s) URL, got 'ftp:"),
        (
            "pages:\n  - {operation: a, url: 'https://d.test/x/a.md'}\n  - {operation: b, url: 'https://d.test/y/a.md'}\n",
            "page 2: https://d.test/y/a.md gives no file name, or the same one as another page",
        ),
        (
            "index: https://d.test/llms.txt\npages:\n  - {operation: a, url: 'https://d.test/a.md'}\n",
            "`index` and `section` go together",
        ),
        ("pages: [\n", "not valid YAML"),
    ],
)
def test_a_broken_manifest_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text)
    with pytest.raises(ManifestError) as raised:
        load_manifest(path)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_missing_manifest_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"^manifest .*nope.yaml: no such file$"):
        load_manifest(tmp_path / "nope.yaml")
