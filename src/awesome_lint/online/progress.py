"""The progress line of the network phase, shown on a terminal only."""

from __future__ import annotations

from typing import TextIO


class Progress:
    """``checking arXiv: 120/340 papers (200 from cache)``, rewritten in place with ``\\r``
    and erased by :meth:`clear`. Writes nothing when ``stream`` is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream if _is_terminal(stream) else None
        self._width = 0

    def show(self, done: int, total: int, cached: int) -> None:
        text = f"checking arXiv: {done}/{total} papers ({cached} from cache)"
        self._write("\r" + text.ljust(self._width))
        self._width = len(text)

    def stop(self) -> None:
        """Erase the line and ignore later calls (from a worker that was given up on)."""
        self.clear()
        self._stream = None

    def clear(self) -> None:
        if self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0

    def _write(self, text: str) -> None:
        if self._stream is not None:
            self._stream.write(text)
            self._stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False
