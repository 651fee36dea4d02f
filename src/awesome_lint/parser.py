"""Read Markdown into a :class:`~awesome_lint.model.Document`.

markdown-it-py decides where tables are (inside list items and block quotes too,
never inside code or HTML blocks). Its table rule is wrapped to record, for every
table line, where the table text starts and ends in the source; cells are then
split from that raw text exactly as GFM splits them, because markdown-it pads
short rows and drops extra cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from awesome_lint.model import Cell, Comment, Document, Row, RowKind, Table
from awesome_lint.roles import detect_roles

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from awesome_lint.model import Role

BOM = "\ufeff"
_COMMENT = re.compile(r"<!--(.*?)-->")
_LINE_BREAK = re.compile(r"\r\n?|\n")

TableLines = list[tuple[int, int, int]]  # (0-based line, start offset, end offset) in src


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
        raise InputError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def parse(
    source: str,
    path: str = "<string>",
    *,
    columns: Mapping[Role, str] | None = None,
    bom: bool = False,
) -> Document:
    """Parse decoded Markdown ``source`` (any line endings, BOM already removed)."""
    newline = "\r\n" if "\r\n" in source else "\n"
    text = _LINE_BREAK.sub("\n", source) if "\r" in source else source
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    line_starts = _line_starts(lines)
    recorded, tokens = _parse_blocks(text)
    code_lines = _code_lines(tokens)
    tables = [
        _build_table(index, spans, lines, line_starts, columns or {})
        for index, spans in enumerate(recorded)
    ]
    return Document(
        path=path,
        text=text,
        lines=lines,
        tables=tables,
        newline=newline,
        bom=bom,
        code_lines=code_lines,
        comments=_comments(lines, code_lines) if "<!--" in text else [],
    )


def _line_starts(lines: list[str]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _parse_blocks(text: str) -> tuple[list[TableLines], list[Any]]:
    md, recorded = _markdown()
    recorded.clear()
    tokens = md.parse(text)
    tables = list(recorded)
    recorded.clear()
    return tables, tokens


@lru_cache(maxsize=1)
def _markdown() -> tuple[MarkdownIt, list[TableLines]]:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block.table import table as gfm_table

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Cells are read from the source, so inline parsing would be wasted work.
    md.disable(["inline", "text_join"])
    recorded: list[TableLines] = []
    md.block.ruler.at(
        "table", _recording(gfm_table, recorded), {"alt": ["paragraph", "reference"]}
    )
    return md, recorded


def _recording(rule: Callable[..., bool], recorded: list[TableLines]) -> Callable[..., bool]:
    def table(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        if not rule(state, start_line, end_line, silent):
            return False
        if not silent:
            recorded.append(
                [
                    (line, state.bMarks[line] + state.tShift[line], state.eMarks[line])
                    for line in range(start_line, state.line)
                ]
            )
        return True

    return table


def _code_lines(tokens: list[Any]) -> frozenset[int]:
    lines: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return frozenset(lines)


def _comments(lines: list[str], code_lines: frozenset[int]) -> list[Comment]:
    comments = []
    for number, line in enumerate(lines, start=1):
        if "<!--" not in line or number in code_lines:
            continue
        for match in _COMMENT.finditer(line):
            comments.append(Comment(match.group(1).strip(), number, match.start() + 1))
    return comments


def _build_table(
    index: int,
    spans: TableLines,
    lines: list[str],
    line_starts: list[int],
    columns: Mapping[Role, str],
) -> Table:
    rows = []
    for position, (line, start, end) in enumerate(spans):
        kind = (RowKind.HEADER, RowKind.DELIMITER)[position] if position < 2 else RowKind.BODY
        rows.append(split_row(lines[line], line + 1, start - line_starts[line], end - line_starts[line], kind))
    header, delimiter, body = rows[0], rows[1], rows[2:]
    return Table(index, header, delimiter, body, detect_roles(header, body, columns))


def split_row(raw: str, line: int, start: int, end: int, kind: RowKind = RowKind.BODY) -> Row:
    """Split the table text ``raw[start:end]`` into cells the way GFM does."""
    while start < end and raw[start] in " \t":
        start += 1
    while end > start and raw[end - 1] in " \t":
        end -= 1
    pipes = _pipe_positions(raw, start, end)
    leading = bool(pipes) and pipes[0] == start
    trailing = bool(pipes) and pipes[-1] == end - 1
    bounds = pipes if leading else [start - 1, *pipes]
    if not trailing:
        bounds.append(end)
    cells = [_cell(raw, line, bounds[i] + 1, bounds[i + 1], i) for i in range(len(bounds) - 1)]
    return Row(line, kind, raw, start, end, cells, leading, trailing)


def _pipe_positions(raw: str, start: int, end: int) -> list[int]:
    positions = []
    position = raw.find("|", start, end)
    while position != -1:
        if not _escaped(raw, position, start):
            positions.append(position)
        position = raw.find("|", position + 1, end)
    return positions


def _escaped(raw: str, position: int, start: int) -> bool:
    return position > start and raw[position - 1] == "\\"


def _cell(raw: str, line: int, start: int, end: int, index: int) -> Cell:
    text_start, text_end = start, end
    while text_start < text_end and raw[text_start] in " \t":
        text_start += 1
    while text_end > text_start and raw[text_end - 1] in " \t":
        text_end -= 1
    return Cell(raw[text_start:text_end], line, text_start + 1, text_end + 1, index)
