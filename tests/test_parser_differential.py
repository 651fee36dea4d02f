"""The parser finds the same tables, rows and cells as markdown-it-py's own GFM table
rule and as cmark-gfm (GitHub's parser), on every corpus file and on generated input.

awesome-lint replaces markdown-it-py's ``table`` block rule by a faster one
(:mod:`awesome_lint.tablerule`) and splits cells itself. Against markdown-it-py the
comparison is exact: every table line (text span), the unpadded cell count of every
row, and every cell's text. Against cmark-gfm it covers what its HTML exposes: the
tables, the line of every row (``sourcepos``), the cells per row (both pad short rows
to the header) and the text of cells without inline markup.

Where markdown-it-py and cmark-gfm disagree with each other, awesome-lint follows
markdown-it-py; generated input for the cmark-gfm comparison leaves these cases out
(``_diverges``), and ``test_known_divergences`` pins them:

- a delimiter row without any pipe (``| a |`` over ``---``): a table for
  markdown-it, a setext heading or a paragraph for cmark-gfm;
- a header row without any pipe (``a`` over ``-|``): a table only for cmark-gfm;
- a body row that is a lone ``|`` (no cell): cmark-gfm ends the table there;
- a header line starting like another block (``- a | b``, ``# a | b``): markdown-it
  tries tables first, cmark-gfm opens the list or heading;
- a body row starting with an HTML tag: cmark-gfm ends the table;
- a table interrupting a paragraph that itself has a pipe: cmark-gfm reads the
  header from the whole paragraph;
- Unicode spaces at the edge of a row (markdown-it trims them, cmark-gfm does not);
- a header indented by four columns or more (a tab) right under a paragraph line:
  indented code for markdown-it, so no table; cmark-gfm reads a table.

cmark-gfm reports a table that interrupts a paragraph as starting on the paragraph's
first line; the header row's line is corrected for that.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from awesome_lint.model import Document
from awesome_lint.parser import parse
from awesome_lint.tablerule import TERMINATOR_STARTS, TRIM
from tests.conftest import CORPUS

cmarkgfm = pytest.importorskip("cmarkgfm")

CORPUS_FILES = sorted(CORPUS.glob("**/*.md")) if CORPUS.is_dir() else []

# (line, table text of the line, unpadded cell count, cells padded to the header)
Row = tuple[int, str, int, tuple[str, ...]]
Shape = list[list[tuple[int, int]]]  # per table: (line, cells) of header and body rows
Cells = list[list[tuple[int, tuple[str, ...]]]]


# --- awesome-lint ---------------------------------------------------------------------


def ours(document: Document) -> list[list[Row]]:
    """Cells as markdown-it-py gives them: escaped pipes unescaped, Unicode spaces trimmed."""
    tables = []
    for table in document.tables:
        width = len(table.header.cells)
        rows = []
        for row in table.all_rows():
            cells = tuple(cell.text.replace("\\|", "|").strip(TRIM) for cell in row.cells)
            padded = () if row is table.delimiter else _pad(cells, width)
            rows.append((row.line, row.content, len(cells), padded))
        tables.append(rows)
    return tables


def _our_cells(document: Document) -> Cells:
    """Header and body rows with their cells as written, padded to the header."""
    return [
        [
            (row.line, _pad(tuple(cell.text for cell in row.cells), len(table.header.cells)))
            for row in (table.header, *table.rows)
        ]
        for table in document.tables
    ]


def _pad(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    return (cells + ("",) * width)[:width]


# --- markdown-it-py's own rule --------------------------------------------------------


def _reference_parser() -> tuple[Any, list[list[tuple[int, str]]]]:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block.table import table as gfm_table

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.disable(["inline", "text_join"])
    spans: list[list[tuple[int, str]]] = []

    def recording(state: Any, start: int, end: int, silent: bool) -> bool:
        if not gfm_table(state, start, end, silent):
            return False
        if not silent:
            spans.append([(line, _line_text(state, line)) for line in range(start, state.line)])
        return True

    md.block.ruler.at("table", recording, {"alt": ["paragraph", "reference"]})
    return md, spans


def _line_text(state: Any, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].strip(TRIM)


REFERENCE, REFERENCE_SPANS = _reference_parser()


def markdown_it(text: str) -> list[list[Row]]:
    """Tables as markdown-it-py's own rule finds them: its tokens give the padded
    cells, its ``escapedSplit`` the unpadded count."""
    REFERENCE_SPANS.clear()
    contents = iter(_cell_contents(REFERENCE.parse(text.replace("\r\n", "\n"))))
    tables = []
    for spans in REFERENCE_SPANS:
        rows = []
        for position, (line, content) in enumerate(spans):
            cells = () if position == 1 else next(contents)
            rows.append((line + 1, content, _markdown_it_count(content), cells))
        tables.append(rows)
    return tables


def _cell_contents(tokens: list[Any]) -> list[tuple[str, ...]]:
    """The cell texts of every table row (header and body), in order."""
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    for previous, token in pairwise(tokens):
        if previous.type in ("th_open", "td_open"):
            cells.append(token.content)
        elif token.type == "tr_close":
            rows.append(tuple(cells))
            cells = []
    return rows


def _markdown_it_count(content: str) -> int:
    from markdown_it.rules_block.table import escapedSplit

    parts = escapedSplit(content)
    if parts and parts[0] == "":
        parts.pop(0)
    if parts and parts[-1] == "":
        parts.pop()
    return len(parts)


def test_same_as_markdown_it_on_an_example() -> None:
    text = "- | a | b \\| c |\n  | - | :-: |\n  | 1 | 2 | 3 |\n  x\n\n> a|\n> -|\n> |\n"
    assert ours(parse(text)) == markdown_it(text)
    assert [len(table) for table in ours(parse(text))] == [4, 3]


# --- cmark-gfm ------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Tables, rows (with their source line) and cell texts of cmark-gfm's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[tuple[int, list[str]]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        position = dict(attrs).get("data-sourcepos")
        if position is None:  # raw HTML from the source is not a table of cmark's
            return
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append((int(position.split(":")[0]), []))
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1][1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def cmark(text: str) -> Cells:
    from cmarkgfm.cmark import Options

    html = cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_SOURCEPOS, extensions=["table"]
    )
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return [[(line, tuple(cells)) for line, cells in table] for table in parser.tables]


def _shape(tables: Cells) -> Shape:
    return [[(line, len(cells)) for line, cells in table] for table in tables]


def _fix_interrupted_headers(theirs: Cells, mine: Cells, lines: list[str]) -> Cells:
    """cmark-gfm puts the header of a table that interrupts a paragraph on the
    paragraph's first line."""
    fixed = []
    for their_table, my_table in zip(theirs, mine, strict=False):
        (their_line, cells), (my_line, _) = their_table[0], my_table[0]
        if their_line < my_line and all(lines[i].strip() for i in range(their_line - 1, my_line)):
            their_table = [(my_line, cells), *their_table[1:]]
        fixed.append(their_table)
    return fixed + theirs[len(fixed) :]


