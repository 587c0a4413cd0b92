"""One kind of drift per case: a clean page of each shape, edited once, must give exactly the expected findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from anam_contract.drift import RULES, Report, load_allow
from anam_contract.paths import DRIFT_ALLOW_PATH
from tests.drift._support import Key, keys, page, run

RESPONSE_NAME = "name\nstring\nrequired\n\nIts name."

RENDERED_CASES: dict[str, tuple[list[tuple[str, str]], list[Key]]] = {
    "new request field": (
        [("listening\nobject\n", "pitch\nnumber\n\nHow high it sounds.\n\nlistening\nobject\n")],
        [("field_missing_in_spec", "request", "pitch", None)],
    ),
    # Expanded child attributes name their parent, on the same line or the line before.
    "expanded children": (
        [
            (
                "listening\nobject\n\nHow it listens.\n",
                "listening\nobject\n\nHow it listens.\n\nlistening.sensitivity\nnumber\n\nHow keen.\n\n"
                "Required range: 0 <= x <= 1\n\nlistening.\npatienceSeconds\nnumber\n\nHow patient.\n",
            )
        ],
        [("type_mismatch", "request", "listening.patienceSeconds", None)],
    ),
    "removed request field": (
        [("voiceId\nstring\n\nThe voice it speaks with.\n\n", "")],
        [("field_missing_on_page", "request", "voiceId", None)],
    ),
    "changed type line": (
        [("speed\nnumber\n", "speed\ninteger\n")],
        [("type_mismatch", "request", "speed", None)],
    ),
    "null added": (
        [(RESPONSE_NAME, "name\nstring | null\nrequired\n\nIts name.")],
        [("nullability_mismatch", "response", "name", None)],
    ),
    "new enum option": (
        [("m-1,\nm-2\nExample:", "m-1,\nm-2,\nm-3\nExample:")],
        [("enum_value_added", "request", "model", "m-3")],
    ),
    "options on one line, in backticks": (
        [("Available options:\nm-1,\nm-2\nExample:", "Available options: `m-1`, `m-2`, `m-3`\nExample:")],
        [("enum_value_added", "request", "model", "m-3")],
    ),
    "options one per line without commas": (
        [("m-1,\nm-2\nExample:", "m-1\nm-2\nm-3\nExample:")],
        [("enum_value_added", "request", "model", "m-3")],
    ),
    "options one per line without commas, last field of the section": (
        [('m-1,\nm-2\nExample:\n\n"m-2"\n', "m-2\nm-3\n")],
        [("enum_value_added", "request", "model", "m-3"), ("enum_value_removed", "request", "model", "m-1")],
    ),
    "enum option dropped": (
        [("m-1,\nm-2\nExample:", "m-2\nExample:")],
        [("enum_value_removed", "request", "model", "m-1")],
    ),
    # `Examples:` may show several values: each one is checked.
    "second of several examples no longer validates": (
        [('Example:\n\n"m-2"\n', 'Examples:\n\n"m-2"\n\n"m-9"\n')],
        [("example_invalid", "request", "model", "/model")],
    ),
    "example on the same line no longer validates": (
        [('Example:\n\n"m-2"\n', 'Example: "m-9"\n')],
        [("example_invalid", "request", "model", "/model")],
    ),
    # The unknown key of an object example is a field the spec lacks; it is not reported twice.
    "new key in a field's example": (
        [("How it listens.\n", 'How it listens.\n\nExample:\n\n{"sensitivity": 0.2, "echo": true}\n')],
        [("field_missing_in_spec", "request", "listening.echo", None)],
    ),
    "changed range": (
        [("Required range: 0.5 <= x <= 2", "Required range: 0.5 <= x <= 3")],
        [("constraint_mismatch", "request", "speed", None)],
    ),
    "range dropped": (
        [("Required range: 0.5 <= x <= 2\n", "")],
        [("constraint_mismatch", "request", "speed", None)],
    ),
    "changed default": (
        [("default:1\n", "default:1.5\n")],
        [("default_mismatch", "request", "speed", None)],
    ),
    "format dropped": (
        [("id\nstring<uuid>\n", "id\nstring\n")],
        [("format_mismatch", "response", "id", None)],
    ),
    "format of array items": (
        [("tags\nstring[]\n\nLabels for grouping.", "tags\nstring<uuid>[]\n\nLabels for grouping.")],
        [("format_mismatch", "request", "tags", None)],
    ),
    "required marker dropped": (
        [("name\nstring\nrequired\n\nWhat people call", "name\nstring\n\nWhat people call")],
        [("required_mismatch", "request", "name", None)],
    ),
    "required marker added": (
        [("voiceId\nstring\n", "voiceId\nstring\nrequired\n")],
        [("required_mismatch", "request", "voiceId", None)],
    ),
    "curl body no longer validates": (
        [('"sensitivity": 0.4', '"sensitivity": 1.4')],
        [("example_invalid", "request", None, "/listening/sensitivity")],
    ),
    "example response no longer validates": (
        [('"note": null', '"note": 5')],
        [("example_invalid", "response", None, "/note")],
    ),
    "field example no longer validates": (
        [("Example:\n\n1\n", 'Example:\n\n"fast"\n')],
        [("example_invalid", "request", "speed", "/speed")],
    ),
    "new response field, listed and in the example": (
        [
            ('"tags": [],', '"tags": [],\n  "mood": "calm",'),
            ("createdAt\nstring<date-time>", "mood\nstring\n\nHow it feels.\n\ncreatedAt\nstring<date-time>"),
        ],
        [("field_missing_in_spec", "response", "mood", None)],
    ),
    "new key in the example response only": (
        [('"label": "team"', '"label": "team",\n    "seats": 3')],
        [("field_missing_in_spec", "response", "owner.seats", None)],
    ),
    # `listening` is closed in the spec, so the body fails validation too; the unknown key is reported once.
    "new nested key in the curl body": (
        [('"patienceSeconds": 3', '"patienceSeconds": 3,\n    "echo": true')],
        [("field_missing_in_spec", "request", "listening.echo", None)],
    ),
    # Only the new object is reported, not each key inside it.
    "new object in the curl body": (
        [
            (
                '  "name": "Ada",\n  "model"',
                '  "name": "Ada",\n  "voice": {"pitch": 2, "tone": {"warm": true}},\n  "model"',
            )
        ],
        [("field_missing_in_spec", "request", "voice", None)],
    ),
    "response field removed from the list and the example": (
        [
            ('  "tags": [],\n  "createdAt": "2026-01-05T09:30:00Z"', '  "tags": []'),
            ("createdAt\nstring<date-time>\nrequired\n\nWhen it was made.\n\n", ""),
        ],
        [
            ("example_invalid", "response", None, "/"),
            ("field_missing_on_page", "response", "createdAt", None),
        ],
    ),
    # The example response still has `tags`, but the field list no longer names it: the description
    # is listed as unattributed, and the field is missing from the list.
    "response field that lost its name and type line": (
        [("tags\nstring[]\n\nLabels.\n", "Labels.\n")],
        [("field_missing_on_page", "response", "tags", None), ("unattributed", None, None, None)],
    ),
    "request field block removed, still in the curl body": (
        [('name\nstring\nrequired\n\nWhat people call the persona.\n\nExample:\n\n"Ada"\n\n', "")],
        [("field_missing_on_page", "request", "name", None)],
    ),
    # A rendered page shows the status of one response tab: the spec's 201 is still reported only once.
    "status tab that the spec lacks": (
        [("Response\n\nPersona made", "Response\n\n200\n\nPersona made")],
        [("response_missing_in_spec", "response 200", None, None)],
    ),
    "new header parameter": (
        [
            (
                "Body\n\napplication/json",
                "Headers\n\nX-Request-Tag\nstring\nrequired\n\nA tracing label.\n\nBody\n\napplication/json",
            )
        ],
        [("field_missing_in_spec", "header", "X-Request-Tag", None)],
    ),
    # OpenAPI ignores an Authorization, Accept or Content-Type header parameter: so does the comparison.
    "content type in a Headers section": (
        [
            (
                "Body\n\napplication/json",
                "Headers\n\nContent-Type\nstring\nrequired\n\nThe body's type.\n\nBody\n\napplication/json",
            )
        ],
        [],
    ),
    "new operation": (
        [("POST\n/\nv1", "PATCH\n/\nv1"), ("--request POST", "--request PATCH")],
        [("operation_missing_in_spec", None, None, None)],
    ),
}


@pytest.mark.parametrize("case", sorted(RENDERED_CASES))
def test_rendered_page(tmp_path: Path, case: str) -> None:
    edits, expected = RENDERED_CASES[case]
    report = run([page(tmp_path, "rendered_create.txt", *edits)])
    assert keys(report) == sorted(expected, key=repr)
    assert report.exit_code == (1 if any(RULES[rule].severity == "drift" for rule, *_ in expected) else 0)


def test_clean_pages_give_nothing(tmp_path: Path) -> None:
    for name in ("rendered_create.txt", "rendered_get.txt", "create.md"):
        report = run([page(tmp_path, name)])
        assert keys(report) == [], name
        assert report.exit_code == 0


def test_path_parameter_type(tmp_path: Path) -> None:
    edited = page(
        tmp_path, "rendered_get.txt", ("id\nstring<uuid>\nrequired\n\nWhich", "id\nstring\nrequired\n\nWhich")
    )
    report = run([edited])
    assert keys(report) == [("format_mismatch", "path", "id", None)]
    finding = report.findings[0]
    assert (finding.page_says, finding.spec_says) == ("string", "string<uuid>")
    lines = edited.read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1 : finding.line + 1] == ["id", "string"]


def test_page_without_curl_and_body_still_checks_its_example_response(tmp_path: Path) -> None:
    """With no curl and no Body section, the only JSON before the field lists is the example response."""
    curl = (
        "curl --request GET \\\n  --url https://api.example.test/v1/personas/{id} \\\n"
        "  --header 'Authorization: Bearer <token>'\n"
    )
    report = run([page(tmp_path, "rendered_get.txt", (curl, ""), ('"note": "likes tea"', '"note": 5'))])
    assert keys(report) == [("example_invalid", "response", None, "/note")]


@pytest.mark.parametrize("url_path", ["3f1c2a9e-5b7d-4e60-9a1b-2c3d4e5f6a7b", ":id"])
def test_curl_with_a_concrete_id_is_the_same_operation(tmp_path: Path, url_path: str) -> None:
    """The curl example may call a real id (or write `:id`) where the page's path says `{id}`."""
    report = run([page(tmp_path, "rendered_get.txt", ("personas/{id} ", f"personas/{url_path} "))])
    assert keys(report) == []
    assert [str(p.operation) for p in report.pages] == ["GET /v1/personas/{id}"]


def test_condensed_page_whose_curl_calls_a_real_id(tmp_path: Path) -> None:
    """A condensed page knows its operation only from the curl URL, here with a real id for `{id}`."""
    text = (
        "curl --request GET \\\n--url https://api.example.test/v1/personas/3f1c2a9e-5b7d-4e60-9a1b-2c3d4e5f6a7b \\\n"
        "--header 'Authorization: Bearer <token>'\nSend the key as a bearer token.\nWhich persona to read.\n"
    )
    path = tmp_path / "get.txt"
    path.write_text(text, encoding="utf-8")
    report = run([path])
    assert [f.rule for f in report.findings] == ["unattributed"]
    # A plain word in that place is another operation, not a value for `{id}`.
    path.write_text(text.replace("3f1c2a9e-5b7d-4e60-9a1b-2c3d4e5f6a7b", "presets"), encoding="utf-8")
    assert [f.rule for f in run([path]).findings] == ["operation_missing_in_spec", "unattributed"]


def test_path_parameter_renamed(tmp_path: Path) -> None:
    report = run(
        [
            page(
                tmp_path,
                "rendered_get.txt",
                ("/\n{id}\n", "/\n{personaId}\n"),
                ("personas/{id} ", "personas/{personaId} "),
                ("id\nstring<uuid>\nrequired\n\nWhich", "personaId\nstring<uuid>\nrequired\n\nWhich"),
            )
        ]
    )
    assert keys(report) == [
        ("field_missing_in_spec", "path", "personaId", None),
        ("field_missing_on_page", "path", "id", None),
    ]


