"""When the online clients ask again, and after how long.

A server that is busy or failing (429, 5xx, a broken answer) is asked again after a
growing back-off, at least as long as it asked for. No connection at all (refused, no
route, no DNS) is no busy server: one quick retry for a blip, then the run goes on
without the network, so a run with no network ends in seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_JITTER = 0.1  # up to 10 % added to each back-off delay
_CONNECTION_ATTEMPTS = 2
_CONNECTION_RETRY_DELAY = 1.0


@dataclass(frozen=True)
class Retries:
    max_attempts: int
    backoff: tuple[float, ...]

    def attempts(self, connection: bool) -> int:
        """How many attempts a request gets, given how its last one failed."""
        return min(self.max_attempts, _CONNECTION_ATTEMPTS) if connection else self.max_attempts

    def delay(self, attempt: int, connection: bool, server_wait: float | None) -> float:
        """Seconds before attempt ``attempt + 1``."""
        if connection:
            return _CONNECTION_RETRY_DELAY
        base = self.backoff[min(attempt, len(self.backoff)) - 1] if self.backoff else 0.0
        delay = base * (1 + random.uniform(0, _JITTER))
        return delay if server_wait is None else max(delay, server_wait)
