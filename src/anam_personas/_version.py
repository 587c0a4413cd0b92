"""The client's version; `client/pyproject.toml` reads it from here, so there is one place to bump.

The scheme (README, "Versions"): MAJOR.MINOR.PATCH where a spec change the breaking-change rules of
`anam-contract diff` call breaking moves MAJOR, any other spec change moves MINOR, and a change of
the client alone (a fix, a feature that leaves the spec as it is) moves PATCH. `SPEC_VERSION`, the
spec's `info.version`, says which spec a release was generated from.
"""

__version__ = "0.2.0"
