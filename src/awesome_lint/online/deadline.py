"""Work that must end by a deadline, whatever the network does: a server that sends a byte
now and then keeps every read time-out from firing, so the work runs in a worker thread
that is given up at the deadline (a daemon: it ends by itself, its result unused)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")
# How long past the deadline the worker may take to give up by itself, cleanly.
GRACE = 1.0


def run_before(deadline: float, work: Callable[[], Result]) -> tuple[bool, Result | None]:
    """``(True, work())`` when it ends by ``deadline`` (``time.monotonic()``), else
    ``(False, None)``. An exception raised by ``work`` is raised here."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=target, name="awesome-lint-network", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()) + GRACE)
    if "error" in outcome:
        raise outcome["error"]
    if worker.is_alive():
        return False, None
    return True, outcome["result"]
