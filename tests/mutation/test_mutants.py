from __future__ import annotations

from mutation._mutants import ANNOTATION, INVALID, Mutant, base_id, change, sample, static_kind, with_unique_ids
from tests.mutation._support import mutant


def test_change_names_the_removed_and_added_lines_with_whitespace_collapsed() -> None:
    original = "def f(a, b):\n    if a  <  b:\n        return 1\n    return 2\n"
    mutated = "def f(a, b):\n    if a  >  b:\n        return 1\n    return 2\n"
    assert change(original, mutated) == (("if a < b:",), ("if a > b:",))


def test_change_of_a_removed_line_adds_nothing() -> None:
    assert change("@cache\ndef f():\n    pass\n", "def f():\n    pass\n") == (("@cache",), ())
    # Blank lines the rewrite drops around a removed decorator are not part of the change.
    assert change("x = 1\n\n\n@cache\ndef f():\n    pass\n", "x = 1\n\ndef f():\n    pass\n") == (("@cache",), ())


def test_the_id_ignores_the_line_number() -> None:
    # The same mutation after an edit above it: same id, so its equivalent.yaml entry still holds.
    assert mutant(line=10).id == mutant(line=42).id
    assert mutant(after="a <= b").id != mutant().id


def test_the_id_names_file_definition_operator_and_change() -> None:
    assert base_id("m.py", "Store.page", "core/AddNot", ("if a:",), ("if not a:",)) == (
        "m.py::Store.page | core/AddNot | if a: | if not a:"
    )
    assert base_id("m.py", None, "core/NumberReplacer", ("X = 1",), ("X = 2",)).startswith("m.py::<module> | ")


def test_repeated_ids_are_told_apart_by_the_next_line_then_numbered() -> None:
    source = "\n".join(["x"] * 9 + ["a < b", "class One:", "a < b", "", "class Two:", "a < b", "class Two:"])
    ids = [
        m.id for m in with_unique_ids([mutant(line=15), mutant(line=10), mutant(line=12)], {"src/m/_rules.py": source})
    ]
    base = mutant().id
    assert ids == [f"{base} | then: class One:", f"{base} | then: class Two:", f"{base} | then: class Two: #2"]
    # Lines added above all three keep every id.
    shifted = "\n".join(["y", "y", *source.split("\n")])
    moved = [mutant(line=17), mutant(line=12), mutant(line=14)]
    assert [m.id for m in with_unique_ids(moved, {"src/m/_rules.py": shifted})] == ids
    # A change met once keeps its plain id.
    assert [m.id for m in with_unique_ids([mutant()], {})] == [base]


def test_sample_is_fixed_spread_and_the_whole_list_without_a_size() -> None:
    mutants = [mutant(before=f"x{i} < y") for i in range(50)]
    picked = sample(mutants, 10)
    assert len(picked) == 10
    assert picked == sample(list(reversed(mutants)), 10)  # the pick and its order do not depend on input order
    assert sorted(m.id for m in sample(mutants, 0)) == sorted(m.id for m in mutants)
    assert sample(mutants, 20)[:10] == picked  # a longer sample starts with the shorter one


def test_describe_shows_before_and_after() -> None:
    removed = Mutant(
        "p.py", 1, "core/RemoveDecorator", 0, ("@cache",), (), base_id("p.py", None, "op", ("@cache",), ())
    )
    assert removed.describe() == "@cache  ->  (nothing)"
    assert mutant().describe() == "a < b  ->  a > b"


POSTPONED = "from __future__ import annotations\n\n"
SOURCE = "def f(x: str | None = None) -> int | None:\n    return 1 + 2\n"


def test_a_mutant_of_an_annotation_alone_is_known_without_a_run() -> None:
    mutated = SOURCE.replace("str | None", "str << None")
    assert static_kind(POSTPONED + SOURCE, POSTPONED + mutated) == ANNOTATION
    returns = SOURCE.replace("int | None", "int & None")
    assert static_kind(POSTPONED + SOURCE, POSTPONED + returns) == ANNOTATION
    field = "class C:\n    x: int | None\n"
    assert static_kind(POSTPONED + field, POSTPONED + field.replace("|", "^")) == ANNOTATION


def test_annotations_count_when_they_are_evaluated() -> None:
    # Without the __future__ import the annotation runs at definition time: `str << None` raises.
    assert static_kind(SOURCE, SOURCE.replace("str | None", "str << None")) == ""


def test_a_mutant_of_code_needs_a_run_and_broken_code_is_invalid() -> None:
    assert static_kind(POSTPONED + SOURCE, POSTPONED + SOURCE.replace("1 + 2", "1 - 2")) == ""
    assert static_kind(POSTPONED + SOURCE, POSTPONED + SOURCE.replace("(x:", "(+, x:")) == INVALID


def test_numbering_a_repeated_id_keeps_what_is_known_of_the_mutant() -> None:
    known = Mutant("p.py", 1, "op", 0, ("a",), ("b",), "same", ANNOTATION)
    twin = Mutant("p.py", 3, "op", 1, ("a",), ("b",), "same", ANNOTATION)
    renamed = with_unique_ids([known, twin], {"p.py": "a\nc\na\nc\n"})[1]
    assert (renamed.id, renamed.static) == ("same | then: c #2", ANNOTATION)
