"""Throughput and latency benchmark: bare mitmproxy vs Scrim in front of a fast fixture upstream.

Run with `make bench` (or `python -m tests.bench.run`); not collected by pytest.
"""
