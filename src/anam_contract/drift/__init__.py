"""Saved docs pages compared with the spec: what the vendor's pages say that the spec does not, and back.

Reads the rendered page text, condensed pages that lost their field names, and the docs site's
markdown export (an OpenAPI block in a ```yaml fence). Each difference is a finding of a registered
rule (`RULES`); the allow file turns the differences the maintainers accept into accepted findings.
"""

from anam_contract.drift._allow import AllowEntry, AllowError, load_allow
from anam_contract.drift._check import PageSummary, Report, check, check_pages
from anam_contract.drift._model import Page, PageError
from anam_contract.drift._read import read_page
from anam_contract.drift._registry import RULES, Finding, Rule
from anam_contract.drift._report import render_json, render_text

__all__ = [
    "RULES",
    "AllowEntry",
    "AllowError",
    "Finding",
    "Page",
    "PageError",
    "PageSummary",
    "Report",
    "Rule",
    "check",
    "check_pages",
    "load_allow",
    "read_page",
    "render_json",
    "render_text",
]
