"""Judges what a released body reveals: did each labelled personal value survive WHOLE, did each decoy survive
unchanged. Bodies are read as a reader sees them: JSON on its raw text and on its decoded strings (nested JSON
strings decoded too), HTML on its unescaped text and attribute values, CSV and text as they are."""

from __future__ import annotations

import contextlib
import html
import json
import re
from html.parser import HTMLParser

DIGITY = {
    "PHONE",
    "CREDIT_CARD",
    "US_SSN",
    "NATIONAL_ID",
    "PASSPORT",
    "DRIVER_LICENCE",
    "IBAN",
    "BANK_ACCOUNT",
}
CASELESS = {"EMAIL", "IBAN"}


# --------------------------------------------------------------------------- views


def _json_load(text: str):
    return json.loads(text, parse_int=str, parse_float=str, parse_constant=str)


def _walk(obj, out: list, pairs: set | None = None, key: str | None = None, depth: int = 0):
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.append(k)
            _walk(v, out, pairs, k, depth)
    elif isinstance(obj, list):
        for v in obj:
            _walk(v, out, pairs, key, depth)
    elif obj is None or isinstance(obj, bool):
        return
    else:
        s = str(obj)
        out.append(s)
        if pairs is not None and key is not None:
            pairs.add((key, s))
        st = s.strip()
        if depth < 3 and st[:1] in "{[" and st[-1:] in "}]":
            try:
                inner = _json_load(st)
            except ValueError:
                return
            _walk(inner, out, pairs, None, depth + 1)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attrs: list[str] = []

    BLOCK = {
        "p",
        "div",
        "td",
        "th",
        "tr",
        "li",
        "ul",
        "ol",
        "dd",
        "dt",
        "dl",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "section",
        "aside",
        "header",
        "footer",
        "main",
        "blockquote",
        "form",
        "label",
        "title",
        "pre",
        "hr",
    }

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.text.append("\n")
        for _, v in attrs:
            if v:
                self.attrs.append(v)

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.text.append("\n")

    def handle_data(self, data):
        self.text.append(data)


def views(content_type: str, body: str) -> list[str]:
    """All the texts a reader can see in ``body``; the first is the primary (reader's) view."""
    ct = content_type.split(";")[0].strip().lower()
    if ct == "application/json" or ct.endswith("+json"):
        try:
            obj = _json_load(body)
        except ValueError:
            return [body]
        strings: list[str] = []
        _walk(obj, strings)
        decoded = "\n".join(strings)
        out = [decoded, body]
        if "&" in decoded:
            out.append(html.unescape(decoded))
        if "<" in decoded:
            p = _Text()
            try:
                p.feed(decoded)
                p.close()
                out.append("".join(p.text))
            except Exception:
                pass
        return out
    if ct in ("text/html", "application/xhtml+xml"):
        p = _Text()
        try:
            p.feed(body)
            p.close()
        except Exception:
            pass
        return [html.unescape(body), body, "".join(p.text), "\n".join(p.attrs)]
    return [body]


def piece_pairs(content_type: str, body: str) -> set:
    ct = content_type.split(";")[0].strip().lower()
    pairs: set = set()
    if ct == "application/json":
        with contextlib.suppress(ValueError):
            _walk(_json_load(body), [], pairs)
    return pairs


# --------------------------------------------------------------------------- matching


def _is_word(ch: str) -> bool:
    return ch.isalnum() and not ("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")


def bounded_spans(hay: str, needle: str, bounded: bool = True) -> list[tuple[int, int]]:
    spans = []
    if not needle:
        return spans
    i = hay.find(needle)
    while i >= 0:
        j = i + len(needle)
        ok = True
        if bounded:
            if _is_word(needle[0]) and i > 0 and _is_word(hay[i - 1]):
                ok = False
            if _is_word(needle[-1]) and j < len(hay) and _is_word(hay[j]):
                ok = False
        if ok:
            spans.append((i, j))
        i = hay.find(needle, i + 1)
    return spans


_SEP = re.compile(r"[\s\-./()\u00a0\u2009\u202f]+")


