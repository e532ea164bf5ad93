"""`python -m tests.eval.fifth.run`: Scrim on a fifth corpus, written blind.

This corpus (values.py, corpus.py), its judge (oracle.py) and its self-check (check.py) were written
by a fifth author who read none of the other corpora, Scrim's rules or its code: 500 responses in 79
shape families none of the others has (Zoho Desk, ServiceNow, Dataverse, Sendbird, Slack and Teams
exports, LiveChat and Crisp transcripts, Plaid, Wise and Revolut transfers, Sumsub, Onfido and Jumio
KYC, Chainalysis and Elliptic alerts, SWIFT MT103, ISO 20022 XML, NACHA files, JSONL, syslog, CEF,
logfmt, Elasticsearch, DynamoDB, Firestore, MongoDB, BigQuery, SQL dumps, fixed-width reports, LDIF,
HTML tables and forms), 22 languages. FIRST_RUN.txt holds its first runs (2026-11-29): on the code
of the session's start (26edbfe), 1,334 of 6,367 values left whole (21.0%); what was fixed after it
is no longer blind.

Generates the corpus (seed 5050505), runs every response through the real pipeline for tier1 with
the shipped rules (tests/eval/release.py), judges, prints the tables, and writes every miss to
var/eval/fifth.json. A measurement, not a gate: the exit status is 1 only on a crash.
"""

from __future__ import annotations

import collections
import hashlib
import io
import json
import sys
import time
from pathlib import Path

from tests.eval.fifth import corpus, oracle

OUT = Path(__file__).resolve().parents[3] / "var" / "eval" / "fifth.json"
TOKEN_KEY = b"fifth-corpus-token-key-5050505-abcdef0123456789"


def _ctx(text: str, value: str, width: int = 200) -> str:
    i = text.find(value)
    if i < 0:
        return ""
    half = max(0, (width - len(value)) // 2)
    return text[max(0, i - half) : i + len(value) + half]


def _out_ctx(inp: str, out: str, value: str, width: int = 200) -> str:
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
    from tests.eval.release import run_scrim  # needs /work/main on the path

    started = time.perf_counter()
    docs = corpus.generate(corpus.SEED)
    digest = hashlib.sha256(json.dumps(docs, ensure_ascii=False).encode("utf-8")).hexdigest()
    gen_s = time.perf_counter() - started
    rel = run_scrim([(d["path"], d["content_type"], d["body"]) for d in docs], TOKEN_KEY)

    pres, leak, wh, how = (
        collections.Counter(),
        collections.Counter(),
        collections.Counter(),
        collections.Counter(),
    )
    dpres, dchg, dwh = collections.Counter(), collections.Counter(), collections.Counter()
    sp, sl, sd, sc = (
        collections.Counter(),
        collections.Counter(),
        collections.Counter(),
        collections.Counter(),
    )
    groups: dict[tuple, list] = collections.defaultdict(list)
    misses = []
    for idx, (doc, out) in enumerate(zip(docs, rel.outs, strict=False)):
        for v in oracle.judge(doc, out):
            if v["kind"] == "personal":
                pres[v["type"]] += 1
                sp[doc["shape"]] += 1
                wh[v["type"]] += v["withheld"]
                if v["leaked"]:
                    leak[v["type"]] += 1
                    sl[doc["shape"]] += 1
                    how[v["how"]] += 1
                    m = {
                        "kind": "leak",
                        "entity": v["type"],
                        "value": v["value"],
                        "how": v["how"],
                        "index": idx,
                        "shape": doc["shape"],
                        "path": doc["path"],
                        "content_type": doc["content_type"],
                        "input": _ctx(doc["body"], v["value"]),
                        "output": _out_ctx(doc["body"], out or "", v["value"]),
                    }
                    misses.append(m)
                    groups[("leak", v["type"], doc["shape"])].append(m)
            else:
                dpres[v["class"]] += 1
                sd[doc["shape"]] += 1
                if v["withheld"]:
                    dwh[v["class"]] += 1
                elif v["changed"]:
                    dchg[v["class"]] += 1
                    sc[doc["shape"]] += 1
                    m = {
                        "kind": "decoy_changed",
                        "cls": v["class"],
                        "value": v["value"],
                        "index": idx,
                        "shape": doc["shape"],
                        "path": doc["path"],
                        "content_type": doc["content_type"],
                        "input": _ctx(doc["body"], v["value"]),
                        "output": _out_ctx(doc["body"], out or "", v["value"]),
                    }
                    misses.append(m)
                    groups[("decoy", v["class"], doc["shape"])].append(m)

    buf = io.StringIO()
    p = lambda *a: print(*a, file=buf)  # noqa: E731
    n_with = sum(o is None for o in rel.outs)
    langs = sorted({lg for d in docs for lg in d.get("langs", [])})
    p(
        f"fifth corpus: {len(docs)} responses, {len({d['shape'] for d in docs})} shapes, {len(langs)} languages, seed {corpus.SEED}"
    )
    p(f"corpus sha256 (json.dumps(generate(SEED), ensure_ascii=False)): {digest}")
    p(f"withheld {n_with} ({dict(rel.withheld)}); crashes {len(rel.errors)}; declared routes {rel.declared}")
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
    p(f"{'SHAPE':<22}{'personal':>9}{'leaked':>8}{'rate':>8}{'decoys':>8}{'changed':>9}")
    for s in sorted(sp, key=lambda k: (-(sl[k] / max(1, sp[k])), k)):
        p(f"{s:<22}{sp[s]:>9}{sl[s]:>8}{100 * sl[s] / max(1, sp[s]):>7.1f}%{sd[s]:>8}{sc[s]:>9}")
    p("")
    p("LARGEST MISS CLASSES (kind, entity/class, shape): count, one example")
    for key, ms in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:15]:
        ex = ms[0]
        p(
            f"{len(ms):>4}  {key[0]:<6}{key[1]:<16}{key[2]:<20} e.g. {ex['value'][:60]!r}  in: {ex['input'][:110]!r}"
        )
    p(f"\ntotal {time.perf_counter() - started:.1f}s")
    text = buf.getvalue()
    print(text)
    OUT.write_text(
        json.dumps(
            {"summary": text, "sha256": digest, "errors": rel.errors, "misses": misses},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"wrote {OUT}")
    return 1 if rel.errors else 0


if __name__ == "__main__":
    sys.exit(main())
