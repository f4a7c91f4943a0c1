"""The one bridge from the event loop to Planbot's synchronous domain code."""

from __future__ import annotations

import asyncio
import enum
import functools
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from core.db import DATABASE_ERRORS
from knowledge.store.vectors import VectorStoreError

if TYPE_CHECKING:
    from knowledge.service import KnowledgeService

logger = logging.getLogger(__name__)

# Back-off while the database or Chroma is not reachable yet: about ten minutes in all.
WARM_UP_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, *([30.0] * 19))

P = ParamSpec("P")
T = TypeVar("T")


class ServiceState(enum.StrEnum):
    """Where the knowledge service is in its start-up."""

    STARTING = "starting"
    READY = "ready"
    FAILED = "failed"


class ServiceRunner:
    """Runs blocking calls (answering, SQLite, re-ingest) in a thread pool.

    Every synchronous call made by `bot/` goes through `run`, so the event loop never
    blocks on model inference or disk I/O and there is one place to size the pool.

    Attributes:
        service: The knowledge service the bot answers with.
        state: Whether `warm_up` has finished.
    """

    def __init__(self, service: KnowledgeService, max_workers: int = 8) -> None:
        """Create the runner; no thread starts until the first call.

        Args:
            service: The knowledge service.
            max_workers: Size of the thread pool.
        """
        self.service = service
        self.state = ServiceState.STARTING
        self.failure = ""  # why warm-up failed (Swedish, for /healthz), when it did
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="planbot")

    async def run(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `func(*args, **kwargs)` in the thread pool and await its result.

        Args:
            func: A blocking callable.
            *args: Its positional arguments.
            **kwargs: Its keyword arguments.

        Returns:
            Whatever `func` returns; its exceptions propagate.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(func, *args, **kwargs))

    async def warm_up(
        self,
        before: Callable[[], object] | None = None,
        delays: Sequence[float] | None = None,
    ) -> None:
        """Load the model and indexes; marks the runner ready, or failed when every try failed.

        A replica may start before its database or Chroma server is up (containers start
        together), so a failed warm-up is retried with growing pauses; /healthz says
        "starting" (503) meanwhile and turns ready as soon as a try succeeds. Never raises.

        BaseException too: Chroma's Rust panics (pyo3 PanicException) derive from it, and
        one escaping here left the server "starting" forever with nothing logged.

        Args:
            before: Blocking preparation retried together with the warm-up (the feedback
                store's migration: it needs the database too).
            delays: Seconds to wait before each retry (default WARM_UP_DELAYS); after the last
                the runner is failed.
        """
        delays = WARM_UP_DELAYS if delays is None else delays
        for attempt in range(len(delays) + 1):
            try:
                if before is not None:
                    await self.run(before)
                await self.run(self.service.warm_up)
            except (asyncio.CancelledError, KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:
                if attempt == len(delays):
                    if isinstance(exc, (*DATABASE_ERRORS, VectorStoreError)):
                        # A store that cannot be read: the cause is the message, the stack says nothing.
                        logger.error("Knowledge service failed to warm up: %s: %s", type(exc).__name__, exc)
                    else:
                        logger.error("Knowledge service failed to warm up", exc_info=exc)
                    self.failure = (
                        f"Kunskapsbasen kunde inte läsas vid start ({type(exc).__name__}). "
                        "Se serverns logg och kör 'planbot check'."
                    )
                    self.state = ServiceState.FAILED
                    return
                logger.warning(
                    "Warm-up failed (%s: %s); retrying in %.0f s", type(exc).__name__, exc, delays[attempt]
                )
                await asyncio.sleep(delays[attempt])
            else:
                self.state = ServiceState.READY
                logger.info("Knowledge service ready")
                return

    @property
    def failed(self) -> bool:
        """True when `warm_up` failed (the users are told so, not "starting")."""
        return self.state is ServiceState.FAILED

    @property
    def ready(self) -> bool:
        """True once `warm_up` has succeeded."""
        return self.state is ServiceState.READY

    def shutdown(self) -> None:
        """Stop accepting work; running calls finish in the background."""
        self._executor.shutdown(wait=False, cancel_futures=True)
