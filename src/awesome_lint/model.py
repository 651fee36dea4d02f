"""The document model every rule reads: tables -> rows -> cells, with positions.

Lines are 1-based. Columns are 1-based and count characters (not bytes) in the
line as it appears in the file, without the byte-order mark and without the line
ending, so LF, CRLF and BOM variants of a file give identical positions.
``end_column`` is exclusive: it is the column just past the last character.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from awesome_lint.links import Link, extract_links, plain_text, shows_image


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


@dataclass(slots=True, eq=False)
class Cell:
    """One cell as GFM splits it: ``text`` is trimmed and keeps escapes (``\\|``) as written."""

    text: str
    line: int
    column: int
    end_column: int
    index: int
    _links: tuple[Link, ...] | None = field(default=None, repr=False)
    _plain: str | None = field(default=None, repr=False)

    @property
    def links(self) -> tuple[Link, ...]:
        if self._links is None:
            self._links = extract_links(self.text, self.line, self.column)
        return self._links

    @property
    def plain(self) -> str:
        """The visible text: links replaced by their text, HTML, comments and emphasis removed."""
        if self._plain is None:
            self._plain = plain_text(self.text)
        return self._plain

    @property
    def is_empty(self) -> bool:
        """Nothing to see: no text, no link, no image."""
        return not self.plain and not self.links and not shows_image(self.text)


@dataclass(slots=True, eq=False)
class Row:
    """A table line. ``content_start``/``content_end`` bound the table text inside the
    line (0-based offsets), excluding list or block-quote prefixes and trailing blanks."""

    line: int
    kind: RowKind
    raw: str
    content_start: int
    content_end: int
    cells: list[Cell]
    leading_pipe: bool
    trailing_pipe: bool

    @property
    def content(self) -> str:
        return self.raw[self.content_start : self.content_end]

    def cell(self, index: int | None) -> Cell | None:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    @property
    def pipeless(self) -> bool:
        """A body line without any pipe: GFM continues a table with the text line written
        directly under it, as a row of one cell."""
        return (
            self.kind is RowKind.BODY
            and len(self.cells) == 1
            and not (self.leading_pipe or self.trailing_pipe)
        )


@dataclass(slots=True, eq=False)
class Table:
    index: int
    header: Row
    delimiter: Row
    rows: list[Row]

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


@dataclass(slots=True, eq=False)
class Document:
    """A parsed Markdown file. ``text`` is normalised (no BOM, LF line endings).

    ``code_lines`` and ``headings`` are read only around tables and comments: a file with
    neither a pipe nor ``<!--`` is not parsed for them."""

    path: str
    text: str
    lines: list[str]
    tables: list[Table]
    newline: str = "\n"
    bom: bool = False
    code_lines: frozenset[int] = frozenset()
    comments: list[Comment] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment outside code, with its position (used for suppressions)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX or setext heading: its first line, level and text as written."""

    line: int
    level: int
    text: str
