"""`python -m tests.eval.independent.run`: Scrim on a second, independently written corpus.

This corpus (values.py, decoys.py, templates.py, gen.py) and its judge (oracle.py) were written by a
different author without reading tests/eval/corpus.py or tests/eval/oracle.py: other document shapes
(HubSpot, Kustomer, Gorgias, Jira ADF, GraphQL edges, Stripe, e-mail threads with quoted replies and
signatures, webhook change sets, HTML print pages, CSV exports, SMS logs, OCR forms, ...), other
identifiers and formats, seven languages, and 30 decoy classes. Scrim's rules and recognizers were
tuned against the first corpus; this one was held out to measure how detection generalizes. Its
first run (2026-11-29) left 524 of 4,131 values whole (12.7%) and 97.64% of decoys unchanged; the
recognizers were then fixed for what it showed, so it is no longer held out: it guards those fixes,
and a new corpus from another author would be needed to measure generalization afresh.

1. Generate the corpus in memory (seeded: seed 20261129 gives the same bytes every run).
2. Run every document through the real pipeline (`proxy.pipeline.inspect`) for role tier1 with the
   shipped rules/ and the real detector, in process, as tests/eval/run.py does. A document the
   pipeline withholds counts as withheld, not as leaked.
3. Judge with oracle.py; print the per-entity table, the decoy table and the totals (and, with
   `--misses N`, N example misses per entity and per decoy class, input and output side by side);
   write the numbers and every miss to var/eval/independent.json.

A measurement, not a gate: leaks do not change the exit status. It is 1 when something crashes,
including the pipeline raising anything other than `Withheld` on a document (the addon would
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
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tests.eval.independent import gen
from tests.eval.independent.oracle import (
    Tally,
    email_pattern,
    id_pattern,
    judge,
    tally,
    views,
    word_pattern,
)
from tests.eval.release import run_scrim
from tests.eval.run import MODEL, ROLE, ROOT

SEED = 20261129
OUT = ROOT / "var" / "eval" / "independent.json"
TOKEN_KEY = b"k" * 32  # the key the helper's run_scrim.py used, so the outputs are the same bytes


def calibrate(docs: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The oracle on the unchanged inputs, to see the corpus's own blind spots.

    A label it does not find whole in its own input can never count as leaked; a decoy it does not
    find there always counts as changed. Help Scout's names split over first/last fields are unseen by
    design (only "surname shown" applies to them); the rest are slips of the generator (a later field of
    the same name replacing an earlier one, a card number broken across quoted "> " lines).
    """
    unseen, absent = [], []
    for verdict, item, d, _out, _text in judge(docs, [d["body"] for d in docs]):
        where = {"value": item["value"], "doc": d["id"], "shape": d["shape"]}
        if verdict in ("ok", "surname_shown"):
            unseen.append({"entity": item["entity"], "subtype": item["kind"], "how": item["how"], **where})
        elif verdict == "decoy_changed":
            absent.append({"cls": item["cls"], **where})
    return {"labels_not_whole_in_input": unseen, "decoys_not_in_input": absent}


def _by_shape(items: list[dict[str, Any]]) -> str:
    return (
        ", ".join(f"{k} {n}" for k, n in collections.Counter(i["shape"] for i in items).most_common())
        or "none"
    )


# ---------------------------------------------------------------- example misses


def _ctx(s: str, i: int, j: int, w: int = 110) -> str:
    # "\n\0\n" separates the oracle's views of one output: shown as " ¦ ".
    return s[max(0, i - w) : j + w].replace("\n\0\n", " ¦ ").replace("\n", "⏎").replace("\0", "¦")


def _walk(a: Any, b: Any) -> Iterator[tuple[Any, Any]]:
    """Pairs of leaves at the same JSON path in an input and its output (None where the output has none)."""
    if isinstance(a, dict):
        for k in a:
            yield from _walk(a[k], b.get(k) if isinstance(b, dict) else None)
    elif isinstance(a, list):
        for i, x in enumerate(a):
            yield from _walk(x, b[i] if isinstance(b, list) and i < len(b) else None)
    else:
        yield a, b