CONDENSED_CASES: dict[str, tuple[list[tuple[str, str]], list[Key]]] = {
    "clean": ([], []),
    "new enum option": (
        [('m-1, m-2 "m-2"', 'm-1, m-2, m-3 "m-2"')],
        [("enum_value_added", "request", "model", "m-3")],
    ),
    "new key in the curl body": (
        [('"speed": 1.5,', '"speed": 1.5,\n"pitch": 2,')],
        [("field_missing_in_spec", "request", "pitch", None)],
    ),
    "curl body no longer validates": (
        [('"patienceSeconds": 3', '"patienceSeconds": "soon"')],
        [("example_invalid", "request", None, "/listening/patienceSeconds")],
    ),
    # The example after the options is in no key of the body: the list cannot be tied to a field,
    # and as no enum of the operation has exactly these values, something changed.
    "option list that cannot be attributed": (
        [('m-1, m-2 "m-2"', 'm-1, m-2, m-3 "m-3"')],
        [("enum_options_unmatched", None, None, "m-1, m-2, m-3")],
    ),
    "option list that cannot be attributed but matches an enum": (
        [('m-1, m-2 "m-2"', 'm-1, m-2 "m-1"')],
        [],
    ),
}


@pytest.mark.parametrize("case", sorted(CONDENSED_CASES))
def test_condensed_page(tmp_path: Path, case: str) -> None:
    edits, expected = CONDENSED_CASES[case]
    report = run([page(tmp_path, "condensed_create.txt", *edits)])
    assert keys(report, "drift") == sorted(expected, key=repr)
    notes = [f for f in report.findings if f.status == "notice"]
    assert [f.rule for f in notes] == ["unattributed"]


