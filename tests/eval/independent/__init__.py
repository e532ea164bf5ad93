"""A second, independently written eval corpus and judge: `python -m tests.eval.independent.run`.

values.py (identifiers with real checksums), decoys.py (look-alikes that must pass), templates.py
(free text in seven languages), gen.py (the seeded documents), oracle.py (the judge), run.py (Scrim's
pipeline over it, tables and report).
"""
