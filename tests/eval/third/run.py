"""`python -m tests.eval.third.run`: Scrim on a third corpus, written blind.

This corpus (values.py, corpus.py) and its judge (oracle.py) were written by a third author who never
read the first two corpora (tests/eval/corpus.py, tests/eval/independent/) nor Scrim's recognizers:
support-tool, KYC, payments and exchange back-office responses (Zendesk, Intercom, Onfido, Sumsub,
Jumio, ServiceNow, HubSpot/Zoho/Kayako, exchange admin panels, split values, HTML profiles and chats,
CSV exports, e-mails, logs, chat transcripts), national identifiers with real checksums, eleven
languages, and decoys that must pass unchanged. Its first run (2026-11-29) left 343 of 4,166 values
whole (8.2%) with 95.3% of decoys unchanged; fixes were then made for what it showed (MRZ lines,
identity-document type keys, IBANs with few digits, person-name keys, dotted numbers), so it too is no
longer blind: it guards those fixes, and measuring generalization afresh needs yet another author.

1. Generate the corpus in memory (seeded: seed 20250917 gives the same bytes every run).
2. Run every response through the real pipeline (`proxy.pipeline.inspect`) for role tier1 with the
   shipped rules/ and the real detector, in process, as tests/eval/run.py does. A response the
   pipeline withholds counts as withheld, not as leaked.
3. Judge with oracle.py; print the per-entity table, the decoy table and the totals (and, with
   `--misses N`, N example misses per entity and per decoy class, input and output side by side);
   write the numbers and every miss to var/eval/third.json.

A measurement, not a gate: leaks do not change the exit status. It is 1 when something crashes,
including the pipeline raising anything other than `Withheld` on a response (the addon would
withhold such a response; here it is counted as withheld and reported as an error).
"""

from __future__ import annotations

import os

# Before presidio is imported anywhere: its e-mail recognizer would fetch the Public Suffix List.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import argparse
import collections
import json
import platform
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.eval.release import run_scrim
from tests.eval.run import MODEL, ROLE, ROOT
from tests.eval.third.corpus import SEED, generate
from tests.eval.third.oracle import judge, text_of

OUT = ROOT / "var" / "eval" / "third.json"
TOKEN_KEY = b"third-eval-token-key-0123456789!"  # the key the helper's run.py used: the same output bytes


# ---------------------------------------------------------------- tally


