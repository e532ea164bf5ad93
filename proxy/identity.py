"""Identity: who is asking, only from verified credentials (THREATS invariant 7).

- A JWT from a configured header or cookie: HS256 with a secret, or RS256/ES256 from a JWKS file or
  URL. Algorithms are pinned by configuration and by the key's own type, never read from the token;
  HS and RS/ES are never accepted together; `exp` is required and at most a capped lifetime away;
  `iss`/`aud` are checked when configured, and a JWKS needs both (an identity provider signs tokens
  for every application it serves); tokens carrying their own key locations (`jku`, `x5u`, `jwk`,
  `x5c`) are refused.
- Or headers set by an authenticating proxy (oauth2-proxy's X-Forwarded-User/-Groups), believed only
  from configured peer addresses.
Everything identity-like the client sent is stripped before the request goes anywhere.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jwt
from jwt import PyJWK, PyJWKSet

from proxy.errors import IdentityError, StartupError
from proxy.model import IdentitySource

log = logging.getLogger(__name__)

# Client-sent headers that could be mistaken for identity by Scrim or the CRM, matched after
# lower-casing and turning '_' into '-' (some servers treat X_Role as X-Role).
_SPOOFABLE_PREFIXES = (
    # Every X-Forwarded-* (user and groups, but also Host and Prefix, which some upstreams route
    # by), Forwarded, and the URL-override headers that would let a static path reach a data one.
    "x-forwarded-",
    "forwarded",
    "x-real-ip",
    "x-original-url",
    "x-rewrite-url",
    "x-auth-request-",
    "x-scrim-",
    "x-agent",
    "x-role",
    "x-roles",
    "x-user",
    "x-group",
    "x-remote-",  # Kubernetes' authenticating-proxy headers: X-Remote-User/-Group/-Extra-*
    "remote-user",
    "x-on-behalf-of",
    "x-impersonate",
    # What other authenticating front-ends set, which a CRM behind one of them may trust: Kubernetes
    # impersonation, Azure App Service, Google IAP, AWS ALB, Cloudflare Access, Kong, Grafana-style
    # and generic user headers, client certificates, the client address as CDNs pass it.
    "impersonate-",
    "x-ms-client-principal",
    "x-goog-authenticated-",
    "x-goog-iap-",
    "x-amzn-oidc-",
    "cf-access-",
    "x-consumer-",
    "x-authenticated-",
    "x-webauth-",
    "x-auth-user",
    "auth-user",
    "x-proxy-user",
    "x-jwt-assertion",
    "x-token-subject",
    "ssl-client-",
    "x-ssl-client-",
    "x-client-cert",
    "x-client-dn",
    "x-client-verify",
    "true-client-ip",
    "cf-connecting-ip",
    "x-client-ip",
    "x-cluster-client-ip",
    "fastly-client-ip",
    "x-zendesk-on-behalf-of",
    "proxy-authorization",
    # Method overrides (Rack, Express, Laravel, Symfony, ASP.NET): a POST the CRM serves as a GET
    # would be classified by its POST, past the route's record rules and quotas.
    "x-http-method",
    "x-method-override",
    "x-original-method",
)
_KEY_LOCATING_HEADERS = ("jku", "x5u", "jwk", "x5c")
_JWKS_COOLDOWN_SECONDS = 60.0
_JWKS_MAX_BYTES = 256 * 1024
# Verified tokens are remembered (a signature check costs ~60 µs, and an agent sends the same token
# with every request) for at most a minute, so a key taken out of the JWKS stops working soon.
_VERIFIED_SECONDS = 60.0
_VERIFIED_MAX = 4096
_MAX_AGENT_ID = 128
# Far more groups than any identity provider sends one user; a token or header with more is refused.
_MAX_GROUPS = 256


@dataclass(frozen=True, slots=True)
class Claims:
    """What a verified credential says: the agent id and its groups (roles are the rules' job)."""

    agent: str
    groups: tuple[str, ...]
    source: IdentitySource


@dataclass(frozen=True, slots=True)
class IdentityConfig:
    """How agents prove who they are. Exactly one of hs256_secret / jwks_path / jwks_url."""

    hs256_secret: bytes | None = None
    jwks_path: Path | None = None
    jwks_url: str | None = None
    token_header: str | None = "authorization"
    token_cookie: str | None = "scrim_token"
    issuer: str | None = None
    audience: str | None = None
    agent_claim: str = "sub"
    groups_claim: str = "groups"
    leeway_seconds: int = 30
    # A stolen or never-revoked token works until it expires: a shift's length at most.
    max_lifetime_seconds: int = 12 * 3600
    max_token_bytes: int = 8192
    trusted_peers: tuple[str, ...] = ()
    trusted_user_header: str = "x-forwarded-user"
    trusted_groups_header: str = "x-forwarded-groups"
    extra_strip: tuple[str, ...] = field(default_factory=tuple)


def normalise_header(name: str) -> str:
    return name.strip().lower().replace("_", "-")


class _Keys:
    """JWKS keys by kid, refreshed from a URL at most once per cooldown (unknown-kid floods)."""

    def __init__(self, path: Path | None, url: str | None) -> None:
        self._path, self._url = path, url
        self._by_kid: dict[str, PyJWK] = {}
        self._last_fetch = 0.0
        self._lock = threading.Lock()
        self._load()  # at start-up, failures are fatal

    def _load(self) -> None:
        try:
            if self._path is not None:
                raw = self._path.read_text(encoding="utf-8")
            else:
                assert self._url is not None
                with urllib.request.urlopen(self._url, timeout=5) as resp:  # noqa: S310 (configured URL)
                    raw = resp.read(_JWKS_MAX_BYTES + 1).decode("utf-8")
                if len(raw) > _JWKS_MAX_BYTES:
                    raise ValueError("JWKS document too large")
            keyset = PyJWKSet.from_json(raw)
        except (OSError, ValueError, jwt.PyJWTError) as err:
            raise StartupError(f"JWKS {self._path or self._url}: cannot load ({err})") from err
        by_kid = {k.key_id: k for k in keyset.keys if k.key_id and k.key_type in ("RSA", "EC")}
        if not by_kid:
            raise StartupError(f"JWKS {self._path or self._url}: no RSA/EC keys with a kid")
        self._by_kid = by_kid
        self._last_fetch = time.monotonic()

    def get(self, kid: str) -> PyJWK | None:
        key = self._by_kid.get(kid)
        if key is None and self._url is not None:
            self._refresh_soon()
        return key

    def _refresh_soon(self) -> None:
        # Never fetch on the request path: an unknown kid starts at most one background refresh
        # per cooldown, and this request is refused either way.
        with self._lock:
            if time.monotonic() - self._last_fetch < _JWKS_COOLDOWN_SECONDS:
                return
            self._last_fetch = time.monotonic()
        threading.Thread(target=self._refresh, daemon=True, name="scrim-jwks").start()

    def _refresh(self) -> None:
        try:
            self._load()
        except StartupError as err:
            log.warning("JWKS refresh failed, keeping the previous keys: %s", err)


class Verifier:
    """Turns request headers into verified Claims, or raises IdentityError with a fixed reason."""

    def __init__(self, config: IdentityConfig) -> None:
        sources = [config.hs256_secret is not None, config.jwks_path is not None, config.jwks_url is not None]
        if sum(sources) != 1 and not (sum(sources) == 0 and config.trusted_peers):
            raise StartupError(
                "identity: configure exactly one of SCRIM_JWT_SECRET, --jwks-file, --jwks-url"
                " (or only --trusted-proxy)"
            )
        if config.hs256_secret is not None and len(config.hs256_secret) < 32:
            raise StartupError("identity: SCRIM_JWT_SECRET must be at least 32 bytes")
        if (config.jwks_path or config.jwks_url) and not (config.issuer and config.audience):
            # Without them, a token the same provider issued for any other application (a wiki,
            # the CRM itself) would be an agent's credential here.
            raise StartupError("identity: --jwks-file/--jwks-url need --jwt-issuer and --jwt-audience")
        self.config = config
        self._keys = (
            _Keys(config.jwks_path, config.jwks_url) if (config.jwks_path or config.jwks_url) else None
        )
        self._peers = tuple(ipaddress.ip_network(p, strict=False) for p in config.trusted_peers)
        strip = {normalise_header(h) for h in config.extra_strip}
        strip.update(
            {normalise_header(config.trusted_user_header), normalise_header(config.trusted_groups_header)}
        )
        if config.token_header:
            strip.add(normalise_header(config.token_header))
        self._strip_exact = frozenset(strip)
        self._verified: dict[str, tuple[Claims, float]] = {}  # token → (claims, trusted until)

    def headers_to_strip(self, names: Iterable[str]) -> list[str]:
        """Header names (as sent) that must not reach policy or the CRM: identity-like ones, and
        any with an underscore. Servers in the CGI tradition read `X_Api_Key` as `X-Api-Key`, so it
        could stand in for the CRM credential Scrim sets (nginx and gunicorn drop them too)."""
        out = []
        for name in names:
            norm = normalise_header(name)
            if "_" in name or norm in self._strip_exact or norm.startswith(_SPOOFABLE_PREFIXES):
                out.append(name)
        return out

    def identify(
        self,
        headers: Mapping[str, list[str]],
        cookies: Mapping[str, str],
        peer: str,
        names: Iterable[str] = (),
    ) -> Claims:
        """Verify the request's credential. `headers` maps normalised names to all their values;
        `names` are the header names as sent. An identity header spelt with underscores is refused:
        proxies in front strip the exact name they set, and let `X_Forwarded_Groups` through."""
        if self._peers and self._is_trusted(peer):
            trusted = {
                normalise_header(self.config.trusted_user_header),
                normalise_header(self.config.trusted_groups_header),
            }
            if any("_" in name and normalise_header(name) in trusted for name in names):
                raise IdentityError("ambiguous_identity")
            users = headers.get(normalise_header(self.config.trusted_user_header), [])
            groups_raw = headers.get(normalise_header(self.config.trusted_groups_header), [])
            if len(users) > 1 or len(groups_raw) > 1:
                # Also `X_Forwarded_Groups` next to `X-Forwarded-Groups` (names are normalised): an
                # authenticating proxy that strips only the exact name lets the other through.
                raise IdentityError("ambiguous_identity")
            if len(users) == 1 and users[0].strip():
                groups = [g.strip() for raw in groups_raw for g in raw.split(",") if g.strip()]
                return _claims(users[0], groups, IdentitySource.TRUSTED_HEADER, "invalid_identity")
        token = self._token(headers, cookies)
        return self._remembered(token)

    def _is_trusted(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in net for net in self._peers)

    def _token(self, headers: Mapping[str, list[str]], cookies: Mapping[str, str]) -> str:
        if self.config.token_header:
            values = headers.get(normalise_header(self.config.token_header), [])
            if len(values) > 1:
                raise IdentityError("ambiguous_identity")
            if values:
                scheme, _, token = values[0].strip().partition(" ")
                if scheme.lower() == "bearer" and token.strip():
                    return self._bounded(token.strip())
                if normalise_header(self.config.token_header) != "authorization" and not token:
                    return self._bounded(scheme)
        if self.config.token_cookie and self.config.token_cookie in cookies:
            return self._bounded(cookies[self.config.token_cookie])
        raise IdentityError("missing_credentials")

    def _bounded(self, token: str) -> str:
        if len(token) > self.config.max_token_bytes:
            raise IdentityError("token_too_large")
        return token

    def _remembered(self, token: str) -> Claims:
        now = time.time()
        claims, until = self._verified.get(token, (None, 0.0))
        if claims is not None and now < until:
            return claims
        self._verified.pop(token, None)
        claims, expires = self._verify(token)
        if len(self._verified) >= _VERIFIED_MAX:
            del self._verified[next(iter(self._verified))]  # the oldest
        self._verified[token] = (claims, min(now + _VERIFIED_SECONDS, expires + self.config.leeway_seconds))
        return claims

    def _verify(self, token: str) -> tuple[Claims, float]:
        """The token's claims and its expiry, or IdentityError."""
        if self._keys is None and self.config.hs256_secret is None:
            raise IdentityError("missing_credentials")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as err:
            raise IdentityError("malformed_token") from err
        if any(h in header for h in _KEY_LOCATING_HEADERS):
            raise IdentityError("forbidden_token_header")
        key: Any
        if self._keys is not None:
            kid = header.get("kid")
            jwk = self._keys.get(kid) if isinstance(kid, str) else None
            if jwk is None:
                raise IdentityError("unknown_key")
            key, algorithms = jwk.key, ["RS256"] if jwk.key_type == "RSA" else ["ES256"]
        else:
            key, algorithms = self.config.hs256_secret, ["HS256"]
        required = ["exp", self.config.agent_claim]
        if self.config.issuer:
            required.append("iss")
        if self.config.audience:
            required.append("aud")
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=algorithms,
                issuer=self.config.issuer,
                audience=self.config.audience,
                leeway=self.config.leeway_seconds,
                options={"require": required, "verify_aud": self.config.audience is not None},
            )
        except jwt.ExpiredSignatureError as err:
            raise IdentityError("expired_token") from err
        except jwt.ImmatureSignatureError as err:
            raise IdentityError("token_not_yet_valid") from err
        except jwt.PyJWTError as err:
            raise IdentityError("invalid_token") from err
        self._check_lifetime(claims)
        agent = claims.get(self.config.agent_claim)
        groups = claims.get(self.config.groups_claim, [])
        if isinstance(groups, str):
            groups = [groups]
        if not isinstance(agent, str) or not isinstance(groups, list):
            raise IdentityError("invalid_token")
        return _claims(agent, groups, IdentitySource.JWT, "invalid_token"), float(claims["exp"])

    def _check_lifetime(self, claims: Mapping[str, Any]) -> None:
        # PyJWT has checked that exp, and iat when present, are numbers and iat is not ahead.
        issued = claims.get("iat", time.time())
        if claims["exp"] - issued > self.config.max_lifetime_seconds + self.config.leeway_seconds:
            raise IdentityError("token_lifetime_too_long")


