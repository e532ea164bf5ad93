"""Judge one released response against its labels.

judge(doc, out) -> [{"kind": "personal"|"decoy", "type"|"class", "value", "leaked", "withheld", "changed", "how"}]

out is None when the response was withheld. A personal value is *leaked* when it is still in the output
whole: verbatim; case-insensitively for text (names, e-mails, addresses, usernames, wallets); with its
digits in the same order for numbers written with separators (spaces, dashes, dots, slashes, brackets),
i.e. the digit groups of the value appear as consecutive digit groups of the output; compacted (no
spaces/dashes/dots, upper case) for alphanumeric identifiers (IBAN, passports, national ids); URL-encoded
values also count when they appear decoded. The output is also read with JSON \\uXXXX escapes and HTML
entities undone, so a re-serialised body cannot hide a leak. A decoy is *changed* when it appears
(standing alone, not inside a personal value) fewer times in the output than in the input.
"""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse

IDS = {
    "IBAN_CODE",
    "PASSPORT",
    "NATIONAL_ID",
    "DRIVER_LICENSE",
    "US_SSN",
    "BANK_ACCOUNT",
    "CREDIT_CARD",
    "PHONE_NUMBER",
}
TEXTUAL = {"PERSON", "EMAIL_ADDRESS", "STREET_ADDRESS", "USERNAME", "CRYPTO_WALLET", "IP_ADDRESS"}
SEPS = " \u00a0\u3000-‐‑–－./()+＋（）"
_GROUPS = re.compile(r"[0-9０-９](?:[0-9０-９]|[" + re.escape(SEPS) + r"](?=[0-9０-９\s(（+＋]))*")
_UESC = re.compile(r"\\u([0-9a-fA-F]{4})")


def _digits(s: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in s if unicodedata.category(c) == "Nd")


def _is_numberish(v: str) -> bool:
    return all(unicodedata.category(c) == "Nd" or c in SEPS for c in v) and len(_digits(v)) >= 6


def _compact(s: str) -> str:
    return re.sub(r"[\s\-.\u00a0]", "", s).upper()


def views(out: str) -> list[str]:
    vs = [out]
    u = _UESC.sub(lambda m: chr(int(m.group(1), 16)), out).replace("\\/", "/")
    if u != out:
        vs.append(u)
    h = html.unescape(u)
    if h != u:
        vs.append(h)
    return vs


def _digit_runs(text: str) -> list[list[str]]:
    """Every run of digit groups joined by separators, as its list of groups (digits only)."""
    runs = []
    for m in _GROUPS.finditer(text):
        groups = [_digits(g) for g in re.split("[" + re.escape(SEPS) + "]+", m.group(0))]
        runs.append([g for g in groups if g])
    return runs


def _digits_leak(value: str, runs: list[list[str]]) -> bool:
    want = _digits(value)
    for groups in runs:
        joined = "".join(groups)
        if want not in joined:
            continue
        # the value's digits must start and end on group boundaries of the output run
        starts = {0}
        acc = 0
        for g in groups:
            acc += len(g)
            starts.add(acc)
        for i in range(len(joined) - len(want) + 1):
            if joined[i : i + len(want)] == want and i in starts and (i + len(want)) in starts:
                return True
    return False


_NOSPACE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORDY = {"PERSON", "USERNAME", "STREET_ADDRESS"}


def _find(hay: str, needle: str, typ: str) -> bool:
    """needle in hay; for names, usernames and addresses in spaced scripts, only as a whole word."""
    if needle not in hay:
        return False
    if typ not in WORDY:
        return True
    pre = r"(?<![^\W_])" if not _NOSPACE.match(needle[:1]) else ""
    post = r"(?![^\W_])" if not _NOSPACE.match(needle[-1:]) else ""
    if not pre and not post:
        return True
    return re.search(pre + re.escape(needle) + post, hay) is not None


def personal_leak(typ: str, value: str, vs: list[str], cache: dict) -> str | None:
    """How the value leaked, or None."""
    for o in vs:
        if _find(o, value, typ):
            return "verbatim"
    nf = unicodedata.normalize("NFC", value)
    low = nf.casefold()
    if "lows" not in cache:
        cache["lows"] = [unicodedata.normalize("NFC", o).casefold() for o in vs]
        cache["lows_ws"] = [re.sub(r"\s+", " ", x) for x in cache["lows"]]
    if typ in TEXTUAL or any(c.isalpha() for c in value):
        if any(_find(o, low, typ) for o in cache["lows"]) or any(
            _find(o, re.sub(r"\s+", " ", low), typ) for o in cache["lows_ws"]
        ):
            return "case"
    if "%" in value or "+" in value:
        dec = urllib.parse.unquote_plus(value)
        if dec != value and any(_find(o, dec.casefold(), typ) for o in cache["lows"]):
            return "decoded"
    if _is_numberish(value):
        if "runs" not in cache:
            cache["runs"] = [run for o in vs for run in _digit_runs(o)]
        if _digits_leak(value, cache["runs"]):
            return "digits"
    elif (
        any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and len(_compact(value)) >= 8
        and typ in IDS
    ):
        if "compact" not in cache:
            cache["compact"] = [_compact(o) for o in vs]
        if any(_compact(value) in o for o in cache["compact"]):
            return "compact"
    return None


def _bounded(v: str) -> re.Pattern:
    pre = r"(?<![A-Za-z0-9])" if v[:1].isalnum() else ""
    post = r"(?![A-Za-z0-9])" if v[-1:].isalnum() else ""
    return re.compile(pre + re.escape(v) + post)


def decoy_expected(doc: dict, value: str) -> int:
    body = doc["body"]
    spans = []
    for x in doc["personal"]:
        start = 0
        while (i := body.find(x["value"], start)) >= 0:
            spans.append((i, i + len(x["value"])))
            start = i + 1
    n = 0
    for m in _bounded(value).finditer(body):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            n += 1
    return n


def judge(doc: dict, out: str | None) -> list[dict]:
    verdicts = []
    withheld = out is None
    vs = views(out) if out is not None else []
    cache: dict = {}
    for x in doc["personal"]:
        how = None if withheld else personal_leak(x["type"], x["value"], vs, cache)
        verdicts.append(
            {
                "kind": "personal",
                "type": x["type"],
                "value": x["value"],
                "leaked": how is not None,
                "withheld": withheld,
                "changed": withheld or x["value"] not in out,
                "how": how or "",
            }
        )
    for x in doc["decoys"]:
        exp = decoy_expected(doc, x["value"])
        if withheld:
            changed = False
        else:
            pat = _bounded(x["value"])
            got = max(len(pat.findall(o)) for o in vs)
            changed = got < exp
        verdicts.append(
            {
                "kind": "decoy",
                "class": x["class"],
                "value": x["value"],
                "leaked": False,
                "withheld": withheld,
                "changed": changed,
                "expected": exp,
            }
        )
    return verdicts
