"""The short report printed at the end of a run: what was tested, how much, what failed, coverage."""

from __future__ import annotations

from typing import Any

from anam_contract.suite._stats import Stats


def summary_lines(
    *,
    target: str,
    examples: int,
    stats: Stats,
    declared_links: list[str],
    coverage_rows: list[list[Any]],
    failed_tests: int,
) -> list[str]:
    lines = [f"target      {target}, depth {examples} examples per operation and phase"]
    if stats.cases:
        operations = sorted(stats.cases)
        lines.append(f"operations  {len(operations)}: {', '.join(operations)}")
        lines.append(f"cases       {sum(stats.cases.values())} requests checked")
        failed_checks = sum(stats.failures.values())
        lines.append(
            f"checks      {len(stats.checks)} kinds, {sum(stats.checks.values())} runs, {failed_checks} failed"
        )
        for name, count in sorted(stats.failures.items()):
            lines.append(f"            failed {count}x  {name}")
    if stats.skipped:
        lines.append(f"skipped     {sum(stats.skipped.values())} cases held back by the live-mode guard:")
        for reason, count in sorted(stats.skipped.items()):
            lines.append(f"            {count}x  {reason}")
    if stats.links:
        followed = [link for link in declared_links if stats.links.get(link)]
        inferred = sum(count for link, count in stats.links.items() if link.startswith("inferred: "))
        lines.append(
            f"links       {len(followed)}/{len(declared_links)} declared links followed"
            + (f" (plus {inferred} steps along inferred links)" if inferred else "")
        )
        for link in declared_links:
            lines.append(f"            {stats.links.get(link, 0):>4}x  {link}")
    lines.append(f"failures    {failed_tests} failed tests")
    if coverage_rows:
        complete = sum(1 for _, covered, wanted, _ in coverage_rows if covered == wanted)
        lines.append(
            f"enum/null   {complete}/{len(coverage_rows)} fields saw every enum value (and null where allowed)"
        )
        lines.extend("            " + line for line in coverage_table(coverage_rows).splitlines())
    return lines


def coverage_table(rows: list[list[Any]]) -> str:
    width = max((len(row[0]) for row in rows), default=5)
    lines = [f"{'field':<{width}}  covered  missing"]
    for label, covered, wanted, lacking in sorted(rows):
        lines.append(f"{label:<{width}}  {covered:>3}/{wanted:<3}  {', '.join(lacking) or '-'}")
    return "\n".join(lines)
