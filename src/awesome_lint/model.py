"""The document model every rule reads: tables -> rows -> cells, with positions.

Lines are 1-based. Columns are 1-based and count characters (not bytes) in the
line as it appears in the file, without the byte-order mark and without the line
ending, so LF, CRLF and BOM variants of a file give identical positions.
``end_column`` is exclusive: it is the column just past the last character.

The mutable classes here (and the run's records in ``rule``, ``engine``, ``discovery``,
``suppress``, ``reporters`` and ``cli``) are plain classes with ``__slots__``, not
dataclasses: a file without tables is linted without importing ``dataclasses`` (with
``inspect``, ``ast`` and ``dis``), a quarter of that run.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from awesome_lint.links import Link


class Role(str, enum.Enum):
    """The meaning of a table column, inferred by ``awesome_lint.conventions``."""

    DATE = "date"
    MODEL = "model"
    TITLE = "title"
    LINK = "link"


class RowKind(str, enum.Enum):
    HEADER = "header"
    DELIMITER = "delimiter"
    BODY = "body"


class Cell:
    """One cell as GFM splits it: ``text`` is trimmed and keeps escapes (``\\|``) as written;
    ``links`` are its links and ``plain`` its visible text (links replaced by their text,
    HTML, comments and emphasis removed), both read by ``awesome_lint.cells``."""

    __slots__ = ("column", "end_column", "index", "line", "links", "plain", "text")

    def __init__(
        self,
        text: str,
        line: int,
        column: int,
        end_column: int,
        index: int,
        links: tuple[Link, ...],
        plain: str,
    ) -> None:
        self.text = text
        self.line = line
        self.column = column
        self.end_column = end_column
        self.index = index
        self.links = links
        self.plain = plain

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, line={self.line}, column={self.column})"

    @property
    def is_empty(self) -> bool:
        """Nothing to see: no text, no link, no image."""
        if self.plain or self.links:
            return False
        if not self.text:
            return True
        from awesome_lint.links import shows_image  # markup that shows no text: rare

        return not shows_image(self.text)


class Row:
    """A table line. ``content_start``/``content_end`` bound the table text inside the
    line (0-based offsets), excluding list or block-quote prefixes and trailing blanks."""

    __slots__ = (
        "cells",
        "content_end",
        "content_start",
        "kind",
        "leading_pipe",
        "line",
        "raw",
        "trailing_pipe",
    )

    def __init__(
        self,
        line: int,
        kind: RowKind,
        raw: str,
        content_start: int,
        content_end: int,
        cells: list[Cell],
        leading_pipe: bool,
        trailing_pipe: bool,
    ) -> None:
        self.line = line
        self.kind = kind
        self.raw = raw
        self.content_start = content_start
        self.content_end = content_end
        self.cells = cells
        self.leading_pipe = leading_pipe
        self.trailing_pipe = trailing_pipe

    def __repr__(self) -> str:
        return f"Row(line={self.line}, {self.kind.value}, {len(self.cells)} cells)"

    @property
    def content(self) -> str:
        return self.raw[self.content_start : self.content_end]

    def cell(self, index: int | None) -> Cell | None:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    @property
    def is_blank(self) -> bool:
        """Nothing in any cell: a spacer row (``|  |  |  |``), no entry of the table."""
        return all(not cell.text for cell in self.cells)

    @property
    def pipeless(self) -> bool:
        """A body line without any pipe: GFM continues a table with the text line written
        directly under it, as a row of one cell."""
        return (
            self.kind is RowKind.BODY
            and len(self.cells) == 1
            and not (self.leading_pipe or self.trailing_pipe)
        )


class Table:
    __slots__ = ("delimiter", "header", "index", "rows")

    def __init__(self, index: int, header: Row, delimiter: Row, rows: list[Row]) -> None:
        self.index = index
        self.header = header
        self.delimiter = delimiter
        self.rows = rows

    def __repr__(self) -> str:
        return f"Table({self.index}, line={self.line}, {len(self.rows)} rows)"

    @property
    def line(self) -> int:
        return self.header.line

    @property
    def end_line(self) -> int:
        return self.rows[-1].line if self.rows else self.delimiter.line

    @property
    def column_count(self) -> int:
        return len(self.header.cells)

    def all_rows(self) -> list[Row]:
        return [self.header, self.delimiter, *self.rows]


class Document:
    """A parsed Markdown file. ``text`` is normalised (no BOM, LF line endings).

    ``code_lines``, ``headings`` and ``stray_rows`` are read only around tables and
    comments: a file with neither a pipe nor ``<!--`` is not parsed for them."""

    __slots__ = (
        "bom",
        "code_lines",
        "comments",
        "headings",
        "lines",
        "newline",
        "path",
        "stray_rows",
        "tables",
        "text",
    )

    def __init__(
        self,
        path: str,
        text: str,
        lines: list[str],
        tables: list[Table],
        newline: str = "\n",
        bom: bool = False,
        code_lines: frozenset[int] = frozenset(),
        comments: list[Comment] | None = None,
        headings: list[Heading] | None = None,
        stray_rows: list[StrayRows] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.lines = lines
        self.tables = tables
        self.newline = newline
        self.bom = bom
        self.code_lines = code_lines
        self.comments = [] if comments is None else comments
        self.headings = [] if headings is None else headings
        self.stray_rows = [] if stray_rows is None else stray_rows

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.tables)} tables)"

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


class Comment(NamedTuple):
    """An HTML comment outside code, with its position (used for suppressions)."""

    text: str
    line: int
    column: int


class Heading(NamedTuple):
    """An ATX or setext heading: its first line, level and text as written."""

    line: int
    level: int
    text: str


class StrayRow(NamedTuple):
    """A line of a paragraph that looks like a table row: ``|`` after at most three
    spaces, and another ``|`` that is not escaped. ``text`` is the whole line."""

    line: int
    text: str

    @property
    def content_start(self) -> int:
        """The 0-based offset of its first ``|``."""
        return self.text.index("|")


class StrayRows(NamedTuple):
    """Consecutive stray rows of one paragraph, which GitHub shows as text.

    ``opens_paragraph``: the first row is the paragraph's first line (not pipe text
    under a line of prose or of a list item). ``after_table``: the index of the table
    that ends above the first row with only blank lines between (and other such runs cut
    off from it), at the same indentation: deleting those blank lines would make the
    rows part of it; None if there is none. ``blank_lines``: those blank lines above the
    run (empty without ``after_table``)."""

    rows: tuple[StrayRow, ...]
    opens_paragraph: bool
    after_table: int | None
    blank_lines: range
