"""LNK011 link-markup-broken: a Markdown link that GitHub shows as text, brackets and
all, because a character of its syntax is missing, misplaced or in the way.

Only what no convention explains: ``[paper] (https://…)``, ``(https://…)[paper]``,
``[code](https: //…)``, ``[title](https://…`` without its ``)``, ``title](https://…)``
without its ``[`` (``links.shown_link_markup``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.rule import Edit, Finding, Fix, Rule, Severity, quoted

if TYPE_CHECKING:
    from awesome_lint.links import ShownMarkup
    from awesome_lint.model import Cell, Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    for spec in conventions(document, context).tables:
        continuations = set(spec.broken.values())
        for row in spec.table.rows:
            # A row broken across lines is TAB001's: a cell cut there goes on on the next.
            cells = row.cells[:-1] if row in spec.broken else row.cells
            for cell in cells[1:] if row in continuations else cells:
                plain = cell.plain  # what is left of a link that works is its text
                # Each form shows a "]": most cells are told by that one test.
                if "]" in plain and ("](" in plain or "] (" in plain or ")[" in plain):
                    yield from _broken_links(cell)


def _broken_links(cell: Cell) -> Iterator[Finding]:
    from awesome_lint.links import shown_link_markup

    for shown in shown_link_markup(cell.text):
        yield _finding(cell, shown)


def _finding(cell: Cell, shown: ShownMarkup) -> Finding:
    column, end_column = cell.column + shown.start, cell.column + shown.end
    written = quoted(cell.text[shown.start : shown.end])
    message = f"link shown as text, {written}: {shown.problem}"
    fix = None
    if shown.meant is not None:
        message += f"; write {quoted(shown.meant)}"
        edit = Edit(cell.line, column, cell.line, end_column, shown.meant)
        fix = Fix((edit,), "write the link as Markdown reads it")
    return Finding(cell.line, column, cell.line, end_column, message, fix=fix)


RULE = Rule(
    code="LNK011",
    name="link-markup-broken",
    severity=Severity.ERROR,
    summary="A Markdown link GitHub shows as text: a blank between ']' and '(', a blank "
    "in its URL, its ')' or '[' missing, its URL before its text.",
    check=check,
    fixable=True,
)
