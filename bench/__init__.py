"""Benchmarks of the toolkit against what users would pick instead (`make bench`, never `make test`).

`python -m bench` runs every section and writes `bench/results.md` and `bench/results.json`.
The modules are small and single-purpose; only the pure ones (statistics, wrk output parsing,
report rendering) are unit-tested, in tests/bench/.
"""

__all__: list[str] = []
