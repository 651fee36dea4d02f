"""Regular expressions compiled on their first use.

Compiling is a noticeable part of the start-up (``re`` compiles in Python): a pattern
that only explains a rare problem, or serves an optional rule, is declared as a
:class:`LazyPattern` so that runs which never need it do not pay for it.
"""

from __future__ import annotations

import re


class LazyPattern:
    """``re.compile(pattern, flags)``, done by the first call: ``_ID().search(text)``."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __call__(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled
