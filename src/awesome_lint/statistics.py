"""``--statistics``: how many violations each rule found, instead of the violations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from awesome_lint.engine import Violation


def rule_counts(violations: Iterable[Violation]) -> list[tuple[int, str, str, bool]]:
    """(count, code, name, fixable) per rule, most frequent first, then by code.
    A rule is fixable here when at least one of its violations has a fix."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: set[str] = set()
    for violation in violations:
        counts[violation.code, violation.name] += 1
        if violation.fixable:
            fixable.add(violation.code)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [(count, code, name, code in fixable) for (code, name), count in ranked]


def write_statistics(violations: Iterable[Violation], out: TextIO, as_json: bool) -> None:
    """``count  CODE  [*] name`` lines as ruff prints them (``[*]``: fixable), or a JSON
    array of ``{"code", "name", "count", "fixable"}`` objects."""
    rows = rule_counts(violations)
    if as_json:
        import json

        items = [{"code": c, "name": n, "count": k, "fixable": f} for k, c, n, f in rows]
        out.write(json.dumps(items, indent=2) + "\n")
        return
    if not rows:
        return
    width, code_width = len(str(rows[0][0])), max(len(code) for _, code, _, _ in rows)
    for count, code, name, fixable in rows:
        marker = "[*]" if fixable else "[ ]"
        out.write(f"{count:>{width}}  {code:<{code_width}}  {marker} {name}\n")
