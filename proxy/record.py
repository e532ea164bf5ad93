"""Recording: the audit line first (it gates the release), then the metrics.

Data fails closed, telemetry fails open: an audit write that fails raises AuditUnavailable, so the
response is withheld; a metrics update can never block or alter a response.

Audit lines are written by one thread, and a write that has not finished within a second fails:
on a file system whose writes block (a hung network mount, a stuck log pipe) the event loop, and
every agent, waited for as long as the write did. While that write still hangs, every later one
fails at once. A line that hung and then lands records a response the agent did not get (it was
withheld): the log errs towards more, never less.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from proxy.audit import AuditLog
from proxy.errors import AuditUnavailable
from proxy.ledger import Counts
from proxy.metrics import Metrics
from proxy.model import Identity, IdentitySource, Outcome, ServedRecord
from proxy.scope import CONTACT, CUSTOMER

log = logging.getLogger(__name__)
AUDIT_WRITE_SECONDS = 1.0
# Longer than any CRM's record id: a value stored where the id should be, audited by its hash alone.
_AUDITED_ID = 64
_AUDITED_RECORDS = 1_000  # per line; the rest are counted (metrics count them all)


@dataclass(frozen=True, slots=True)
class View:
    """One handled response, as evidence: ids, counts and names only — never values or paths."""

    request_id: str
    identity: Identity | None
    route: str
    method: str
    status: int
    outcome: Outcome
    rules_version: str
    seconds: float
    reason: str | None = None
    records: tuple[ServedRecord, ...] = ()
    masked: dict[str, int] = field(default_factory=dict)
    revealed: dict[str, int] = field(default_factory=dict)
    events: tuple[str, ...] = ()
    justification: str | None = None  # the agent's own words: audited, never counted in metrics
    break_glass_reason: str | None = None
    ledger_counts: Counts | None = None


class Recorder:
    """Writes each View to the audit log and the metrics."""

    def __init__(self, metrics: Metrics, audit: AuditLog, write_timeout: float = AUDIT_WRITE_SECONDS) -> None:
        self.metrics = metrics
        self.audit = audit
        self._writer = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="scrim-audit")
        self._write_timeout = write_timeout
        self._last_write: concurrent.futures.Future[None] | None = None
        # Whether the last write failed: requests are then refused before they reach the CRM (a
        # change it made would have no audit line); each refusal's own line is the next attempt.
        self.failing = False
        if audit.last_seq is not None:  # where the log goes on from: a restart shows a cut-off tail
            metrics.audit_last_seq.set(audit.last_seq)

    def record(self, view: View) -> None:
        """Audit, then count. Raises AuditUnavailable (after counting the failure)."""
        try:
            self._write(self._audit_line(view))
        except AuditUnavailable:
            self.failing = True
            self.metrics.audit_failures.inc()
            log.error("audit write failed; withholding data responses")
            raise
        self.failing = False
        if self.audit.last_seq is not None:
            self.metrics.audit_last_seq.set(self.audit.last_seq)
        self._count(view)

    def _write(self, line: dict[str, Any]) -> None:
        if self._last_write is not None and not self._last_write.done():
            raise AuditUnavailable  # the previous write still hangs
        self._last_write = self._writer.submit(self.audit.write, line)
        try:
            self._last_write.result(timeout=self._write_timeout)
        except concurrent.futures.TimeoutError as err:
            raise AuditUnavailable from err

    def record_failure(self, view: View) -> None:
        """For responses that are already an error: best effort audit, never raises."""
        try:
            self.record(view)
        except AuditUnavailable:
            self._count(view)

    @staticmethod
    def _audit_line(view: View) -> dict[str, object]:
        identity = view.identity
        # Records first, then contacts (e-mails and phones outside records), up to a bound: one
        # comment holding 12,000 addresses, read again and again, wrote 1.6 MB lines, 3 MB a second.
        ordered = sorted(view.records, key=lambda s: s.record.record_type == CONTACT)
        audited = ordered[:_AUDITED_RECORDS]
        return {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "request_id": view.request_id,
            "agent": identity.agent if identity else None,
            "role": identity.role if identity else None,
            "identity_source": identity.source.value if identity else None,
            "route": view.route,
            "method": view.method,
            "status": view.status,
            "outcome": view.outcome.value,
            "reason": view.reason,
            "records": [
                {
                    "type": s.record.record_type,
                    # An id that holds personal data, or is too long to be an id, is known by
                    # its keyed hash alone (in `keys`).
                    "id": None
                    if s.personal_id or len(s.record.record_id) > _AUDITED_ID
                    else s.record.record_id,
                    "assigned": s.assigned,
                    "clear": list(s.clear),
                    "masked": list(s.masked),
                    "keys": list(s.keys),
                }
                for s in audited
            ],
            "records_omitted": len(view.records) - len(audited),
            "events": list(view.events),
            "justification": view.justification,
            "break_glass_reason": view.break_glass_reason,
            "masked": view.masked,
            "revealed": view.revealed,
            "rules_version": view.rules_version,
        }

    def _count(self, view: View) -> None:
        m = self.metrics
        try:
            m.responses.labels(view.route, view.outcome.value).inc()
            if view.reason and view.outcome is Outcome.WITHHELD:
                m.withheld.labels(view.reason).inc()
                m.recent_withheld.append((time.time(), view.reason))
            if view.reason and view.outcome is Outcome.UNAUTHENTICATED:
                m.identity_failures.labels(view.reason).inc()
            m.processing_seconds.labels(view.route).observe(view.seconds)
            identity = view.identity
            if identity is None or identity.source is IdentitySource.ANONYMOUS:
                return
            for entity, n in view.masked.items():
                m.entities_masked.labels(entity, identity.role).inc(n)
            for entity, n in view.revealed.items():
                m.entities_revealed.labels(entity, identity.role).inc(n)
            agent = m.agent_label(identity.agent)
            for event in view.events:
                m.control_events.labels(agent, identity.role, event).inc()
            if view.outcome in (Outcome.WITHHELD, Outcome.UNAUTHENTICATED):
                return  # nothing was served
            by_type: dict[str, int] = {}
            for s in view.records:
                by_type[s.record.record_type] = by_type.get(s.record.record_type, 0) + 1
            for record_type, n in by_type.items():
                m.records_viewed.labels(agent, identity.role, record_type).inc(n)
            customers = [s.record.record_id for s in view.records if s.record.record_type == CUSTOMER]
            if customers:
                m.distinct.add(agent, customers)
            if view.ledger_counts is not None:
                m.set_ledger_counts(agent, view.ledger_counts)
        except Exception:  # telemetry fails open
            log.exception("metrics update failed")
