"""Oracle: what survived of each personal value and decoy in a released body."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from html.parser import HTMLParser


def norm(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s).casefold() if ch.isalnum())


BLOCK = {
    "tr",
    "td",
    "th",
    "li",
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "table",
    "ul",
    "ol",
    "footer",
    "time",
    "section",
    "header",
    "body",
    "html",
    "head",
    "title",
    "dd",
    "dt",
}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK:
            self.parts.append("\n")
        self.attrs.extend(v for _, v in attrs if v)

    def handle_endtag(self, tag):
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def _walk(o, out):
    if isinstance(o, dict):
        for k, v in o.items():
            out.append(str(k))
            _walk(v, out)
    elif isinstance(o, list):
        for v in o:
            _walk(v, out)
    elif isinstance(o, str):
        out.append(o)
    elif o is None or isinstance(o, bool):
        pass
    else:
        out.append(json.dumps(o))


def text_of(body: str, content_type: str) -> str:
    if content_type == "application/json":
        try:
            doc = json.loads(body)
        except ValueError:
            return body
        out: list[str] = []
        _walk(doc, out)
        return "\n".join(out)
    if content_type == "text/html":
        p = _Text()
        p.feed(body)
        p.close()
        return "".join(p.parts) + "\n" + "\n".join(html.unescape(a) for a in p.attrs)
    return body


EMAIL_RE = re.compile(r"[^\s<>\"'@]+@[^\s<>\"'@]+\.[A-Za-z]{2,}")
IDENT = {
    "CREDIT_CARD",
    "US_SSN",
    "IBAN",
    "BANK_ACCOUNT",
    "CRYPTO",
    "IP_ADDRESS",
    "PASSPORT",
    "NATIONAL_ID",
    "DRIVER_LICENCE",
    "PHONE",
    "MRZ",
}


def longest_run(v: str, t: str) -> int:
    lo = 0
    for L in range(len(v), 0, -1):
        if any(v[i : i + L] in t for i in range(0, len(v) - L + 1)):
            return L
    return lo


def _at(doc, path):
    for k in path:
        if not isinstance(doc, dict) or k not in doc:
            return None
        doc = doc[k]
    return doc


def judge(sample: dict, released: str | None):
    """Per personal value: 'withheld' | 'leaked' | 'partial' | 'masked'; per decoy: 'withheld' | 'unchanged' | 'changed'."""
    if released is None:
        return ["withheld"] * len(sample["personal"]), ["withheld"] * len(sample["decoys"])
    text = text_of(released, sample["content_type"])
    nt = norm(text)
    no_mail = EMAIL_RE.sub(" ", text).casefold()
    pv = []
    for p in sample["personal"]:
        v = p["value"]
        if p["type"] == "LAST_NAME":
            pat = r"(?<!\w)" + re.escape(v.casefold()) + r"(?!\w)"
            pv.append("leaked" if re.search(pat, no_mail) else "masked")
            continue
        if "json_path" in p:
            try:
                orig, out = (
                    _at(json.loads(sample["body"]), p["json_path"]),
                    _at(json.loads(released), p["json_path"]),
                )
            except ValueError:
                out, orig = None, 1
            pv.append("leaked" if out == orig else "masked")
            continue
        if "pieces" in p:
            pv.append("leaked" if all(norm(x) in nt for x in p["pieces"]) else "masked")
            continue
        nv = norm(v)
        if nv in nt:
            pv.append("leaked")
        elif (
            p["type"] in IDENT
            and p["type"] != "PHONE"
            and longest_run(nv, nt) >= max(6, int(0.6 * len(nv) + 0.999))
        ):
            pv.append("partial")
        else:
            pv.append("masked")
    dv = ["unchanged" if d["value"] in text else "changed" for d in sample["decoys"]]
    return pv, dv