_SIMPLE_CELL = re.compile(r"[A-Za-z0-9 .,:;()/-]*")


def _plain_cells(tables: Cells) -> list[tuple[int, int, str]]:
    return [
        (line, index, cell)
        for table in tables
        for line, cells in table
        for index, cell in enumerate(cells)
        if _SIMPLE_CELL.fullmatch(cell)
    ]


def assert_same_as_cmark(text: str, document: Document) -> None:
    mine = _our_cells(document)
    theirs = _fix_interrupted_headers(cmark(text), mine, document.lines)
    assert _shape(mine) == _shape(theirs)
    their_cells = {
        (line, index): cell
        for table in theirs
        for line, cells in table
        for index, cell in enumerate(cells)
    }
    for line, index, cell in _plain_cells(mine):
        assert their_cells[line, index].strip(" \t") == cell, (line, index)


# --- the corpus -----------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus is not there")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: str(path.relative_to(CORPUS)))
def test_corpus_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    document = parse(text)
    assert ours(document) == markdown_it(text)
    assert_same_as_cmark(text, document)


# --- generated input ------------------------------------------------------------------

CELL_PIECES = (
    "a",
    "Model",
    " ",
    "\t",
    "|",
    "\\|",
    "\\\\|",
    "\\",
    "`x|y`",
    "`a`",
    "[paper](https://arxiv.org/abs/2404.00656)",
    "<b>x</b>",
    "&amp;",
    "*",
    "中文",
    "é",
    "-",
    ":",
    "\u3000",
    "\xa0",
    "2024-04",
)
DELIMITER_CELLS = ("---", "-", ":-", "-:", ":-:", " --- ", "--", ": -", "- -", "", " ")
PREFIXES = ("", "", "", "> ", "- ", "1. ", "  ", "   ", "    ", "\t", "> > ", "-   ")
OTHER_LINES = (
    "",
    "para",
    "# h",
    "```",
    "~~~",
    "> q",
    "- item",
    "<div>",
    "***",
    "    code",
    "1. x",
    "+ y",
    "text | more",
    "|",
    "||",
    "-|-",
    "| - |",
    "---",
)

cell_text = st.lists(st.sampled_from(CELL_PIECES), max_size=4).map("".join)


