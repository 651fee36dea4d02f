"""No input breaks awesome-lint.

Property tests (hypothesis, fixed seed, bounded examples) lint generated Markdown with
tables (pipes, escapes, code spans, links, wide and combining characters, CRLF, BOM)
with every offline rule on: nothing raises, every reported position is inside the
file, and fixing is idempotent and keeps everything outside the tables.

Hostile files, generated here, go through the command as users run it: each must
finish (within the subprocess timeout) with exit status 0, 1 or 2 and no traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.engine import Engine, Violation
from awesome_lint.fixer import UnsafeFixError, fix_document
from awesome_lint.model import Document
from awesome_lint.parser import InputError, decode
from awesome_lint.registry import load_rules
from awesome_lint.rule import Edit
from tests.conftest import FIXED_TODAY, run_cli

SEED_HEADER = ("Date", "Model Name", "Paper Title", "Link")
CELL_PIECES = (
    "a",
    "Model-1",
    "WavLLM",
    " ",
    "\t",
    "\\|",
    "\\",
    "`x|y`",
    "`a`",
    "**b**",
    "<br>",
    "-",
    "N/A",
    "&amp;",
    "<!-- c -->",
    "中文",
    "🔥",
    "é",
    "e\u0301",
    "Ａ",
    "｜",
    "\u3000",
    "2024-04",
    "2024/4",
    "Apr 2024",
    "2031-01",
    "1999-13",
    "2024-04-31",
    "[paper](https://arxiv.org/abs/2404.00656)",
    "[pdf](https://arxiv.org/pdf/2404.00656v2.pdf)",
    "<https://arxiv.org/abs/1706.03762>",
    "https://arxiv.org/abs/2501.0001",
    "<a href='https://arxiv.org/abs/2301.00001'>x</a>",
    "[x](http://a.b/(c))",
    "[",
    "](",
)
OTHER_LINES = (
    "",
    "# Heading",
    "Some text | with a pipe",
    "```",
    "~~~",
    "> quote",
    "- item",
    "<!-- awesome-lint-disable-next-line DAT002 -->",
    "<!-- awesome-lint-disable -->",
    "<!-- awesome-lint-enable -->",
    "<div>",
    "    code",
    "---",
    "|",
    "| - |",
)
OVERRIDES = {
    "today": dt.date.fromisoformat(FIXED_TODAY),
    "header": (SEED_HEADER,),
    "table-style": "aligned",
}

cell_text = st.lists(st.sampled_from(CELL_PIECES), max_size=3).map("".join)


@st.composite
def tables(draw: st.DrawFn) -> list[str]:
    """A table in the seed's shape or another, rows of about the header's width."""
    header = draw(
        st.one_of(st.just(list(SEED_HEADER)), st.lists(cell_text, min_size=1, max_size=4))
    )
    width = len(header)
    prefix = draw(st.sampled_from(("", "", "", "> ", "- ", "  ")))
    lines = [_row(header), _row([draw(st.sampled_from(("---", ":-", "-:", ":-:")))] * width)]
    for _ in range(draw(st.integers(0, 6))):
        count = draw(st.integers(max(0, width - 1), width + 1))
        lines.append(_row(draw(st.lists(cell_text, min_size=count, max_size=count))))
    return [prefix + line for line in lines]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


@st.composite
def markdown_files(draw: st.DrawFn) -> bytes:
    blocks = draw(
        st.lists(st.one_of(tables(), st.sampled_from(OTHER_LINES).map(lambda x: [x])), max_size=5)
    )
    newline = draw(st.sampled_from(("\n", "\r\n")))
    text = newline.join(line for block in blocks for line in block)
    text += newline if draw(st.booleans()) else ""
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + text).encode("utf-8")


def _engine() -> Engine:
    return Engine(load_rules(), OVERRIDES, isolated=True)


ENGINE = _engine()
PROFILE = ENGINE.profile_for(None)


def lint(data: bytes) -> tuple[Document, list[Violation]]:
    text, bom = decode(data, "generated.md")
    document = ENGINE.parse(text, "generated.md", bom=bom)
    ENGINE.prepare([document], PROFILE)
    return document, ENGINE.check(document, PROFILE)


def assert_inside(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> None:
    """A 1-based range of the file: lines exist, columns at most one past the line's end."""
    assert 1 <= line <= end_line <= len(lines)
    assert 1 <= column <= len(lines[line - 1]) + 1
    assert 1 <= end_column <= len(lines[end_line - 1]) + 1
    assert line < end_line or column <= end_column


def assert_positions_inside(document: Document, violations: list[Violation]) -> None:
    for violation in violations:
        assert_inside(
            document.lines,
            violation.line,
            violation.column,
            violation.end_line,
            violation.end_column,
        )
        if violation.related_line is not None:
            assert 1 <= violation.related_line <= len(document.lines)
        edits: tuple[Edit, ...] = violation.fix.edits if violation.fix else ()
        for edit in edits:
            assert_inside(document.lines, edit.line, edit.column, edit.end_line, edit.end_column)


