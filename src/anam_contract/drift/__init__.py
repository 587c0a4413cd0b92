"""Saved docs pages compared with the spec: what the vendor's pages say that the spec does not, and back.

Reads the rendered page text, condensed pages that lost their field names, and the docs site's
markdown export (an OpenAPI block in a ```yaml fence). Each difference is a finding of a registered
rule (`RULES`); the allow file turns the differences the maintainers accept into accepted findings. `propose` turns
the remaining drift into spec edits (registered per rule in `PROPOSERS`) or "needs a decision".
"""

from anam_contract.drift._allow import AllowEntry, AllowError, load_allow
from anam_contract.drift._check import PageSummary, Report, check, check_pages
from anam_contract.drift._model import Page, PageError
from anam_contract.drift._propose import Proposal, propose, render_proposal
from anam_contract.drift._propose_registry import PROPOSERS, Edit
from anam_contract.drift._propose_yaml import ProposalError
from anam_contract.drift._read import read_page
from anam_contract.drift._registry import RULES, Finding, Rule
from anam_contract.drift._report import render_json, render_text

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
