"""A baseline: the findings a list already had when it adopted awesome-lint.

``--write-baseline`` records every current finding; later runs leave those out and
report only new ones. A finding is known as identity.py describes (code, file, the
content of its row and of the related row), so rows added above it, a re-sorted table
and edits elsewhere leave it known; fixing it makes it disappear from the file the next
time the file is written. The file is sorted JSON with one entry per line of content,
so a change is a small diff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from awesome_lint.engine import Violation
from awesome_lint.identity import FindingKeys, Key
from awesome_lint.model import Document

_VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read: exit 2."""


class Filtered(NamedTuple):
    violations: list[Violation]  # what the baseline does not know
    known: int  # findings left out
    stale: int  # entries of the baseline that no finding matched


def load(path: Path, required: bool) -> Counter[Key]:
    """The entries of the baseline at ``path``; none when it does not exist, unless it is
    ``required`` (named on the command line or in the configuration)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise BaselineError(f"{path}: no such baseline file") from None
        return Counter()
    except OSError as error:
        raise BaselineError(f"{path}: cannot read: {error.strerror or error}") from None
    import json  # only when there is a baseline: a plain run does without

    try:
        data = json.loads(raw)
    except ValueError as error:
        raise BaselineError(f"{path}: not a baseline (invalid JSON: {error})") from None
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        raise BaselineError(f"{path}: not a baseline of this version (expected version 1)")
    known: Counter[Key] = Counter()
    for entry in data.get("findings", []):
        try:
            key = (entry["code"], entry["file"], entry["row"], entry.get("related", ""))
            known[key] += int(entry.get("count", 1))
        except (TypeError, KeyError, ValueError):
            raise BaselineError(f"{path}: malformed entry {entry!r}") from None
    return known


def write(
    path: Path, violations: Iterable[Violation], documents: Mapping[str, Document], root: Path
) -> int:
    """Write the baseline of ``violations``; returns how many entries it has."""
    import json

    keys = FindingKeys(documents, root)
    counts = Counter(keys.of(violation) for violation in violations)
    entries = [
        {"code": code, "file": file, "row": row}
        | ({"related": related} if related else {})
        | ({"count": count} if count > 1 else {})
        for (code, file, row, related), count in sorted(counts.items())
    ]
    lines = ",\n".join("    " + json.dumps(entry, ensure_ascii=False) for entry in entries)
    text = f'{{\n  "version": {_VERSION},\n  "findings": [\n{lines}\n  ]\n}}\n'
    path.write_text(text if entries else text.replace("[\n\n  ]", "[]"), encoding="utf-8")
    return len(entries)


def leave_out(
    violations: list[Violation],
    documents: Mapping[str, Document],
    baseline: Counter[Key],
    root: Path,
) -> Filtered:
    """The violations the baseline does not know (each entry matches as many findings as
    its count), how many it knew, and how many of its entries matched nothing."""
    remaining = Counter(baseline)
    keys = FindingKeys(documents, root)
    kept = []
    for violation in violations:
        key = keys.of(violation)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(violation)
    stale = sum(remaining.values())
    return Filtered(kept, len(violations) - len(kept), stale)
