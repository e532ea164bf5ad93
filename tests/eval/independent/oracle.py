"""The independent corpus's own judge: which labelled values an output leaked whole, which decoys changed.

Written with the corpus (not with tests/eval/oracle.py, nor Scrim's codecs), so its blind spots are its own.

Views of an output a client reads: the raw body; its HTML-unescaped form; for JSON every string (keys too)
and number, HTML-unescaped and with tags dropped; for HTML the text with tags replaced by a space plus the
unescaped raw (attributes); for CSV every cell.

Leaked whole:
- numeric/alphanumeric ids (card, SSN, IBAN, bank account, crypto, IP, passport, gov id, phone, DOB):
  the value's letters and digits in order, any separators (whitespace, - . / ( ) _ : ' " , + NBSP) between
  them, case-insensitive, not preceded or followed by a letter/digit.
- e-mail: the address, case-insensitive, not inside a longer address.
- person / address: the words of the value in order, separated by any non-word characters, case-insensitive.
  A person whose first name is shown but surname too is "surname shown" (beyond policy), counted apart.
Decoy changed: the decoy's exact text is absent from every view.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import html
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

SEP = r"[\s\-./()_:'\",+\u00a0\u2009\u202f]*"
WORD_SEP = r"[\W_]+"


def _strings(o: Any, acc: list[str]) -> None:
    if isinstance(o, dict):
        for k, v in o.items():
            acc.append(str(k))
            _strings(v, acc)
    elif isinstance(o, list):
        for v in o:
            _strings(v, acc)
    elif isinstance(o, str):
        acc.append(o)
    elif o is not None and not isinstance(o, bool):
        acc.append(json.dumps(o))


def detag(s: str) -> str:
    return re.sub(r"<[^>]*>", " ", s)


def views(out: str, ct: str) -> str:
    vs = [out, html.unescape(out)]
    if ct == "application/json":
        with contextlib.suppress(Exception):
            acc: list[str] = []
            _strings(json.loads(out), acc)
            vs += acc
            vs += [html.unescape(detag(s)) for s in acc if "<" in s or "&" in s]
            vs += [html.unescape(s) for s in acc if "&" in s]
    elif ct == "text/html":
        vs.append(html.unescape(detag(out)))
        vs.append(html.unescape(re.sub(r"<[^>]*>", "", out)))
    elif ct == "text/csv":
        for delim in (",", ";"):
            with contextlib.suppress(Exception):
                vs += [c for row in csv.reader(io.StringIO(out), delimiter=delim) for c in row]
    return "\n\u0000\n".join(vs)


def id_pattern(value: str) -> re.Pattern[str]:
    v = value
    if v.lower().startswith("tel:"):
        v = v[4:]
    chars = [c for c in v if c.isalnum()]
    body = SEP.join(re.escape(c) for c in chars)
    return re.compile(r"(?<![^\W_])" + body + r"(?![^\W_])", re.I)


def word_pattern(value: str) -> re.Pattern[str]:
    words = re.findall(r"[^\W_]+", value)
    return re.compile(r"(?<![^\W_])" + WORD_SEP.join(re.escape(w) for w in words) + r"(?![^\W_])", re.I)


def email_pattern(value: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.+-])" + re.escape(value) + r"(?![\w-]|\.\w)", re.I)


WORDY = {"PERSON", "ADDRESS"}


def leaked(label: dict[str, Any], text: str) -> bool:
    ent, v = label["entity"], label["value"]
    if ent == "EMAIL":
        return bool(email_pattern(v).search(text))
    if ent in WORDY:
        return bool(word_pattern(v).search(text))
    if ent == "DOB" and re.search(r"[^\W\d_]", v):
        return bool(word_pattern(v).search(text))
    return bool(id_pattern(v).search(text))


def judge(
    docs: Sequence[dict[str, Any]], outs: Sequence[str | None]
) -> list[tuple[str, dict[str, Any], dict[str, Any], str | None, str | None]]:
    """One verdict per label and per decoy: (verdict, label or decoy, document, output, views of the output).

    `outs[i]` is what a client received for `docs[i]` (None: withheld). Verdicts: whole, surname_shown,
    ok, withheld for labels; decoy_ok, decoy_changed, decoy_withheld for decoys.
    """
    res = []
    for d, out in zip(docs, outs, strict=True):
        if out is None:
            for lab in d["labels"]:
                res.append(("withheld", lab, d, out, None))
            for dc in d["decoys"]:
                res.append(("decoy_withheld", dc, d, out, None))
            continue
        text = views(out, d["ct"])
        for lab in d["labels"]:
            if leaked(lab, text):
                verdict = "whole"
            elif (
                lab["entity"] == "PERSON" and lab.get("surname") and word_pattern(lab["surname"]).search(text)
            ):
                verdict = "surname_shown"
            else:
                verdict = "ok"
            res.append((verdict, lab, d, out, text))
        for dc in d["decoys"]:
            res.append(("decoy_ok" if dc["value"] in text else "decoy_changed", dc, d, out, text))
    return res


def context(body: str, value: str, width: int = 90) -> str:
    i = body.find(value)
    if i < 0:
        i = body.find(value[:8])
    if i < 0:
        return body[: 2 * width]
    return body[max(0, i - width) : i + len(value) + width]


def _counter() -> collections.Counter[Any]:
    return collections.Counter()


@dataclass
class Tally:
    """The counts over a corpus: per entity, per subtype and placement, per decoy class; every miss."""

    present: collections.Counter[str] = field(default_factory=_counter)
    whole: collections.Counter[str] = field(default_factory=_counter)
    surname_shown: collections.Counter[str] = field(default_factory=_counter)
    withheld_values: collections.Counter[str] = field(default_factory=_counter)
    kinds_present: collections.Counter[tuple[str, str]] = field(default_factory=_counter)
    kinds_whole: collections.Counter[tuple[str, str]] = field(default_factory=_counter)
    how_present: collections.Counter[tuple[str, str]] = field(default_factory=_counter)
    how_whole: collections.Counter[tuple[str, str]] = field(default_factory=_counter)
    decoys: collections.Counter[str] = field(default_factory=_counter)
    decoys_changed: collections.Counter[str] = field(default_factory=_counter)
    withheld_docs: set[int] = field(default_factory=set)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def totals(self) -> dict[str, Any]:
        tp, tw = sum(self.present.values()), sum(self.whole.values())
        td, tc = sum(self.decoys.values()), sum(self.decoys_changed.values())
        return {
            "personal_values": tp,
            "leaked_whole": tw,
            "leaked_whole_rate": tw / tp if tp else 0.0,
            "surname_shown": sum(self.surname_shown.values()),
            "withheld_values": sum(self.withheld_values.values()),
            "withheld_responses": len(self.withheld_docs),
            "decoys": td,
            "decoys_changed": tc,
            "decoys_unchanged_rate": 1 - tc / td if td else 1.0,
        }

    def entity_table(self) -> list[str]:
        present, whole, wh, sur = self.present, self.whole, self.withheld_values, self.surname_shown
        lines = [
            f"{'entity':10} {'present':>8} {'whole':>6} {'rate':>7} {'withheld':>8} {'surname_shown':>13}"
        ]
        for e in sorted(present, key=lambda x: -present[x]):
            lines.append(
                f"{e:10} {present[e]:8d} {whole[e]:6d} {whole[e] / present[e]:7.1%} {wh[e]:8d} {sur[e]:13d}"
            )
        t = self.totals()
        lines.append(
            f"{'ALL':10} {t['personal_values']:8d} {t['leaked_whole']:6d} {t['leaked_whole_rate']:7.2%} "
            f"{t['withheld_values']:8d} {t['surname_shown']:13d}"
        )
        lines.append(f"withheld responses: {t['withheld_responses']}")
        return lines

    def breakdown(self) -> list[str]:
        lines = ["leak rate by subtype (only subtypes with leaks):"]
        for (e, k), n in sorted(self.kinds_whole.items(), key=lambda x: -x[1]):
            lines.append(f"  {e:9} {k:32} {n:4d}/{self.kinds_present[(e, k)]:<4d}")
        lines += ["", "leak rate by placement:"]
        for (e, h), n in sorted(self.how_whole.items(), key=lambda x: -x[1]):
            lines.append(f"  {e:9} {h:28} {n:4d}/{self.how_present[(e, h)]:<4d}")
        return lines

    def decoy_table(self) -> list[str]:
        dec, changed = self.decoys, self.decoys_changed
        lines = ["decoys:"]
        for c in sorted(dec, key=lambda x: -changed[x]):
            lines.append(
                f"  {c:18} {dec[c]:5d} changed {changed[c]:4d}  unchanged {1 - changed[c] / dec[c]:7.2%}"
            )
        t = self.totals()
        td, tc = t["decoys"], t["decoys_changed"]
        lines.append(
            f"  ALL {td} changed {tc} ({tc / td if td else 0:.2%}); unchanged {t['decoys_unchanged_rate']:.2%}"
        )
        return lines


def tally(res: Sequence[tuple[str, dict[str, Any], dict[str, Any], str | None, str | None]]) -> Tally:
    """Count `judge`'s verdicts; every leak, surname shown and changed decoy becomes a miss record."""
    t = Tally()
    for verdict, lab, d, _out, _text in res:
        if verdict.startswith("decoy"):
            t.decoys[lab["cls"]] += 1
            if verdict == "decoy_changed":
                t.decoys_changed[lab["cls"]] += 1
                t.misses.append(
                    {
                        "kind": "decoy_changed",
                        "cls": lab["cls"],
                        "value": lab["value"],
                        "doc": d["id"],
                        "shape": d["shape"],
                        "path": d["path"],
                        "ct": d["ct"],
                        "in": context(d["body"], lab["value"]),
                    }
                )
            if verdict == "decoy_withheld":
                t.withheld_docs.add(d["id"])
            continue
        e = lab["entity"]
        t.present[e] += 1
        t.kinds_present[(e, lab["kind"])] += 1
        t.how_present[(e, lab["how"])] += 1
        if verdict == "withheld":
            t.withheld_values[e] += 1
            t.withheld_docs.add(d["id"])
        elif verdict == "whole":
            t.whole[e] += 1
            t.kinds_whole[(e, lab["kind"])] += 1
            t.how_whole[(e, lab["how"])] += 1
            t.misses.append(
                {
                    "kind": "whole",
                    "entity": e,
                    "subtype": lab["kind"],
                    "how": lab["how"],
                    "field": lab["field"],
                    "value": lab["value"],
                    "doc": d["id"],
                    "shape": d["shape"],
                    "path": d["path"],
                    "ct": d["ct"],
                }
            )
        elif verdict == "surname_shown":
            t.surname_shown[e] += 1
            t.misses.append(
                {
                    "kind": "surname_shown",
                    "entity": e,
                    "subtype": lab["kind"],
                    "how": lab["how"],
                    "value": lab["value"],
                    "surname": lab["surname"],
                    "doc": d["id"],
                    "shape": d["shape"],
                    "path": d["path"],
                    "ct": d["ct"],
                }
            )
    return t
