# The demo CRM for deploy/compose.yaml and the Kubernetes example: Scrim's demo package plus Faker,
# nothing else. (Scrim's own image leaves Faker out: it is only needed to seed the demo data.)
#   docker build -f deploy/demo-crm.Dockerfile -t scrim-demo-crm .
FROM python:3.12-slim-bookworm
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# Same pin as requirements-dev.lock (tests/test_deploy.py checks): the seed is deterministic per Faker version.
RUN pip install faker==40.63.0
COPY proxy/__init__.py /app/proxy/__init__.py
COPY proxy/demo /app/proxy/demo
RUN useradd --system --uid 10002 --home-dir /data --shell /usr/sbin/nologin crm \
 && mkdir -p /data && chown crm /data
WORKDIR /app
USER 10002
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8081/healthz', timeout=2).status != 200)"]
ENTRYPOINT ["python", "-m", "proxy.demo.crm"]
# Seeds /data/crm.sqlite on first start; the API key comes from DEMO_CRM_API_KEY.
CMD ["--listen", "0.0.0.0:8081", "--db", "/data/crm.sqlite"]
