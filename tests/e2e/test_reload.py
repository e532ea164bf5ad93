"""Rules reload in a running proxy: a valid change takes effect within seconds, an invalid one is
refused and counted while the previous rules keep masking.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import CANARY_EMAIL, ScrimProcess, copy_rules, parse_metrics, running_scrim
from .upstream import Upstream

pytestmark = pytest.mark.e2e

TIER1_BLOCK = "  tier1:\n"
# Anchored on the line before, so only tier1's base `reveal` block matches (not reveal_assigned).
HINT = "      PERSON: hint\n      EMAIL_ADDRESS: hint\n"
CLEAR = "      PERSON: hint\n      EMAIL_ADDRESS: clear\n"
BROKEN = "      PERSON: hint\n      EMAIL_ADDRESS: no_such_mask\n"
TIER1_EMAIL = "l***@example.com"


@pytest.fixture(scope="module")
def reload_scrim(upstream: Upstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScrimProcess]:
    workdir = tmp_path_factory.mktemp("scrim-reload")
    rules = copy_rules(workdir / "rules")
    with running_scrim(workdir, upstream.url, rules=rules) as process:
        yield process


def _edit_tier1(policy: Path, old: str, new: str) -> None:
    text = policy.read_text(encoding="utf-8")
    start = text.index(TIER1_BLOCK)
    end = text.index("\n  tier2:\n", start)
    section = text[start:end]
    assert section.count(old) == 1, f"expected one {old.strip()!r} in tier1's block"
    policy.write_text(text[:start] + section.replace(old, new) + text[end:], encoding="utf-8")


def _wait_for(condition: Callable[[], bool], timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.25)
    pytest.fail(f"condition not met within {timeout:.0f}s")


def test_valid_reload_applies_and_invalid_reload_keeps_the_old_rules(
    reload_scrim: ScrimProcess, upstream: Upstream
) -> None:
    scrim = reload_scrim
    policy = scrim.rules / "policy.yaml"
    path = upstream.set_json(upstream.unique_path("reload"), {"contact": CANARY_EMAIL})

    def email() -> str:
        reply = scrim.get(path, role="tier1")
        assert reply.status == 200, reply.body[:300]
        value: str = reply.json()["contact"]
        return value

    def version() -> set[str]:
        return {
            labels["version"]
            for name, labels, value in parse_metrics(scrim.metrics_text())
            if name == "scrim_rules_info" and value == 1
        }

    assert email() == TIER1_EMAIL
    assert scrim.metric("scrim_rules_reloads_total", result="ok") == 0
    first_version = version()

    # 1. A valid change: tier1 may now see e-mail addresses in clear.
    _edit_tier1(policy, HINT, CLEAR)
    took = _wait_for(lambda: email() == CANARY_EMAIL, timeout=30)
    assert took < 15, f"reload took {took:.1f}s"  # a 2 s poll plus a fresh detector worker
    assert scrim.metric("scrim_rules_reloads_total", result="ok") == 1
    assert scrim.metric("scrim_rules_reloads_total", result="invalid") == 0
    second_version = version()
    assert len(second_version) == 1 and second_version != first_version

    # 2. An invalid change (unknown mask name): refused, counted, old rules stay in effect.
    _edit_tier1(policy, CLEAR, BROKEN)
    _wait_for(lambda: scrim.metric("scrim_rules_reloads_total", result="invalid") == 1, timeout=20)
    assert scrim.proc.poll() is None, "scrim exited on an invalid reload"
    assert email() == CANARY_EMAIL
    assert scrim.metric("scrim_rules_reloads_total", result="ok") == 1
    assert version() == second_version
    assert "no_such_mask" in scrim.stderr()
    assert scrim.get(path, role="tier2").status == 200  # still serving

    # 3. Fixing the file again is picked up: back to the hint.
    _edit_tier1(policy, BROKEN, HINT)
    _wait_for(lambda: email() == TIER1_EMAIL, timeout=30)
    assert scrim.metric("scrim_rules_reloads_total", result="ok") == 2
