"""Identity through the real proxy: only a verified token decides the role, and a request without one
never reaches the upstream. Forged identity headers and the agent's own credentials are stripped
before the request is forwarded.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from typing import Any

import jwt
import orjson
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from .conftest import (
    CANARY_CARD,
    CANARY_EMAIL,
    JWT_SECRET,
    Reply,
    ScrimProcess,
    assert_no_canary,
    assert_scrim_error,
    token,
)
from .upstream import Upstream

pytestmark = pytest.mark.e2e

BODY = {"customer": {"email": CANARY_EMAIL, "card": CANARY_CARD}, "status": "open"}
TIER1_EMAIL = "l***@example.com"
IDENTITY_HEADERS = (
    "x-role", "x-roles", "x-forwarded-user", "x-forwarded-groups", "x-forwarded-email",
    "x-scrim-role", "x-scrim-agent", "x-auth-request-groups", "x-auth-request-user", "remote-user",
    "x-remote-user", "x-remote-group", "x-user", "x-agent", "x-impersonate",
)  # fmt: skip


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {"sub": "mallory", "groups": ["fraud"], "iat": now, "exp": now + 3600}
    for key, value in changes.items():
        if value is None:
            claims.pop(key, None)
        else:
            claims[key] = value
    return claims


def _hs256(claims: dict[str, Any], headers: dict[str, Any] | None = None, key: str = JWT_SECRET) -> str:
    return jwt.encode(claims, key, algorithm="HS256", headers=headers)


def _alg_none() -> str:
    header = _b64(orjson.dumps({"alg": "none", "typ": "JWT"}))
    return f"{header}.{_b64(orjson.dumps(_claims()))}."


def _alg_none_with_signature() -> str:
    header = _b64(orjson.dumps({"alg": "None", "typ": "JWT"}))
    return f"{header}.{_b64(orjson.dumps(_claims()))}.{_b64(b'sig')}"


def _rs256() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(_claims(), key, algorithm="RS256", headers={"kid": "attacker"})


def _es256() -> str:
    return jwt.encode(_claims(), ec.generate_private_key(ec.SECP256R1()), algorithm="ES256")


def _unsigned_payload_swap() -> str:
    # A genuine tier1 token whose payload is swapped for a fraud one, signature kept.
    header, _, signature = token("tier1").split(".")
    return f"{header}.{_b64(orjson.dumps(_claims()))}.{signature}"


# -- refused requests: 401, Scrim's JSON, nothing forwarded ----------------------------------------

BAD_TOKENS: list[tuple[str, Callable[[], str], str]] = [
    # lifetime
    ("expired", lambda: _hs256(_claims(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)), "expired_token"),
    ("iat and nbf in the future", lambda: _hs256(_claims(iat=int(time.time()) + 3600, nbf=int(time.time()) + 3600, exp=int(time.time()) + 7200)), "token_not_yet_valid"),
    ("nbf in the future", lambda: _hs256(_claims(nbf=int(time.time()) + 3600)), "token_not_yet_valid"),
    ("no exp", lambda: _hs256(_claims(exp=None)), "invalid_token"),
    # algorithm and key confusion
    ("alg none", _alg_none, "invalid_token"),
    ("alg None with a signature", _alg_none_with_signature, "invalid_token"),
    ("wrong HS256 key", lambda: _hs256(_claims(), key="not-the-secret-but-long-enough-0123456789"), "invalid_token"),
    ("RS256 with an attacker key", _rs256, "invalid_token"),
    ("ES256 with an attacker key", _es256, "invalid_token"),
    ("HS512 with the real secret", lambda: jwt.encode(_claims(), JWT_SECRET, algorithm="HS512"), "invalid_token"),
    ("payload swapped, signature kept", _unsigned_payload_swap, "invalid_token"),
    # tokens that bring their own key
    ("jku header", lambda: _hs256(_claims(), {"jku": "http://127.0.0.1:9/jwks.json"}), "forbidden_token_header"),
    ("x5u header", lambda: _hs256(_claims(), {"x5u": "http://127.0.0.1:9/cert.pem"}), "forbidden_token_header"),
    ("embedded jwk", lambda: _hs256(_claims(), {"jwk": {"kty": "oct", "k": _b64(b"k" * 32)}}), "forbidden_token_header"),
    # bad claims
    ("no sub", lambda: _hs256(_claims(sub=None)), "invalid_token"),
    ("empty sub", lambda: _hs256(_claims(sub="  ")), "invalid_token"),
    ("groups not a list", lambda: _hs256(_claims(groups={"role": "fraud"})), "invalid_token"),
    # malformed
    ("abc", lambda: "abc", "malformed_token"),
    ("a.b.c", lambda: "a.b.c", "malformed_token"),
    ("four segments", lambda: token("tier1") + ".x", "malformed_token"),
    ("50 KB token", lambda: "a" * 25_000 + "." + "b" * 25_000 + ".c", "token_too_large"),  # headers cap at 64 KiB
]  # fmt: skip


def _expect_refused(reply: Reply, upstream: Upstream, path: str, reason: str | None) -> None:
    assert reply.status == 401, (reply.status, reply.body[:300])
    assert_scrim_error(reply, (401,), reason)
    assert reply.json()["error"] == "unauthenticated"
    assert upstream.received(path) == [], "a refused request reached the upstream"
    assert_no_canary(reply)


@pytest.mark.parametrize(("case", "make", "reason"), BAD_TOKENS, ids=[c[0] for c in BAD_TOKENS])
def test_bad_bearer_tokens_are_refused_before_upstream(
    scrim: ScrimProcess, upstream: Upstream, case: str, make: Callable[[], str], reason: str
) -> None:
    path = upstream.set_json(upstream.unique_path("bad-token"), BODY)
    before = scrim.metric("scrim_identity_failures_total", reason=reason)
    reply = scrim.get(path, role=None, headers=[("Authorization", f"Bearer {make()}")])
    _expect_refused(reply, upstream, path, reason)
    assert scrim.metric("scrim_identity_failures_total", reason=reason) == before + 1


@pytest.mark.parametrize(
    "case",
    [
        # no credential at all, or one the proxy does not read
        "none",
        "X-Auth-Token",
        "X-Access-Token",
        "X-Forwarded-Access-Token",
        "Token header",
        "query parameter",
        "cookie with another name",
        "cookie name in another case",
        # Authorization, but not a bearer token
        "Basic scheme",
        "Token scheme",
        "bare token",
        "Bearer without token",
        # identity headers without a token, from a peer that is not a trusted proxy
        "X-Forwarded-User from an untrusted peer",
        # ambiguous
        "two Authorization headers",
    ],
)
def test_requests_without_a_readable_token_are_refused(
    scrim: ScrimProcess, upstream: Upstream, case: str
) -> None:
    path = upstream.set_json(upstream.unique_path("no-token"), BODY)
    valid = token("fraud")
    sent: dict[str, list[tuple[str, str]]] = {
        "none": [],
        "X-Auth-Token": [("X-Auth-Token", valid)],
        "X-Access-Token": [("X-Access-Token", f"Bearer {valid}")],
        "X-Forwarded-Access-Token": [("X-Forwarded-Access-Token", valid)],
        "Token header": [("Token", valid)],
        "query parameter": [],
        "cookie with another name": [("Cookie", f"token={valid}; session={valid}")],
        "cookie name in another case": [("Cookie", f"Scrim_Token={valid}")],
        "Basic scheme": [("Authorization", "Basic " + base64.b64encode(b"fraud:fraud").decode())],
        "Token scheme": [("Authorization", f"Token {valid}")],
        "bare token": [("Authorization", valid)],
        "Bearer without token": [("Authorization", "Bearer ")],
        "X-Forwarded-User from an untrusted peer": [
            ("X-Forwarded-User", "boss"),
            ("X-Forwarded-Groups", "fraud-investigations"),
        ],
        "two Authorization headers": [
            ("Authorization", f"Bearer {token('tier1')}"),
            ("Authorization", f"Bearer {valid}"),
        ],
    }
    target = f"{path}?access_token={valid}&jwt={valid}" if case == "query parameter" else path
    reply = scrim.get(target, role=None, headers=sent[case])
    _expect_refused(reply, upstream, path, None)


# -- forged identity headers next to a valid tier1 token --------------------------------------------

FORGED: list[tuple[str, list[tuple[str, str]]]] = [
    ("X-Role", [("X-Role", "fraud")]),
    ("x_role underscore", [("x_role", "fraud")]),
    ("X-ROLE upper case", [("X-ROLE", "fraud")]),
    ("X-Role duplicated, two cases", [("X-Role", "fraud"), ("x-role", "fraud")]),
    ("X-Roles", [("X-Roles", "fraud,tier2")]),
    ("X-Forwarded-Groups", [("X-Forwarded-Groups", "fraud-investigations")]),
    ("X_Forwarded_Groups underscores", [("X_Forwarded_Groups", "fraud-investigations")]),
    ("X-Forwarded-User", [("X-Forwarded-User", "fraud-boss")]),
    ("X-Forwarded-User duplicated", [("X-Forwarded-User", "a"), ("X-Forwarded-User", "b")]),
    ("X-Forwarded-Email", [("X-Forwarded-Email", "boss@example.com")]),
    ("X-Scrim-Role", [("X-Scrim-Role", "fraud")]),
    ("X-Scrim-Agent", [("X-Scrim-Agent", "someone-else")]),
    ("X-Auth-Request-Groups", [("X-Auth-Request-Groups", "fraud")]),
    ("Remote-User", [("Remote-User", "admin")]),
    ("X-Remote-User", [("X-Remote-User", "admin")]),
    ("X-Remote-Group", [("X-Remote-Group", "fraud")]),  # Kubernetes' authenticating-proxy pair
    ("X-User", [("X-User", "admin")]),
    ("X-Impersonate", [("X-Impersonate", "fraud-boss")]),
    ("all at once", [
        ("X-Role", "fraud"), ("x_role", "fraud"), ("X-Forwarded-Groups", "fraud"),
        ("X-Scrim-Role", "fraud"), ("X-Forwarded-User", "boss"),
    ]),
]  # fmt: skip


def _raw_get(path: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: crm.example", *[f"{k}: {v}" for k, v in headers]]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


@pytest.mark.parametrize(("case", "forged"), FORGED, ids=[c[0] for c in FORGED])
def test_forged_identity_headers_change_nothing_and_never_reach_upstream(
    scrim: ScrimProcess, upstream: Upstream, case: str, forged: list[tuple[str, str]]
) -> None:
    path = upstream.set_json(upstream.unique_path("forged"), BODY)
    tier1 = token("tier1", "agent-forger")
    headers = [
        ("Authorization", f"Bearer {tier1}"),
        *forged,
        ("Cookie", f"theme=dark; scrim_token={tier1}; lang=en"),
    ]
    reply = scrim.raw(_raw_get(path, headers))
    assert reply.status == 200, reply.body[:300]
    assert reply.json()["customer"]["email"] == TIER1_EMAIL  # still tier1
    assert_no_canary(reply)

    (received,) = upstream.received(path)
    names = received.names()
    leaked = sorted(n for n in names if n.replace("_", "-") in IDENTITY_HEADERS)
    assert leaked == [], f"identity headers forwarded upstream: {leaked}"
    assert "authorization" not in names, "the agent's token was forwarded upstream"
    cookies = "; ".join(received.get_all("cookie"))
    assert tier1 not in cookies and "scrim_token" not in cookies
    assert "theme=dark" in cookies and "lang=en" in cookies
    assert tier1 not in repr(received.headers)


def test_token_in_the_scrim_token_cookie_works_and_is_not_forwarded(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    path = upstream.set_json(upstream.unique_path("cookie"), BODY)
    tier2 = token("tier2", "agent-cookie")
    reply = scrim.get(path, role=None, headers=[("Cookie", f"a=1; scrim_token={tier2}; b=2")])
    assert reply.status == 200, reply.body[:300]
    assert reply.json()["customer"]["email"] == CANARY_EMAIL  # tier2 sees e-mail in clear
    assert CANARY_CARD not in reply.text  # ... but only the last 4 of the card
    (received,) = upstream.received(path)
    cookies = "; ".join(received.get_all("cookie"))
    assert "scrim_token" not in cookies and tier2 not in cookies
    assert "a=1" in cookies and "b=2" in cookies


def test_cookie_holding_only_the_token_is_removed_entirely(scrim: ScrimProcess, upstream: Upstream) -> None:
    path = upstream.set_json(upstream.unique_path("cookie-only"), BODY)
    reply = scrim.get(path, role=None, headers=[("Cookie", f"scrim_token={token('tier1')}")])
    assert reply.status == 200
    (received,) = upstream.received(path)
    assert all("scrim_token" not in c for c in received.get_all("cookie"))


@pytest.mark.parametrize(
    ("role", "email", "card_visible"),
    [
        ("tier1", TIER1_EMAIL, False),
        ("tier2", CANARY_EMAIL, False),
        ("fraud", CANARY_EMAIL, True),
    ],
)
def test_each_role_sees_its_own_view(
    scrim: ScrimProcess, upstream: Upstream, role: str, email: str, card_visible: bool
) -> None:
    path = upstream.set_json(upstream.unique_path(f"role-{role}"), BODY)
    reply = scrim.get(path, role=role)
    assert reply.status == 200
    customer = reply.json()["customer"]
    assert customer["email"] == email
    assert (customer["card"] == CANARY_CARD) is card_visible
    assert customer["card"].endswith("6467")


@pytest.mark.parametrize("role", ["intern", "TIER1", "fraud-investigations-x", ""])
def test_unknown_role_sees_everything_masked(scrim: ScrimProcess, upstream: Upstream, role: str) -> None:
    path = upstream.set_json(upstream.unique_path("unknown-role"), BODY)
    reply = scrim.get(path, role=role, agent="agent-unknown-role")
    assert reply.status == 200, reply.body[:300]
    customer = reply.json()["customer"]
    # Least privilege: not even tier1's hint of the e-mail or the last 4 of the card.
    assert "@" not in str(customer["email"]) and "leak" not in str(customer["email"])
    assert not any(ch.isdigit() for ch in str(customer["card"])), customer
    assert_no_canary(reply)


def test_group_bound_to_a_role_grants_it(scrim: ScrimProcess, upstream: Upstream) -> None:
    path = upstream.set_json(upstream.unique_path("binding"), BODY)
    reply = scrim.get(path, role="fraud-investigations")
    assert reply.json()["customer"]["email"] == CANARY_EMAIL