def _pattern(miss: dict[str, Any]) -> re.Pattern[str]:
    entity, value = miss["entity"], miss["value"]
    if miss["kind"] == "surname_shown":
        return word_pattern(miss["surname"])
    if entity == "EMAIL":
        return email_pattern(value)
    if entity in ("PERSON", "ADDRESS") or (entity == "DOB" and re.search(r"[^\W\d_]", value)):
        return word_pattern(value)
    return id_pattern(value)


def _find(pattern: re.Pattern[str], text: str, ct: str) -> str:
    """Context of the pattern's first match in the raw text, else in the oracle's views of it; "?" if none."""
    found = pattern.search(text)
    if found is None:
        text = views(text, ct)
        found = pattern.search(text)
    return _ctx(text, found.start(), found.end()) if found else "?"


def in_out(miss: dict[str, Any], doc: dict[str, Any], out: str | None) -> tuple[str, str]:
    """The input around a missed value and the output where it (or, for a decoy, its place) is."""
    v, b, ct = miss["value"], doc["body"], doc["ct"]
    if miss["kind"] != "decoy_changed":
        pattern = _pattern(miss)
        return _find(pattern, b, ct), "(withheld)" if out is None else _find(pattern, out, ct)
    before = _find(re.compile(re.escape(v)), b, ct)
    if before == "?":
        before = "(not in the input)"
    if out is None:
        return before, "(withheld)"
    if ct == "application/json":
        try:
            pairs = list(_walk(json.loads(b), json.loads(out)))
        except ValueError:
            pairs = []
        for a, r in pairs:
            if isinstance(a, str) and v in a:
                i = a.find(v)
                return repr(a[max(0, i - 100) : i + len(v) + 60]), repr(r)[
                    :400
                ] if r is not None else "(missing)"
    k = b.find(v)
    pre = b[max(0, k - 25) : k] if k >= 0 else ""
    kk = out.find(pre[-15:]) if pre else -1
    return before, out[kk : kk + len(v) + 140].replace("\n", "⏎") if kk >= 0 else "?"


