"""The site's index: markdown links read, relative ones resolved, a page and its .md export are one page."""

from __future__ import annotations

from pathlib import Path

from anam_contract.docs import IndexEntry, Manifest, ManifestPage, compare_index, parse_index

TEXT = """\
# Anam

## API reference
- [Create persona](https://anam.ai/docs/api-reference/personas/create-persona.md): Create a new persona
- [Clone persona](/docs/api-reference/personas/clone-persona): Copy an existing persona
- [Start session](https://anam.ai/docs/api-reference/sessions/start.md): Start a session
Plain prose with no link.
"""


def test_links_are_read_with_their_summary_and_relative_ones_resolved() -> None:
    assert parse_index(TEXT, "https://anam.ai/docs/llms.txt") == [
        IndexEntry(
            "Create persona", "https://anam.ai/docs/api-reference/personas/create-persona.md", "Create a new persona"
        ),
        IndexEntry(
            "Clone persona", "https://anam.ai/docs/api-reference/personas/clone-persona", "Copy an existing persona"
        ),
        IndexEntry("Start session", "https://anam.ai/docs/api-reference/sessions/start.md", "Start a session"),
    ]


def test_only_the_section_counts_and_a_page_matches_its_markdown_export() -> None:
    manifest = Manifest(
        Path("m.yaml"),
        "https://anam.ai/docs/llms.txt",
        "https://anam.ai/docs/api-reference/personas/",
        (
            ManifestPage("createPersona", "https://anam.ai/docs/api-reference/personas/create-persona.md"),
            ManifestPage("deletePersona", "https://anam.ai/docs/api-reference/personas/delete-persona.md"),
        ),
    )
    new, gone = compare_index(manifest, parse_index(TEXT, "https://anam.ai/docs/llms.txt"))
    assert [entry.title for entry in new] == ["Clone persona"]
    assert [page.operation for page in gone] == ["deletePersona"]
