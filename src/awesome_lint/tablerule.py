"""A GFM ``table`` block rule for markdown-it-py that only records where tables are.

It accepts exactly the tables and rows markdown-it-py's own rule accepts (same
delimiter-row check, same header/delimiter column count, same terminators, same
limit on padded cells; ``tests/test_parser_differential.py`` compares both, and
cmark-gfm, on real lists and generated input), but it emits only ``table_open`` and
``table_close`` tokens and appends ``(line, start, end)`` for every table line to
a list: the parser splits cells from the source itself. markdown-it-py's rule
builds eleven tokens and a character-by-character split per row, which made it
most of a run's time and memory on large lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

TableLines = list[tuple[int, int, int]]  # (0-based line, start offset, end offset) in src
BlockRule = Callable[[Any, int, int, bool], bool]

# What markdown-it's mdTrim strips (JavaScript's String.prototype.trim, minus U+FEFF).
TRIM = "\t\n\v\f\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)
# Bounds how many missing cells a table may have (markdown-it issue #1000).
MAX_AUTOCOMPLETED_CELLS = 0x10000
# First characters a line needs for a rule that ends a table (fence, blockquote, hr,
# list, html_block, heading): other lines are not offered to those rules.
TERMINATOR_STARTS = frozenset("`~>*-_+<#0123456789")
_DELIMITER_CELL = re.compile(r":?-+:?")
_DELIMITER_CHARS = frozenset("|-: \t")


def table_rule(recorded: list[TableLines]) -> BlockRule:
    """The block rule; every table it accepts is appended to ``recorded``."""

    def table(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        if start_line + 2 > end_line:
            return False
        columns = _header_columns(state, start_line)
        if columns == 0:
            return False
        if silent:
            return True
        state.push("table_open", "table", 1).map = opened = [start_line, 0]
        spans = [_span(state, start_line), _span(state, start_line + 1)]
        state.line = opened[1] = _body(state, start_line + 2, end_line, columns, spans)
        state.push("table_close", "table", -1)
        recorded.append(spans)
        return True

    return table


def _span(state: Any, line: int) -> tuple[int, int, int]:
    return line, state.bMarks[line] + state.tShift[line], state.eMarks[line]


def _text(state: Any, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _header_columns(state: Any, start_line: int) -> int:
    """How many columns the table starting at ``start_line`` has; 0 if it is none."""
    delimiter_line = start_line + 1
    if state.sCount[delimiter_line] < state.blkIndent or state.is_code_block(delimiter_line):
        return 0
    if state.is_code_block(start_line):
        return 0
    return header_columns(_text(state, start_line), _text(state, delimiter_line))


def header_columns(header: str, delimiter: str) -> int:
    """How many columns a table has whose header line and delimiter row are these (each
    without its indentation, neither indented as code); 0 if they make no table."""
    aligns = delimiter_columns(delimiter)
    if not aligns:
        return 0
    header = header.strip(TRIM)
    if "|" not in header:
        return 0
    return aligns if cell_count(header) == aligns else 0


def delimiter_columns(text: str) -> int:
    """Columns of a delimiter row such as ``| --- | :-: |``; 0 if it is not one."""
    if len(text) < 2 or text[0] not in "|-:":
        return 0
    second = text[1]
    if second not in "|-: \t" or (text[0] == "-" and second in " \t"):
        return 0
    if not _DELIMITER_CHARS.issuperset(text):
        return 0
    parts = text.split("|")
    last = len(parts) - 1
    count = 0
    for index, part in enumerate(parts):
        cell = part.strip(TRIM)
        if not cell:
            if index in (0, last):
                continue
            return 0
        if not _DELIMITER_CELL.fullmatch(cell):
            return 0
        count += 1
    return count


def unescaped_pipes(text: str) -> int:
    """The pipes of ``text`` that split cells: those not preceded by a backslash."""
    return text.count("|") - text.count("\\|")


def cell_count(text: str) -> int:
    """Cells of a trimmed table line as markdown-it counts them: split at pipes not
    preceded by a backslash, without an empty first and last part."""
    count = unescaped_pipes(text) + 1
    if text.startswith("|"):
        count -= 1
    if count and text.endswith("|") and not text.endswith("\\|"):
        count -= 1
    return count


def _body(state: Any, line: int, end_line: int, columns: int, spans: TableLines) -> int:
    """Record the body rows from ``line`` on; returns the first line after the table."""
    parent, state.parentType = state.parentType, "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    src, b_marks, e_marks, t_shift, s_count = (
        state.src,
        state.bMarks,
        state.eMarks,
        state.tShift,
        state.sCount,
    )
    indent, autocompleted = state.blkIndent, 0
    while line < end_line and s_count[line] >= indent:
        start, end = b_marks[line] + t_shift[line], e_marks[line]
        if (
            start < end
            and src[start] in TERMINATOR_STARTS
            and any(rule(state, line, end_line, True) for rule in terminators)
        ):
            break
        text = src[start:end].strip(TRIM)
        if not text or state.is_code_block(line):
            break
        autocompleted += columns - cell_count(text)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        spans.append((line, start, end))
        line += 1
    state.parentType = parent
    return line
