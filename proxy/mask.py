"""Masking: turn declared entities and detected spans into replacement values, per role.

Reveals are additive grants: an entity the role does not reveal gets the role's default mask. Every
style is idempotent (masking masked output changes nothing), so a value that flows back through
Scrim — an agent pasting a masked email into a note — never degrades further or gets re-tokenised.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from proxy import emails
from proxy.model import DROPPED, MaskResult, Replacement, Scalar, Span, TextField, field_text
from proxy.rules import CLEAR, MaskSpec, Role
from proxy.textviews import normalise, without_edge_blanks

_TOKEN_RE = re.compile(r"^tok_[0-9a-f]{12}$")
# Letters, digits and our own hiding character: counting '*' keeps partial masks idempotent.
_ALNUM = re.compile(r"[^\W_]|\*", re.UNICODE)
_HIDE = emails.HIDE
_DIGIT = re.compile(r"\d")
_MOST_DIGITS_IN_DOMAIN = 4
# Entities that are numbers: their partial view keeps trailing digits, never anything else.
_NUMBERS = frozenset({"CREDIT_CARD", "PHONE_NUMBER", "US_SSN", "US_BANK_NUMBER", "NATIONAL_ID"})
_WORD = re.compile(r"[^\W\d_]{2}")
_IN_NAMES = frozenset(".-'\u2019")  # "J.", "Anne-Marie", "O'Brien" (either apostrophe)


@dataclass(frozen=True, slots=True)
class Masker:
    """Applies one role's masks. `token_key` keys the HMAC of the `token` style."""

    role: Role
    masks: Mapping[str, MaskSpec]
    token_key: bytes

    def apply(
        self,
        fields: Sequence[TextField],
        declared: Mapping[int, str],
        spans: Mapping[int, Sequence[Span]],
    ) -> MaskResult:
        result = MaskResult()
        for field in fields:
            entity = declared.get(field.slot)
            if entity is not None:
                self._whole(field, entity, result)
            elif field.slot in spans and field.value is not None and spans[field.slot]:
                self._spans(field, spans[field.slot], result)
        return result

    def _whole(self, field: TextField, entity: str, result: MaskResult) -> None:
        mask_name = self.role.mask_for(entity)
        if mask_name == CLEAR:
            _count(result.revealed, entity)
            return
        new = self._mask_value(field.value, entity, self.masks[mask_name])
        _count(result.masked, entity)
        if new is DROPPED or new != field.value:
            result.replacements[field.slot] = new

    def _spans(self, field: TextField, found: Sequence[Span], result: MaskResult) -> None:
        text = field_text(field.value)
        chosen = non_overlapping(found, lambda s: self.role.mask_for(s.entity) != CLEAR)
        pieces: list[str] = []
        cursor = 0
        whole: Replacement | None = None
        for span in chosen:
            mask_name = self.role.mask_for(span.entity)
            if mask_name == CLEAR:
                _count(result.revealed, span.entity)
                continue
            _count(result.masked, span.entity)
            spec = self.masks[mask_name]
            covers_all = text[: span.start].strip() == "" and text[span.end :].strip() == ""
            if covers_all and spec.style == "drop" and not field.is_key:
                whole = DROPPED
                break
            style = "redact" if spec.style == "drop" else spec.style
            # Blanks at a span's edges are layout, not the value: a mask keeps them (a name's
            # first-name mask had swallowed the line break after it).
            start, end = without_edge_blanks(text, span.start, span.end)
            if span.encoded and style == "partial":
                # A partial view of an encoding ("last 4", "first name") would show encoded bytes.
                masked = _partial(text[start:end], "", 0)
            else:
                # Masked as a reader sees it: `jane&#64;x.com` shows `j***@x.com`, not its escapes
                # half hidden, and one value gets one token however it was written.
                shown = normalise(text[start:end])[0]
                masked = _mask_text(shown, span.entity, style, spec.keep, self.token_key)
            pieces.append(text[cursor:start])
            pieces.append(masked)
            cursor = end
        if whole is not None:
            result.replacements[field.slot] = whole
            return
        if not pieces:
            return
        pieces.append(text[cursor:])
        new_text = "".join(pieces)
        if new_text != text:
            result.replacements[field.slot] = new_text

    def _mask_value(self, value: Scalar, entity: str, spec: MaskSpec) -> Replacement:
        if spec.style == "drop":
            return DROPPED
        if value is None:
            return None
        if isinstance(value, bool) or (spec.style == "redact" and not isinstance(value, str)):
            return None  # a masked number or flag becomes null: valid JSON, no digits leaked
        return _mask_text(str(value), entity, spec.style, spec.keep, self.token_key)


