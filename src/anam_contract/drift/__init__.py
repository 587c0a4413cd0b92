"""Saved docs pages compared with the spec: what the vendor's pages say that the spec does not, and back.

Reads the rendered page text, condensed pages that lost their field names, and the docs site's
markdown export (an OpenAPI block in a ```yaml fence). Each difference is a finding of a registered
rule (`RULES`); the allow file turns the differences the maintainers accept into accepted findings. `propose` turns
the remaining drift into spec edits (registered per rule in `PROPOSERS`) or "needs a decision".
"""

import importlib
from typing import TYPE_CHECKING, Any

from anam_contract.drift._allow import AllowEntry, AllowError, load_allow
from anam_contract.drift._check import PageSummary, Report, check, check_pages
from anam_contract.drift._model import Page, PageError
from anam_contract.drift._read import read_page
from anam_contract.drift._registry import RULES, Finding, Rule
from anam_contract.drift._report import render_json, render_text

if TYPE_CHECKING:
    from anam_contract.drift._propose import Proposal, propose, render_proposal
    from anam_contract.drift._propose_registry import PROPOSERS, Edit
    from anam_contract.drift._propose_yaml import ProposalError

# `--propose` needs ruamel.yaml, a noticeable part of every `anam-contract` start: loaded on first use.
_LAZY = {
    "PROPOSERS": "_propose_registry",
    "Edit": "_propose_registry",
    "Proposal": "_propose",
    "ProposalError": "_propose_yaml",
    "propose": "_propose",
    "render_proposal": "_propose",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
    if name == "PROPOSERS":
        importlib.import_module(f"{__name__}._propose")  # registers the proposers
    return getattr(module, name)


__all__ = [
    "PROPOSERS",
    "RULES",
    "AllowEntry",
    "AllowError",
    "Edit",
    "Finding",
    "Page",
    "PageError",
    "PageSummary",
    "Proposal",
    "ProposalError",
    "Report",
    "Rule",
    "check",
    "check_pages",
    "load_allow",
    "propose",
    "read_page",
    "render_json",
    "render_proposal",
    "render_text",
]
