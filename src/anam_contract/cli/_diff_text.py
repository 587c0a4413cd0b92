"""The text report of `anam-contract diff`: spec changes grouped by rule, then the client's API changes."""

from __future__ import annotations

from collections.abc import Iterable

from anam_contract import diff


def render_text(
    old: str,
    new: str,
    changes: list[diff.Change],
    client: list[diff.ApiChange] | None,
    client_error: str | None,
    *,
    skipped: bool,
) -> str:
    lines = [f"spec: {old} -> {new}"]
    breaking = [change for change in changes if change.breaking]
    fine = [change for change in changes if not change.breaking]
    if not changes:
        lines += ["", "no changes that affect clients"]
    if breaking:
        lines += ["", f"BREAKING ({len(breaking)})", *_by_rule(breaking)]
    if fine:
        lines += ["", f"not breaking ({len(fine)})", *_by_rule(fine)]
    lines += ["", *_client_section(client, client_error, skipped=skipped)]
    client_breaks = sum(item.breaking is True for item in client or [])
    lines += ["", verdict(changes, client_breaks)]
    return "\n".join(lines) + "\n"


WIRE = "breaks deployed clients"
SOURCE = "breaks code on upgrade"


def verdicts(change: diff.Change) -> str:
    """`[breaks deployed clients, breaks code on upgrade]`, the verdicts that hold, or ''."""
    said = [text for text, holds in ((WIRE, change.wire), (SOURCE, change.source)) if holds]
    return f"  [{', '.join(said)}]" if said else ""


def _by_rule(changes: Iterable[diff.Change]) -> list[str]:
    groups: dict[str, list[diff.Change]] = {}
    for change in changes:
        groups.setdefault(change.rule, []).append(change)
    lines: list[str] = []
    for rule_id in sorted(groups):
        lines.append(f"  {rule_id}: {diff.RULES[rule_id].why}")
        lines += [f"    {change.location}: {change.detail}{verdicts(change)}" for change in groups[rule_id]]
    return lines


def _client_section(client: list[diff.ApiChange] | None, error: str | None, *, skipped: bool) -> list[str]:
    if skipped:
        return ["generated client: not compared (--no-client)"]
    if error is not None:
        return [f"generated client: not compared: {error}"]
    if not client:
        return ["generated client: public API unchanged"]
    lines = [f"generated client: public API changes ({len(client)})"]
    width = max(len(item.kind) for item in client)
    for item in client:
        mark = "!" if item.breaking is True else " "
        text = f"  {mark} {item.change:<7} {item.kind:<{width}} {item.name}"
        if item.change == "changed":
            text += f": {item.old} -> {item.new}"
        elif item.change == "added" and item.new:
            text += f": {item.new}"
        elif item.change == "removed" and item.old:
            text += f": {item.old}"
        if item.note:
            text += f"  ({item.note})"
        lines.append(text)
    return lines


def verdict(changes: list[diff.Change], client_breaks: int) -> str:
    """The summary line: how many changes break deployed clients, how many break code on upgrade."""
    wire, source = sum(c.wire for c in changes), sum(c.source for c in changes)
    if not wire and not source and not client_breaks:
        return "result: nothing breaks deployed clients or code on upgrade"
    parts = [
        f"{count} change{'s break' if count != 1 else ' breaks'} {what}"
        for count, what in ((wire, "deployed clients"), (source, "code on upgrade"))
        if count
    ]
    if client_breaks:
        parts.append(f"{client_breaks} breaking client API change{'s' if client_breaks != 1 else ''} (marked !)")
    return "result: BREAKING: " + ", ".join(parts)
