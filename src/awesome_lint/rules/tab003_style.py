"""TAB003 table-style: rows whose padding does not follow the configured style.

``aligned``: every pipe of a table lines up (wide characters count two columns),
one space of padding at least, content left-aligned (right or centred when the
delimiter row says so). ``compact``: exactly one space on each side of every cell.
Both use leading and trailing pipes. Reported once per table; the fix rewrites the
padding of every differing row and nothing else. A line without any pipe (text written
directly under a table, which GFM reads as a row of one cell) is left as it is and does
not count for the widths: TAB001 reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.model import RowKind
from awesome_lint.options import choice, optional
from awesome_lint.rule import Edit, Finding, Fix, Option, Rule, Severity
from awesome_lint.textwidth import display_width

if TYPE_CHECKING:
    from awesome_lint.model import Document, Row, Table
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    style = context.settings["table-style"]
    if style is None:  # selected explicitly, but `table-style` is not configured
        return
    for table in document.tables:
        expected = render(table, style)
        differing = [
            (row, text)
            for row, text in zip(table.all_rows(), expected, strict=True)
            if row.content != text
        ]
        if not differing:
            continue
        first = differing[0][0]
        edits = tuple(
            Edit(row.line, row.content_start + 1, row.line, row.content_end + 1, text)
            for row, text in differing
        )
        count = len(differing)
        yield Finding.at(
            first,
            f"table is not {style}: {count} {'rows differ' if count != 1 else 'row differs'} "
            f"(first on this line)",
            fix=Fix(edits, f"re-pad the table ({style})"),
        )


def render(table: Table, style: str, minimum: list[int] | None = None) -> list[str]:
    """Every row of ``table`` in ``style`` (pipeless rows as they are); aligned columns
    are at least ``minimum`` wide."""
    rows = table.all_rows()
    aligns = [_alignment(cell.text) for cell in table.delimiter.cells]
    widths = None
    if style == "aligned":
        widths = _widths([row for row in rows if not row.pipeless])
        for index, width in enumerate((minimum or [])[: len(widths)]):
            widths[index] = max(widths[index], width)
    return [row.content if row.pipeless else _join(_cells(row, widths, aligns)) for row in rows]


def _widths(rows: list[Row]) -> list[int]:
    widths: list[int] = []
    for row in rows:
        for index, cell in enumerate(row.cells):
            width = 3 if row.kind is RowKind.DELIMITER else display_width(cell.text)
            if index == len(widths):
                widths.append(width)
            else:
                widths[index] = max(widths[index], width)
    return widths


def _cells(row: Row, widths: list[int] | None, aligns: list[str]) -> list[str]:
    texts = []
    for index, cell in enumerate(row.cells):
        align = aligns[index] if index < len(aligns) else ""
        if widths is None:
            texts.append(cell.text)
        elif row.kind is RowKind.DELIMITER:
            texts.append(_delimiter(align, widths[index]))
        else:
            texts.append(_pad(cell.text, widths[index], align))
    return texts


def _join(texts: list[str]) -> str:
    return "| " + " | ".join(texts) + " |" if texts else "|"


def _alignment(delimiter: str) -> str:
    left, right = delimiter.startswith(":"), delimiter.endswith(":")
    return "center" if left and right else "right" if right else "left" if left else ""


def _delimiter(align: str, width: int) -> str:
    if align == "center":
        return ":" + "-" * (width - 2) + ":"
    if align == "right":
        return "-" * (width - 1) + ":"
    if align == "left":
        return ":" + "-" * (width - 1)
    return "-" * width


def _pad(text: str, width: int, align: str) -> str:
    gap = width - display_width(text)
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


RULE = Rule(
    code="TAB003",
    name="table-style",
    severity=Severity.WARNING,
    summary="Table rows are not padded in the configured style (aligned or compact).",
    check=check,
    fixable=True,
    enabled_by_option="table-style",
    options=(
        Option(
            "table-style",
            None,
            optional(choice("aligned", "compact")),
            "Padding style for tables: aligned or compact (off when unset).",
        ),
    ),
)
