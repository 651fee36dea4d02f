"""Split the lines of a table into cells as GFM does, each with its links and visible text.

The parser imports this module only for a file with tables: compiling the link
patterns (``links.py``) was a tenth of a run on a file without tables. Every cell's
links and visible text are read here once, since the inference reads them for every
cell of every table.
"""

from __future__ import annotations

import re

from awesome_lint.links import links_and_text
from awesome_lint.model import Cell, Row, RowKind, StrayRows, Table
from awesome_lint.tablerule import TRIM, TableLines

_UNESCAPED_PIPE = re.compile(r"\|(?<!\\\|)")


def build_table(index: int, spans: TableLines, lines: list[str], starts: list[int]) -> Table:
    rows = []
    for position, (line, start, end) in enumerate(spans):
        kind = (RowKind.HEADER, RowKind.DELIMITER)[position] if position < 2 else RowKind.BODY
        offset = starts[line]
        rows.append(split_row(lines[line], line + 1, start - offset, end - offset, kind))
    header, delimiter, body = rows[0], rows[1], rows[2:]
    return Table(index, header, delimiter, body)


def split_row(raw: str, line: int, start: int, end: int, kind: RowKind = RowKind.BODY) -> Row:
    """Split the table text ``raw[start:end]`` into cells the way GFM does. The row is
    trimmed as markdown-it trims it (Unicode spaces too), each cell of spaces and tabs."""
    segment = raw[start:end]
    content = segment.strip(TRIM)
    if len(content) != len(segment):
        start += len(segment) - len(segment.lstrip(TRIM))
    end = start + len(content)
    parts = _UNESCAPED_PIPE.split(content) if "\\|" in content else content.split("|")
    leading = content.startswith("|")
    trailing = content.endswith("|") and not content.endswith("\\|")
    if leading or trailing:  # the empty text outside the outer pipes is no cell
        parts = parts[int(leading) : len(parts) - int(trailing)]
    cells = []
    position = start + leading  # where the current part starts
    for index, part in enumerate(parts):
        text = part.strip(" \t")
        if text:  # its blanks are spaces and tabs: its first character is the text's
            column = position + part.index(text[0]) + 1
            links, plain = links_and_text(text, line, column)
            cells.append(Cell(text, line, column, column + len(text), index, links, plain))
        else:  # an empty cell spans the blanks between its pipes
            cells.append(Cell("", line, position + 1, position + len(part) + 1, index, (), ""))
        position += len(part) + 1
    return Row(line, kind, raw, start, end, cells, leading, trailing)


def split_stray_rows(run: StrayRows) -> list[Row]:
    """The cells of rows GitHub shows as text (``Document.stray_rows``), as if they were
    a table's: for TAB006 and for the fixer's check of the fix that joins them to it."""
    return [split_row(row.text, row.line, row.content_start, len(row.text)) for row in run.rows]
