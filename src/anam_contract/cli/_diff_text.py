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
        lines += ["", "no changes that affect the generated client"]
    if breaking:
        lines += ["", f"BREAKING for users of the generated client ({len(breaking)})", *_by_rule(breaking)]
    if fine:
        lines += ["", f"not breaking ({len(fine)})", *_by_rule(fine)]
    lines += ["", *_client_section(client, client_error, skipped=skipped)]
    client_breaks = sum(item.breaking is True for item in client or [])
    lines += ["", _verdict(len(breaking), client_breaks)]
    return "\n".join(lines) + "\n"


def _by_rule(changes: Iterable[diff.Change]) -> list[str]:
    groups: dict[str, list[diff.Change]] = {}
    for change in changes:
        groups.setdefault(change.rule, []).append(change)
    lines: list[str] = []
    for rule_id in sorted(groups):
        lines.append(f"  {rule_id}: {diff.RULES[rule_id].why}")
        lines += [f"    {change.location}: {change.detail}" for change in groups[rule_id]]
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


def _verdict(spec_breaks: int, client_breaks: int) -> str:
    if not spec_breaks and not client_breaks:
        return "result: nothing breaks for users of the generated client"
    parts = []
    if spec_breaks:
        parts.append(f"{spec_breaks} breaking spec change{'s' if spec_breaks != 1 else ''}")
    if client_breaks:
        parts.append(f"{client_breaks} breaking client API change{'s' if client_breaks != 1 else ''} (marked !)")
    return "result: BREAKING: " + ", ".join(parts)
