"""The `scrim` command as an operator runs it: `check` reports every problem as `file: yaml.path:
problem`, `serve` exits non-zero with a clear message when anything it needs fails to load, and
`token` prints a JWT that a running proxy accepts.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import jwt
import pytest

from .conftest import (
    RULES,
    SCRIM,
    ScrimProcess,
    free_port,
    scrim_env,
)
from .upstream import Upstream

pytestmark = pytest.mark.e2e

KNOWN_MASKS = "clear, gone, hidden, hint, label, last4, pseudonym"


def run(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIM), *args],
        env=env if env is not None else scrim_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _broken(tmp_path: Path, edit: Callable[[str], str], file: str = "policy.yaml") -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    target = rules / file
    before = target.read_text(encoding="utf-8")
    after = edit(before)
    assert after != before, "the edit did not change the file"
    target.write_text(after, encoding="utf-8")
    return rules


def _once(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


# -- scrim check ----------------------------------------------------------------------------------


def test_check_accepts_the_shipped_rules() -> None:
    result = run(["check", str(RULES)])
    assert result.returncode == 0, result.stderr
    assert re.search(r": ok \(version [0-9a-f]{12}, \d+ routes, 3 roles\)", result.stdout), result.stdout


# Each expected line is `<rules dir>/policy.yaml: ` followed by the pattern, matched in full.
BROKEN_RULES: list[tuple[str, Callable[[str], str], list[str]]] = [
    ("unknown mask", _once("      CREDIT_CARD: last4\n", "      CREDIT_CARD: last_4\n"),
     [rf"roles\.tier1\.reveal\.CREDIT_CARD: unknown mask 'last_4' \(known: {KNOWN_MASKS}\)"]),
    ("unknown entity", _once("      EMAIL_ADDRESS: hint\n", "      EMAIL: hint\n"),
     [r"roles\.tier1\.reveal\.EMAIL: unknown entity 'EMAIL' \(known: .*EMAIL_ADDRESS.*\)"]),
    ("unknown default mask", _once("    default: label\n", "    default: blur\n"),
     [rf"roles\.tier1\.default: unknown mask 'blur' \(known: {KNOWN_MASKS.replace('clear, ', '')}\)"]),
    ("binding to an unknown role", _once("support-frontline: tier1", "support-frontline: tier9"),
     [r"bindings\.support-frontline: unknown role 'tier9' \(known: fraud, tier1, tier2\)"]),
    ("unknown mask style", _once("{style: redact}", "{style: scramble}"),
     [r"masks\.hidden\.style: .*\('scramble'\)"]),
    ("unknown top-level key", lambda t: t + "\ncolour: blue\n",
     [r"colour: unknown key"]),
    ("two problems at once",
     lambda t: _once("      CREDIT_CARD: last4\n", "      CREDIT_CARD: last_4\n")(t).replace(
         "support-frontline: tier1", "support-frontline: tier9"),
     [r"roles\.tier1\.reveal\.CREDIT_CARD: unknown mask 'last_4' \(known: .*\)",
      r"bindings\.support-frontline: unknown role 'tier9' \(known: .*\)"]),
    ("invalid YAML", lambda t: t.replace("roles:\n", "roles:\n  - [unclosed\n", 1),
     [r"line \d+: invalid YAML \(.*\)"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "edit", "lines"), BROKEN_RULES, ids=[c[0] for c in BROKEN_RULES])
def test_check_reports_each_problem_as_file_path_message(
    tmp_path: Path, case: str, edit: Callable[[str], str], lines: list[str]
) -> None:
    rules = _broken(tmp_path, edit)
    result = run(["check", str(rules)])
    assert result.returncode == 1, (result.stdout, result.stderr)
    problems = result.stderr.strip().splitlines()
    assert len(problems) == len(lines), problems
    prefix = re.escape(f"{rules / 'policy.yaml'}: ")
    for pattern in lines:
        assert any(re.fullmatch(prefix + pattern, line) for line in problems), (pattern, problems)
    assert "Traceback" not in result.stderr


def test_check_reports_missing_recognizers_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "recognizers.yaml").unlink()
    result = run(["check", str(rules)])
    assert result.returncode == 1
    assert f"{rules / 'recognizers.yaml'}: cannot read" in result.stderr


# -- scrim serve refuses to start -------------------------------------------------------------------


def _serve_args(tmp_path: Path, rules: Path = RULES, *extra: str) -> list[str]:
    return [
        "serve", "--upstream", "http://127.0.0.1:9",
        "--listen", f"127.0.0.1:{free_port()}", "--metrics-listen", f"127.0.0.1:{free_port()}",
        "--rules", str(rules), "--audit-log", str(tmp_path / "audit.jsonl"), "--workers", "1",
        *extra,
    ]  # fmt: skip


def test_serve_with_broken_rules_exits_naming_file_and_path(tmp_path: Path) -> None:
    rules = _broken(tmp_path, _once("      CREDIT_CARD: last4\n", "      CREDIT_CARD: last_4\n"))
    result = run(_serve_args(tmp_path, rules), timeout=60)
    assert result.returncode != 0
    assert f"{rules / 'policy.yaml'}: roles.tier1.reveal.CREDIT_CARD: unknown mask 'last_4'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("case", "env_change", "message"),
    [
        ("no SCRIM_JWT_SECRET", {"SCRIM_JWT_SECRET": None}, "SCRIM_JWT_SECRET"),
        ("short SCRIM_JWT_SECRET", {"SCRIM_JWT_SECRET": "too-short"}, "at least 32 bytes"),
        ("no SCRIM_TOKEN_KEY with token masks", {"SCRIM_TOKEN_KEY": None}, "SCRIM_TOKEN_KEY"),
    ],
)
def test_serve_without_usable_secrets_exits_with_a_message(
    tmp_path: Path, case: str, env_change: dict[str, str | None], message: str
) -> None:
    result = run(_serve_args(tmp_path), env=scrim_env(**env_change), timeout=60)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_serve_with_a_jwks_but_no_audience_exits_with_a_message(tmp_path: Path) -> None:
    jwks = tmp_path / "jwks.json"
    jwks.write_text('{"keys": []}')
    args = [*_serve_args(tmp_path), "--jwks-file", str(jwks), "--jwt-issuer", "https://idp.example"]
    result = run(args, timeout=60)
    assert result.returncode != 0
    assert "--jwt-issuer and --jwt-audience" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_serve_with_unknown_model_exits_naming_the_model(tmp_path: Path) -> None:
    result = run([*_serve_args(tmp_path), "--model", "xx_no_such_model_sm"], timeout=90)
    assert result.returncode != 0
    assert "xx_no_such_model_sm" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("which", ["--listen", "--metrics-listen"])
def test_serve_exits_when_a_port_is_taken(tmp_path: Path, which: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = _serve_args(tmp_path, RULES, "--model", "none")
        args[args.index(which) + 1] = f"127.0.0.1:{port}"
        result = run(args, timeout=60)
    assert result.returncode != 0, result.stderr[-2000:]
    assert str(port) in result.stderr


def test_serve_exits_when_the_audit_log_cannot_be_opened(tmp_path: Path) -> None:
    args = _serve_args(tmp_path, RULES, "--model", "none")
    (tmp_path / "audit-dir").mkdir()
    args[args.index("--audit-log") + 1] = str(tmp_path / "audit-dir")
    result = run(args, timeout=60)
    assert result.returncode != 0
    assert "audit log" in result.stderr


# -- scrim token ----------------------------------------------------------------------------------


def test_token_prints_a_jwt_that_serve_accepts(scrim: ScrimProcess, upstream: Upstream) -> None:
    result = run(["token", "--agent", "cli-agent", "--role", "tier1"])
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip()
    assert re.fullmatch(r"[\w-]+\.[\w-]+\.[\w-]+", printed)
    claims = jwt.decode(printed, options={"verify_signature": False})
    assert claims["sub"] == "cli-agent" and claims["groups"] == ["tier1"]
    path = upstream.set_json(upstream.unique_path("cli-token"), {"email": "leak.canary@example.com"})
    reply = scrim.get(path, role=None, headers=[("Authorization", f"Bearer {printed}")])
    assert reply.status == 200
    assert reply.json()["email"] == "l***@example.com"


def test_token_without_secret_exits_2() -> None:
    result = run(["token", "--agent", "a", "--role", "tier1"], env=scrim_env(SCRIM_JWT_SECRET=None))
    assert result.returncode == 2
    assert "SCRIM_JWT_SECRET" in result.stderr
    assert result.stdout == ""
