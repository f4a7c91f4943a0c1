"""Bot Framework signing keys fetched off the event loop, with a timeout and a failure back-off.

botbuilder's `_OpenIdMetadata` fetches Microsoft's OpenID metadata and keys with a blocking
`requests.get` inside a coroutine, without a timeout, and retries on every request after a
failure: one slow key endpoint froze every user of the server (an unrelated /api/ask took
9.9 s). `install` makes botbuilder's token extractor use `SigningKeys` instead, which fetches
in a thread with a timeout, lets one fetch run at a time, and after a failure waits
`backoff` seconds before trying again (tokens meanwhile fail fast with 401).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import requests
from botframework.connector.auth import jwt_token_extractor
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

REFRESH_AFTER_S = 24 * 3600  # botbuilder's own interval for known keys
UNKNOWN_KEY_REFRESH_S = 3600  # an unknown key id triggers at most one refresh an hour


class SigningKeys:
    """The signing keys behind one OpenID metadata URL; a drop-in for botbuilder's `_OpenIdMetadata`."""

    def __init__(
        self, url: str, timeout: float, backoff: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Remember the URL; nothing is fetched until a token needs a key.

        Args:
            url: The OpenID metadata URL (its `jwks_uri` names the keys).
            timeout: Seconds for each HTTP request (connect and read).
            backoff: Seconds to wait after a failed fetch before the next attempt.
            clock: Monotonic time (tests).
        """
        self.url, self.timeout, self.backoff, self.clock = url, timeout, backoff, clock
        self.keys: list[dict[str, Any]] = []
        self.fetched_at: float | None = None
        self.failed_at: float | None = None
        self.fetches = 0
        self._attempts_done = 0
        self._lock = threading.Lock()

    async def get(self, key_id: str) -> Any:
        """The key `key_id` as botbuilder expects it (`public_key`, `endorsements`), or None."""
        if self._due(key_id):
            await asyncio.to_thread(self._refresh)
        return self._find(key_id)

    def _due(self, key_id: str) -> bool:
        now = self.clock()
        if self.failed_at is not None and now - self.failed_at < self.backoff:
            return False
        if self.fetched_at is None or now - self.fetched_at > REFRESH_AFTER_S:
            return True
        return self._find(key_id) is None and now - self.fetched_at > UNKNOWN_KEY_REFRESH_S

    def _refresh(self) -> None:
        """Fetch the keys (in a worker thread); callers arriving meanwhile wait for that fetch."""
        seen = self._attempts_done
        if not self._lock.acquire(timeout=2 * self.timeout + 1):
            return  # another thread's fetch is stuck beyond its own timeout: do not pile up
        try:
            if self._attempts_done != seen:
                return  # another thread fetched (or failed) while this one waited
            self.fetches += 1
            try:
                metadata = requests.get(self.url, timeout=self.timeout)
                metadata.raise_for_status()
                keys = requests.get(metadata.json()["jwks_uri"], timeout=self.timeout)
                keys.raise_for_status()
                self.keys = list(keys.json()["keys"])
            except Exception as exc:  # network, HTTP status, JSON: all mean "no keys now"
                self.failed_at = self.clock()
                logger.warning(
                    "Fetching Bot Framework signing keys failed (%s); next attempt in %.0f s",
                    type(exc).__name__,
                    self.backoff,
                )
                return
            self.fetched_at = self.clock()
            self.failed_at = None
        finally:
            self._attempts_done += 1
            self._lock.release()

    def _find(self, key_id: str) -> Any:
        for key in self.keys:
            if key.get("kid") == key_id:
                public_key = RSAAlgorithm.from_jwk(json.dumps(key))
                return jwt_token_extractor._OpenIdConfig(public_key, key.get("endorsements", []))
        return None


_caches: dict[str, SigningKeys] = {}
_settings: dict[str, float] = {"timeout": 10.0, "backoff": 60.0}


def _metadata_for(metadata_url: str) -> SigningKeys:
    keys = _caches.get(metadata_url)
    if keys is None:
        keys = _caches.setdefault(
            metadata_url, SigningKeys(metadata_url, _settings["timeout"], _settings["backoff"])
        )
    return keys


def install(timeout: float, backoff: float) -> None:
    """Make botbuilder's token validation use `SigningKeys` (process-wide, idempotent).

    Args:
        timeout: Seconds for each key request (PLANBOT_KEY_FETCH_TIMEOUT_S).
        backoff: Seconds between attempts after a failure (PLANBOT_KEY_FETCH_BACKOFF_S).
    """
    _settings.update(timeout=timeout, backoff=backoff)
    for keys in _caches.values():
        keys.timeout, keys.backoff = timeout, backoff
    jwt_token_extractor.JwtTokenExtractor.get_open_id_metadata = staticmethod(_metadata_for)
