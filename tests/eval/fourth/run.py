"""`python -m tests.eval.fourth.run`: Scrim on a fourth corpus, written blind.

This corpus (values.py, corpus.py), its judge (oracle.py) and its self-check (check.py) were written
by a fourth author who read none of the other corpora, Scrim's rules or its code: 478 responses in
46 shape families (Freshdesk, Help Scout, Front, Gladly, Kustomer, Twilio and Vonage logs, Stripe,
Adyen and Checkout.com objects, Persona, Veriff, Trulioo and ComplyAdvantage results, IVMS101
travel-rule payloads, SCIM, GraphQL, OData, vCard, iCalendar, MIME, Markdown, pipe-delimited text
exports, OCR), 13 languages. Its first run (2026-11-29, FIRST_RUN.txt) left 697 of 4,510 values
whole (15.5%) with 96.0% of decoys unchanged; what was fixed after it is no longer blind.

Generates the corpus (seed 4040404), runs every response through the real pipeline for tier1 with
the shipped rules (tests/eval/release.py), judges, prints the tables, and writes every miss to
var/eval/fourth.json. A measurement, not a gate: the exit status is 1 only on a crash.
"""

from __future__ import annotations

import collections
import io
import json
import sys
import time

from tests.eval.fourth import corpus, oracle
from tests.eval.release import run_scrim
from tests.eval.run import ROOT

OUT = ROOT / "var" / "eval" / "fourth.json"
TOKEN_KEY = b"fourth-corpus-token-key-0123456789abcdef"


def _ctx(text: str, value: str, width: int = 200) -> str:
    i = text.find(value)
    if i < 0:
        return ""
    half = max(0, (width - len(value)) // 2)
    return text[max(0, i - half) : i + len(value) + half]


def _out_ctx(inp: str, out: str, value: str, width: int = 200) -> str:
    """Where ``value`` sits in the output if it is there, else the output around the same anchor text."""
    if value in out:
        return _ctx(out, value, width)
    i = inp.find(value)
    if i < 0:
        return out[:width]
    for span in (40, 25, 12):
        anchor = inp[max(0, i - span) : i]
        if len(anchor) >= 6 and anchor in out:
            j = out.find(anchor)
            return out[j : j + width]
    j = int(len(out) * i / max(1, len(inp)))
    return out[max(0, j - width // 2) : j + width // 2]


def main() -> int:
    started = time.perf_counter()
    docs = corpus.generate(corpus.SEED)
    gen_s = time.perf_counter() - started

    rel = run_scrim([(d["path"], d["content_type"], d["body"]) for d in docs], TOKEN_KEY)
    pres = collections.Counter()
    leak = collections.Counter()
    wh = collections.Counter()
    how = collections.Counter()
    dpres = collections.Counter()
    dchg = collections.Counter()
    dwh = collections.Counter()
    shape_p = collections.Counter()
    shape_l = collections.Counter()
    shape_d = collections.Counter()
    shape_dc = collections.Counter()
    misses = []
    for idx, (doc, out) in enumerate(zip(docs, rel.outs, strict=False)):
        for v in oracle.judge(doc, out):
            if v["kind"] == "personal":
                pres[v["type"]] += 1
                shape_p[doc["shape"]] += 1
                wh[v["type"]] += v["withheld"]
                if v["leaked"]:
                    leak[v["type"]] += 1
                    shape_l[doc["shape"]] += 1
                    how[v["how"].split(":")[0]] += 1
                    misses.append(
                        {
                            "kind": "leak",
                            "entity": v["type"],
                            "sub": v["sub"],
                            "value": v["value"],
                            "how": v["how"],
                            "index": idx,
                            "shape": doc["shape"],
                            "path": doc["path"],
                            "input": _ctx(doc["body"], v["value"]),
                            "output": _out_ctx(doc["body"], out or "", v["value"]),
                        }
                    )
            else:
                dpres[v["cls"]] += 1
                shape_d[doc["shape"]] += 1
                if v["withheld"]:
                    dwh[v["cls"]] += 1
                elif not v["unchanged"]:
                    dchg[v["cls"]] += 1
                    shape_dc[doc["shape"]] += 1
                    misses.append(
                        {
                            "kind": "decoy_changed",
                            "cls": v["cls"],
                            "value": v["value"],
                            "index": idx,
                            "shape": doc["shape"],
                            "path": doc["path"],
                            "input": _ctx(doc["body"], v["value"]),
                            "output": _out_ctx(doc["body"], out or "", v["value"]),
                        }
                    )
    buf = io.StringIO()
    p = lambda *a: print(*a, file=buf)  # noqa: E731
    n_with = sum(o is None for o in rel.outs)
    p(
        f"fourth corpus: {len(docs)} responses, {len({d['shape'] for d in docs})} shapes, seed {corpus.SEED}; "
        f"withheld {n_with} ({dict(rel.withheld)}); crashes {len(rel.errors)}; declared routes {rel.declared}"
    )
    p(f"generate {gen_s:.1f}s, load {rel.load_seconds:.1f}s, scrim {rel.seconds:.1f}s")
    p("")
    p(f"{'PERSONAL ENTITY':<16}{'present':>9}{'leaked':>8}{'rate':>8}{'withheld':>10}")
    for t in sorted(pres, key=lambda k: -pres[k]):
        p(f"{t:<16}{pres[t]:>9}{leak[t]:>8}{100 * leak[t] / pres[t]:>7.1f}%{wh[t]:>10}")
    tp, tl = sum(pres.values()), sum(leak.values())
    p(f"{'TOTAL':<16}{tp:>9}{tl:>8}{100 * tl / max(1, tp):>7.1f}%{sum(wh.values()):>10}")
    p(f"leaks by kind: {dict(how)}")
    p("")
    p(f"{'DECOY CLASS':<16}{'present':>9}{'changed':>9}{'unchanged':>11}{'withheld':>10}")
    for c in sorted(dpres, key=lambda k: -dpres[k]):
        un = dpres[c] - dchg[c] - dwh[c]
        p(f"{c:<16}{dpres[c]:>9}{dchg[c]:>9}{100 * un / dpres[c]:>10.1f}%{dwh[c]:>10}")
    td, tc, tw = sum(dpres.values()), sum(dchg.values()), sum(dwh.values())
    p(f"{'TOTAL':<16}{td:>9}{tc:>9}{100 * (td - tc - tw) / max(1, td):>10.1f}%{tw:>10}")
    p("")
    p(f"{'SHAPE':<28}{'personal':>9}{'leaked':>8}{'decoys':>8}{'changed':>9}")
    for s in sorted(shape_p, key=lambda k: -(shape_l[k] / max(1, shape_p[k]))):
        p(f"{s:<28}{shape_p[s]:>9}{shape_l[s]:>8}{shape_d[s]:>8}{shape_dc[s]:>9}")
    p(f"\ntotal {time.perf_counter() - started:.1f}s")
    text = buf.getvalue()
    print(text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps({"summary": text, "errors": rel.errors, "misses": misses}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 1 if rel.errors else 0


if __name__ == "__main__":
    sys.exit(main())