def _row(cells: list[str], leading: bool, trailing: bool) -> str:
    return ("|" if leading else "") + "|".join(cells) + ("|" if trailing else "")


@st.composite
def tables(draw: st.DrawFn) -> list[str]:
    """A header, a delimiter row (not always valid) and body rows of any width, in a
    container prefix that sometimes changes from line to line."""
    width = draw(st.integers(1, 4))
    prefix = draw(st.sampled_from(PREFIXES))
    header = draw(st.lists(cell_text, min_size=width, max_size=width))
    delimiter = draw(st.lists(st.sampled_from(DELIMITER_CELLS), min_size=width, max_size=width))
    lines = [
        prefix + _row(header, draw(st.booleans()), draw(st.booleans())),
        prefix + _row(delimiter, draw(st.booleans()), draw(st.booleans())),
    ]
    for _ in range(draw(st.integers(0, 4))):
        cells = draw(st.lists(cell_text, max_size=width + 2))
        row_prefix = draw(st.sampled_from((prefix, prefix, "", "  ", "> ")))
        lines.append(row_prefix + _row(cells, draw(st.booleans()), draw(st.booleans())))
    return lines


blocks = st.one_of(tables(), st.sampled_from(OTHER_LINES).map(lambda line: [line]))


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Blocks one after the other, no blank line between them."""
    newline = draw(st.sampled_from(("\n", "\r\n")))
    lines = [line for block in draw(st.lists(blocks, max_size=6)) for line in block]
    return newline.join(lines) + newline


@st.composite
def separated_documents(draw: st.DrawFn) -> str:
    """Blocks each after a blank line, sometimes with a one-line paragraph or heading."""
    parts = []
    for block in draw(st.lists(blocks, max_size=6)):
        parts.append(draw(st.sampled_from(("\n", "\npara\n", "\n# h\n"))) + "\n".join(block))
    return "\n".join(parts) + "\n"


@settings(derandomize=True, max_examples=400, deadline=None)
@given(documents())
def test_generated_same_as_markdown_it(text: str) -> None:
    assert ours(parse(text)) == markdown_it(text)


@settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(separated_documents())
def test_generated_same_as_cmark(text: str) -> None:
    document = parse(text)
    assume(not _diverges(document))
    assert_same_as_cmark(text, document)


_EXOTIC_SPACE = "[" + re.escape(TRIM.replace(" ", "").replace("\t", "")) + "]"
_EDGE_SPACE = re.compile(rf"^[ \t>]*{_EXOTIC_SPACE}|{_EXOTIC_SPACE}[ \t]*$")
_INDENTED_CODE = re.compile(r"[ >]*(?:\t| {4})")
_PIPELESS_HEADER = re.compile(r"[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?[|:\- \t]*-[|:\- \t]*")


def _diverges(document: Document) -> bool:
    """Whether ``document`` has one of the cases where markdown-it-py and cmark-gfm
    disagree (see the module docstring)."""
    lines = document.lines
    return (
        any(_EDGE_SPACE.search(line) for line in lines)
        or any(
            lines[i].strip() and _INDENTED_CODE.match(lines[i + 1]) for i in range(len(lines) - 1)
        )
        or any(
            "|" not in lines[i] and _PIPELESS_HEADER.fullmatch(lines[i + 1])
            for i in range(len(lines) - 1)
        )
        or any(
            "|" not in table.delimiter.content
            or table.header.content[:1] in TERMINATOR_STARTS
            or any(not row.cells or row.content.startswith("<") for row in table.rows)
            or any("|" in line for line in _paragraph_before(lines, table.line))
            for table in document.tables
        )
    )


def _paragraph_before(lines: list[str], line: int) -> list[str]:
    before = []
    index = line - 2
    while index >= 0 and lines[index].strip(" \t>"):
        before.append(lines[index])
        index -= 1
    return before


@pytest.mark.parametrize(
    ("text", "tables_for_us", "tables_for_cmark"),
    [
        ("| a |\n---\n", 1, 0),
        ("a\n-|\n", 0, 1),
        ("- a | b\n--|--\n", 1, 0),
        ("| a |\n| - |\n|\n| b |\n", 1, 1),  # cmark-gfm: the table ends before the lone pipe
        ("| a |\n| - |\n<b>\n", 1, 1),
        ("\u3000| a |\n| - |\n", 1, 0),
        ("para\n\ta|\n:-\n", 0, 1),
    ],
)
def test_known_divergences(text: str, tables_for_us: int, tables_for_cmark: int) -> None:
    assert ours(parse(text)) == markdown_it(text)
    assert len(ours(parse(text))) == tables_for_us
    assert len(cmark(text)) == tables_for_cmark
