"""Tooling around the Anam personas API spec: the mock API, drift and diff reports, code generation."""

__version__ = "0.2.0"
