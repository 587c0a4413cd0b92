"""`drift --propose`: turn a drift report into spec edits, and list what needs a maintainer's decision."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from anam_contract.drift._check import Report
from anam_contract.drift._model import Page
from anam_contract.drift._propose_registry import PROPOSERS, Edit, Where
from anam_contract.drift._propose_rules import show as show_path
from anam_contract.drift._propose_yaml import ProposalError, dump, load_round_trip
from anam_contract.drift._read import read_page
from anam_contract.drift._registry import Finding
from anam_contract.inputs import InputError, read_text
from anam_contract.spec import Spec


@dataclass(frozen=True)
class Proposal:
    spec: Path
    before: str
    after: str
    edits: tuple[tuple[Finding, Edit], ...]
    decisions: tuple[tuple[Finding, str], ...]  # each finding with why it has no one edit
    # Drift the edited spec has and the original did not: another page disagrees with an edit.
    new_drift: tuple[Finding, ...] = ()

    def diff(self, name: str) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
        return "".join(lines)

    @property
    def exit_code(self) -> int:
        """0 when every drift finding has an edit, 1 when some need a decision."""
        return 1 if self.decisions or self.new_drift else 0


def propose(report: Report, spec: Spec, recheck: Callable[[Spec], Report] | None = None) -> Proposal:
    """The edits for every drift finding of `report`, applied to a round-trip copy of the spec file.

    `recheck` runs the same drift check on the edited spec: a page the edits now disagree with (the
    older create page that lacks the enum value a newer page added) is reported, not hidden.
    """
    if spec.path is None:
        raise ProposalError("the spec has no file to edit")
    try:
        before = read_text(spec.path, "spec")
    except InputError as error:
        raise ProposalError(str(error)) from None
    document = load_round_trip(before, str(spec.path))
    pages: dict[Path, Page] = {}
    chosen: list[tuple[Finding, Edit]] = []
    decisions: list[tuple[Finding, str]] = []
    for finding in (f for f in report.findings if f.status == "drift"):
        proposer = PROPOSERS.get(finding.rule)
        if proposer is None:
            decisions.append((finding, _no_proposer(finding)))
            continue
        page = pages.get(finding.page) or pages.setdefault(finding.page, read_page(finding.page))
        try:
            outcome = proposer(Where(finding, page, spec, document))
        except (KeyError, IndexError, TypeError, AttributeError):
            # A spec laid out in a way the proposer does not walk (a `$ref`d path item, a list where a
            # mapping was expected): listed for a person, never a traceback or a guessed edit.
            outcome = "the spec is laid out here in a way --propose does not edit"
        if isinstance(outcome, str):
            decisions.append((finding, outcome))
        else:
            chosen.append((finding, outcome))
    chosen, disagreed = _agreeing(chosen)
    decisions.extend(disagreed)
    for _, edit in _unique(chosen):
        edit.apply(document)
    after = dump(document)
    new_drift: tuple[Finding, ...] = ()
    if recheck is not None and after != before:
        edited = Spec(yaml.safe_load(after), spec.path)
        known = {_identity(f) for f in report.findings if f.status == "drift"}
        new_drift = tuple(f for f in recheck(edited).findings if f.status == "drift" and _identity(f) not in known)
    return Proposal(spec.path, before, after, tuple(chosen), tuple(decisions), new_drift)


def _identity(finding: Finding) -> tuple[object, ...]:
    return (finding.rule, finding.page, finding.location, finding.field, str(finding.value))


def _no_proposer(finding: Finding) -> str:
    said = f"; the page says {finding.page_says}" if finding.page_says else ""
    return f"no single edit follows from a {finding.rule} finding{said}"


def _agreeing(chosen: list[tuple[Finding, Edit]]) -> tuple[list[tuple[Finding, Edit]], list[tuple[Finding, str]]]:
    """Pages that want one aspect of one node two ways (a format uuid here, none there) need a decision."""
    wanted: dict[tuple[object, str], set[str]] = {}
    for _, edit in chosen:
        wanted.setdefault((edit.path, edit.aspect), set()).add(edit.wanted)
    kept = [(f, e) for f, e in chosen if len(wanted[(e.path, e.aspect)]) == 1]
    clashes = [
        (
            f,
            f"pages disagree on {e.aspect} of {show_path(e.path)}: {' / '.join(sorted(wanted[(e.path, e.aspect)]))}",
        )
        for f, e in chosen
        if len(wanted[(e.path, e.aspect)]) > 1
    ]
    return kept, clashes


def _unique(chosen: list[tuple[Finding, Edit]]) -> list[tuple[Finding, Edit]]:
    """One edit per node and aspect: the create and update pages both adding `cara-5` add it once."""
    seen: set[tuple[object, str]] = set()
    found = []
    for finding, edit in chosen:
        if (edit.path, edit.aspect) not in seen:
            seen.add((edit.path, edit.aspect))
            found.append((finding, edit))
    return found


def render_proposal(proposal: Proposal, show: Callable[[Path], str]) -> str:
    """The edits, the findings that need a decision (with what the page says), then the unified diff."""
    lines = [f"proposed edits to {show(proposal.spec)}: {len(proposal.edits)}"]
    for finding, edit in proposal.edits:
        lines.append(f"  {finding.rule:<22} {show(finding.page)}:{finding.line}  {finding.message}")
        lines.append(f"  {'':<22} -> {edit.summary}")
    lines.append(f"needs a decision: {len(proposal.decisions)}")
    for finding, why in proposal.decisions:
        lines.append(f"  {finding.rule:<22} {show(finding.page)}:{finding.line}  {finding.message}")
        lines.append(f"  {'':<22} why: {why}")
    if proposal.new_drift:
        lines.append(f"drift the edits would cause on other pages: {len(proposal.new_drift)} (decide before --write)")
        lines.extend(f"  {f.rule:<22} {show(f.page)}:{f.line}  {f.message}" for f in proposal.new_drift)
    diff = proposal.diff(show(proposal.spec))
    lines.append("")
    text = "\n".join(lines) + "\n"
    return text + (diff if diff else "(no change to the spec)\n")
