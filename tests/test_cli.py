"""The command line: what `scrim serve` takes from the environment when a flag is not given."""

from __future__ import annotations

from pathlib import Path

import pytest

from proxy.cli import _parser
from proxy.workers import default_size, usable_cores


def test_serve_flags_default_to_their_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIM_MODE", "regular")
    monkeypatch.setenv("SCRIM_WORKERS", "7")
    monkeypatch.setenv("SCRIM_LISTEN", "0.0.0.0:8443")
    args = _parser().parse_args(["serve", "--upstream", "http://crm:8000"])
    assert (args.mode, args.workers, args.listen) == ("regular", 7, ("0.0.0.0", 8443))


def test_flags_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIM_WORKERS", "7")
    args = _parser().parse_args(["serve", "--upstream", "http://crm:8000", "--workers", "0"])
    assert args.workers == 0


def test_workers_default_to_the_cores_this_process_may_use_plus_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRIM_WORKERS", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 3, 5})
    monkeypatch.setattr("proxy.workers._CPU_MAX", Path("/nonexistent/cpu.max"))
    assert default_size() == 4
    assert _parser().parse_args(["serve", "--upstream", "http://crm:8000"]).workers == 4


@pytest.mark.parametrize(
    ("cpu_max", "cores"), [("150000 100000\n", 2), ("max 100000\n", 3), ("50000 100000", 1)]
)
def test_a_container_cpu_limit_caps_the_usable_cores(
    cpu_max: str, cores: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In Kubernetes a CPU limit is a cgroup quota: the affinity still lists every core of the node.
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2})
    (tmp_path / "cpu.max").write_text(cpu_max)
    assert usable_cores(tmp_path / "cpu.max") == cores


def test_headers_a_site_names_are_stripped_from_agents_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    # IdentityConfig had the option, but nothing set it: a CRM trusting a header of its own (a
    # tenant, a user) could not be protected.
    from proxy.cli import _parser, serve_config
    from proxy.identity import Verifier

    monkeypatch.setenv("SCRIM_JWT_SECRET", "s" * 32)
    args = _parser().parse_args(["serve", "--upstream", "http://crm", "--strip-header", "X-Acme-User"])
    verifier = Verifier(serve_config(args).identity)
    assert verifier.headers_to_strip(["x-acme-user", "Accept"]) == ["x-acme-user"]