def test_condensed_example_found_under_two_keys_is_not_attributed(tmp_path: Path) -> None:
    """0.5 is both `speed` and `listening.sensitivity` in the body: the options cannot be tied to either."""
    edits = [
        ('"speed": 1.5,', '"speed": 0.5,'),
        ('"sensitivity": 0.4', '"sensitivity": 0.5'),
        ("How fast it talks.\n1.5\n", "How fast it talks.\na, b 0.5\n"),
    ]
    report = run([page(tmp_path, "condensed_create.txt", *edits)])
    assert keys(report) == [
        ("enum_options_unmatched", None, None, "a, b"),
        ("unattributed", None, None, None),
    ]
    note = next(f for f in report.findings if f.rule == "unattributed")
    assert "line 25: option list: a, b" in note.details


def test_condensed_page_lists_what_it_cannot_attribute(tmp_path: Path) -> None:
    report = run([page(tmp_path, "condensed_create.txt", ('m-1, m-2 "m-2"', 'm-1, m-2 "m-1"'))])
    (note,) = report.findings
    assert note.rule == "unattributed"
    assert note.details == (
        "line 17: description: Send the key as a bearer token.",
        "line 21: option list: m-1, m-2",
        "line 26: description: How it listens.",
        "line 28: description: Persona made",
    )


_LISTENING = """    Listening:
      type: object
      properties:
        sensitivity:
          type: number
          minimum: 0
          maximum: 1
        patienceSeconds:
          type: integer
"""


def _variants(high: str) -> str:
    """`Listening` as two variants: sensitivity 0 to 0.5 in one, 0.5 to `high` in the other."""
    return (
        "    Listening:\n      oneOf:\n"
        "        - type: object\n          properties:\n"
        "            sensitivity: {type: number, minimum: 0, maximum: 0.5}\n"
        "            patienceSeconds: {type: integer}\n"
        "        - type: object\n          properties:\n"
        f"            sensitivity: {{type: number, minimum: 0.5, maximum: {high}}}\n"
        "            patienceSeconds: {type: integer}\n"
    )


