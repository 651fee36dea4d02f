"""TAB001 table-column-count: a row with more or fewer cells than the header."""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.model import Document, Row
from awesome_lint.parser import split_row
from awesome_lint.rule import Context, Finding, Rule, Severity

FULL_WIDTH_PIPE = "｜"


def check(document: Document, context: Context) -> Iterator[Finding]:
    for table in document.tables:
        expected = table.column_count
        for row in table.rows:
            if len(row.cells) != expected:
                yield Finding.at(row, _message(row, expected))


def _message(row: Row, expected: int) -> str:
    found = len(row.cells)
    message = f"row has {found} cell{'s' if found != 1 else ''}, the header has {expected}"
    if FULL_WIDTH_PIPE in row.content and _count_with_ascii_pipes(row) == expected:
        message += " (a full-width '｜' is used where '|' was meant)"
    elif found > expected:
        message += " (an unescaped '|' inside a cell? write it as '\\|')"
    return message


def _count_with_ascii_pipes(row: Row) -> int:
    content = row.content.replace(FULL_WIDTH_PIPE, "|")
    return len(split_row(content, row.line, 0, len(content)).cells)


RULE = Rule(
    code="TAB001",
    name="table-column-count",
    severity=Severity.ERROR,
    summary="A table row has more or fewer cells than the header.",
    check=check,
)
