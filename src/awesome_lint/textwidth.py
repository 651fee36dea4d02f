"""Display width of text in a monospace editor: East Asian wide characters and emoji
take two columns, combining marks none."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
