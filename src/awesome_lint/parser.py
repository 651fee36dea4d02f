"""Read Markdown into a :class:`~awesome_lint.model.Document`.

The block structure (where tables, code, headings and paragraphs are) is markdown-it-py's.
:mod:`awesome_lint.blocks` reads it for most documents with markdown-it-py's block
rules ported for the top level, and declines when a list or block quote holds more
than text; markdown-it-py then parses the document, with its table rule replaced by
:mod:`awesome_lint.tablerule`, which accepts the same tables (inside list items and
block quotes too, never inside code or HTML blocks) but only records, for every table
line, where the table text starts and ends in the source. Cells are then split from
that raw text exactly as GFM splits them (``awesome_lint.cells``), because
markdown-it pads short rows and drops extra cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from awesome_lint.model import Comment, Document, Heading, StrayRow, StrayRows, Table
from awesome_lint.tablerule import TableLines, table_rule, unescaped_pipes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from awesome_lint.blocks import Blocks

BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n?|\n")


class InputError(Exception):
    """The file cannot be linted (not UTF-8 text, unreadable, ...)."""


def decode(data: bytes, path: str) -> tuple[str, bool]:
    """Bytes to text; returns (text without BOM, had_bom). Raises InputError for non-text."""
    if b"\0" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), not Markdown text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise InputError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{byte:02x} at offset {error.start})"
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def parse(source: str, path: str = "<string>", *, bom: bool = False) -> Document:
    """Parse decoded Markdown ``source`` (any line endings, BOM already removed)."""
    newline = "\r\n" if "\r\n" in source else "\n"
    text = _LINE_BREAK.sub("\n", source) if "\r" in source else source
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    starts = line_starts(lines)
    if "|" in text or "<!--" in text:
        recorded, code_lines, headings, paragraphs = _blocks(text, lines, starts)
    else:  # GFM: no table without a pipe in its header; no comment to tell apart from code
        recorded, code_lines, headings, paragraphs = [], frozenset(), [], []
    return Document(
        path=path,
        text=text,
        lines=lines,
        tables=_build_tables(recorded, lines, starts) if recorded else [],
        newline=newline,
        bom=bom,
        code_lines=code_lines,
        comments=_comments(lines, code_lines) if "<!--" in text else [],
        headings=headings,
        stray_rows=_stray_rows(paragraphs, lines, recorded, starts) if "|" in text else [],
    )


def _blocks(text: str, lines: list[str], starts: list[int]) -> Blocks:
    """The block structure: read by :mod:`awesome_lint.blocks` where it can, which
    spares importing markdown-it-py (a third of a run on a typical README)."""
    from awesome_lint.blocks import scan

    scanned = None if "\0" in text else scan(lines, starts, text.endswith("\n"))
    return scanned if scanned is not None else _markdown_it_blocks(text)


def line_starts(lines: list[str]) -> list[int]:
    """The offset in the LF-joined text where each line starts."""
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _build_tables(recorded: list[TableLines], lines: list[str], starts: list[int]) -> list[Table]:
    from awesome_lint.cells import build_table  # the link patterns: only files with tables

    return [build_table(index, spans, lines, starts) for index, spans in enumerate(recorded)]


def _markdown_it_blocks(text: str) -> Blocks:
    """The block structure as markdown-it-py reads it (LF line endings)."""
    from awesome_lint.blocks import Blocks

    md, recorded = _markdown()
    recorded.clear()
    # What markdown-it's "normalize" rule (off) would do: line endings are LF already.
    tokens = md.parse(text.replace("\0", "\ufffd") if "\0" in text else text)
    tables = list(recorded)
    recorded.clear()
    paragraphs = [
        (token.map[0], token.map[1])
        for token in tokens
        if token.type == "paragraph_open" and token.map
    ]
    return Blocks(tables, _code_lines(tokens), _headings(tokens), paragraphs)


@lru_cache(maxsize=1)
def _markdown() -> tuple[MarkdownIt, list[TableLines]]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Cells are read from the source, so inline parsing would be wasted work; the text
    # comes with LF line endings, so normalising would be two passes over it for nothing.
    md.disable(["normalize", "inline", "text_join"])
    recorded: list[TableLines] = []
    md.block.ruler.at("table", table_rule(recorded), {"alt": ["paragraph", "reference"]})
    return md, recorded


def _code_lines(tokens: list[Any]) -> frozenset[int]:
    lines: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return frozenset(lines)


def _stray_rows(
    paragraphs: list[tuple[int, int]],
    lines: list[str],
    recorded: list[TableLines],
    starts: list[int],
) -> list[StrayRows]:
    """The runs of lines that look like table rows in paragraphs (so not in a table,
    code or HTML block), each with the table it follows after blank lines, if any."""
    # 0-based last line of a table, or of a run cut off from it -> the table's index
    ends = {spans[-1][0]: index for index, spans in enumerate(recorded)}
    runs = []
    for first, end in paragraphs:
        run: list[StrayRow] = []
        for number in range(first, end + 1):  # one past the end: closes the last run
            if number < end and _looks_like_row(lines[number]):
                run.append(StrayRow(number + 1, lines[number]))
            elif run:
                opens = run[0].line == first + 1
                above = _table_above(run[0], lines, ends, recorded, starts) if opens else None
                table, blanks = above or (None, range(0))
                if table is not None and number == end:  # the paragraph: a next run may follow
                    ends[number - 1] = table
                runs.append(StrayRows(tuple(run), opens, table, blanks))
                run = []
    return runs


def _looks_like_row(line: str) -> bool:
    """``|`` after at most three spaces, and another unescaped ``|`` after it."""
    start = line.find("|", 0, 4)
    return start != -1 and not line[:start].strip(" ") and unescaped_pipes(line) >= 2


def _table_above(
    row: StrayRow,
    lines: list[str],
    ends: dict[int, int],
    recorded: list[TableLines],
    starts: list[int],
) -> tuple[int, range] | None:
    """The table ending above ``row`` (or a run cut off from it) with only blank lines
    between, at its indentation, and those blank lines."""
    above = row.line - 2  # 0-based: the line above the row
    while above >= 0 and not lines[above].strip(" \t"):
        above -= 1
    table = ends.get(above)
    if table is None or above == row.line - 2:
        return None
    last, start, _end = recorded[table][-1]
    if lines[last][: start - starts[last]] != row.text[: row.content_start]:
        return None
    return table, range(above + 2, row.line)


def _headings(tokens: list[Any]) -> list[Heading]:
    return [
        Heading(token.map[0] + 1, int(token.tag[1:]), tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.map
    ]


def _comments(lines: list[str], code_lines: frozenset[int]) -> list[Comment]:
    comments: list[Comment] = []
    for number, line in enumerate(lines, start=1):
        if "<!--" not in line or number in code_lines:
            continue
        comments.extend(_line_comments(_without_code_spans(line), number))
    return comments


_BACKTICKS = re.compile(r"`+")


def _without_code_spans(line: str) -> str:
    """``line`` with what its code spans hold blanked out (columns kept): a comment
    shown as code is no comment."""
    if "`" not in line:
        return line
    runs = list(_BACKTICKS.finditer(line))
    following: dict[int, int] = {}  # run index -> index of the next run of the same length
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        size = len(runs[index].group())
        if size in last:
            following[index] = last[size]
        last[size] = index
    blanked, index = list(line), 0
    while index < len(runs):
        closing = following.get(index)
        if closing is None:
            index += 1
            continue
        start, end = runs[index].end(), runs[closing].start()
        blanked[start:end] = " " * (end - start)
        index = closing + 1
    return "".join(blanked)


def _line_comments(line: str, number: int) -> Iterator[Comment]:
    """The ``<!-- ... -->`` of a line, found with ``str.find``: a pattern would rescan
    the rest of the line from every unclosed ``<!--``."""
    start = line.find("<!--")
    while start != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            return
        yield Comment(line[start + 4 : end].strip(), number, start + 1)
        start = line.find("<!--", end + 3)