MARKDOWN_CASES: dict[str, tuple[list[tuple[str, str]], list[Key]]] = {
    "nested type changed": (
        [("        patienceSeconds:\n          type: integer", "        patienceSeconds:\n          type: number")],
        [("type_mismatch", "request", "listening.patienceSeconds", None)],
    ),
    "enum value added": (
        [("        - m-1\n        - m-2\n", "        - m-1\n        - m-2\n        - m-3\n")],
        [("enum_value_added", "request", "model", "m-3")],
    ),
    "nullable added": (
        [("        label:\n          type: string", '        label:\n          type: [string, "null"]')],
        [("nullability_mismatch", "response 201", "owner.label", None)],
    ),
    "required dropped": (
        [("        - id\n        - label\n", "        - id\n")],
        [("required_mismatch", "response 201", "owner.label", None)],
    ),
    "nested property removed": (
        [("        sensitivity:\n          type: number\n          minimum: 0\n          maximum: 1\n", "")],
        [("field_missing_on_page", "request", "listening.sensitivity", None)],
    ),
    "nested property added": (
        [("        patienceSeconds:\n", "        echo:\n          type: boolean\n        patienceSeconds:\n")],
        [("field_missing_in_spec", "request", "listening.echo", None)],
    ),
    "maximum changed": (
        [("          minimum: 0\n          maximum: 1\n", "          minimum: 0\n          maximum: 5\n")],
        [("constraint_mismatch", "request", "listening.sensitivity", None)],
    ),
    "default dropped": (
        [("          maximum: 2\n          default: 1\n", "          maximum: 2\n")],
        [("default_mismatch", "request", "speed", None)],
    ),
    "format added": (
        [
            (
                "        voiceId:\n          type: string\n",
                "        voiceId:\n          type: string\n          format: uuid\n",
            )
        ],
        [("format_mismatch", "request", "voiceId", None)],
    ),
    # Variants (`oneOf`) that bound one property differently: the page accepts what any variant accepts.
    "variants whose bounds together are the spec's": (
        [(_LISTENING, _variants("1"))],
        [],
    ),
    "variants whose bounds together are wider than the spec's": (
        [(_LISTENING, _variants("2"))],
        [("constraint_mismatch", "request", "listening.sensitivity", None)],
    ),
    "new response status": (
        [
            (
                '      responses:\n        "201":',
                '      responses:\n        "202":\n          description: Queued.\n        "201":',
            ),
        ],
        [("response_missing_in_spec", "response 202", None, None)],
    ),
    # The missing status is the finding: the fields of its body are not each reported again.
    "new response status with a body": (
        [
            (
                '      responses:\n        "201":',
                '      responses:\n        "202":\n          description: Queued.\n          content:\n'
                "            application/json:\n              schema:\n"
                '                $ref: "#/components/schemas/Owner"\n        "201":',
            ),
        ],
        [("response_missing_in_spec", "response 202", None, None)],
    ),
    # The success status moved: the page's new one is not in the spec, the spec's old one is not on the page.
    "success status changed": (
        [('      responses:\n        "201":', '      responses:\n        "200":')],
        [
            ("response_missing_in_spec", "response 200", None, None),
            ("response_missing_on_page", "response 201", None, None),
        ],
    ),
    "new header parameter": (
        [
            (
                "      summary: Make a persona\n",
                "      summary: Make a persona\n      parameters:\n"
                "        - {name: X-Request-Tag, in: header, schema: {type: string}}\n"
                "        - {name: Authorization, in: header, required: true, schema: {type: string}}\n",
            )
        ],
        [("field_missing_in_spec", "header", "X-Request-Tag", None)],
    ),
    "media example no longer validates": (
        [("              model: m-2\n", "              model: m-9\n")],
        [("example_invalid", "request", None, "/model")],
    ),
    "schema example no longer validates": (
        [("          example: Ada\n", "          example: 7\n")],
        [("example_invalid", "request", "name", "/name")],
    ),
}


@pytest.mark.parametrize("case", sorted(MARKDOWN_CASES))
def test_markdown_page(tmp_path: Path, case: str) -> None:
    edits, expected = MARKDOWN_CASES[case]
    report = run([page(tmp_path, "create.md", *edits)])
    assert keys(report) == sorted(expected, key=repr)


def test_variant_bounds_are_read_as_their_envelope(tmp_path: Path) -> None:
    report = run([page(tmp_path, "create.md", (_LISTENING, _variants("2")))])
    (finding,) = report.findings
    assert (finding.page_says, finding.spec_says) == ("minimum 0, maximum 2", "minimum 0, maximum 1")


def test_openapi_3_0_boolean_exclusive_bound_reads_as_a_number(tmp_path: Path) -> None:
    """`maximum: 1` with `exclusiveMaximum: true` (OpenAPI 3.0) is `exclusiveMaximum: 1` (3.1)."""
    edit = (
        "          minimum: 0\n          maximum: 1\n",
        "          minimum: 0\n          maximum: 1\n          exclusiveMaximum: true\n",
    )
    report = run([page(tmp_path, "create.md", edit)])
    (finding,) = report.findings
    assert (finding.rule, finding.page_says) == ("constraint_mismatch", "minimum 0, exclusiveMaximum 1")


