"""The vendor's docs site watched: the manifest's pages fetched conditionally, the site's index compared.

`fetch` saves each page of `openapi/docs-pages.yaml` into a folder `anam-contract drift` reads, with
a state file (ETag, Last-Modified, SHA-256) so the next run asks only for what changed.
"""

from anam_contract.docs._fetch import FetchRun, PageResult, fetch
from anam_contract.docs._http import FetchError, Settings
from anam_contract.docs._index import IndexEntry, compare_index, parse_index
from anam_contract.docs._manifest import Manifest, ManifestError, ManifestPage, load_manifest, unmapped_operations
from anam_contract.docs._state import STATE_NAME, PageState, StateError

__all__ = [
    "STATE_NAME",
    "FetchError",
    "FetchRun",
    "IndexEntry",
    "Manifest",
    "ManifestError",
    "ManifestPage",
    "PageResult",
    "PageState",
    "Settings",
    "StateError",
    "compare_index",
    "fetch",
    "load_manifest",
    "parse_index",
    "unmapped_operations",
]