def examples(t: Tally, docs: Sequence[dict[str, Any]], outs: Sequence[str | None], n: int) -> list[str]:
    """Up to n misses per entity (leaked whole or surname shown) and per decoy class, picked at random."""
    groups: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for miss in t.misses:
        groups["decoy " + miss["cls"] if miss["kind"] == "decoy_changed" else miss["entity"]].append(miss)
    lines: list[str] = []
    for name in sorted(groups, key=lambda g: (g.startswith("decoy "), -len(groups[g]), g)):
        items = list(groups[name])
        random.Random(0).shuffle(items)
        lines.append(f"{name} ({len(items)} misses):")
        for miss in items[:n]:
            doc = docs[miss["doc"]]
            before, after = in_out(miss, doc, outs[miss["doc"]])
            detail = miss.get("subtype", "") + (f" how={miss['how']}" if "how" in miss else "")
            if miss.get("field"):
                detail += f" field={miss['field']}"
            lines.append(
                f"  --- {miss['kind']} {detail} doc={miss['doc']} {doc['ct']} {doc['path']}".rstrip()
            )
            lines.append(f"      value: {miss['value']!r}")
            lines.append(f"      IN : {before}")
            lines.append(f"      OUT: {after}")
    return lines


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.eval.independent.run", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--misses", type=int, default=0, help="example misses per entity and decoy class")
    parser.add_argument("--breakdown", action="store_true", help="also print leaks by subtype and placement")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON report")
    parser.add_argument("--corpus-out", type=Path, help="also write the generated corpus as JSON lines")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    docs = gen.generate(args.seed)
    corpus_seconds = time.perf_counter() - started
    if args.corpus_out:
        args.corpus_out.write_text(gen.to_jsonl(docs), encoding="utf-8")
    n_labels, n_decoys = sum(len(d["labels"]) for d in docs), sum(len(d["decoys"]) for d in docs)
    print(
        f"independent corpus: {len(docs)} documents, {sum(len(d['body']) for d in docs) / 1024:.0f} KiB, "
        f"{n_labels} personal values, {n_decoys} decoys (seed {args.seed}, {corpus_seconds:.1f}s)",
        flush=True,
    )
    released = run_scrim([(d["path"], d["ct"], d["body"]) for d in docs], TOKEN_KEY)
    print(
        f"Scrim ({ROLE}, in process): {released.seconds:.1f}s (+{released.load_seconds:.1f}s load)",
        flush=True,
    )
    t = tally(judge(docs, released.outs))
    totals = t.totals()

    print()
    print("\n".join(t.entity_table()))
    if args.breakdown:
        print()
        print("\n".join(t.breakdown()))
    print()
    print("\n".join(t.decoy_table()))
    if released.withheld:
        print(f"\nwithheld: {dict(released.withheld)}")
    if args.misses:
        print(f"\nexample misses (up to {args.misses} each; whole = leaked whole, decoy = changed):")
        print("\n".join(examples(t, docs, released.outs, args.misses)))
    print(
        f"\ntotal: {totals['leaked_whole']}/{totals['personal_values']} personal values leaked whole "
        f"({totals['leaked_whole_rate']:.2%}), {totals['surname_shown']} surnames shown; "
        f"{totals['decoys_changed']}/{totals['decoys']} decoys changed "
        f"({totals['decoys_unchanged_rate']:.2%} unchanged); withheld responses: {totals['withheld_responses']}"
    )
    calibration = calibrate(docs)
    unseen, absent = calibration["labels_not_whole_in_input"], calibration["decoys_not_in_input"]
    print(
        f"oracle on the unchanged inputs: {len(unseen)} labels not whole in their own input, so never counted "
        f"leaked ({_by_shape(unseen)}); {len(absent)} decoys not in their own input, so always counted "
        f"changed ({_by_shape(absent)})"
    )
    errors = [{"doc": docs[i]["id"], "shape": docs[i]["shape"], "error": e} for i, e in released.errors]
    for error in errors:
        print(f"ERROR doc {error['doc']} ({error['shape']}): {error['error']}")
    elapsed = time.perf_counter() - started

    for miss in t.misses:
        miss["in"], miss["out"] = in_out(miss, docs[miss["doc"]], released.outs[miss["doc"]])
    report = {
        "seed": args.seed,
        "documents": len(docs),
        "role": ROLE,
        "model": MODEL,
        "python": platform.python_version(),
        "seconds": {
            "total": elapsed,
            "corpus": corpus_seconds,
            "load": released.load_seconds,
            "scrim": released.seconds,
        },
        "totals": totals,
        "per_entity": {
            e: {
                "present": t.present[e],
                "leaked_whole": t.whole[e],
                "rate": t.whole[e] / t.present[e],
                "withheld": t.withheld_values[e],
                "surname_shown": t.surname_shown[e],
            }
            for e in sorted(t.present, key=lambda x: -t.present[x])
        },
        "by_subtype": {
            f"{e}/{k}": {"present": n, "leaked_whole": t.kinds_whole[(e, k)]}
            for (e, k), n in sorted(t.kinds_present.items())
        },
        "by_placement": {
            f"{e}/{h}": {"present": n, "leaked_whole": t.how_whole[(e, h)]}
            for (e, h), n in sorted(t.how_present.items())
        },
        "decoys": {
            c: {"present": t.decoys[c], "changed": t.decoys_changed[c]}
            for c in sorted(t.decoys, key=lambda x: -t.decoys_changed[x])
        },
        "withheld": dict(released.withheld),
        "withheld_docs": sorted(t.withheld_docs),
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
