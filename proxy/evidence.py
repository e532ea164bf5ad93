"""Evidence helpers shared by the audit trail and `scrim attribute`.

A leaked list reaches a fraud team as e-mails, phone numbers or customer ids. The audit trail must
let them match it without storing those values: each served customer record carries keyed hashes
of its e-mail and phone (`match_hash`), computed with the audit key, normalised the same way here
and in `scrim attribute`.

Audit line (one per response), fields relevant to attribution:
    {"time", "agent", "role", "route", "outcome",
     "records": [{"type": "customer", "id": "17", "assigned": false,
                  "clear": ["email", "name"], "masked": ["ssn", "card_number"],
                  "keys": ["<match_hash of email>", "<match_hash of phone>"]}, ...],
     "events": ["canary", "quota_soft", "break_glass", ...], ...}
"""

from __future__ import annotations

import hashlib
import hmac

from proxy import emails

MATCHABLE = {"EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone"}
_PHONE_DIGITS = 10  # national significant number length in most plans: compare the tail


def normalise(kind: str, value: str) -> str:
    """The comparable form of a value: e-mails plain (not spelled out) and lower-cased, phones as
    their last 10 digits."""
    if kind == "email":
        return emails.canonical(value)
    if kind == "phone":
        digits = "".join(ch for ch in value if ch.isdigit())
        return digits[-_PHONE_DIGITS:]
    return value.strip()


def match_hash(key: bytes, kind: str, value: str) -> str:
    """Keyed hash of a normalised e-mail, phone or customer id (`kind` separates the spaces)."""
    message = f"match\0{kind}\0{normalise(kind, value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]
