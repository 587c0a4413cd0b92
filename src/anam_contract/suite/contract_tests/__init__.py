"""The contract suite: an API and the generated client checked against `openapi/anam.yaml`."""
