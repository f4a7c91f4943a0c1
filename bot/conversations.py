"""Per-conversation context for the JSON API and the web chat (Teams uses ConversationState)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from knowledge.answer import ConversationContext


class ConversationStore:
    """A bounded, expiring map from conversation id to the context after its last turn.

    Least recently used conversations are dropped once `max_items` is reached, and a
    conversation idle for `ttl_seconds` starts afresh, so memory stays bounded however
    many browser tabs come and go. Used only from the event loop, hence no lock.
    """

    def __init__(
        self,
        max_items: int = 2000,
        ttl_seconds: float = 2 * 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Create an empty store.

        Args:
            max_items: Most conversations kept.
            ttl_seconds: Idle time after which a conversation is forgotten.
            clock: Monotonic time source (injectable for tests).
        """
        self._items: OrderedDict[str, tuple[float, ConversationContext]] = OrderedDict()
        self._max_items = max_items
        self._ttl = ttl_seconds
        self._clock = clock

    def get(self, conversation_id: str) -> ConversationContext | None:
        """Return the stored context, or None when unknown or expired."""
        item = self._items.get(conversation_id)
        if item is None:
            return None
        stamp, context = item
        if self._clock() - stamp > self._ttl:
            del self._items[conversation_id]
            return None
        self._items.move_to_end(conversation_id)
        return context

    def put(self, conversation_id: str, context: ConversationContext) -> None:
        """Store the context after a turn, evicting the least recently used if full."""
        self._items[conversation_id] = (self._clock(), context)
        self._items.move_to_end(conversation_id)
        while len(self._items) > self._max_items:
            self._items.popitem(last=False)

    def forget(self, conversation_id: str) -> None:
        """Drop a conversation's context (the `ny` command, 'Ny konversation')."""
        self._items.pop(conversation_id, None)

    def __len__(self) -> int:
        """Number of conversations held, expired ones included until touched."""
        return len(self._items)
