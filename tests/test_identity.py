"""Identity: only verified credentials; everything identity-like from the client is stripped."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from proxy.errors import IdentityError, StartupError
from proxy.identity import IdentityConfig, Verifier, mint_dev_token, parse_cookies
from proxy.model import IdentitySource

SECRET = b"s" * 64
OTHER = b"o" * 64


def hs(claims: dict[str, object], key: bytes = SECRET, headers: dict[str, object] | None = None) -> str:
    return jwt.encode(claims, key, algorithm="HS256", headers=headers)


def valid_claims(**extra: object) -> dict[str, object]:
    now = int(time.time())
    return {"sub": "agent-1", "groups": ["tier1"], "iat": now, "exp": now + 3600, **extra}


def bearer(token: str) -> dict[str, list[str]]:
    return {"authorization": [f"Bearer {token}"]}


def b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.fixture
def verifier() -> Verifier:
    return Verifier(IdentityConfig(hs256_secret=SECRET))


def test_valid_hs256_token_gives_agent_and_groups(verifier: Verifier) -> None:
    claims = verifier.identify(bearer(hs(valid_claims())), {}, "10.0.0.1")
    assert (claims.agent, claims.groups, claims.source) == ("agent-1", ("tier1",), IdentitySource.JWT)


def test_dev_token_round_trips(verifier: Verifier) -> None:
    token = mint_dev_token(SECRET, "agent-9", "fraud", 60, None, None)
    assert verifier.identify(bearer(token), {}, "").groups == ("fraud",)


def test_cookie_carries_token(verifier: Verifier) -> None:
    cookies = parse_cookies(["a=1; scrim_token=" + hs(valid_claims()) + "; b=2"])
    assert verifier.identify({}, cookies, "").agent == "agent-1"


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        # expiry and time
        (hs(valid_claims(exp=int(time.time()) - 3600)), "expired_token"),
        (hs(valid_claims(iat=int(time.time()) + 3600)), "token_not_yet_valid"),
        (hs(valid_claims(nbf=int(time.time()) + 3600)), "token_not_yet_valid"),
        (hs({"sub": "agent-1", "groups": ["tier1"]}), "invalid_token"),  # no exp
        # lifetimes beyond the cap (12 h): issued for a year, or issued long ago for long
        (hs(valid_claims(exp=int(time.time()) + 366 * 86400)), "token_lifetime_too_long"),
        (hs({"sub": "agent-1", "exp": int(time.time()) + 13 * 3600}), "token_lifetime_too_long"),
        (
            hs(valid_claims(iat=int(time.time()) - 30 * 86400, exp=int(time.time()) + 3600)),
            "token_lifetime_too_long",
        ),
        # signatures and algorithms
        (hs(valid_claims(), key=OTHER), "invalid_token"),
        (b64({"alg": "none", "typ": "JWT"}) + "." + b64(valid_claims()) + ".", "invalid_token"),
        (jwt.encode(valid_claims(), SECRET, algorithm="HS512"), "invalid_token"),
        # keys the token tries to bring along
        (hs(valid_claims(), headers={"jku": "https://evil.example/jwks"}), "forbidden_token_header"),
        (hs(valid_claims(), headers={"x5u": "https://evil.example/cert"}), "forbidden_token_header"),
        # malformed
        ("abc", "malformed_token"),
        ("a.b.c", "malformed_token"),
        ("x" * 9000, "token_too_large"),
        # claims of the wrong shape
        (hs(valid_claims(sub="")), "invalid_token"),
        (hs(valid_claims(groups={"role": "fraud"})), "invalid_token"),
    ],
)
def test_bad_tokens_are_refused(verifier: Verifier, token: str, reason: str) -> None:
    with pytest.raises(IdentityError) as caught:
        verifier.identify(bearer(token), {}, "")
    assert caught.value.reason == reason


def test_rs256_token_is_refused_by_an_hs256_verifier(verifier: Verifier) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(valid_claims(), key, algorithm="RS256")
    with pytest.raises(IdentityError):
        verifier.identify(bearer(token), {}, "")


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "missing_credentials"),
        ({"authorization": ["Basic dXNlcjpwYXNz"]}, "missing_credentials"),
        ({"authorization": ["Bearer a", "Bearer b"]}, "ambiguous_identity"),
        ({"x-forwarded-user": ["agent-1"], "x-forwarded-groups": ["fraud"]}, "missing_credentials"),
    ],
)
def test_missing_or_ambiguous_credentials(
    verifier: Verifier, headers: dict[str, list[str]], reason: str
) -> None:
    with pytest.raises(IdentityError) as caught:
        verifier.identify(headers, {}, "10.0.0.5")
    assert caught.value.reason == reason


def test_a_verified_token_is_trusted_for_a_minute_at_most_and_never_past_its_expiry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from proxy import identity

    v = Verifier(IdentityConfig(hs256_secret=SECRET, leeway_seconds=0))
    checked: list[str] = []
    verify = v._verify
    monkeypatch.setattr(v, "_verify", lambda token: checked.append(token) or verify(token))
    now = time.time()
    hour, soon = hs(valid_claims(exp=int(now) + 3600)), hs(valid_claims(sub="agent-2", exp=int(now) + 5))
    for token in (hour, hour, soon, soon):
        v.identify(bearer(token), {}, "")
    assert checked == [hour, soon]  # each signature checked once
    monkeypatch.setattr(identity.time, "time", lambda: now + 10)
    assert v.identify(bearer(hour), {}, "").agent == "agent-1"
    assert checked == [hour, soon]
    v.identify(bearer(soon), {}, "")
    assert checked == [hour, soon, soon]  # past its exp: checked again (and refused, in real time)
    monkeypatch.setattr(identity.time, "time", lambda: now + 61)
    v.identify(bearer(hour), {}, "")
    assert checked == [hour, soon, soon, hour]  # a minute on, checked again


def test_lifetime_cap_is_configurable_and_inclusive() -> None:
    now = int(time.time())
    shift = valid_claims(iat=now, exp=now + 12 * 3600)
    assert (
        Verifier(IdentityConfig(hs256_secret=SECRET)).identify(bearer(hs(shift)), {}, "").agent == "agent-1"
    )
    short = Verifier(IdentityConfig(hs256_secret=SECRET, max_lifetime_seconds=600))
    with pytest.raises(IdentityError, match="token_lifetime_too_long"):
        short.identify(bearer(hs(valid_claims(exp=now + 3600))), {}, "")


def test_issuer_and_audience_are_required_when_configured() -> None:
    v = Verifier(IdentityConfig(hs256_secret=SECRET, issuer="https://idp", audience="scrim"))
    good = hs(valid_claims(iss="https://idp", aud="scrim"))
    assert v.identify(bearer(good), {}, "").agent == "agent-1"
    for bad in (
        valid_claims(),
        valid_claims(iss="https://other", aud="scrim"),
        valid_claims(iss="https://idp", aud="crm"),
    ):
        with pytest.raises(IdentityError):
            v.identify(bearer(hs(bad)), {}, "")


# -- JWKS ------------------------------------------------------------------------------------------


_IDP = {"issuer": "https://idp.example", "audience": "scrim"}


def _jwks_file(tmp_path: Path, public_jwks: list[dict[str, object]]) -> Path:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": public_jwks}))
    return path


def test_jwks_rs256_and_es256(tmp_path: Path) -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    rsa_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    ec_jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(ec_key.public_key()))
    rsa_jwk["kid"], ec_jwk["kid"] = "r1", "e1"
    v = Verifier(IdentityConfig(jwks_path=_jwks_file(tmp_path, [rsa_jwk, ec_jwk]), **_IDP))
    ours = valid_claims(iss=_IDP["issuer"], aud=_IDP["audience"])
    rs = jwt.encode(ours, rsa_key, algorithm="RS256", headers={"kid": "r1"})
    es = jwt.encode(ours, ec_key, algorithm="ES256", headers={"kid": "e1"})
    assert v.identify(bearer(rs), {}, "").agent == "agent-1"
    assert v.identify(bearer(es), {}, "").agent == "agent-1"
    # An EC-signed token naming the RSA key's kid, an unknown kid, and an HS token all fail.
    wrong_kid = jwt.encode(ours, ec_key, algorithm="ES256", headers={"kid": "r1"})
    unknown = jwt.encode(ours, rsa_key, algorithm="RS256", headers={"kid": "nope"})
    # The same provider's token for another application.
    wiki = jwt.encode(
        valid_claims(iss=_IDP["issuer"], aud="wiki"), rsa_key, algorithm="RS256", headers={"kid": "r1"}
    )
    for token, reason in ((wrong_kid, "invalid_token"), (unknown, "unknown_key"), (wiki, "invalid_token")):
        with pytest.raises(IdentityError) as caught:
            v.identify(bearer(token), {}, "")
        assert caught.value.reason == reason
    # HS256 signed with the RSA public key's PEM (the classic confusion attack) is refused.
    with pytest.raises(IdentityError):
        v.identify(bearer(hs(valid_claims(), headers={"kid": "r1"})), {}, "")


def test_jwks_file_problems_stop_startup(tmp_path: Path) -> None:
    with pytest.raises(StartupError, match="jwks"):
        Verifier(IdentityConfig(jwks_path=tmp_path / "missing.json", **_IDP))
    with pytest.raises(StartupError, match="no RSA/EC keys"):
        oct_key = {"kty": "oct", "k": "c2VjcmV0", "kid": "h"}
        Verifier(IdentityConfig(jwks_path=_jwks_file(tmp_path, [oct_key]), **_IDP))


@pytest.mark.parametrize("idp", [{}, {"issuer": "https://idp.example"}, {"audience": "scrim"}])
def test_jwks_without_issuer_and_audience_stops_startup(tmp_path: Path, idp: dict[str, str]) -> None:
    rsa_jwk = json.loads(
        jwt.algorithms.RSAAlgorithm.to_jwk(rsa.generate_private_key(65537, 2048).public_key())
    )
    with pytest.raises(StartupError, match="--jwt-issuer and --jwt-audience"):
        Verifier(IdentityConfig(jwks_path=_jwks_file(tmp_path, [{**rsa_jwk, "kid": "r1"}]), **idp))


@pytest.mark.parametrize(
    "config",
    [
        IdentityConfig(),  # nothing configured
        IdentityConfig(hs256_secret=b"short"),
        IdentityConfig(hs256_secret=SECRET, jwks_url="http://127.0.0.1:1/jwks"),  # HS and RS together
    ],
)
def test_bad_identity_configuration_stops_startup(config: IdentityConfig) -> None:
    with pytest.raises(StartupError):
        Verifier(config)


# -- trusted headers from an authenticating proxy --------------------------------------------------


def test_trusted_headers_only_from_configured_peers() -> None:
    v = Verifier(IdentityConfig(hs256_secret=SECRET, trusted_peers=("10.1.0.0/16",)))
    headers = {"x-forwarded-user": ["alice"], "x-forwarded-groups": ["support-frontline, other"]}
    claims = v.identify(headers, {}, "10.1.2.3")
    assert (claims.agent, claims.groups, claims.source) == (
        "alice",
        ("support-frontline", "other"),
        IdentitySource.TRUSTED_HEADER,
    )
    with pytest.raises(IdentityError):
        v.identify(headers, {}, "10.2.0.1")
    with pytest.raises(IdentityError, match="ambiguous"):
        v.identify({"x-forwarded-user": ["alice", "bob"]}, {}, "10.1.2.3")


@pytest.mark.parametrize(
    "names",
    [
        # a second groups header, or one spelt with underscores, which the proxy in front does not
        # strip (the oauth2-proxy CVE-2025-64484 class): an agent would choose their own role
        ["X-Forwarded-User", "X-Forwarded-Groups", "X_Forwarded_Groups"],
        ["X-Forwarded-User", "X_Forwarded_Groups"],
        ["X_Forwarded_User"],
    ],
)
def test_trusted_headers_spelt_twice_or_with_underscores_are_refused(names: list[str]) -> None:
    v = Verifier(IdentityConfig(hs256_secret=SECRET, trusted_peers=("10.1.0.0/16",)))
    headers: dict[str, list[str]] = {}
    for name in names:
        value = (
            "alice"
            if "user" in name.lower()
            else ("fraud-investigations" if "_" in name else "support-frontline")
        )
        headers.setdefault(name.lower().replace("_", "-"), []).append(value)
    with pytest.raises(IdentityError, match="ambiguous"):
        v.identify(headers, {}, "10.1.2.3", names)


# -- stripping -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Authorization", True),
        ("X-Role", True),
        ("x_role", True),
        ("X-ROLES", True),
        ("X-Forwarded-User", True),
        ("X_Forwarded_Groups", True),
        ("x-forwarded-email", True),
        ("X-Scrim-Role", True),
        ("X-Auth-Request-User", True),
        ("X-User-Id", True),
        ("Remote-User", True),
        ("X-Agent", True),
        ("Impersonate-User", True),
        ("X-MS-CLIENT-PRINCIPAL-NAME", True),
        ("X-Goog-Authenticated-User-Email", True),
        ("X-Amzn-Oidc-Identity", True),
        ("Cf-Access-Authenticated-User-Email", True),
        ("X-Consumer-Username", True),
        ("X-Authenticated-Userid", True),
        ("X-WEBAUTH-USER", True),
        ("Ssl-Client-Cert", True),
        ("True-Client-IP", True),
        ("Proxy-Authorization", True),
        ("X-HTTP-Method-Override", True),
        ("X-HTTP-Method", True),
        ("X-Method-Override", True),
        # any underscore: `Authorization_`, `X_Api_Key` may be read as the CRM credential's header
        ("Authorization_", True),
        ("X_Api_Key", True),
        ("Accept_Language", True),
        ("Accept", False),
        ("Cookie", False),
        ("X-Request-Id", False),
        ("Content-Type", False),
    ],
)
def test_identity_like_headers_are_stripped(verifier: Verifier, name: str, stripped: bool) -> None:
    assert verifier.headers_to_strip([name]) == ([name] if stripped else [])


def test_cookie_parsing_first_value_wins() -> None:
    assert parse_cookies(['a=1; b="2"', "a=3; c=4"]) == {"a": "1", "b": "2", "c": "4"}


def test_every_group_is_kept_for_the_role_decision(verifier: Verifier) -> None:
    # The least privileged group decides the role: cut at 32, a token listing it 33rd made an
    # in-house agent's frontline membership vanish (tier2 instead of tier1).
    groups = [f"team-{i}" for i in range(32)] + ["support-frontline", "support-inhouse"]
    claims = verifier.identify(bearer(hs(valid_claims(groups=groups))), {}, "")
    assert claims.groups == tuple(groups)
    from proxy.server import load_rules
    from tests.eval.run import RULES

    assert load_rules(RULES).role_for_groups(claims.groups) == "tier1"


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        (valid_claims(groups=[f"g{i}" for i in range(257)]), "invalid_token"),  # refused, not cut
        (valid_claims(sub="a" * 129), "invalid_token"),
        (valid_claims(sub="alice,bob"), "invalid_token"),
    ],
)
def test_oversized_claims_are_refused_not_cut(
    verifier: Verifier, claims: dict[str, object], reason: str
) -> None:
    with pytest.raises(IdentityError) as caught:
        verifier.identify(bearer(hs(claims)), {}, "")
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    "headers",
    [
        # cut at 128, two users sharing their first 128 characters became one agent
        {"x-forwarded-user": ["a" * 128 + "x"], "x-forwarded-groups": ["support-frontline"]},
        {"x-forwarded-user": ["alice\tbob"], "x-forwarded-groups": ["support-frontline"]},
        {"x-forwarded-user": ["alice"], "x-forwarded-groups": [",".join(f"g{i}" for i in range(300))]},
    ],
)
def test_trusted_headers_oversized_are_refused(headers: dict[str, list[str]]) -> None:
    v = Verifier(IdentityConfig(hs256_secret=SECRET, trusted_peers=("10.1.0.0/16",)))
    with pytest.raises(IdentityError) as caught:
        v.identify(headers, {}, "10.1.2.3")
    assert caught.value.reason == "invalid_identity"