@settings(
    derandomize=True, max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(markdown_files())
def test_any_markdown_is_linted_with_positions_inside_the_file(data: bytes) -> None:
    document, violations = lint(data)
    assert_positions_inside(document, violations)


def _outside_tables(document: Document) -> list[str]:
    table_lines = {row.line for table in document.tables for row in table.all_rows()}
    return [text for number, text in enumerate(document.lines, 1) if number not in table_lines]


@settings(
    derandomize=True, max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(markdown_files())
def test_fixing_is_idempotent_and_keeps_what_is_outside_tables(data: bytes) -> None:
    document, _ = lint(data)
    try:
        fixed = fix_document(document, ENGINE, PROFILE)
    except UnsafeFixError:
        return  # refusing is safe: nothing is written
    assert _outside_tables(fixed.document) == _outside_tables(document)
    assert len(fixed.document.tables) == len(document.tables)
    again = fix_document(fixed.document, ENGINE, PROFILE)
    assert again.document.text == fixed.document.text
    assert_positions_inside(fixed.document, fixed.violations)


@pytest.mark.parametrize("data", [b"\0", b"| a |\n| - |\n| \xff |\n", b"| \xed\xa0\x80 |\n"])
def test_binary_and_broken_utf8_are_input_errors(data: bytes) -> None:
    with pytest.raises(InputError):
        decode(data, "bad.md")


# --- hostile files through the command -------------------------------------------------

TABLE_HEAD = "| Date | Model Name | Paper Title | Link |\n| --- | --- | --- | --- |\n"
ROW = "| 2024-01 | M{0} | Title {0} | [paper](https://arxiv.org/abs/2401.{0:05d}) |\n"
MARKUP = "[x](https://arxiv.org/abs/2401.00001) <a href='u'>t</a> `c\\|d` \\| 中 **b** <a href=x "


def _five_mb_line() -> str:
    cell = (MARKUP * (5_000_000 // len(MARKUP) + 1))[:5_000_000]
    return TABLE_HEAD + f"| 2024-01 | M | {cell} | [p](https://arxiv.org/abs/2401.00001) |\n"


def _wide_table(columns: int) -> str:
    rows = ["| " + " | ".join(f"c{i}" for i in range(columns)) + " |", "|" + "---|" * columns]
    rows += ["| " + " | ".join(f"v{r}.{i}" for i in range(columns)) + " |" for r in range(20)]
    return "\n".join(rows) + "\n"


def _nested_lists(depth: int) -> str:
    indented = "\n".join("  " * level + "- item" for level in range(depth))
    return "- " * depth + "x\n\n" + indented + "\n\n" + "- " * depth + TABLE_HEAD


def _nested_quotes(depth: int) -> str:
    lines = "> " * depth + "x\n\n" + ">" * depth + " " + TABLE_HEAD.replace("\n", "\n>")
    return lines + "\n\n" + "\n".join(">" * level + " q" for level in range(depth)) + "\n"


HOSTILE: dict[str, bytes] = {
    "empty": b"",
    "five-mb-line": _five_mb_line().encode(),
    "three-thousand-columns": _wide_table(3000).encode(),
    "pipes": b"|\n" * 100_000,
    "nested-lists": _nested_lists(3000).encode(),
    "nested-quotes": _nested_quotes(3000).encode(),
    "unclosed-fence": ("```\n" + TABLE_HEAD + ROW.format(1) + "\n# After\n").encode(),
    "tiny-tables": ("| a |\n| - |\n| b |\n\n" * 20_000).encode(),
    # Each of these once took seconds to hours in one pattern (issue 15, item 1).
    "generic-link-text": (
        "| Date | Paper |\n| --- | --- |\n| 2024-01 | ["
        + "pdf---" * 2000
        + "x](https://arxiv.org/abs/2401.00001) |\n"
    ).encode(),
    "long-blank-runs": (
        TABLE_HEAD
        + "| 2024-01 | M |"
        + " " * 200_000
        + "x ("
        + " " * 200_000
        + " | [p](https://arxiv.org/abs/2401.00001) |\n"
    ).encode(),
    "long-url-path": (
        TABLE_HEAD + "| 2024-01 | M | T | [p](https://arxiv.org/abs/" + "a-" * 100_000 + ") |\n"
    ).encode(),
    "long-venue-cell": (
        "| Paper | Venue |\n| --- | --- |\n"
        + "| [p](https://arxiv.org/abs/2401.00001) | C"
        + " x" * 100_000
        + " |\n"
    ).encode(),
    "many-rows-crlf-bom": ("\ufeff" + TABLE_HEAD + "".join(ROW.format(i) for i in range(5000)))
    .replace("\n", "\r\n")
    .encode(),
}
BROKEN: dict[str, bytes] = {
    "nul": b"| a |\n| - |\n| \x00 |\n",
    "invalid-utf8": b"| a |\n| - |\n| \xff\xfe |\n",
    "encoded-surrogate": b"| a |\n| - |\n| \xed\xa0\x80 |\n",
}


def _run(tmp_path: Path, name: str, data: bytes, *args: str) -> tuple[int, str]:
    path = tmp_path / f"{name}.md"
    path.write_bytes(data)
    result = run_cli(*args, path.name, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1, 2), result.stderr[-2000:]
    return result.returncode, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_is_linted(tmp_path: Path, name: str) -> None:
    code, stderr = _run(tmp_path, name, HOSTILE[name], "--isolated", "--output-format", "json")
    assert code in (0, 1), stderr[-2000:]


@pytest.mark.parametrize("name", BROKEN)
def test_broken_file_is_one_input_error(tmp_path: Path, name: str) -> None:
    code, stderr = _run(tmp_path, name, BROKEN[name], "--isolated")
    assert code == 2
    assert stderr.splitlines()[0].startswith(f"awesome-lint: error: {name}.md:")