def _norm(s: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", s).upper()


def _loose_pattern(n: str, caseless: bool) -> re.Pattern:
    """The value's letters and digits in order, any separators between them, bounded by non-alphanumerics."""
    body = r"[\s\-./()\u00a0\u2009\u202f]*".join(re.escape(ch) for ch in n)
    return re.compile(r"(?<![0-9A-Za-z])" + body + r"(?![0-9A-Za-z])", re.I if caseless else 0)


def _present(lab: dict, vs: list[str]) -> str | None:
    value = lab["value"]
    bounded = lab.get("bounded", True)
    for v in vs:
        if lab["type"] in CASELESS:
            if bounded_spans(v.lower(), value.lower(), bounded):
                return "whole"
        elif bounded_spans(v, value, bounded):
            return "whole"
    if lab["type"] in DIGITY:
        n = _norm(value)
        if len(n) >= 8 and sum(ch.isdigit() for ch in n) >= 5:
            pat = _loose_pattern(n, lab["type"] in CASELESS)
            for v in vs:
                if pat.search(v):
                    return "normalised"
    return None


def _surname_survives(lab: dict, person_vals: set, blanked: list[str]) -> str | None:
    """A family-name token of this name that survived outside any surviving occurrence of another labelled name
    (so a surname field that leaked is counted once, under its own label, not again under the full name)."""
    others = [p for p in person_vals if p != lab["value"]]
    for v in blanked:
        covered = [span for o in others for span in bounded_spans(v, o, bounded=False)]
        for tok in lab.get("family", []):
            for s, e in bounded_spans(v, tok):
                if not any(cs <= s and e <= ce for cs, ce in covered):
                    return "surname:" + tok
    return None


def judge(doc: dict, released_body: str | None) -> list[dict]:
    """One verdict per labelled personal value (``leaked``) and per decoy (``unchanged``)."""
    verdicts: list[dict] = []
    ct = doc["content_type"]
    if released_body is None:
        for lab in doc["personal"]:
            verdicts.append(
                {
                    "kind": "personal",
                    "type": lab["type"],
                    "sub": lab["sub"],
                    "value": lab["value"],
                    "leaked": False,
                    "how": "withheld",
                    "withheld": True,
                }
            )
        for dc in doc["decoys"]:
            verdicts.append(
                {
                    "kind": "decoy",
                    "cls": dc["cls"],
                    "value": dc["value"],
                    "unchanged": False,
                    "withheld": True,
                }
            )
        return verdicts
    out_views = views(ct, released_body)
    # views with every other labelled (non-person) value that survived blanked, for surname checks
    others = sorted(
        {lab["value"] for lab in doc["personal"] if lab["type"] != "PERSON" and not lab.get("pieces")},
        key=len,
        reverse=True,
    )
    blanked = []
    for v in out_views:
        for o in others:
            if o in v:
                v = v.replace(o, " ")
        blanked.append(v)
    pairs_out = None
    person_vals = {
        lab["value"] for lab in doc["personal"] if lab["type"] == "PERSON" and not lab.get("pieces")
    }
    for lab in doc["personal"]:
        how = None
        if lab.get("pieces"):
            if pairs_out is None:
                pairs_out = piece_pairs(ct, released_body)
            if all((p["key"], p["value"]) in pairs_out for p in lab["pieces"]):
                how = "pieces"
        else:
            how = _present(lab, out_views)
            if how is None and lab["type"] == "PERSON":
                how = _surname_survives(lab, person_vals, blanked)
        verdicts.append(
            {
                "kind": "personal",
                "type": lab["type"],
                "sub": lab["sub"],
                "value": lab["value"],
                "leaked": how is not None,
                "how": how,
                "withheld": False,
            }
        )
    in_primary = views(ct, doc["body"])[0]
    out_primary = out_views[0]
    for dc in doc["decoys"]:
        n_in = in_primary.count(dc["value"])
        n_out = out_primary.count(dc["value"])
        verdicts.append(
            {
                "kind": "decoy",
                "cls": dc["cls"],
                "value": dc["value"],
                "unchanged": n_out >= n_in and n_in > 0,
                "withheld": False,
            }
        )
    return verdicts