@dataclass
class Tally:
    """The oracle's verdicts, counted per entity type, subtype and decoy class; every miss kept."""

    entities: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    subtypes: dict[tuple[str, str], collections.Counter[str]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    decoys: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    withheld_responses: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def totals(self) -> dict[str, Any]:
        personal = sum((c for c in self.entities.values()), collections.Counter[str]())
        decoys = sum((c for c in self.decoys.values()), collections.Counter[str]())
        n, m = sum(personal.values()), sum(decoys.values())
        return {
            "personal_values": n,
            "leaked_whole": personal["leaked"],
            "leaked_whole_rate": personal["leaked"] / n if n else 0.0,
            "partial": personal["partial"],
            "withheld_values": personal["withheld"],
            "decoys": m,
            "decoys_changed": decoys["changed"],
            "decoys_withheld": decoys["withheld"],
            "decoys_unchanged_rate": decoys["unchanged"] / m if m else 1.0,
            "withheld_responses": self.withheld_responses,
        }

    def entity_table(self) -> list[str]:
        lines = [
            f"{'entity (tier1)':30s} {'present':>7s} {'leaked_whole':>12s} {'rate':>6s} {'partial':>8s} {'withheld':>8s}"
        ]
        for t in sorted(
            self.entities, key=lambda t: (-self.entities[t]["leaked"] / self.entities[t].total(), t)
        ):
            lines.append(_entity_row(t, self.entities[t]))
        lines.append(_entity_row("ALL", sum(self.entities.values(), collections.Counter[str]())))
        return lines

    def subtype_table(self) -> list[str]:
        lines = ["leaks by subtype (>= 1 leaked whole)"]
        for (t, s), c in sorted(self.subtypes.items(), key=lambda kv: (-kv[1]["leaked"], kv[0])):
            if c["leaked"]:
                lines.append(f"  {t:16s} {s:16s} {c['leaked']:4d}/{c.total():4d}")
        return lines

    def decoy_table(self) -> list[str]:
        lines = [f"{'decoy class':18s} {'present':>7s} {'changed':>8s} {'withheld':>8s} {'unchanged':>10s}"]
        for k in sorted(self.decoys, key=lambda k: (-self.decoys[k]["changed"], k)):
            lines.append(_decoy_row(k, self.decoys[k]))
        lines.append(_decoy_row("ALL", sum(self.decoys.values(), collections.Counter[str]())))
        return lines


def _entity_row(name: str, c: collections.Counter[str]) -> str:
    n = c.total()
    return f"{name:30s} {n:7d} {c['leaked']:12d} {c['leaked'] / n:6.1%} {c['partial']:8d} {c['withheld']:8d}"


def _decoy_row(name: str, c: collections.Counter[str]) -> str:
    n = c.total()
    return f"{name:18s} {n:7d} {c['changed']:8d} {c['withheld']:8d} {c['unchanged'] / n:10.1%}"


def tally(samples: Sequence[dict[str, Any]], outs: Sequence[str | None]) -> Tally:
    """Judge every released body against its sample with oracle.judge and count the verdicts."""
    t = Tally()
    for sample, out in zip(samples, outs, strict=True):
        t.withheld_responses += out is None
        personal, decoys = judge(sample, out)
        for p, verdict in zip(sample["personal"], personal, strict=True):
            t.entities[p["type"]][verdict] += 1
            t.subtypes[(p["type"], p["sub"] or "-")][verdict] += 1
            if verdict in ("leaked", "partial"):
                t.misses.append(
                    {"kind": verdict, "entity": p["type"], "subtype": p["sub"] or "-", "value": p["value"]}
                    | {"response": sample["i"], "template": sample["template"]}
                )
        for d, verdict in zip(sample["decoys"], decoys, strict=True):
            t.decoys[d["cls"]][verdict] += 1
            if verdict == "changed":
                t.misses.append(
                    {"kind": "decoy_changed", "cls": d["cls"], "value": d["value"]}
                    | {"response": sample["i"], "template": sample["template"]}
                )
    return t


def calibrate(samples: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The oracle on the unchanged inputs: every value must read as leaked, every decoy as unchanged."""
    unseen, absent = [], []
    for sample in samples:
        personal, decoys = judge(sample, sample["body"])
        where = {"response": sample["i"], "template": sample["template"]}
        unseen += [
            {"entity": p["type"], "subtype": p["sub"], "value": p["value"], **where}
            for p, v in zip(sample["personal"], personal, strict=True)
            if v != "leaked"
        ]
        absent += [
            {"cls": d["cls"], "value": d["value"], **where}
            for d, v in zip(sample["decoys"], decoys, strict=True)
            if v != "unchanged"
        ]
    return {"labels_not_whole_in_input": unseen, "decoys_not_in_input": absent}


# ---------------------------------------------------------------- example misses


def _ctx(text: str, value: str, w: int = 90) -> str:
    """The text around value's first occurrence (exact, then case-folded), one line; "?" if absent."""
    i = text.find(value)
    if i < 0:
        i = text.casefold().find(value.casefold())
    if i < 0:
        return "?"
    return text[max(0, i - w) : i + len(value) + w].replace("\n", "⏎")


def in_out(miss: dict[str, Any], sample: dict[str, Any], out: str | None) -> tuple[str, str]:
    """The input around a missed value and the output where it (or, for a decoy, its place) is."""
    value, body, ct = miss["value"], sample["body"], sample["content_type"]
    before = _ctx(body, value)
    if before == "?":
        before = _ctx(text_of(body, ct), value)
    if before == "?":
        before = "(not whole in the input: split across fields or lines)"
    if out is None:
        return before, "(withheld)"
    if miss["kind"] != "decoy_changed":
        after = _ctx(out, value)
        if after == "?":
            after = _ctx(text_of(out, ct), value)
        return before, after if after != "?" else "(found only after the oracle's normalisation) " + out[:300]
    k = body.find(value)
    prefix = body[max(0, k - 25) : k][-15:] if k > 0 else ""
    kk = out.find(prefix) if prefix else -1
    return before, out[kk : kk + len(value) + 140].replace("\n", "⏎") if kk >= 0 else "?"


def examples(t: Tally, samples: Sequence[dict[str, Any]], outs: Sequence[str | None], n: int) -> list[str]:
    """Up to n misses per entity (leaked whole or partly) and per decoy class, picked at random."""
    groups: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for miss in t.misses:
        groups["decoy " + miss["cls"] if miss["kind"] == "decoy_changed" else miss["entity"]].append(miss)
    lines: list[str] = []
    for name in sorted(groups, key=lambda g: (g.startswith("decoy "), -len(groups[g]), g)):
        items = list(groups[name])
        random.Random(0).shuffle(items)
        lines.append(f"{name} ({len(items)} misses):")
        for miss in items[:n]:
            sample = samples[miss["response"]]
            before, after = in_out(miss, sample, outs[miss["response"]])
            sub = f" {miss['subtype']}" if "subtype" in miss else ""
            lines.append(
                f"  --- {miss['kind']}{sub} response={miss['response']} {miss['template']} "
                f"{sample['content_type']} {sample['path']}"
            )
            lines.append(f"      value: {miss['value']!r}")
            lines.append(f"      IN : {before}")
            lines.append(f"      OUT: {after}")
    return lines


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.eval.third.run", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--misses", type=int, default=0, help="example misses per entity and decoy class")
    parser.add_argument("--breakdown", action="store_true", help="also print leaks by subtype")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON report")
    parser.add_argument("--corpus-out", type=Path, help="also write the generated corpus as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    samples = generate(args.seed)
    corpus_seconds = time.perf_counter() - started
    if args.corpus_out:
        args.corpus_out.write_text(json.dumps(samples, ensure_ascii=False), encoding="utf-8")
    n_personal = sum(len(s["personal"]) for s in samples)
    n_decoys = sum(len(s["decoys"]) for s in samples)
    print(
        f"third corpus: {len(samples)} responses, {sum(len(s['body']) for s in samples) / 1024:.0f} KiB, "
        f"{n_personal} personal values, {n_decoys} decoys (seed {args.seed}, {corpus_seconds:.1f}s)",
        flush=True,
    )
    released = run_scrim([(s["path"], s["content_type"], s["body"]) for s in samples], TOKEN_KEY)
    print(
        f"Scrim ({ROLE}, in process): {released.seconds:.1f}s (+{released.load_seconds:.1f}s load); "
        f"declared routes {released.declared}, undeclared {len(samples) - released.declared}",
        flush=True,
    )
    t = tally(samples, released.outs)
    totals = t.totals()

    print()
    print("\n".join(t.entity_table()))
    if args.breakdown:
        print()
        print("\n".join(t.subtype_table()))
    print()
    print("\n".join(t.decoy_table()))
    if released.withheld:
        print(f"\nwithheld: {dict(released.withheld)}")
    if args.misses:
        print(f"\nexample misses (up to {args.misses} each; leaked = whole, partial = a long run of it):")
        print("\n".join(examples(t, samples, released.outs, args.misses)))
    print(
        f"\ntotal: {totals['leaked_whole']}/{totals['personal_values']} personal values leaked whole "
        f"({totals['leaked_whole_rate']:.2%}), {totals['partial']} partly; "
        f"{totals['decoys_changed']}/{totals['decoys']} decoys changed "
        f"({totals['decoys_unchanged_rate']:.2%} unchanged); withheld responses: {totals['withheld_responses']}"
    )
    calibration = calibrate(samples)
    unseen, absent = calibration["labels_not_whole_in_input"], calibration["decoys_not_in_input"]
    print(
        f"oracle on the unchanged inputs: {len(unseen)} values not found whole in their own input, "
        f"{len(absent)} decoys not found in their own input"
    )
    errors = [
        {"response": samples[i]["i"], "template": samples[i]["template"], "error": e}
        for i, e in released.errors
    ]
    for error in errors:
        print(f"ERROR response {error['response']} ({error['template']}): {error['error']}")
    elapsed = time.perf_counter() - started

    for miss in t.misses:
        miss["in"], miss["out"] = in_out(miss, samples[miss["response"]], released.outs[miss["response"]])
    report = {
        "seed": args.seed,
        "responses": len(samples),
        "role": ROLE,
        "model": MODEL,
        "python": platform.python_version(),
        "seconds": {
            "total": elapsed,
            "corpus": corpus_seconds,
            "load": released.load_seconds,
            "scrim": released.seconds,
        },
        "declared_routes": released.declared,
        "totals": totals,
        "per_entity": {
            e: {
                "present": c.total(),
                "leaked_whole": c["leaked"],
                "rate": c["leaked"] / c.total(),
                "partial": c["partial"],
                "withheld": c["withheld"],
            }
            for e, c in sorted(t.entities.items(), key=lambda kv: -kv[1].total())
        },
        "by_subtype": {
            f"{e}/{s}": {"present": c.total(), "leaked_whole": c["leaked"], "partial": c["partial"]}
            for (e, s), c in sorted(t.subtypes.items())
        },
        "decoys": {
            k: {"present": c.total(), "changed": c["changed"], "withheld": c["withheld"]}
            for k, c in sorted(t.decoys.items(), key=lambda kv: -kv[1]["changed"])
        },
        "withheld": dict(released.withheld),
        "errors": errors,
        "oracle_on_inputs": calibration,
        "misses": t.misses,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 1 if released.errors else 0


if __name__ == "__main__":
    sys.exit(main())
