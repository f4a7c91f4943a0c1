"""The knowledge service's health as `/healthz` reports it, and the error for unreadable stores."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Health", "HealthStatus", "StoreUnreadableError"]


class HealthStatus(enum.StrEnum):
    """What `/healthz` reports once the service has started."""

    OK = "ok"
    DEGRADED = "degraded"  # answering, but without part of what it should use (vectors)
    FAILED = "failed"  # a store cannot be read: no answers


@dataclass(frozen=True)
class Health:
    """The service's state with the reason (Swedish, for operators) when not ok."""

    status: HealthStatus
    reason: str = ""


class StoreUnreadableError(RuntimeError):
    """The catalog or the vector index cannot be read; the message is Swedish, for operators."""
