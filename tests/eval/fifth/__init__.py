"""The fifth corpus: a blind evaluation corpus for Scrim (seed 5050505).

values.py  - generators of realistic personal values (with real check digits) and decoys
corpus.py  - generate(seed) -> list of responses in 50+ shape families
oracle.py  - judge(doc, out) -> verdicts
check.py   - self-check (independent check-digit code)
run.py     - push the corpus through Scrim's pipeline and print tables
"""
