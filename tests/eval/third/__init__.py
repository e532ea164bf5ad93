"""A third eval corpus and judge, written blind: `python -m tests.eval.third.run`.

values.py (identifiers with real checksums and national formats), corpus.py (the seeded support-tool,
KYC, payments and exchange back-office responses, with their labels and decoys), oracle.py (the judge),
run.py (Scrim's pipeline over it, tables and report).
"""
