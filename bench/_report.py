"""bench/results.md and bench/results.json from one results dict (the JSON is that dict as is).

Rendering is pure (results in, text out) so tests can check it without running anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._make_test import section as make_test_section

DASH = "\u2013"  # an en dash between min and max reads as a range, a hyphen as a minus
TIMES = "\u00d7"
_SERVER_ORDER = ("ours_quiet", "ours_logging", "prism_default", "prism_silent")


def figure(summary: dict[str, Any] | None, fmt: Callable[[float], str]) -> str:
    """`median (min to max)`; a dash when the figure was not measured."""
    if not summary:
        return DASH
    return f"{fmt(summary['median'])} ({fmt(summary['min'])}{DASH}{fmt(summary['max'])})"


def _int(value: float) -> str:
    return f"{value:,.0f}"


def _ms(value: float) -> str:
    return f"{value:.2f}"


def _ms_unit(value: float) -> str:
    return f"{value:.2f} ms"


def _ratio(value: float) -> str:
    return f"{value:.2f}{TIMES}"


def _percent(value: float) -> str:
    return f"{value:.1%}"


def _seconds(value: float) -> str:
    return f"{value:.2f}"


def _us(value: float) -> str:
    return f"{value:.1f}"


def _not_done(results: dict[str, Any], section: str) -> str:
    return f"NOT DONE: {results.get('not_done', {}).get(section, 'not run')}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _machine(results: dict[str, Any]) -> list[str]:
    m = results["machine"]
    rows = [
        ["CPU", str(m.get("cpu_model"))],
        ["cores", f"{m.get('cores')} ({m.get('cores_usable')} usable by this process)"],
        ["memory", f"{m.get('memory_gib')} GiB"],
        ["OS", f"{m.get('os')}, kernel {m.get('kernel')}"],
        ["Python", f"{m.get('python')} ({m.get('python_implementation')})"],
        ["Node", str(m.get("node"))],
        ["load average at start (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in m.get("load_average_at_start", []))],
        ["load average at end (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in m.get("load_average_at_end", []))],
        ["started", str(m.get("started_at"))],
    ]
    return ["## Machine", "", *_table(["", ""], rows)]


def _versions(results: dict[str, Any]) -> list[str]:
    v = results["versions"]
    rows = [[name, str(version)] for name, version in v.get("tools", {}).items()]
    rows += [[name, version] for name, version in v.get("python", {}).items()]
    return ["## Versions", "", *_table(["tool", "version"], rows)]


def _targets(results: dict[str, Any]) -> list[str]:
    rows = []
    for t in results.get("targets", []):
        fmt = {"x": _ratio, "ms": _ms_unit, "share": _percent}[t["unit"]]
        verdict = {True: "**met**", False: "**missed**", None: "not measured"}[t["met"]]
        rows.append([t["target"], figure(t["measured"], fmt), verdict])
    intro = f"Medians over the runs, (min{DASH}max) after them."
    return ["## Targets", "", intro, "", *_table(["target", "measured", "verdict"], rows)]


def _http(results: dict[str, Any]) -> list[str]:
    http = results.get("http")
    if not http:
        return ["## 1. Mock server vs Prism", "", _not_done(results, "http"), ""]
    plan = http["plan"]
    labels = {s["key"]: s["label"] for s in http["servers"]}
    logging = {s["key"]: s["per_request_logging"] for s in http["servers"]}
    lines = [
        "## 1. Mock server vs Prism",
        "",
        f"Load generator: **{http['load_generator']}**, the same for every server, one connection per unit of "
        f"concurrency. {plan['rounds']} rounds; in each round every server is started fresh on 127.0.0.1, warmed up "
        f"for {plan['warmup_seconds']:g} s per operation, then every scenario runs {plan['seconds_per_run']:g} s per "
        "server, the servers taking turns (ours, Prism, ours, Prism) and the order reversed every other round, "
        "so drift in the shared machine's load falls on both sides alike. Ratios pair the runs of one round.",
        "",
        "Per-request logging of each server: "
        + "; ".join(f"{labels[k]}: {logging[k]}" for k in _SERVER_ORDER if k in labels)
        + ". Logs go to files under bench/.work/logs.",
        "",
    ]
    for operation in ("GET", "POST"):
        what = "GET one persona" if operation == "GET" else "POST a persona (the spec's create example)"
        rows = []
        for concurrency in plan["concurrencies"]:
            for key in _SERVER_ORDER:
                row = next(
                    (
                        r
                        for r in http["results"]
                        if r["server"] == key and r["operation"] == operation and r["concurrency"] == concurrency
                    ),
                    None,
                )
                if row is None:
                    continue
                errors = f"{row['errors']}" + (f", {row['capped_runs']} capped" if row["capped_runs"] else "")
                rows.append(
                    [
                        str(concurrency),
                        labels[key],
                        figure(row["rps"], _int),
                        figure(row["p50_ms"], _ms),
                        figure(row["p99_ms"], _ms),
                        errors,
                    ]
                )
        lines += [f"### {what}", ""]
        lines += _table(["concurrency", "server", "requests/s", "p50 ms", "p99 ms", "errors"], rows)
    rows = [
        [
            f"{labels[r['ours']]} / {labels[r['prism']]}",
            r["operation"],
            str(r["concurrency"]),
            figure(r["rps_ratio"], _ratio),
        ]
        for r in http["ratios"]
    ]
    lines += ["### Ratio of requests per second, ours / Prism", ""]
    lines += _table(["pair", "operation", "concurrency", "ratio"], rows)
    return lines


def _suite(results: dict[str, Any]) -> list[str]:
    suite = results.get("suite")
    if not suite:
        return ["## 2. The contract suite", "", _not_done(results, "suite"), ""]
    names = {
        "mock_in_process": "against the mock, in-process",
        "minimal_in_process": "against a minimal app (one fixed persona), in-process",
        "mock_over_http": "against `anam-contract mock --quiet` over HTTP",
        "st_run_over_http": "bare `st run` (no suite) against the same mock over HTTP",
    }
    rows = []
    for key, label in names.items():
        s = suite["setups"].get(key)
        if s is None:
            continue
        rows.append(
            [
                label,
                figure(s["seconds"], _seconds),
                figure(s["cases"], _int),
                figure(s["cases_per_second"], _ms),
                ", ".join(str(x) for x in s["failed_checks"]),
                ", ".join(str(x) for x in s["skipped_cases"]),
            ]
        )
    share = suite.get("mock_share", {})
    minimal = suite["setups"].get("minimal_in_process")
    lines = [
        "## 2. The contract suite",
        "",
        f"`pytest {suite['target']}` in one process (as a user runs it), depth {suite['examples']} examples per "
        "operation and phase, the set-ups taken in turns every round. Wall time includes start-up and "
        "collection; cases are the requests the suite checked (its own summary). Over HTTP the suite runs "
        "in its live mode (CONTRACT_LIVE=1, ANAM_API_KEY and ANAM_BASE_URL aimed at the local mock), whose guard "
        "holds back requests on personas the run did not create: those are the skipped cases.",
        "",
        *_table(["set-up", "seconds", "cases", "cases/s", "failed checks per run", "skipped per run"], rows),
        "The mock's share, measured inside the same runs (the in-process mock is wrapped to time its own "
        "HTTP calls, bench/_timed_app.py):",
        "",
        *_table(
            ["", "value"],
            [
                ["seconds inside the mock per run", figure(share.get("seconds_inside_mock"), _seconds)],
                ["share of the suite's wall time", figure(share.get("share_of_suite_time"), _percent)],
                ["added to the suite's own time", figure(share.get("adds_to_suite_time"), _percent)],
            ],
        ),
    ]
    if minimal is not None:
        lines += [
            "Against the minimal app the suite does not run the same cases: that app ignores the API's rules "
            "(a deleted persona still reads back, invalid bodies are accepted), so checks fail and hypothesis "
            "stops each test at its first failure (after shrinking it). Whole-run times of the two are "
            "therefore not comparable, and the mock's share above is the time measured inside the mock "
            "during the full run.",
            "",
        ]
    return lines


def _client(results: dict[str, Any]) -> list[str]:
    client = results.get("client")
    if not client:
        return ["## 3. The client's models", "", _not_done(results, "client"), ""]
    rows = [[r["operation"], r["what"], figure(r["us_per_call"], _us)] for r in client]
    return [
        "## 3. The client's models",
        "",
        "The spec's `PersonaExample` (#/components/examples/PersonaExample), microseconds per call (`timeit`). "
        "The pydantic v2 model has the same shape as the generated attrs model (UUIDs, date-times and enums "
        "parsed, unknown properties kept) and exists only in bench/_pydantic_persona.py. Every path is checked "
        "to give the document back before it is timed.",
        "",
        *_table(["operation", "conversion", "µs per call"], rows),
    ]


def _regen(results: dict[str, Any]) -> list[str]:
    regen = results.get("regen")
    if not regen:
        return ["## 4. Regeneration", "", _not_done(results, "regen"), ""]
    rows = [[name, figure(r["seconds"], _seconds), "yes" if r["tree_unchanged"] else "NO"] for name, r in regen.items()]
    return [
        "## 4. Regeneration",
        "",
        "Wall time of the make targets, run as a user runs them. After the runs, generated/ has the same "
        "bytes as before and `make check-generated` passes.",
        "",
        *_table(["command", "seconds", "tree unchanged"], rows),
    ]


def _profile_rows(profile: dict[str, Any], key: str) -> list[list[str]]:
    return [[row["where"], _percent(row["share"])] for row in profile.get(key, [])]


def _profiles(results: dict[str, Any]) -> list[str]:
    profiles = results.get("profiles") or {}
    if not profiles:
        return []
    lines = [
        "## Profiles",
        "",
        "py-spy samples (250 per second, idle samples dropped), shares of all busy samples of the process.",
        "",
    ]
    server = profiles.get("server")
    if server:
        load = server.get("load", {})
        lines += [
            f"### The mock as a server, GET at concurrency {load.get('concurrency')} "
            f"({server['samples']} samples, {load.get('rps_while_sampled')} requests/s while sampled)",
            "",
            f"Code of `src/anam_contract/mock/` on the stack: {_percent(server['focus_share'])} of the samples.",
            "",
            "Self time by library:",
            "",
            *_table(["library", "share"], _profile_rows(server, "self_by_package")),
            "Hottest lines (self time):",
            "",
            *_table(["where", "share"], _profile_rows(server, "top_leaf")),
            "Mock functions, inclusive:",
            "",
            *_table(["where", "share"], _profile_rows(server, "focus_inclusive")),
        ]
    suite = profiles.get("suite")
    if suite:
        lines += [
            f"### The contract suite in-process ({suite['samples']} samples)",
            "",
            f"Code of `src/anam_contract/mock/` on the stack: {_percent(suite['focus_share'])} of the samples.",
            "",
            "Self time by library:",
            "",
            *_table(["library", "share"], _profile_rows(suite, "self_by_package")),
            "Hottest lines (self time):",
            "",
            *_table(["where", "share"], _profile_rows(suite, "top_leaf")),
            "Mock functions, inclusive:",
            "",
            *_table(["where", "share"], _profile_rows(suite, "focus_inclusive")),
        ]
    return lines


def _findings(results: dict[str, Any]) -> list[str]:
    """One paragraph per missed target, from the profile taken because of it."""
    profiles = results.get("profiles") or {}
    lines: list[str] = []
    for target in results.get("targets", []):
        if target["met"] is not False:
            continue
        profile = profiles.get("suite" if target["key"] == "suite_mock_share" else "server")
        if not profile:
            lines += [f"- Missed: {target['target']}. No profile was taken ({profiles.get('error', 'not run')}).", ""]
            continue
        library = profile["self_by_package"][0] if profile.get("self_by_package") else None
        line = profile["top_leaf"][0] if profile.get("top_leaf") else None
        mine = profile["focus_inclusive"][0] if profile.get("focus_inclusive") else None
        parts = [
            f"- Missed: {target['target']}. In the profile, code of src/anam_contract/mock/ is on the stack in "
            f"{_percent(profile['focus_share'])} of the busy samples"
        ]
        if mine:
            parts.append(
                f"the mock function with the largest inclusive share is `{mine['where']}` ({_percent(mine['share'])})"
            )
        if library:
            parts.append(f"the library with the most self time is {library['where']} ({_percent(library['share'])})")
        if line:
            parts.append(f"the hottest line is `{line['where']}` ({_percent(line['share'])})")
        lines += ["; ".join(parts) + ".", ""]
    return ["## What the profiles show", "", *lines] if lines else []


def render_markdown(results: dict[str, Any]) -> str:
    quick = " (QUICK smoke run: too short to quote)" if results.get("quick") else ""
    lines = [
        f"# Benchmarks{quick}",
        "",
        f"Written by `make bench` on {results['machine'].get('started_at')} in "
        f"{results.get('duration_seconds', 0) / 60:.1f} minutes. Every figure is the median over the runs, "
        "with the smallest and largest run in brackets; results.json next to this file keeps every run.",
        "",
    ]
    for note in results.get("notes", []):
        lines += [note, ""]
    for part in (_targets, _findings, _machine, _versions, _http, _suite, _client, _regen, _profiles):
        lines += part(results)
    return "\n".join(lines).rstrip() + "\n"


MUTATION_HEADING = "## 5. Mutation testing (`make mutation`)"


def mutation_section(summary: Path, previous: Path) -> list[str]:
    """The mutation section: `make bench` does not run `make mutation` (hours), so it carries the
    newest measurement over: the summary of the last `make mutation` when there is one, else the
    section of the results.md it replaces, else a line saying how to measure."""
    if summary.is_file():
        text = summary.read_text(encoding="utf-8").strip().splitlines()
        body = text[1:] if text and text[0].startswith("# ") else text
        where = "Copied by `make bench` from `reports/mutation/summary.md`, the last `make mutation` run."
        return [MUTATION_HEADING, "", where, "", *_demoted(body)]
    if previous.is_file():
        old = previous.read_text(encoding="utf-8").splitlines()
        if MUTATION_HEADING in old:
            start = old.index(MUTATION_HEADING)
            end = next((i for i in range(start + 1, len(old)) if old[i].startswith("## ")), len(old))
            return old[start:end]
    return [MUTATION_HEADING, "", "Not measured yet: run `make mutation` (see README).", ""]


def _demoted(lines: list[str]) -> list[str]:
    """Headings of the copied summary one level down, under the section's own."""
    return ["#" + line if line.startswith("## ") else line for line in lines]


def write(results: dict[str, Any], markdown_path: Path, json_path: Path, mutation_summary: Path) -> None:
    """Write both files; the mutation section is carried over (see `mutation_section`)."""
    section = mutation_section(mutation_summary, markdown_path)
    # Section 6 comes from `make bench-make-test` (a fresh clone's `make test`, minutes per scenario).
    timed = markdown_path.parent / "make-test.json"
    section += make_test_section(json.loads(timed.read_text(encoding="utf-8")) if timed.is_file() else {})
    text = render_markdown(results).rstrip() + "\n\n" + "\n".join(section).rstrip() + "\n"
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(text, encoding="utf-8")
    json_path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
