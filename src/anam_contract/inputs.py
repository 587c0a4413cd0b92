"""Read a file the user named (a spec, fixtures, an allow file, a page) without surprises.

Every input file goes through `read_text`, and every YAML one through `parse_yaml`, so the same
limits hold everywhere: a size cap (a wrong path to a disk image must not fill memory), UTF-8 text
only (a binary or Latin-1 file gets one line, not a UnicodeDecodeError), and a cap on YAML aliases
(a few hundred bytes of nested aliases, the "billion laughs", expand to gigabytes in anything that
walks the result, such as the client generator). Each failure is an `InputError` whose message is
one line naming the file; no message quotes the file's content, which may hold API keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The spec is about 35 kB and fixtures files a few kB: 4 MiB is room for growth, not for a mistake.
MAX_INPUT_BYTES = 4 * 1024 * 1024
# Anchors and aliases have honest uses (a shared block repeated twice); dozens of them are a bomb.
MAX_YAML_ALIASES = 32


class InputError(Exception):
    """A file that cannot be read as the text or YAML asked for; the message is one line.

    `problem` is the message without the file's name and `line` the 1-based line it concerns, for
    callers that show `file:line: problem`.
    """

    def __init__(self, what: str, path: Path | str, problem: str, line: int = 1) -> None:
        super().__init__(f"{what} {path}: {problem}")
        self.problem = problem
        self.line = line


def read_text(path: Path, what: str) -> str:
    """The UTF-8 text of `path`; `what` names the file's role in messages ("spec", "fixtures file")."""
    if path.is_dir():
        raise InputError(what, path, "a folder, not a file")
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(what, path, "no such file") from None
    except OSError as error:
        raise InputError(what, path, f"cannot be read ({error.strerror or type(error).__name__})") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(what, path, f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, not read")
    if b"\x00" in raw:
        raise InputError(what, path, "a binary file, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(what, path, f"not UTF-8 text (line {line})", line) from None


class LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing more than MAX_YAML_ALIASES aliases and any alias inside its
    own anchor (a value that contains itself sends every walk over the document into a loop)."""

    aliases_seen = 0
    open_anchors: tuple[str, ...] = ()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            mark: Any = event.start_mark
            self.aliases_seen += 1
            if self.aliases_seen > MAX_YAML_ALIASES:
                problem = f"more than {MAX_YAML_ALIASES} aliases (*name), refused as a possible alias bomb"
                raise yaml.MarkedYAMLError(problem=problem, problem_mark=mark)
            if event.anchor in self.open_anchors:
                problem = f"alias *{event.anchor} inside its own anchor makes a value that contains itself"
                raise yaml.MarkedYAMLError(problem=problem, problem_mark=mark)
            return super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            return super().compose_node(parent, index)
        self.open_anchors = (*self.open_anchors, anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self.open_anchors = self.open_anchors[:-1]


def yaml_problem(error: yaml.YAMLError) -> str:
    """One line from a PyYAML error (its own text spans lines and quotes the file)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0] or type(error).__name__
    if mark is not None:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    return str(problem)


def parse_yaml(text: str, what: str, path: Path | str) -> Any:
    """The YAML value of `text`, the content of the `what` file at `path`."""
    loader = LimitedLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise InputError(what, path, f"not valid YAML: {yaml_problem(error)}", line) from None
    except RecursionError:  # thousands of nested [ or {: deeper than the parser can go
        raise InputError(what, path, "nested too deeply to read") from None
    finally:
        loader.dispose()


def read_yaml(path: Path, what: str) -> Any:
    """`read_text` then `parse_yaml`: the value of a YAML (or JSON, a subset of YAML) file."""
    return parse_yaml(read_text(path, what), what, path)


__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_YAML_ALIASES",
    "InputError",
    "LimitedLoader",
    "parse_yaml",
    "read_text",
    "read_yaml",
    "yaml_problem",
]
