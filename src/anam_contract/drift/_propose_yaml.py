"""The spec as a round-trip YAML document: edits keep its comments, key order, quoting and flow style."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString


class ProposalError(Exception):
    """The spec cannot be edited safely (not YAML, or it would not survive a round trip unchanged)."""


def _represent_null(representer: RoundTripRepresenter, _: None) -> Any:
    # ruamel writes a bare `key:` for null; the spec spells it `null`, and an untouched line must stay as it is.
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long description line the maintainers wrote on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), _represent_null)
    return yaml


def load_round_trip(text: str, name: str) -> Any:
    """The document, after checking that dumping it unedited gives back exactly `text`."""
    yaml = _yaml()
    try:
        document = yaml.load(text)
    except YAMLError as error:
        raise ProposalError(f"{name} is not valid YAML: {' '.join(str(error).split())}") from None
    if dump(document) != text:
        raise ProposalError(
            f"{name} does not survive a YAML round trip byte for byte (unusual indentation or scalar style);"
            " edit it by hand"
        )
    return document


def dump(document: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(document, stream)
    return stream.getvalue()


def flow_list(values: list[Any]) -> CommentedSeq:
    """`[a, b]` on one line, the spec's style for enums and type lists."""
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def null_type() -> DoubleQuotedScalarString:
    """`"null"` quoted, as the spec writes it (a bare null would be YAML's null, not the type name)."""
    quoted: DoubleQuotedScalarString = DoubleQuotedScalarString("null")
    return quoted
