"""Decoy generators for the independent corpus: values that must pass unchanged. Each returns (class, value)."""

from __future__ import annotations

import string
import uuid

from .values import digits, luhn_failing_16


def _hex(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def _ups(r):
    body = "1Z" + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(6)) + digits(r, 10)
    return body


def _iso(r):
    y, m, d = r.randint(2019, 2026), r.randint(1, 12), r.randint(1, 28)
    h, mi, s = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
    return r.choice(
        [
            f"{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z",
            f"{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{r.randint(0, 999):03d}+02:00",
            f"{y}-{m:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}",
            f"{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{digits(r, 6)}Z",
        ]
    )


DECOYS = {
    "order_number": lambda r: r.choice(
        [
            f"ORD-{r.randint(2019, 2026)}-{digits(r, 6)}",
            f"#{r.randint(100000, 999999)}",
            f"SO{digits(r, 8)}",
            f"{digits(r, 3)}-{digits(r, 7)}-{digits(r, 7)}",
            f"WEB{digits(r, 9)}",
            f"PO-{digits(r, 5)}",
        ]
    ),
    "tracking_ups": _ups,
    "tracking_fedex": lambda r: r.choice([digits(r, 12), digits(r, 15)]),
    "tracking_usps": lambda r: r.choice(
        ["9400" + digits(r, 18), "9205" + digits(r, 18), "EA" + digits(r, 9) + "US"]
    ),
    "tracking_dhl": lambda r: r.choice([digits(r, 10), "JJD" + digits(r, 18)]),
    "invoice_id": lambda r: r.choice(
        [
            f"INV-{digits(r, 7)}",
            f"in_{''.join(r.choice(string.ascii_letters + string.digits) for _ in range(24))}",
            f"RE-{r.randint(2020, 2026)}/{digits(r, 5)}",
            f"FAC{digits(r, 6)}",
        ]
    ),
    "sku": lambda r: r.choice(
        [
            f"SKU-{r.choice(['AB', 'XK', 'TR'])}-{digits(r, 4)}-{r.choice(['XL', 'M', 'S', 'BLK'])}",
            f"{''.join(r.choice(string.ascii_uppercase) for _ in range(3))}{digits(r, 5)}",
            f"B0{''.join(r.choice(string.ascii_uppercase + string.digits) for _ in range(8))}",
        ]
    ),
    "git_sha": lambda r: r.choice([_hex(r, 40), _hex(r, 7), _hex(r, 12)]),
    "tx_hash": lambda r: r.choice(["0x" + _hex(r, 64), _hex(r, 64)]),
    "uuid": lambda r: (
        str(uuid.UUID(int=r.getrandbits(128), version=4))
        if r.random() < 0.8
        else str(uuid.UUID(int=r.getrandbits(128), version=4)).upper()
    ),
    "iso_timestamp": _iso,
    "epoch": lambda r: r.choice(
        [str(r.randint(1_550_000_000, 1_790_000_000)), str(r.randint(1_550_000_000_000, 1_790_000_000_000))]
    ),
    "amount": lambda r: r.choice(
        [
            f"${r.randint(1, 9)},{digits(r, 3)}.{digits(r, 2)}",
            f"€ {r.randint(1, 999)},{digits(r, 2)}",
            f"{r.randint(1, 9)}.{digits(r, 3)},{digits(r, 2)} EUR",
            f"USD {r.randint(10, 99999)}.{digits(r, 2)}",
            f"£{r.randint(1, 999)}.{digits(r, 2)}",
            f"R$ {r.randint(1, 999)},{digits(r, 2)}",
            f"{r.randint(1, 99)}.{digits(r, 8)} BTC",
            f"₹{r.randint(1, 99)},{digits(r, 3)}",
        ]
    ),
    "version": lambda r: r.choice(
        [
            f"v{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)}",
            f"{r.randint(1, 20)}.{r.randint(0, 9)}.{r.randint(0, 9)}-beta.{r.randint(1, 9)}+build.{r.randint(1, 999)}",
            f"{r.randint(1, 5)}.{r.randint(0, 9)}.{r.randint(0, 20)}",
            f"iOS {r.randint(14, 18)}.{r.randint(0, 7)}.{r.randint(1, 3)}",
            f"Android {r.randint(9, 15)}",
        ]
    ),
    "version_4part": lambda r: (
        f"{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 99)}.{r.randint(0, 9999)}"
    ),
    "build_number": lambda r: r.choice(
        [
            f"build {r.randint(2019, 2026)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}.{r.randint(1, 9)}",
            f"#{r.randint(1000, 99999)}",
            f"b{digits(r, 5)}",
        ]
    ),
    "hex_colour": lambda r: "#" + r.choice([_hex(r, 6), _hex(r, 6).upper(), _hex(r, 3)]),
    "ticket_id": lambda r: r.choice(
        [
            f"TKT-{digits(r, 5)}",
            f"SUP-{r.randint(1, 9999)}",
            f"INC{digits(r, 7)}",
            f"CS-{digits(r, 6)}",
            f"#{r.randint(10000, 999999)}",
        ]
    ),
    "luhn_fail_16": luhn_failing_16,
    "postal_code": lambda r: r.choice(
        [
            digits(r, 5),
            "SW1A 1AA",
            "EC1A 1BB",
            f"{digits(r, 4)} {r.choice(['CJ', 'AB', 'XK'])}",
            f"{digits(r, 5)}-{digits(r, 3)}",
            f"H{digits(r, 1)}V {digits(r, 1)}A{digits(r, 1)}",
            f"{digits(r, 4)}-{digits(r, 3)}",
        ]
    ),
    "non_birth_date": lambda r: r.choice(
        [
            f"{r.randint(2020, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.randint(2020, 2026)}",
            f"{r.choice(['March', 'June', 'Oct.', 'Dec'])} {r.randint(1, 28)}, {r.randint(2021, 2026)}",
            f"{r.randint(1, 28)}.{r.randint(1, 12)}.{r.randint(2020, 2026)}",
        ]
    ),
    "stripe_id": lambda r: (
        r.choice(["ch_", "pi_", "cus_", "evt_", "sub_", "pm_", "txn_"])
        + "".join(r.choice(string.ascii_letters + string.digits) for _ in range(24))
    ),
    "ean13": lambda r: (
        lambda b: b + str((10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(b)) % 10) % 10)
    )(r.choice(["400", "590", "871", "800", "841"]) + digits(r, 9)),
    "request_id": lambda r: r.choice(
        [f"req_{_hex(r, 16)}", f"{_hex(r, 8)}-{_hex(r, 4)}", f"Root=1-{_hex(r, 8)}-{_hex(r, 24)}"]
    ),
    "flight_booking": lambda r: r.choice(
        [
            f"LH {r.randint(100, 999)}",
            f"PNR {''.join(r.choice(string.ascii_uppercase + string.digits) for _ in range(6))}",
            f"BA{r.randint(10, 999)}",
        ]
    ),
    "quantity_dims": lambda r: r.choice(
        [
            f"{r.randint(1, 99)} x {r.randint(1, 99)} cm",
            f"{r.randint(1, 9)}.{r.randint(0, 9)} kg",
            f"{r.randint(1, 99)}%",
            f"{r.randint(1, 64)} GB",
        ]
    ),
    "coupon": lambda r: (
        r.choice(["SAVE", "WELCOME", "BF", "XMAS"])
        + str(r.randint(10, 50))
        + r.choice(["", "-" + "".join(r.choice(string.ascii_uppercase) for _ in range(4))])
    ),
    "imei_like_serial": lambda r: f"SN{digits(r, 10)}",
    "card_last4_ref": lambda r: f"**** {digits(r, 4)}",
    "time_of_day": lambda r: f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
}


def decoy(r, cls=None):
    cls = cls or r.choice(list(DECOYS))
    return cls, DECOYS[cls](r)
