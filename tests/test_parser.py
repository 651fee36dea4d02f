"""The parser: where tables are, how rows split into cells, positions, links.

Positions are 1-based lines and character columns of the line as written (without
BOM and line ending); ``end_column`` is exclusive.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from awesome_lint.links import extract_links, plain_text
from awesome_lint.model import Document, RowKind, Table
from awesome_lint.parser import InputError, decode, parse
from awesome_lint.rule import Finding
from tests.conftest import FIXTURES
from tests.test_rule_fixtures import lint_fixture


def only_table(source: str, **kwargs: object) -> Table:
    tables = parse(source, **kwargs).tables  # type: ignore[arg-type]
    assert len(tables) == 1, f"expected one table, found {len(tables)}"
    return tables[0]


def cells(table: Table) -> list[list[tuple[str, int, int, int]]]:
    """(text, line, column, end_column) of every cell of every row."""
    return [
        [(cell.text, cell.line, cell.column, cell.end_column) for cell in row.cells]
        for row in table.all_rows()
    ]


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.all_rows()]


def dump(document: Document) -> list[object]:
    """Everything position-related a rule can see, for comparing variants of a file."""
    return [
        (
            table.line,
            table.end_line,
            [
                (
                    row.line,
                    row.kind.value,
                    row.content_start,
                    row.content_end,
                    row.content,
                    [(c.text, c.plain, c.column, c.end_column, tuple(c.links)) for c in row.cells],
                )
                for row in table.all_rows()
            ],
        )
        for table in document.tables
    ] + [document.lines, document.comments, sorted(document.code_lines)]


# --- positions --------------------------------------------------------------------------


def test_rows_and_cells_know_their_lines_and_columns() -> None:
    source = "# Title\n\n| Date    | Model |\n| ------- | ----- |\n| 2024-04 | WavLLM |\n"
    table = only_table(source)
    assert (table.line, table.end_line) == (3, 5)
    assert [row.kind for row in table.all_rows()] == [
        RowKind.HEADER,
        RowKind.DELIMITER,
        RowKind.BODY,
    ]
    assert cells(table) == [
        [("Date", 3, 3, 7), ("Model", 3, 13, 18)],
        [("-------", 4, 3, 10), ("-----", 4, 13, 18)],
        [("2024-04", 5, 3, 10), ("WavLLM", 5, 13, 19)],
    ]
    body = table.rows[0]
    assert (body.content_start, body.content_end) == (0, 20)
    assert body.leading_pipe and body.trailing_pipe


def test_end_column_is_exclusive_and_slices_the_line() -> None:
    source = "| a | bb  |  ccc |\n|---|---|---|\n| x | yy | zzz |\n"
    document = parse(source)
    for row in document.tables[0].all_rows():
        line = document.line_text(row.line)
        for cell in row.cells:
            assert line[cell.column - 1 : cell.end_column - 1] == cell.text


def test_trailing_blanks_after_the_last_pipe_are_not_row_content() -> None:
    table = only_table("| a | b |  \t\n|---|---|\n| 1 | 2 |   \n")
    assert [row.content for row in table.all_rows()] == ["| a | b |", "|---|---|", "| 1 | 2 |"]


def test_empty_cells_span_the_blanks_between_their_pipes() -> None:
    table = only_table("| a | b | c |\n|---|---|---|\n|   | x || \n")
    row = table.rows[0]
    assert [(c.text, c.column, c.end_column) for c in row.cells] == [
        ("", 2, 5),
        ("x", 7, 8),
        ("", 10, 10),
    ]
    assert all(cell.is_empty for cell in (row.cells[0], row.cells[2]))


def test_finding_at_a_row_covers_the_table_text_without_prefixes() -> None:
    source = "> | a | b |\n> |---|---|\n> | 1 | 2 |  \n"
    row = only_table(source).rows[0]
    finding = Finding.at(row, "m")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 3, 3, 12)
    cell = row.cells[1]
    at_cell = Finding.at(cell, "m")
    assert (at_cell.line, at_cell.column, at_cell.end_column) == (3, 9, 10)
    link = extract_links("[p](https://a.b)", 7, 4)[0]
    at_link = Finding.at(link, "m")
    assert (at_link.line, at_link.column, at_link.end_column) == (7, 4, 20)


# --- splitting as GFM does --------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("| a | b |", ["a", "b"]),
        ("a | b", ["a", "b"]),  # no outer pipes
        ("| a | b", ["a", "b"]),
        ("a | b |", ["a", "b"]),
        (r"| a \| b | c |", [r"a \| b", "c"]),  # an escaped pipe stays in the cell
        ("| `a|b` | c |", ["`a", "b`", "c"]),  # a pipe in a code span still splits
        ("| [x|y](u) | c |", ["[x", "y](u)", "c"]),  # ... and in link text
        ("| a | b | c | d |", ["a", "b", "c", "d"]),  # extra cells are kept
        ("| a |", ["a"]),  # missing cells are not padded
        ("| a ||", ["a", ""]),
        ("|  | b |", ["", "b"]),
        (r"| a \\| b |", [r"a \\| b"]),  # GFM: a backslash before | always escapes it
    ],
)
def test_cells_are_split_from_the_raw_line(row: str, expected: list[str]) -> None:
    header = " | ".join(["h"] * 2)
    table = only_table(f"{header}\n--- | ---\n{row}\n")
    assert [cell.text for cell in table.rows[0].cells] == expected


def test_outer_pipes_are_recorded() -> None:
    table = only_table("a | b |\n| --- | ---\n| 1 | 2 |\n")
    flags = [(row.leading_pipe, row.trailing_pipe) for row in table.all_rows()]
    assert flags == [(False, True), (True, False), (True, True)]


def test_markdown_it_padding_does_not_hide_the_true_cell_count() -> None:
    table = only_table("| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n")
    assert [len(row.cells) for row in table.rows] == [1, 5]


# --- where tables are -------------------------------------------------------------------


def test_tables_in_list_items_and_block_quotes_have_true_columns() -> None:
    source = (
        "- item\n"
        "\n"
        "  | a | b |\n"
        "  |---|---|\n"
        "  | 1 | 2 |\n"
        "\n"
        "> | c | d |\n"
        "> |---|---|\n"
        "> | 3 | 4 |\n"
        "\n"
        "1. > | e |\n"
        "   > |---|\n"
        "   > | 5 |\n"
        "\n"
        "- | f |\n"
        "  |---|\n"
    )
    tables = parse(source).tables
    assert [texts(table)[0] for table in tables] == [["a", "b"], ["c", "d"], ["e"], ["f"]]
    assert [cells(table)[2] if len(table.rows) else None for table in tables] == [
        [("1", 5, 5, 6), ("2", 5, 9, 10)],
        [("3", 9, 5, 6), ("4", 9, 9, 10)],
        [("5", 13, 8, 9)],
        None,
    ]
    assert [table.header.content_start for table in tables] == [2, 2, 5, 2]


@pytest.mark.parametrize(
    "source",
    [
        "```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n",
        "~~~md\n| a | b |\n|---|---|\n~~~\n",
        "    | a | b |\n    |---|---|\n    | 1 | 2 |\n",
        "<div>\n| a | b |\n|---|---|\n| 1 | 2 |\n</div>\n",
        "<!--\n| a | b |\n|---|---|\n-->\n",
        "- x\n\n      | a | b |\n      |---|---|\n",  # indented code inside a list item
        "| a | b | c |\n|---|---|\n",  # header and delimiter differ in cell count
        "| a | b |\n| x | y |\n",  # no delimiter row
    ],
    ids=[
        "fence",
        "tilde-fence",
        "indented",
        "html-block",
        "html-comment",
        "list-code",
        "count-mismatch",
        "no-delimiter",
    ],
)
def test_no_table_where_github_renders_none(source: str) -> None:
    assert parse(source).tables == []


def test_code_lines_are_known_and_comments_in_code_are_ignored() -> None:
    source = "<!-- a -->\n```\n<!-- b -->\n```\n| x <!-- c --> |\n|---|\n"
    document = parse(source)
    assert sorted(document.code_lines) == [2, 3, 4]
    assert [(c.text, c.line, c.column) for c in document.comments] == [("a", 1, 1), ("c", 5, 5)]


def test_a_file_without_pipes_still_tells_comments_in_code_apart() -> None:
    document = parse("# Notes\n\n```\n<!-- b -->\n```\n<!-- a -->\n")
    assert [(c.text, c.line) for c in document.comments] == [("a", 6)]
    assert [heading.text for heading in document.headings] == ["Notes"]


def test_a_file_without_pipes_or_comments_has_no_tables_and_no_comments() -> None:
    document = parse("# Notes\n\n```\ncode\n```\n- a list\n")
    assert (document.tables, document.comments) == ([], [])


CMARK_CASES = [
    "> | a | b |\n> |---|---|\n| 1 | 2 |\n",  # a lazy line does not continue a table
    "para\n| a | b |\n|---|---|\n| 1 | 2 |\n",  # a table interrupts a paragraph
    "| a | b |\n|---|---|\n| 1 | 2 |\n    | 3 | 4 |\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n<!-- x -->\n| 3 | 4 |\n",  # a comment line ends it
    "| a | b |\n|---|---|\n| 1 | 2 |\n- x\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n> q\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n# h\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n```\ncode\n```\n",
    "| a | b |\n|---|---|\n1\n",
    "   | a | b |\n   |---|---|\n   | 1 | 2 |\n",
    "| a | b |\n   |---|---|\n| 1 | 2 |\n",
    "* | a | b |\n  |---|---|\n* | c | d |\n  |---|---|\n",
    "- x\n\n  | a | b |\n  |---|---|\n| 1 | 2 |\n",
    "<div>\n\n| a | b |\n|---|---|\n\n</div>\n",  # markdown again after a blank line
    "| a | b |\n|:-:|--:|\n| 1 | 2 |\n",
    "a | b\n--- | ---\n",
    "| a \\| b |\n|---|\n| c |\n",
]


@pytest.mark.parametrize("source", CMARK_CASES)
def test_tables_and_rows_agree_with_github_cmark_gfm(source: str) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    html = cmarkgfm.github_flavored_markdown_to_html(source)
    expected = [
        (len(re.findall(r"<tr>", table)), len(re.findall(r"<th[ >]", table)))
        for table in re.findall(r"<table>(.*?)</table>", html, re.DOTALL)
    ]
    found = [(len(t.rows) + 1, len(t.header.cells)) for t in parse(source).tables]
    assert found == expected


# --- line endings, BOM, tabs, wide characters -------------------------------------------

SAMPLE = (
    "# List\n"
    "<!-- awesome-lint-disable TAB005 -->\n"
    "\n"
    "| Date    | Model Name | Paper Title | Link |\n"
    "| ------- | ---------- | ----------- | ---- |\n"
    "| 2024-04 | 通义千问   | 标题 \\| x   | [论文](https://arxiv.org/abs/2404.00656) |\n"
    "|\t2024-03\t| WavLLM | T | <https://arxiv.org/abs/2404.00657> |\n"
    "\n"
    "> | a | b |\n"
    "> |---|---|\n"
    "> | 1 | 2 | 3 |\n"
    "\n"
    "```\n| not | table |\n|---|---|\n```\n"
)


@pytest.mark.parametrize(
    "variant",
    [
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: b"\xef\xbb\xbf" + text.encode(),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
        lambda text: text.replace("\n", "\r").encode(),
        lambda text: text.rstrip("\n").encode(),
    ],
    ids=["crlf", "bom", "bom-crlf", "cr", "no-final-newline"],
)
def test_line_endings_and_bom_give_identical_documents(variant: object) -> None:
    reference = parse(SAMPLE, "x.md")
    data = variant(SAMPLE)  # type: ignore[operator]
    text, bom = decode(data, "x.md")
    document = parse(text, "x.md", bom=bom)
    assert dump(document) == dump(reference)
    assert document.bom == data.startswith(b"\xef\xbb\xbf")
    assert document.newline == ("\r\n" if b"\r\n" in data else "\n")


def test_columns_count_characters_not_bytes_or_display_width() -> None:
    table = only_table("| 日期 | 模型 |\n|---|---|\n|\t通义千问\t| 😀 x |\n")
    assert cells(table)[0] == [("日期", 1, 3, 5), ("模型", 1, 8, 10)]
    assert cells(table)[2] == [("通义千问", 3, 3, 7), ("😀 x", 3, 10, 13)]


def test_tab_indented_list_item_table() -> None:
    table = only_table("-\t| a | b |\n\t|---|---|\n\t| 1 | 2 |\n")
    assert cells(table)[0] == [("a", 1, 5, 6), ("b", 1, 9, 10)]
    assert cells(table)[2] == [("1", 3, 4, 5), ("2", 3, 8, 9)]


def test_rule_fixtures_give_identical_findings_with_crlf_and_bom(tmp_path: Path) -> None:
    cases = sorted((FIXTURES / "rules").glob("TAB00*/*.md"))
    assert cases
    for case in cases:
        expected = lint_fixture(case)
        data = case.read_bytes()
        for name, variant in (
            ("crlf", data.replace(b"\n", b"\r\n")),
            ("bom", b"\xef\xbb\xbf" + data),
        ):
            directory = tmp_path / name / case.parent.name
            directory.mkdir(parents=True, exist_ok=True)
            copy = directory / case.name
            copy.write_bytes(variant)
            config = case.with_suffix(".yaml")
            if config.exists():
                copy.with_suffix(".yaml").write_bytes(config.read_bytes())
            assert lint_fixture(copy) == expected, f"{case.name} ({name})"


# --- decoding ---------------------------------------------------------------------------


def test_decode_strips_the_bom() -> None:
    assert decode(b"\xef\xbb\xbf# x\n", "a.md") == ("# x\n", True)
    assert decode("# é\n".encode(), "a.md") == ("# é\n", False)


def test_decode_rejects_binary_and_names_the_file() -> None:
    with pytest.raises(InputError, match=r"^a\.png: binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "a.png")


def test_decode_rejects_invalid_utf8_with_the_line() -> None:
    with pytest.raises(InputError, match=r"^a\.md:3: not valid UTF-8 \(byte 0xe9"):
        decode(b"one\ntwo\ncaf\xe9\n", "a.md")


def test_utf16_is_not_text() -> None:
    with pytest.raises(InputError, match="binary"):
        decode("| a |\n".encode("utf-16"), "a.md")


# --- links ------------------------------------------------------------------------------

LinkTuple = tuple[str, str, int, int, int, int]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[paper](https://arxiv.org/abs/2404.00656)",
            [("paper", "https://arxiv.org/abs/2404.00656", 1, 42, 9, 41)],
        ),
        (
            "[a](http://x.org/1) and [b](http://y.org/2)",
            [("a", "http://x.org/1", 1, 20, 5, 19), ("b", "http://y.org/2", 25, 44, 29, 43)],
        ),
        (
            "[a](http://x.org/1)[b](http://y.org/2)",
            [("a", "http://x.org/1", 1, 20, 5, 19), ("b", "http://y.org/2", 20, 39, 24, 38)],
        ),
        (
            "[![Stars](https://img.shields.io/x.svg)](https://github.com/a/b)",
            [("", "https://github.com/a/b", 1, 65, 42, 64)],
        ),
        (
            "<https://arxiv.org/abs/2404.00656>",
            [
                (
                    "https://arxiv.org/abs/2404.00656",
                    "https://arxiv.org/abs/2404.00656",
                    1,
                    35,
                    2,
                    34,
                )
            ],
        ),
        (
            "see https://arxiv.org/abs/2404.00656.",
            [
                (
                    "https://arxiv.org/abs/2404.00656",
                    "https://arxiv.org/abs/2404.00656",
                    5,
                    37,
                    5,
                    37,
                )
            ],
        ),
        ("www.example.com/x", [("www.example.com/x", "www.example.com/x", 1, 18, 1, 18)]),
        # a bare URL beside links (the bare scan is skipped only when every URL is a target)
        (
            "[a](https://x.org) and https://y.org",
            [
                ("a", "https://x.org", 1, 19, 5, 18),
                ("https://y.org", "https://y.org", 24, 37, 24, 37),
            ],
        ),
        (
            "https://y.org [a](https://x.org) www.z.org",
            [
                ("https://y.org", "https://y.org", 1, 14, 1, 14),
                ("a", "https://x.org", 15, 33, 19, 32),
                ("www.z.org", "www.z.org", 34, 43, 34, 43),
            ],
        ),
        ('<a href="https://x.org/a">X</a>', [("X", "https://x.org/a", 1, 32, 10, 25)]),
        (
            "<a target=_blank href='https://x.org/a'>X</a>",
            [("X", "https://x.org/a", 1, 46, 24, 39)],
        ),
        ("[p](<https://x.org/a b>)", [("p", "https://x.org/a b", 1, 25, 6, 23)]),
        ('[t](https://x.org/a_(b) "title")', [("t", "https://x.org/a_(b)", 1, 33, 5, 24)]),
        (
            "[[pdf]](https://arxiv.org/pdf/2405.04434)",
            [("[pdf]", "https://arxiv.org/pdf/2405.04434", 1, 42, 9, 41)],
        ),
        ("**[bold](https://b.org)**", [("bold", "https://b.org", 3, 24, 10, 23)]),
        (
            "日本語 [論文](https://arxiv.org/abs/1)",
            [("論文", "https://arxiv.org/abs/1", 5, 34, 10, 33)],
        ),
        # Not links:
        ("![](https://img.shields.io/x.svg)", []),
        ('<img src="https://img.shields.io/x.svg" width=20>', []),
        ("`[code](http://c.org)` `https://d.org`", []),
        ("[ref][1]", []),
        ("\\[x\\](y)", []),
        ("plain text", []),
    ],
)
def test_links_of_a_cell(text: str, expected: list[LinkTuple]) -> None:
    found = [
        (link.text, link.url, link.column, link.end_column, link.url_column, link.url_end_column)
        for link in extract_links(text, 4, 1)
    ]
    assert found == expected
    for link in extract_links(text, 4, 1):
        assert link.line == 4
        assert text[link.url_column - 1 : link.url_end_column - 1].replace("\\", "") == link.url


@pytest.mark.parametrize(
    "text",
    [
        "[paper](https://arxiv.org/abs/2404.00656)",
        "[**Paper** _x_ ~~y~~](https://x.org/a?b=c&d='e'#f)",
        "[](https://x.org)",
        "[x]()",
        "[日本語](https://x.org/論文)",
        "[a | b](https://x.org/a|b)",
    ],
)
def test_a_cell_of_one_link_reads_as_the_general_scan_reads_it(text: str) -> None:
    """Such a cell takes a short path (for its links and its visible text); the same text
    after a blank takes the general scan."""
    (fast,) = extract_links(text, 4, 2)
    (general,) = extract_links(" " + text, 4, 1)
    assert fast == general
    assert plain_text(text) == plain_text(" " + text)


def test_link_columns_are_file_columns() -> None:
    table = only_table("| Link |\n|---|\n| x [p](https://a.b/c) |\n")
    (link,) = table.rows[0].cells[0].links
    assert (link.line, link.column, link.end_column, link.url_column) == (3, 5, 23, 9)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("[WavLLM](https://x.org) model", "WavLLM model"),
        ("**Bold** and *it* and ~~gone~~ and `code`", "Bold and it and gone and code"),
        ("a <!-- hidden --> b", "a b"),
        ("a<br>b", "a b"),
        ("![badge](https://img/x.svg)", ""),
        ("[![badge](https://img/x.svg)](https://t.org)", ""),
        (r"A \| B \* C", "A | B * C"),
        ('<a href="https://x">Anchor</a>', "Anchor"),
        ("<https://x.org>", "https://x.org"),
        ("  spaced   out  ", "spaced out"),
        ("snake_case_name", "snake_case_name"),
        # each markup character alone makes the cell's text read for markup
        ("~~withdrawn~~", "withdrawn"),
        ("`code`", "code"),
        (r"x \| y", "x | y"),
        ("a<br>", "a"),
        ("[x](u)", "x"),
        ("", ""),
        # what a link shows is taken as written, then unescaped once
        (r'[a\_b](u) and <a href="x">c\*d</a> [\1](v)', r"a_b and c*d \1"),
        ("![a [b] c](s) [t](u)", "t"),  # an image _IMAGE does not read shows no text either
    ],
)
def test_cell_plain_is_the_visible_text(text: str, plain: str) -> None:
    assert plain_text(text) == plain
    table = only_table(f"| h |\n|---|\n| {text} |\n")
    assert table.rows[0].cells[0].plain == plain


# --- lines that look like table rows outside tables ---------------------------------------


def stray(source: str) -> list[tuple[list[tuple[int, str]], bool, int | None, range]]:
    return [
        ([(row.line, row.text) for row in rows], opens, table, blanks)
        for rows, opens, table, blanks in parse(source).stray_rows
    ]


def test_rows_cut_off_by_blank_lines_follow_their_table() -> None:
    source = "| a | b |\n|---|---|\n| 1 | 2 |\n\n\n| 3 | 4 |\n| 5 | 6 |\n\n| 7 | 8 |\n"
    assert stray(source) == [
        ([(6, "| 3 | 4 |"), (7, "| 5 | 6 |")], True, 0, range(4, 6)),
        ([(9, "| 7 | 8 |")], True, 0, range(8, 9)),  # cut off from the rows above
    ]


def test_runs_are_consecutive_row_lines_of_one_paragraph() -> None:
    source = "Text\n| a | b |\n| c | d |\nmore text\n   | e | f\n\n| g | h |\n"
    assert stray(source) == [
        ([(2, "| a | b |"), (3, "| c | d |")], False, None, range(0)),
        ([(5, "   | e | f")], False, None, range(0)),
        ([(7, "| g | h |")], True, None, range(0)),
    ]


def test_rows_follow_a_table_only_after_blank_lines_at_its_indentation() -> None:
    table = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert stray(table + "\nText\n\n| 3 | 4 |\n")[0][2] is None  # a paragraph between
    assert stray(table + "\n | 3 | 4 |\n")[0][2] is None  # another indentation
    assert stray(table + "\n| 3 | 4 |\ntext\n\n| 5 | 6 |\n")[1][2] is None  # text above
    in_item = "- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n\n  | 3 | 4 |\n"
    assert stray(in_item) == [([(7, "  | 3 | 4 |")], True, 0, range(6, 7))]


@pytest.mark.parametrize(
    "source",
    [
        "| a | b |\n|---|---|\n| 1 | 2 |\n",  # a table
        "```\n| a | b |\n| c | d |\n```\n",  # code
        "    | a | b |\n    | c | d |\n",  # indented code
        "<div>\n| a | b |\n</div>\n",  # an HTML block
        "> | a | b |\n> | c | d |\n",  # a block quote
        "| only one pipe\n",
        "| an escaped \\| pipe\n",
        "text | with | pipes\n",
    ],
)
def test_no_stray_rows_outside_paragraphs_or_without_two_pipes(source: str) -> None:
    assert parse(source).stray_rows == []