def _claims(agent: str, groups: list[Any], source: IdentitySource, invalid: str) -> Claims:
    """Claims from a verified credential, refused (`invalid`) rather than cut short: two agent ids
    sharing their first characters would become one agent, and a group list cut at any length
    could drop the least privileged group, which decides the role."""
    agent = agent.strip()
    if not agent or len(agent) > _MAX_AGENT_ID or any(ch in agent for ch in ",\t\r\n"):
        raise IdentityError(invalid)
    if len(groups) > _MAX_GROUPS or not all(isinstance(g, str) for g in groups):
        raise IdentityError(invalid)
    return Claims(agent, tuple(groups), source)


def mint_dev_token(
    secret: bytes, agent: str, role: str, ttl_seconds: int, issuer: str | None, audience: str | None
) -> str:
    """An HS256 token for the demo and development (`scrim token`); production uses JWKS."""
    now = int(time.time())
    claims: dict[str, Any] = {"sub": agent, "groups": [role], "iat": now, "exp": now + ttl_seconds}
    if issuer:
        claims["iss"] = issuer
    if audience:
        claims["aud"] = audience
    return jwt.encode(claims, secret, algorithm="HS256")


def parse_cookies(values: Iterable[str]) -> dict[str, str]:
    """Cookie header values → name: value (first wins, like browsers send the most specific first)."""
    cookies: dict[str, str] = {}
    for raw in values:
        for pair in raw.split(";"):
            name, sep, value = pair.strip().partition("=")
            if sep and name and name not in cookies:
                cookies[name] = value.strip().strip('"')
    return cookies
