"""A YAML loader that remembers the line each mapping starts on, to point findings at a file and line."""

from __future__ import annotations

from typing import Any

import yaml

from anam_contract.inputs import LimitedLoader


class LineLoader(LimitedLoader):
    """Safe loading with the shared alias limits, plus `lines`: id(mapping) -> 1-based line in the
    file (offset by `offset`)."""

    lines: dict[int, int]
    offset: int


def _construct_map(loader: LineLoader, node: yaml.MappingNode) -> Any:
    data: dict[Any, Any] = {}
    loader.lines[id(data)] = node.start_mark.line + 1 + loader.offset
    yield data
    data.update(loader.construct_mapping(node))
    for key_node, value_node in node.value:
        value = loader.constructed_objects.get(value_node)
        if isinstance(value, dict):
            # A property's line is the line of its name, not of its first keyword.
            loader.lines[id(value)] = key_node.start_mark.line + 1 + loader.offset


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def load_with_lines(text: str, offset: int = 0) -> tuple[Any, dict[int, int]]:
    """The YAML value of `text` and its line table; raises yaml.YAMLError."""
    loader = LineLoader(text)
    loader.lines = {}
    loader.offset = offset
    try:
        return loader.get_single_data(), loader.lines
    finally:
        loader.dispose()