_EXAMPLE_FENCES = """## Request

```bash
curl --request POST \\
  --url https://api.example.test/v1/personas \\
  --data '{"name": "Ada", "model": "m-7"}'
```

## Response

```json
{"id": "not-a-uuid", "name": "Ada", "note": null, "model": null,
 "owner": {"id": "8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d", "label": "team"},
 "createdAt": "2026-01-05T09:30:00Z", "mood": "calm"}
```

## OpenAPI
"""


def test_markdown_curl_and_json_fences_are_examples(tmp_path: Path) -> None:
    """Examples in their own fences next to the OpenAPI block are checked like a rendered page's."""
    report = run([page(tmp_path, "create.md", ("## OpenAPI\n", _EXAMPLE_FENCES))])
    assert keys(report) == [
        ("example_invalid", "request", None, "/model"),
        ("example_invalid", "response 201", None, "/id"),
        ("field_missing_in_spec", "response 201", "mood", None),
    ]
    lines = (tmp_path / "create.md").read_text(encoding="utf-8").splitlines()
    invalid = next(f for f in report.findings if f.location == "response 201" and f.rule == "example_invalid")
    assert lines[invalid.line - 1].startswith('{"id": "not-a-uuid"')


def test_markdown_json_fence_under_no_request_or_response_heading_is_listed(tmp_path: Path) -> None:
    fence = '## Notes\n\n```json\n{"id": 1}\n```\n\n## OpenAPI\n'
    report = run([page(tmp_path, "create.md", ("## OpenAPI\n", fence))])
    assert keys(report) == [("unattributed", None, None, None)]


def test_markdown_findings_point_at_the_property_line(tmp_path: Path) -> None:
    report = run([page(tmp_path, "create.md", ("          type: integer", "          type: number"))])
    (finding,) = report.findings
    lines = (tmp_path / "create.md").read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].strip() == "patienceSeconds:"


def test_descriptions_are_not_compared(tmp_path: Path) -> None:
    report = run(
        [page(tmp_path, "rendered_create.txt", ("How fast it talks.", "Speaking rate, now in words per second."))]
    )
    assert keys(report) == []


def test_every_rule_has_a_summary_and_a_snake_case_id() -> None:
    for name, registered in RULES.items():
        assert name == registered.function.__name__
        assert name.islower() and " " not in name
        assert registered.summary
        assert registered.severity in ("drift", "notice")


def _says(report: Report) -> list[tuple[str | None, str | None]]:
    return sorted((f.field, f.page_says) for f in report.findings if f.rule == "required_mismatch")


def test_a_required_list_that_leaves_a_field_out_says_optional(tmp_path: Path) -> None:
    # The export keeps a `required` list for Owner, without `label`: the page really says optional.
    report = run([page(tmp_path, "create.md", ("        - id\n        - label\n", "        - id\n"))])
    assert _says(report) == [("owner.label", "optional")]


def test_a_response_with_no_required_marker_at_all_says_not_marked(tmp_path: Path) -> None:
    # Without any `required` list in the response, the page says nothing about required-ness.
    edits = [
        ("      required:\n        - id\n        - label\n", ""),
        (
            "      required:\n        - id\n        - name\n        - note\n        - model\n        - owner\n"
            "        - createdAt\n",
            "",
        ),
    ]
    says = {value for _, value in _says(run([page(tmp_path, "create.md", *edits)]))}
    assert says == {"not marked"}


def test_the_project_allow_file_does_not_accept_a_field_really_made_optional(tmp_path: Path) -> None:
    """The response `required` entry of openapi/drift-allow.yaml covers unmarked pages only."""
    entries = load_allow(DRIFT_ALLOW_PATH)
    dropped = run([page(tmp_path, "create.md", ("        - id\n        - label\n", "        - id\n"))], entries)
    assert [(f.rule, f.field, f.status) for f in dropped.findings if f.rule == "required_mismatch"] == [
        ("required_mismatch", "owner.label", "drift")
    ]
