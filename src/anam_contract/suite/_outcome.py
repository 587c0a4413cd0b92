"""What one pytest test of the suite comes to, from the recorder: the differences it found, or
the reason it sent nothing (then it is skipped, never passed)."""

from __future__ import annotations

from anam_contract.suite._recording import Entry, Recorder, consolidated

# A failing test lists this many differences; the report files list them all.
_LISTED = 30


def describe(entry: Entry, recorder: Recorder, of: int | None = None) -> str:
    """`getPersona GET /v1/personas/{id} 200  /avatar  spec: type "object"; server sent null  (37 of 120)`."""
    label = recorder.labels.get(entry.operation_id, "")
    head = " ".join(part for part in (entry.operation_id, label, entry.status) if part)
    if entry.kind == "status":
        what = f"{entry.got}, the spec documents {entry.expected}"
    else:
        what = f"spec: {entry.expected}; server sent {entry.got}"
    seen = recorder.of(entry.operation_id) if of is None else of
    counted = f"({entry.count} of {seen})" if seen else f"({entry.count}x)"
    return f"{head}  {entry.pointer or '(whole response)'}  [{entry.kind}] {what}  {counted}"


def failure_message(recorder: Recorder) -> str | None:
    """The failure message of a test that recorded differences (None: it found none)."""
    entries = sorted(consolidated(recorder.test_differences).values(), key=lambda entry: entry.key)
    if not entries:
        return None
    lines = [f"{len(entries)} distinct differences from the spec ({recorder.test.failed} responses showed some):"]
    for entry in entries[:_LISTED]:
        lines.append(
            "  " + describe(entry, recorder, recorder.test.sent) + f"  checks: {', '.join(sorted(entry.checks))}"
        )
        if entry.reproduction:
            lines.append("      " + entry.reproduction)
    if len(entries) > _LISTED:
        lines.append(f"  ... and {len(entries) - _LISTED} more in reports/contract-report.md")
    return "\n".join(lines)


def nothing_sent(recorder: Recorder) -> str | None:
    """Why a test that generated cases sent none of them (None: it sent some, or generated none)."""
    counts = recorder.test
    if not counts.generated or counts.sent:
        return None
    reasons = "; ".join(f"{count}x {reason}" for reason, count in counts.held.most_common()) or "none answered"
    return f"no request was sent: all {counts.generated} cases were held back ({reasons})"