def _count(counter: dict[str, int], entity: str) -> None:
    counter[entity] = counter.get(entity, 0) + 1


def non_overlapping(spans: Sequence[Span], masked: Callable[[Span], bool]) -> list[Span]:
    """Of overlapping spans, a masked one wins over a revealed one (never reveal what another
    recognizer would hide), then the longest (a short winner would leave the rest of a long value
    in clear), then the highest score; result in text order."""
    # Chosen spans never overlap, so in start order their ends are ordered too: a candidate can
    # only overlap its neighbours there, found by bisection (comparing it with every chosen span
    # took 50 s on one line of 50,000 e-mails).
    chosen: list[Span] = []
    starts: list[int] = []
    for span in sorted(spans, key=lambda s: (not masked(s), -(s.end - s.start), -s.score, s.start)):
        if span.end <= span.start:
            continue  # covers nothing
        at = bisect.bisect_left(starts, span.start)
        if at > 0 and chosen[at - 1].end > span.start:
            continue
        if at < len(chosen) and chosen[at].start < span.end:
            continue
        chosen.insert(at, span)
        starts.insert(at, span.start)
    return chosen


_UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")  # kana, Han, Hangul


def _first_name(name: str) -> str:
    """The first name of a full name ("Jane Doe", "Doe, Jane"), or nothing of what is no name (tools
    fill a name field with the e-mail or phone number when there is no display name)."""
    if "," in name:
        name = name.split(",", 1)[1]  # the family name first
    words = name.split()
    if not words:
        return ""
    first = words[0]
    # "DUPONT Jean" (French records put the family name first, in capitals) or "JR Smith" (initials):
    # which word is the first name cannot be told, so neither is shown.
    mixed = len(first) > 1 and first.isupper() and any(not w.isupper() for w in words[1:])
    # "张静怡", "김민지": Chinese, Japanese and Korean names are written without a space, family
    # name first; the first word is the whole name.
    unspaced = _UNSPACED_SCRIPT.search(first) is not None
    if not mixed and not unspaced and all(ch.isalpha() or ch in _IN_NAMES for ch in first):
        return first
    return _ALNUM.sub(_HIDE, name.strip())


def _mask_text(text: str, entity: str, style: str, keep: int, key: bytes) -> str:
    if style == "redact":
        return ""
    if style == "replace":
        return f"<{entity}>"
    if style == "token":
        if _TOKEN_RE.match(text):
            return text
        digest = hmac.new(key, f"{entity}\0{text.strip().lower()}".encode(), hashlib.sha256)
        return "tok_" + digest.hexdigest()[:12]
    return _partial(text, entity, keep)


def _partial(text: str, entity: str, keep: int) -> str:
    address = emails.split_at(text) if entity == "EMAIL_ADDRESS" else None
    if address is not None:
        local, at, domain = address
        initial = local[:1].replace(_HIDE, "")
        if len(_DIGIT.findall(domain)) > _MOST_DIGITS_IN_DOMAIN:
            # A domain is words; one this full of digits is more likely another value read as an
            # address ("me at 927.61.79.72"): the hint must not show it.
            domain = _DIGIT.sub(_HIDE, domain)
        return f"{initial}***{at}{domain}"
    if entity == "PERSON":
        return _first_name(text)
    # Keep at most `keep` trailing letters/digits and never more than half of them, so a short
    # value is not revealed whole; separators stay so the shape (a card, a phone) is recognisable.
    # A number with words in it holds more than the number ("4539… exp 04/27 cvv 123"): its last
    # characters are not the number's, so none are kept.
    visible = min(keep, len(_ALNUM.findall(text)) // 2)
    if entity in _NUMBERS and _WORD.search(text):
        visible = 0
    cut = len(text)  # text[cut:] holds exactly the `visible` kept characters (and separators)
    while visible:
        cut -= 1
        if _ALNUM.match(text[cut]):
            visible -= 1
    return _ALNUM.sub(_HIDE, text[:cut]) + text[cut:]
