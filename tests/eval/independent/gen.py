"""The generator: 502 documents in 21 shapes of support-tool responses, seeded, with labels and decoys.

`generate(seed)` returns a list of documents, each a dict: {"id", "shape", "path", "ct", "body",
"labels": [{entity, value, kind, how, field, ...}], "decoys": [{cls, value}]}. `to_jsonl` gives the
bytes the helper's gen.py wrote to corpus.jsonl (seed 20261129: md5 f9d1515f37abcc205756da8103248a19).
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
from dataclasses import dataclass, field

from . import decoys as D
from . import values as V
from .templates import DECOY_FIELDS, DECOY_T, FIELD_NAMES, FILLER, GENERIC_FIELDS, T

LANGS = ["en", "en", "en", "es", "de", "fr", "pt", "it", "nl"]


@dataclass
class Item:
    entity: str  # our label
    value: str  # what must not appear whole
    surface: str  # what is written
    kind: str  # subtype
    extra: dict = field(default_factory=dict)


@dataclass
class Doc:
    labels: list = field(default_factory=list)
    decoys: list = field(default_factory=list)

    def lab(self, it: Item, how: str, fld: str = ""):
        d = {"entity": it.entity, "value": it.value, "kind": it.kind, "how": how, "field": fld}
        d.update(it.extra)
        self.labels.append(d)

    def dec(self, cls, v):
        self.decoys.append({"cls": cls, "value": v})


ENTITY_WEIGHTS = {
    "EMAIL": 14,
    "CARD": 9,
    "SSN": 6,
    "IBAN": 9,
    "BANK": 4,
    "CRYPTO": 10,
    "IP": 8,
    "PASSPORT": 6,
    "GOV_ID": 10,
    "PHONE": 14,
    "DOB": 8,
    "ADDRESS": 8,
    "PERSON": 14,
}


def make_item(r: random.Random, ent: str, lang: str = "en", person=None) -> Item:
    if ent == "EMAIL":
        e = V.email(r, *(person[1:] if person else (None, None)))
        return Item("EMAIL", e, e, "email")
    if ent == "CARD":
        k, s = V.card(r)
        return Item("CARD", s, s, k)
    if ent == "SSN":
        s = V.ssn(r)
        return Item("SSN", s, s, "ssn")
    if ent == "IBAN":
        cc, s = V.iban(r)
        return Item("IBAN", s, s, "iban_" + cc)
    if ent == "BANK":
        k, acct, s = V.bank_account(r)
        return Item("BANK", acct, s, "acct_" + k)
    if ent == "CRYPTO":
        k, s = V.crypto(r)
        return Item("CRYPTO", s, s, k)
    if ent == "IP":
        k, v, s = V.ip_surface(r)
        return Item("IP", v, s, k + ("_port/url" if s != v else ""))
    if ent == "PASSPORT":
        k, s = V.passport(r)
        return Item("PASSPORT", s, s, "passport_" + k)
    if ent == "GOV_ID":
        k, s = V.gov_id(r)
        return Item("GOV_ID", s, s, k)
    if ent == "PHONE":
        reg, v, s = V.phone(r)
        return Item("PHONE", v, s, "phone_" + reg)
    if ent == "DOB":
        s = V.dob(r, lang if lang in V.MONTHS else "en")
        return Item("DOB", s, s, "dob_" + lang)
    if ent == "ADDRESS":
        k, line, full = V.address(r)
        return Item("ADDRESS", line, full, "addr_" + k)
    if ent == "PERSON":
        c, f, last = person or V.person(r)
        style = r.random()
        if style < 0.55:
            s = f"{f} {last}"
        elif style < 0.65:
            s = f"{f} {last}".lower()
        elif style < 0.72:
            s = f"{last}, {f}"
        elif style < 0.8:
            s = f"{f} {last}".upper()
        elif style < 0.9:
            t = r.choice(
                ["Mr.", "Mrs", "Ms.", "Dr.", "Sr.", "Sra.", "Herr", "Frau", "M.", "Mme", "Sig.ra", "Dhr."]
            )
            return Item(
                "PERSON", f"{f} {last}", f"{t} {f} {last}", "name_titled_" + c, {"surname": last, "first": f}
            )
        else:
            s = f"{f} {last[0]}{last[1:]}"
        return Item(
            "PERSON",
            s,
            s,
            "name_" + c + ("_lower" if s.islower() else "_upper" if s.isupper() else ""),
            {"surname": last, "first": f},
        )
    raise ValueError(ent)


def pick_ent(r):
    ents = list(ENTITY_WEIGHTS)
    return r.choices(ents, [ENTITY_WEIGHTS[e] for e in ents])[0]


def template_for(r, it: Item, lang: str) -> str:
    if it.entity == "GOV_ID":
        key = "driver" if it.kind.startswith("driver") else it.kind
        return r.choice(T["GOV_ID"][key])
    if it.entity == "BANK":
        return r.choice(T["BANK"]["en"])
    opts = T[it.entity].get(lang) or T[it.entity]["en"]
    return r.choice(opts)


def decorate_surface(r, it: Item) -> str:
    """Sometimes break a long value over a line (as a mail client wraps) or wrap in quotes/parentheses."""
    s = it.surface
    if it.entity in ("IBAN", "CARD") and " " in s and r.random() < 0.12:
        parts = s.split(" ")
        k = len(parts) // 2
        s = " ".join(parts[:k]) + "\n" + " ".join(parts[k:])
        it.kind += "+linebreak"
    return s


def sentence(r, it: Item, lang: str, doc: Doc, how: str, fld: str = "", sms=False) -> str:
    tpl = template_for(r, it, lang)
    surf = decorate_surface(r, it)
    if sms:
        tpl = tpl.lower()
        if it.entity in ("PERSON", "EMAIL"):
            surf = surf.lower()
            it.value = it.value.lower()
            it.kind += "_sms"
    text = tpl.replace("{v}", surf)
    doc.lab(it, how, fld)
    return text


def decoy_sentence(r, doc: Doc) -> str:
    cls, v = D.decoy(r)
    doc.dec(cls, v)
    return r.choice(DECOY_T[cls]).replace("{v}", v)


def ocr(r, text: str) -> str:
    """OCR-style noise on the words around values (not on values themselves)."""
    for a, b in [
        ("Name", "Narne"),
        ("email", "ernail"),
        ("Tel", "Te1"),
        ("Phone", "Pbone"),
        ("number", "nurnber"),
        ("Address", "Addres5"),
        ("date", "clate"),
    ]:
        if r.random() < 0.5:
            text = text.replace(a, b)
    return text


def free_text(r, doc: Doc, how: str, n_pii: int, n_dec: int, lang=None, sms=False, fld="") -> str:
    lang = lang or r.choice(LANGS)
    parts = []
    for _ in range(n_pii):
        parts.append(sentence(r, make_item(r, pick_ent(r), lang), lang, doc, how, fld, sms))
    for _ in range(n_dec):
        parts.append(decoy_sentence(r, doc))
    if r.random() < 0.6:
        parts.append(r.choice(FILLER[lang]))
    r.shuffle(parts)
    sep = r.choice([" ", ". ", "\n", "\n\n", " - ", "; "])
    text = sep.join(parts)
    if sms:
        text = text.replace(". ", " ").replace("Please", "pls")
    return text


def field_value(r, doc: Doc, ent: str, lang="en", generic=False, person=None):
    it = make_item(r, ent, lang, person)
    name = r.choice(GENERIC_FIELDS if generic else FIELD_NAMES[ent])
    how = "field_generic" if generic else "field_named"
    doc.lab(it, how, name)
    return name, it.surface


def decoy_field(r, doc: Doc):
    cls, v = D.decoy(r)
    doc.dec(cls, v)
    name = r.choice(DECOY_FIELDS[cls])
    if cls in ("epoch",) and r.random() < 0.5:
        return name, int(v)
    return name, v


# ------------------------------------------------------------------ shapes


def s_hubspot(r):
    d = Doc()
    results = []
    for _ in range(r.randint(1, 3)):
        props = {}
        for _ in range(r.randint(3, 6)):
            k, v = field_value(r, d, pick_ent(r), generic=r.random() < 0.2)
            props[k + ("" if k not in props else "_2")] = v
        for _ in range(r.randint(2, 4)):
            k, v = decoy_field(r, d)
            props["hs_" + k] = v
        props["hs_content_membership_notes"] = free_text(r, d, "free_json", r.randint(1, 2), 1)
        results.append(
            {
                "id": str(r.randint(100, 99999)),
                "properties": props,
                "createdAt": D.DECOYS["iso_timestamp"](r),
                "archived": False,
            }
        )
    return (
        "/crm/v3/objects/contacts",
        "application/json",
        json.dumps({"results": results, "paging": {"next": {"after": str(r.randint(1, 999))}}}),
        d,
    )


def s_kustomer(r):
    d = Doc()
    c, f, last = V.person(r)
    pe = make_item(r, "PERSON", person=(c, f, last))
    d.lab(pe, "field_named", "displayName")
    em = make_item(r, "EMAIL", person=(c, f, last))
    d.lab(em, "field_named", "emails[].email")
    ph = make_item(r, "PHONE")
    d.lab(ph, "field_named", "phones[].phone")
    custom = {}
    for _ in range(r.randint(2, 4)):
        k, v = field_value(r, d, pick_ent(r))
        custom[k + "Str"] = v
    k, v = decoy_field(r, d)
    custom[k + "Num"] = v
    body = {
        "data": [
            {
                "type": "customer",
                "id": f"{r.getrandbits(96):024x}",
                "attributes": {
                    "displayName": pe.surface,
                    "emails": [{"type": "home", "email": em.surface}],
                    "phones": [{"type": "mobile", "phone": ph.surface}],
                    "custom": custom,
                    "lastActivityAt": D.DECOYS["iso_timestamp"](r),
                },
            }
        ]
    }
    return "/v1/customers/search", "application/json", json.dumps(body, ensure_ascii=r.random() < 0.5), d


def s_gorgias(r):
    d = Doc()
    msgs = []
    for _ in range(r.randint(2, 4)):
        c, f, last = V.person(r)
        pe = make_item(r, "PERSON", person=(c, f, last))
        d.lab(pe, "field_named", "sender.name")
        em = make_item(r, "EMAIL", person=(c, f, last))
        d.lab(em, "field_named", "sender.email")
        txt = free_text(r, d, "free_json", r.randint(1, 3), r.randint(1, 2))
        msgs.append(
            {
                "id": r.randint(10**7, 10**8),
                "sender": {"name": pe.surface, "email": em.surface},
                "body_text": txt,
                "body_html": "<div>" + html.escape(txt).replace("\n", "<br>") + "</div>"
                if r.random() < 0.3
                else None,
                "created_datetime": D.DECOYS["iso_timestamp"](r),
            }
        )
        # When body_html is set the same values appear twice: labelled once is enough (both must be
        # masked; the oracle reads the whole output).
    return (
        "/api/tickets/" + str(r.randint(1000, 99999)),
        "application/json",
        json.dumps({"data": [{"id": r.randint(1, 10**6), "channel": "email", "messages": msgs}]}),
        d,
    )


def s_helpscout(r):
    d = Doc()
    c, f, last = V.person(r)
    em = make_item(r, "EMAIL", person=(c, f, last))
    d.lab(em, "field_named", "primaryCustomer.email")
    sur = Item(
        "PERSON", f"{f} {last}", f"{f} {last}", "name_split_first_last_" + c, {"surname": last, "first": f}
    )
    d.lab(sur, "split_fields", "first/last")
    threads = []
    for _ in range(r.randint(1, 3)):
        threads.append(
            {
                "type": r.choice(["customer", "reply", "note"]),
                "body": free_text(r, d, "free_json", r.randint(1, 3), 1),
                "createdAt": D.DECOYS["iso_timestamp"](r),
            }
        )
    body = {
        "_embedded": {
            "conversations": [
                {
                    "number": r.randint(1000, 99999),
                    "subject": decoy_sentence(r, d),
                    "primaryCustomer": {"first": f, "last": last, "email": em.surface},
                    "_embedded": {"threads": threads},
                }
            ]
        }
    }
    return "/v2/conversations", "application/json", json.dumps(body), d


def s_front(r):
    d = Doc()
    recips = []
    for role in ["from", "to", "cc"][: r.randint(1, 3)]:
        c, f, last = V.person(r)
        em = make_item(r, "EMAIL", person=(c, f, last))
        d.lab(em, "field_named", "recipients[].handle")
        recips.append({"handle": em.surface, "role": role, "name": None})
    txt = free_text(r, d, "free_json", r.randint(2, 4), r.randint(1, 2))
    body = {
        "_results": [
            {
                "id": "msg_" + f"{r.getrandbits(32):x}",
                "type": "email",
                "subject": "Re: " + decoy_sentence(r, d),
                "recipients": recips,
                "text": txt,
                "blurb": txt[:80],
                "created_at": r.randint(1_600_000_000, 1_780_000_000),
            }
        ]
    }
    # blurb duplicates a prefix; checker is on whole output so that's fine
    return "/messages", "application/json", json.dumps(body), d


def s_jira(r):
    d = Doc()
    issues = []
    for _ in range(r.randint(1, 2)):
        c, f, last = V.person(r)
        pe = make_item(r, "PERSON", person=(c, f, last))
        d.lab(pe, "field_named", "reporter.displayName")
        em = make_item(r, "EMAIL", person=(c, f, last))
        d.lab(em, "field_named", "reporter.emailAddress")
        paras = [
            {
                "type": "paragraph",
                "content": [{"type": "text", "text": free_text(r, d, "free_json_adf", r.randint(1, 2), 1)}],
            }
            for _ in range(r.randint(1, 3))
        ]
        fields = {
            "summary": decoy_sentence(r, d),
            "description": {"type": "doc", "version": 1, "content": paras},
            "reporter": {
                "displayName": pe.surface,
                "emailAddress": em.surface,
                "accountId": "5b10a2844c20165700ede21g",
            },
            "created": D.DECOYS["iso_timestamp"](r),
        }
        for _ in range(r.randint(1, 3)):
            _, v = field_value(r, d, pick_ent(r), generic=True)
            fields[f"customfield_{r.randint(10000, 10999)}"] = v
        issues.append({"key": f"SUP-{r.randint(1, 9999)}", "fields": fields})
    return "/rest/servicedeskapi/request", "application/json", json.dumps({"issues": issues}), d


def s_graphql(r):
    d = Doc()
    edges = []
    for _ in range(r.randint(2, 4)):
        node = {"__typename": "Customer", "id": "gid://shop/Customer/" + str(r.randint(10**9, 10**10))}
        for _ in range(r.randint(2, 4)):
            k, v = field_value(r, d, pick_ent(r), generic=r.random() < 0.15)
            node[k] = v
        k, v = decoy_field(r, d)
        node[k] = v
        node["note"] = free_text(r, d, "free_json", r.randint(0, 2), 1)
        edges.append({"cursor": f"{r.getrandbits(64):x}", "node": node})
    body = {"data": {"customers": {"edges": edges, "pageInfo": {"hasNextPage": True}}}}
    return "/graphql", "application/json", json.dumps(body), d


def s_stripe(r):
    d = Doc()
    c, f, last = V.person(r)
    pe = make_item(r, "PERSON", person=(c, f, last))
    d.lab(pe, "field_named", "name")
    em = make_item(r, "EMAIL", person=(c, f, last))
    d.lab(em, "field_named", "email")
    ph = make_item(r, "PHONE")
    d.lab(ph, "field_named", "phone")
    ad = make_item(r, "ADDRESS")
    d.lab(ad, "field_named", "address.line1")
    ip = make_item(r, "IP")
    d.lab(ip, "field_named", "metadata.signup_ip")
    cid = D.DECOYS["stripe_id"](r)
    d.dec("stripe_id", cid)
    r.randint(100, 999999)  # an amount once drawn here, unused; kept so the seeded corpus stays the same
    body = {
        "object": "list",
        "data": [
            {
                "id": cid,
                "object": "customer",
                "name": pe.surface,
                "email": em.surface,
                "phone": ph.surface,
                "address": {
                    "line1": ad.value,
                    "line2": None,
                    "postal_code": D.DECOYS["postal_code"](r),
                    "country": "US",
                },
                "metadata": {
                    "signup_ip": ip.surface,
                    "kyc_doc": make_and_lab(r, d, "GOV_ID", "metadata.kyc_doc"),
                    "order": decoy_raw(r, d, "order_number"),
                },
                "created": r.randint(1_600_000_000, 1_780_000_000),
                "balance": 0,
                "invoice_prefix": "".join(r.choice("ABCDEF0123456789") for _ in range(8)),
                "description": free_text(r, d, "free_json", r.randint(0, 2), 1),
            }
        ],
        "has_more": False,
    }
    return "/v1/customers", "application/json", json.dumps(body), d


def make_and_lab(r, d, ent, fld):
    it = make_item(r, ent)
    d.lab(it, "field_named", fld)
    return it.surface


def decoy_raw(r, d, cls):
    v = D.DECOYS[cls](r)
    d.dec(cls, v)
    return v


def s_audit(r):
    d = Doc()
    evs = []
    for _ in range(r.randint(3, 6)):
        ip = make_item(r, "IP")
        d.lab(ip, "field_named", "ip")
        ev = {
            "ts": decoy_raw(r, d, "iso_timestamp"),
            "actor": make_and_lab(r, d, "EMAIL", "actor"),
            "action": r.choice(["login", "withdrawal.create", "profile.update", "2fa.reset"]),
            "ip": ip.surface,
            "ua": f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/{decoy_raw(r, d, 'version_4part')}",
            "details": free_text(r, d, "free_json_log", r.randint(0, 2), 1),
        }
        if r.random() < 0.4:
            ev["changes"] = {
                "field": r.choice(["phone", "address", "tax_id", "dob", "wallet"]),
                "from": make_and_lab(r, d, pick_ent(r), "changes.from"),
                "to": make_and_lab(r, d, pick_ent(r), "changes.to"),
            }
        evs.append(ev)
    return (
        "/api/v1/audit/events",
        "application/json",
        json.dumps({"events": evs, "next": decoy_raw(r, d, "uuid")}),
        d,
    )


def s_chat(r):
    d = Doc()
    lang = r.choice(LANGS)
    msgs = []
    for i in range(r.randint(3, 7)):
        who = "visitor" if i % 2 == 0 else "agent"
        sms = who == "visitor" and r.random() < 0.35
        txt = free_text(
            r,
            d,
            "chat",
            r.randint(0, 2) if who == "visitor" else r.randint(0, 1),
            r.randint(0, 1),
            lang=lang,
            sms=sms,
        )
        if not txt.strip():
            txt = "ok"
        msgs.append({"from": who, "t": r.randint(0, 3600), "msg": txt})
    return (
        "/livechat/transcripts/" + str(r.randint(1, 99999)),
        "application/json",
        json.dumps({"transcript": msgs, "started": decoy_raw(r, d, "iso_timestamp")}),
        d,
    )


def email_thread_text(r, d: Doc, how):
    lang = r.choice(LANGS)
    c, f, last = V.person(r)
    make_item(r, "PERSON", lang, person=(c, f, last))  # unused, but it draws from r: kept for the same corpus
    sig_name = f"{f} {last}"
    ph = make_item(r, "PHONE")
    em = make_item(r, "EMAIL", person=(c, f, last))
    top = free_text(r, d, how, r.randint(1, 2), 1, lang=lang)
    quoted = free_text(r, d, how + "_quoted", r.randint(1, 2), 1, lang=lang)
    qlines = "\n".join("> " + ln for ln in quoted.split("\n"))
    sig = f"--\n{sig_name}\n{r.choice(['Mobile', 'Tel', 'M', 'Handy', 'Cel'])}: {ph.surface}\n{em.surface}"
    d.labels.append(
        {
            "entity": "PERSON",
            "value": sig_name,
            "kind": "name_signature_" + c,
            "how": how + "_signature",
            "field": "",
            "surname": last,
            "first": f,
        }
    )
    d.lab(ph, how + "_signature")
    d.lab(em, how + "_signature")
    when = decoy_raw(r, d, "non_birth_date")
    hdr = r.choice(
        [
            f"On {when}, {sig_name} <{em.surface}> wrote:",
            f"Am {when} schrieb {sig_name} <{em.surface}>:",
            f"Le {when}, {sig_name} <{em.surface}> a écrit :",
        ]
    )
    return f"{top}\n\n{hdr}\n{qlines}\n\n{sig}"


def s_email_json(r):
    d = Doc()
    body = {
        "thread": {
            "id": decoy_raw(r, d, "uuid"),
            "messages": [{"direction": "inbound", "body_plain": email_thread_text(r, d, "email_thread")}],
        }
    }
    return "/helpdesk/threads/" + str(r.randint(1, 9999)), "application/json", json.dumps(body), d


def s_email_text(r):
    d = Doc()
    return "/helpdesk/export", "text/plain", email_thread_text(r, d, "email_thread_txt"), d


def s_webhook(r):
    d = Doc()
    changes = []
    for _ in range(r.randint(1, 4)):
        ent = pick_ent(r)
        nm = r.choice(FIELD_NAMES[ent] + GENERIC_FIELDS)
        changes.append(
            {
                "field": f"custom.{nm}",
                "from": make_and_lab(r, d, ent, "from"),
                "to": make_and_lab(r, d, ent, "to"),
            }
        )
    body = {
        "event": "ticket.updated",
        "id": decoy_raw(r, d, "stripe_id"),
        "occurred_at": decoy_raw(r, d, "epoch"),
        "payload": {
            "ticket": {
                "id": r.randint(1, 10**6),
                "subject": decoy_sentence(r, d),
                "changes": changes,
                "latest_comment": free_text(r, d, "free_json", r.randint(1, 2), 1),
            }
        },
    }
    return "/webhooks/incoming", "application/json", json.dumps(body), d


def s_namevalue(r):
    d = Doc()
    fields = []
    for _ in range(r.randint(3, 6)):
        ent = pick_ent(r)
        lbl = r.choice(FIELD_NAMES[ent])
        it = make_item(r, ent)
        d.lab(it, "namevalue", lbl)
        fields.append(
            {
                "id": r.randint(360000000000, 369999999999),
                "label": lbl.replace("_", " ").title(),
                "value": it.surface,
            }
        )
    for _ in range(r.randint(1, 3)):
        cls, v = D.decoy(r)
        d.dec(cls, v)
        fields.append(
            {"id": r.randint(360000000000, 369999999999), "label": r.choice(DECOY_FIELDS[cls]), "value": v}
        )
    r.shuffle(fields)
    return (
        "/api/v2/custom_objects/records",
        "application/json",
        json.dumps({"custom_object_record": {"custom_object_fields": fields}}),
        d,
    )


def s_declared_user(r):
    """Declared route with unusual field names (not covered by the user field rules)."""
    d = Doc()
    _, f, last = V.person(r)
    user = {
        "id": r.randint(1, 10**6),
        "name": f"{f} {last}",
    }  # covered by **.name; not labelled as test of detection
    for _ in range(r.randint(3, 6)):
        k, v = field_value(r, d, pick_ent(r))
        user[k] = v
    k, v = decoy_field(r, d)
    user[k] = v
    user["notes"] = free_text(r, d, "declared_free", r.randint(1, 2), 1)
    user["updated_at"] = decoy_raw(r, d, "iso_timestamp")
    return f"/api/v2/users/{r.randint(1, 10**6)}", "application/json", json.dumps({"user": user}), d


def s_declared_ticket(r):
    d = Doc()
    t = {
        "id": r.randint(1, 10**6),
        "subject": decoy_sentence(r, d),
        "description": free_text(r, d, "declared_free", r.randint(2, 3), 1),
        "custom_fields": [],
        "created_at": decoy_raw(r, d, "iso_timestamp"),
        "requester_id": r.randint(1, 10**6),
        "assignee_id": 42,
    }
    for _ in range(r.randint(1, 3)):
        it = make_item(r, pick_ent(r))
        d.lab(it, "declared_customfield", "custom_fields[].value")
        t["custom_fields"].append({"id": r.randint(360000000000, 369999999999), "value": it.surface})
    comments = [
        {"body": free_text(r, d, "declared_free", r.randint(1, 2), 1), "author_id": r.randint(1, 999)}
        for _ in range(r.randint(0, 2))
    ]
    return (
        f"/api/v2/tickets/{r.randint(1, 10**6)}",
        "application/json",
        json.dumps({"ticket": t, "comments": comments}),
        d,
    )


def s_html(r):
    d = Doc()
    c, f, last = V.person(r)
    pe = make_item(r, "PERSON", person=(c, f, last))
    d.lab(pe, "html_h1")
    parts = [
        f"<html><head><title>Ticket {decoy_raw(r, d, 'ticket_id')}</title></head><body>",
        f"<h1>{html.escape(pe.surface)}</h1>",
    ]
    parts.append("<dl>")
    for _ in range(r.randint(3, 5)):
        ent = pick_ent(r)
        it = make_item(r, ent)
        lbl = r.choice(FIELD_NAMES[ent]).replace("_", " ")
        d.lab(it, "html_dl", lbl)
        parts.append(f"<dt>{html.escape(lbl)}</dt><dd>{html.escape(it.surface)}</dd>")
    cls, v = D.decoy(r)
    d.dec(cls, v)
    parts.append(f"<dt>{r.choice(DECOY_FIELDS[cls])}</dt><dd>{html.escape(v)}</dd></dl>")
    parts.append("<table><tr><th>Field</th><th>Value</th></tr>")
    for _ in range(r.randint(1, 3)):
        ent = pick_ent(r)
        it = make_item(r, ent)
        d.lab(it, "html_td", ent)
        parts.append(
            f"<tr><td>{html.escape(r.choice(FIELD_NAMES[ent]))}</td><td>{html.escape(it.surface)}</td></tr>"
        )
    parts.append("</table>")
    for _ in range(r.randint(1, 3)):
        txt = free_text(r, d, "html_p", r.randint(1, 2), 1)
        parts.append("<p>" + html.escape(txt).replace("\n", "<br>") + "</p>")
    if r.random() < 0.5:
        em = make_item(r, "EMAIL", person=(c, f, last))
        d.lab(em, "html_mailto")
        parts.append(f'<a href="mailto:{html.escape(em.surface)}">{html.escape(em.surface)}</a>')
    if r.random() < 0.5:
        it = make_item(r, r.choice(["PHONE", "IBAN", "GOV_ID", "PASSPORT"]))
        d.lab(it, "html_input_value")
        parts.append(
            f'<input name="{r.choice(GENERIC_FIELDS)}" value="{html.escape(it.surface, quote=True)}">'
        )
    parts.append(
        f"<footer>Updated {html.escape(decoy_raw(r, d, 'iso_timestamp'))} · v{html.escape(decoy_raw(r, d, 'version'))}</footer></body></html>"
    )
    return "/agent/tickets/" + str(r.randint(1, 99999)) + "/print", "text/html", "\n".join(parts), d


def s_csv(r):
    d = Doc()
    ents = r.sample(list(ENTITY_WEIGHTS), r.randint(3, 6))
    heads = [r.choice(FIELD_NAMES[e]).replace("_", " ").title() for e in ents]
    dcls = r.sample(list(D.DECOYS), 2)
    heads += [DECOY_FIELDS[c][0] for c in dcls] + ["Notes"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=r.choice(["\n", "\r\n"]), delimiter=r.choice([",", ",", ";"]))
    if r.random() < 0.3:
        buf.write(f"Export generated {decoy_raw(r, d, 'iso_timestamp')}\n")
    w.writerow(heads)
    for _ in range(r.randint(2, 5)):
        row = []
        for e, h in zip(ents, heads, strict=False):
            it = make_item(r, e)
            d.lab(it, "csv_cell", h)
            row.append(it.surface.replace("\n", " ") if "+linebreak" in it.kind else it.surface)
            if "+linebreak" in it.kind:
                d.labels[-1]["value"] = it.value
        for c in dcls:
            row.append(decoy_raw(r, d, c))
        row.append(free_text(r, d, "csv_notes", r.randint(0, 1), 1))
        w.writerow(row)
    return r.choice(["/helpdesk/export", "/reports/customers.csv"]), "text/csv", buf.getvalue(), d


def s_declared_csv(r):
    d = Doc()
    ents = r.sample(["PHONE", "CRYPTO", "PASSPORT", "GOV_ID", "IP", "DOB", "BANK", "EMAIL"], 3)
    heads = ["id", "name"] + [r.choice(FIELD_NAMES[e]) for e in ents] + ["created_at"]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(heads)
    for _ in range(r.randint(2, 4)):
        _, f, last = V.person(r)
        row = [r.randint(1, 10**6), f"{f} {last}"]
        for e, h in zip(ents, heads[2:], strict=False):
            it = make_item(r, e)
            d.lab(it, "declared_csv_cell", h)
            row.append(it.surface.replace("\n", " "))
        row.append(decoy_raw(r, d, "iso_timestamp"))
        w.writerow(row)
    return "/api/v2/exports/users.csv", "text/csv", buf.getvalue(), d


def s_text(r):
    d = Doc()
    style = r.choice(["note", "sms", "ocr", "multi"])
    lang = r.choice(LANGS)
    if style == "sms":
        lines = [
            f"[{decoy_raw(r, d, 'time_of_day')}] "
            + free_text(r, d, "sms", r.randint(1, 2), r.randint(0, 1), lang=lang, sms=True)
            for _ in range(r.randint(2, 4))
        ]
        return "/sms/log", "text/plain", "\n".join(lines), d
    if style == "ocr":
        lines = []
        for _ in range(r.randint(3, 6)):
            ent = pick_ent(r)
            it = make_item(r, ent, lang)
            d.lab(it, "ocr_form", ent)
            lbl = {
                "EMAIL": "Email",
                "PHONE": "Phone",
                "DOB": "Date of birth",
                "ADDRESS": "Address",
                "PERSON": "Name",
                "PASSPORT": "Passport No",
                "GOV_ID": "ID number",
                "IBAN": "IBAN",
                "CARD": "Card number",
                "SSN": "SSN",
                "BANK": "Bank",
                "CRYPTO": "Wallet",
                "IP": "IP",
            }[ent]
            lines.append(ocr(r, f"{lbl}{r.choice([':', ' :', '.', ' ', ' |'])} {it.surface}"))
        lines.insert(
            r.randint(0, len(lines)),
            f"Ref {decoy_raw(r, d, 'order_number')} Date {decoy_raw(r, d, 'non_birth_date')}",
        )
        return "/documents/ocr/" + str(r.randint(1, 9999)) + ".txt", "text/plain", "\n".join(lines), d
    paras = [
        free_text(
            r,
            d,
            "text_note",
            r.randint(1, 3),
            r.randint(1, 2),
            lang=r.choice(LANGS) if style == "multi" else lang,
        )
        for _ in range(r.randint(1, 3))
    ]
    return "/helpdesk/export", "text/plain", "\n\n".join(paras), d


def s_bare_values(r):
    """Values alone in a string (start = end of string), in an array, with punctuation."""
    d = Doc()
    arr = []
    for _ in range(r.randint(4, 8)):
        if r.random() < 0.6:
            it = make_item(r, pick_ent(r))
            d.lab(it, "bare_array")
            s = it.surface
            s = r.choice([s, s, f"({s})", f'"{s}"', f"{s}.", f"{s},", f" {s} ", f"'{s}'", f"{s}!"])
            arr.append(s)
        else:
            cls, v = D.decoy(r)
            d.dec(cls, v)
            arr.append(v)
    return (
        "/api/v2/custom_objects/records",
        "application/json",
        json.dumps({"values": arr, "count": len(arr)}),
        d,
    )


SHAPES = {
    "hubspot": (s_hubspot, 30),
    "kustomer": (s_kustomer, 25),
    "gorgias": (s_gorgias, 25),
    "helpscout": (s_helpscout, 20),
    "front": (s_front, 20),
    "jira": (s_jira, 25),
    "graphql": (s_graphql, 25),
    "stripe": (s_stripe, 25),
    "audit": (s_audit, 20),
    "chat": (s_chat, 30),
    "email_json": (s_email_json, 20),
    "email_text": (s_email_text, 20),
    "webhook": (s_webhook, 20),
    "namevalue": (s_namevalue, 25),
    "declared_user": (s_declared_user, 20),
    "declared_ticket": (s_declared_ticket, 20),
    "html": (s_html, 30),
    "csv": (s_csv, 25),
    "declared_csv": (s_declared_csv, 12),
    "text": (s_text, 40),
    "bare": (s_bare_values, 25),
}


def generate(seed: int):
    r = random.Random(seed)
    out = []
    i = 0
    for name, (fn, n) in SHAPES.items():
        for _ in range(n):
            path, ct, body, d = fn(r)
            out.append(
                {
                    "id": i,
                    "shape": name,
                    "path": path,
                    "ct": ct,
                    "body": body,
                    "labels": d.labels,
                    "decoys": d.decoys,
                }
            )
            i += 1
    return out


def to_jsonl(docs: list[dict]) -> str:
    """The corpus as JSON lines, one document a line (what gen.py wrote to corpus.jsonl)."""
    return "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs)
