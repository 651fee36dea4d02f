"""Entry points of the installed distributions, found without ``importlib.metadata``.

Importing ``importlib.metadata`` (with ``email``, ``zipfile``, ``csv``, ``socket`` ...)
takes longer than linting a typical README. This reads the same files it reads: the
``entry_points.txt`` of every ``*.dist-info`` and ``*.egg-info`` directory in the
``sys.path`` folders, each distribution once (the first found, as importlib.metadata
does), sections and ``name = module:attribute`` lines parsed the same way.
Distributions inside zip files or legacy ``*.egg`` folders are not looked at.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from functools import reduce
from importlib import import_module
from typing import Any, NamedTuple

_METADATA_SUFFIXES = (".dist-info", ".egg-info")
_SEPARATORS = re.compile(r"[-_.]+")
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPoint(NamedTuple):
    name: str
    value: str  # "module:attribute"

    def load(self) -> Any:
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"not a 'module:attribute' reference: {self.value!r}")
        attributes = filter(None, (match.group("attr") or "").split("."))
        return reduce(getattr, attributes, import_module(match.group("module")))


def entry_points(group: str) -> list[EntryPoint]:
    """Every entry point of ``group``, in ``sys.path`` order."""
    found: list[EntryPoint] = []
    for directory in _metadata_directories():
        found.extend(_read(os.path.join(directory, "entry_points.txt"), group))
    return found


def _metadata_directories() -> Iterator[str]:
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:  # missing folders, zip files
            continue
        for name in names:
            stem, suffix = os.path.splitext(name)
            if suffix.lower() not in _METADATA_SUFFIXES:
                continue
            key = _SEPARATORS.sub("_", stem.partition("-")[0]).lower()
            if key not in seen:
                seen.add(key)
                yield os.path.join(folder, name)


def _read(path: str, group: str) -> list[EntryPoint]:
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except OSError:  # no entry points, or a single-file .egg-info
        return []
    if f"[{group}]" not in text:
        return []
    found, section = [], None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group and "=" in line:
            name, value = line.split("=", 1)
            found.append(EntryPoint(name.strip(), value.strip()))
    return found
