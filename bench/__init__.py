"""Benchmarks: `make bench` runs bench/run.py; results in bench/results/ and docs/benchmarks.md."""
