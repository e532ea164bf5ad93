"""Every error Scrim raises, in one place.

`Withheld` and its subclasses carry the HTTP status (502/503/504 for failures; 403/429 for
refusals by the insider-threat controls) and the stable `reason` that reaches the agent's
JSON error body and the `scrim_withheld_total{reason}` counter: a reason is a short fixed token, never
a message containing data from the request or response.
"""

from __future__ import annotations


class ScrimError(Exception):
    """Base class of Scrim's own errors."""


class RulesError(ScrimError):
    """The rules directory is invalid. `problems` holds one `file: path: problem` line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class StartupError(ScrimError):
    """Something Scrim needs before opening its port failed to load (names what failed)."""


class AttributionError(ScrimError):
    """An input `scrim attribute` cannot use: the message names the file and what is wrong."""


class IdentityError(ScrimError):
    """The request carries no verifiable identity. `reason` is a fixed token for metrics."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Withheld(ScrimError):
    """The response cannot be released: the agent gets Scrim's JSON error instead."""

    status = 502

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if status is not None:
            self.status = status


class BodyTooLarge(Withheld):
    """A body (compressed or decoded) exceeds its cap."""

    def __init__(self, reason: str = "body_too_large") -> None:
        super().__init__(reason, 502)


class Undecodable(Withheld):
    """A body whose encoding, charset or syntax Scrim cannot read, so it cannot be inspected."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, 502)


class DetectionTimeout(Withheld):
    """Detection missed its deadline: the response is withheld, never passed unscanned."""

    def __init__(self) -> None:
        super().__init__("detection_timeout", 504)


class Overloaded(Withheld):
    """Too many bytes in flight: shed with 503 rather than queue without limit."""

    def __init__(self) -> None:
        super().__init__("overloaded", 503)


class AuditUnavailable(Withheld):
    """The audit record could not be written, so the data response is not released."""

    def __init__(self) -> None:
        super().__init__("audit_unavailable", 503)
