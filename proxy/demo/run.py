"""`scrim demo` (what `make run` starts): the seeded demo CRM on loopback with Scrim in front.

The CRM requires an API key that only Scrim holds (injected upstream), so the console and the curl
examples can reach customer data only through Scrim — the deployment shape the README recommends.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import threading
import time
from pathlib import Path

from proxy.demo.crm import make_server
from proxy.demo.seed import seed
from proxy.identity import IdentityConfig, mint_dev_token
from proxy.server import ServeConfig, serve
from proxy.workers import default_size

DEMO_AGENTS = (("agent-007", "tier1"), ("agent-012", "tier2"), ("agent-019", "fraud"))


def _secrets(path: Path) -> dict[str, str]:
    """Demo secrets, generated once and kept in the data directory (env vars win)."""
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    for name in ("SCRIM_JWT_SECRET", "SCRIM_TOKEN_KEY", "SCRIM_AUDIT_KEY", "DEMO_CRM_API_KEY"):
        stored[name] = os.environ.get(name) or stored.get(name) or secrets.token_urlsafe(32)
    path.write_text(json.dumps(stored))
    path.chmod(0o600)
    return stored


def run_demo(args: argparse.Namespace) -> int:
    data: Path = args.data
    data.mkdir(parents=True, exist_ok=True)
    db = data / "demo-crm.sqlite"
    started = time.monotonic()
    if seed(db):
        print(f"seeded {db} in {time.monotonic() - started:.1f}s")
    keys = _secrets(data / "demo-secrets.json")
    crm_host, crm_port = args.crm_listen
    crm = make_server(crm_host, crm_port, db, api_key=keys["DEMO_CRM_API_KEY"])
    threading.Thread(target=crm.serve_forever, daemon=True, name="demo-crm").start()
    host, port = args.listen
    jwt_secret = keys["SCRIM_JWT_SECRET"].encode()
    tokens = {
        role: mint_dev_token(jwt_secret, agent, role, 12 * 3600, None, None) for agent, role in DEMO_AGENTS
    }

    def announce() -> None:
        base = f"http://{host}:{port}"
        print("\n=== Scrim demo ready ===")
        print(f"agent console:   {base}/console#token=<token>   (demo CRM behind it: {crm_host}:{crm_port})")
        print(f"metrics:         http://{args.metrics_listen[0]}:{args.metrics_listen[1]}/metrics")
        for agent, role in DEMO_AGENTS:
            print(f"\n{role} ({agent}) token:\n{tokens[role]}")
        print("\nThe same customer, three roles (tier1 masked, tier2 partly, fraud in clear):")
        for _, role in DEMO_AGENTS:
            print(f"  curl -s -H 'Authorization: Bearer {tokens[role]}' {base}/api/v2/users/1")
        print(f"\nconsole as tier1: {base}/console#token={tokens['tier1']}")
        print(
            f"audit trail:      {data / 'audit.jsonl'}\n"
            f"  verify it with the demo's key (in {data / 'demo-secrets.json'}):\n"
            f"  SCRIM_AUDIT_KEY=<SCRIM_AUDIT_KEY> .venv/bin/scrim audit verify {data / 'audit.jsonl'}\n",
            flush=True,
        )

    config = ServeConfig(
        upstream=f"http://{crm_host}:{crm_port}",
        listen=args.listen,
        metrics_listen=args.metrics_listen,
        rules_dir=Path(__file__).resolve().parents[2] / "rules",
        audit_log=data / "audit.jsonl",
        identity=IdentityConfig(hs256_secret=jwt_secret),
        workers=default_size(),
        token_key=keys["SCRIM_TOKEN_KEY"].encode(),
        audit_key=keys["SCRIM_AUDIT_KEY"].encode(),
        upstream_headers=(("Authorization", f"Bearer {keys['DEMO_CRM_API_KEY']}"),),
    )
    try:
        return asyncio.run(serve(config, on_ready=announce))
    finally:
        crm.shutdown()
        crm.server_close()
