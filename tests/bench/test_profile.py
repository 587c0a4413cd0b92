from __future__ import annotations

from pathlib import Path

import pytest

from bench._profile import Frame, in_mock, package_of, parse_collapsed, short_path, summarise_profile

ROOT = Path("/work/repo")
_MAIN = "<module> (/work/repo/src/anam_contract/__main__.py:5)"
_UVICORN = "run (/venv/lib/python3.11/site-packages/uvicorn/main.py:10)"
_PERSONA = "persona (/work/repo/src/anam_contract/mock/_app.py:80)"
_JSON_RESPONSE = "json_response (/work/repo/src/anam_contract/mock/_http.py:21)"
_ENCODE = "iterencode (/usr/lib/python3.11/json/encoder.py:258)"
_H11 = "handle_events (/venv/lib/python3.11/site-packages/h11/_connection.py:400)"
_RAW = (
    ";".join([_MAIN, _UVICORN, _PERSONA, _JSON_RESPONSE, _ENCODE])
    + " 6\n"
    + ";".join([_MAIN, _UVICORN, _PERSONA])
    + " 2\n"
    + ";".join([_MAIN, _H11, "send (<built-in>)"])
    + " 12\n"
)


def test_parse_collapsed_reads_frames_outermost_first_and_counts() -> None:
    stacks = parse_collapsed(_RAW + "not a stack line\n")
    assert [count for _, count in stacks] == [6, 2, 12]
    frames, _ = stacks[0]
    assert frames[-1] == Frame("iterencode", "/usr/lib/python3.11/json/encoder.py", 258)
    assert frames[2] == Frame("persona", "/work/repo/src/anam_contract/mock/_app.py", 80)
    assert stacks[2][0][-1] == Frame("send", "<built-in>", 0)


def test_thread_markers_are_not_frames() -> None:
    ((frames, count),) = parse_collapsed("thread (0x7f);main (/a/b.py:1) 3\n")
    assert frames == [Frame("main", "/a/b.py", 1)]
    assert count == 3


def test_short_path_and_package() -> None:
    assert short_path("/venv/lib/python3.11/site-packages/h11/_connection.py", ROOT) == "h11/_connection.py"
    assert short_path("/usr/lib/python3.11/json/encoder.py", ROOT) == "stdlib/json/encoder.py"
    assert short_path("/work/repo/src/anam_contract/mock/_app.py", ROOT) == "src/anam_contract/mock/_app.py"
    assert package_of("h11/_connection.py") == "h11"
    assert package_of("stdlib/json/encoder.py") == "stdlib json"
    assert package_of("src/anam_contract/mock/_app.py") == "anam_contract.mock"
    assert package_of("<built-in>") == "(C code: built-ins and extensions)"


def test_summary_shares_are_of_all_samples() -> None:
    summary = summarise_profile(parse_collapsed(_RAW), ROOT, in_mock)
    assert summary["samples"] == 20
    assert summary["focus_share"] == 0.4  # 8 of 20 samples have mock code on the stack
    inclusive = {row["where"]: row["share"] for row in summary["focus_inclusive"]}  # type: ignore[attr-defined]
    assert inclusive == {
        "src/anam_contract/mock/_app.py persona": 0.4,
        "src/anam_contract/mock/_http.py json_response": 0.3,
    }
    leaf = summary["top_leaf"][0]  # type: ignore[index]
    assert leaf == {"where": "<built-in>:0 send", "share": 0.6}
    packages = {row["where"]: row["share"] for row in summary["self_by_package"]}  # type: ignore[attr-defined]
    assert packages == {"(C code: built-ins and extensions)": 0.6, "stdlib json": 0.3, "anam_contract.mock": 0.1}


def test_a_function_recursing_is_counted_once_per_sample() -> None:
    raw = "a (/r/src/anam_contract/mock/x.py:1);a (/r/src/anam_contract/mock/x.py:3) 4\nb (/r/y.py:2) 4\n"
    summary = summarise_profile(parse_collapsed(raw), Path("/r"), in_mock)
    assert summary["focus_inclusive"] == [{"where": "src/anam_contract/mock/x.py a", "share": 0.5}]


def test_an_empty_profile_is_an_error() -> None:
    with pytest.raises(ValueError, match="no samples"):
        summarise_profile([], ROOT, in_mock)
