"""``--fix`` and ``--diff``: fixture pairs, the command line, properties, the corpus.

``fixtures/fix/<case>.md`` fixed with ``<case>.yaml`` (if present; otherwise the default
rules) must give ``<case>.fixed.md`` byte for byte, also as CRLF, mixed line endings,
with a BOM and without a final newline (variants generated here from the LF files);
the fixed file must be a fixed point. A case named ``<code>_...`` covers rule CODE.
``UPDATE_FIXTURES=1`` rewrites the ``.fixed.md`` files (review the diff).
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import stat
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint import fixer
from awesome_lint.cli import main as cli_main
from awesome_lint.engine import Engine
from awesome_lint.fixer import FixResult, fix_document, fix_file, render
from awesome_lint.model import Document, Row, Table
from awesome_lint.parser import decode, parse
from awesome_lint.registry import load_rules
from awesome_lint.rule import Fix
from awesome_lint.rules import tab001_column_count, tab003_style
from awesome_lint.safewrite import WriteRefused, write_atomic
from tests.conftest import CORPUS, FIXED_TODAY, FIXTURES

FIX_FIXTURES = FIXTURES / "fix"
CASES = sorted(p for p in FIX_FIXTURES.glob("*.md") if not p.name.endswith(".fixed.md"))
TODAY = dt.date.fromisoformat(FIXED_TODAY)


def _mixed(data: bytes) -> bytes:
    lines = data.split(b"\n")
    return (
        b"".join(line + (b"\r\n" if index % 2 else b"\n") for index, line in enumerate(lines[:-1]))
        + lines[-1]
    )


VARIANTS: dict[str, Callable[[bytes], bytes]] = {
    "lf": lambda data: data,
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "mixed": _mixed,
    "bom": lambda data: "\ufeff".encode() + data,
    "no-final-newline": lambda data: data.removesuffix(b"\n"),
}


@cache
def engine_for(config: Path | None = None, style: str | None = None) -> Engine:
    overrides: dict[str, object] = {"today": TODAY}
    if style is not None:
        overrides["table-style"] = style
    return Engine(load_rules(), overrides, config_path=config, isolated=True)


def parse_bytes(data: bytes, engine: Engine, name: str = "case.md") -> tuple[Document, str]:
    text, bom = decode(data, name)
    return parse(text, name, bom=bom), text


def fix_bytes(data: bytes, engine: Engine, name: str = "case.md") -> tuple[bytes, FixResult]:
    document, text = parse_bytes(data, engine, name)
    result = fix_document(document, engine, engine.profile_for(None))
    return render(result.document, text, result.endings), result


def case_engine(case: Path) -> Engine:
    config = case.with_suffix(".yaml")
    return engine_for(config if config.exists() else None)


def expected_file(case: Path) -> Path:
    return case.with_suffix(".fixed.md")


# Fixture pairs ------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_fixture_pair(case: Path, variant: str) -> None:
    change = VARIANTS[variant]
    fixed, _ = fix_bytes(change(case.read_bytes()), case_engine(case))
    if os.environ.get("UPDATE_FIXTURES") and variant == "lf":
        expected_file(case).write_bytes(fixed)
    assert fixed == change(expected_file(case).read_bytes())


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_fixed_fixture_is_a_fixed_point(case: Path) -> None:
    after = expected_file(case).read_bytes()
    fixed, result = fix_bytes(after, case_engine(case))
    assert fixed == after
    assert (result.applied, result.trimmed) == (0, 0)
    assert not [v for v in result.violations if v.fixable]


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_fixture_pair_changes_something(case: Path) -> None:
    assert case.read_bytes() != expected_file(case).read_bytes()


def test_every_fixable_rule_has_a_fixture_pair() -> None:
    covered = {case.name.split("_")[0].upper() for case in CASES}
    # Online rules' fixes (LNK006) are tested against the local servers (tests/online).
    offline = [rule for rule in load_rules() if rule.fixable and rule.prepare is None]
    missing = [rule.code for rule in offline if rule.code not in covered]
    assert not missing, f"fixable rules without fixtures/fix/<code>_<case>.md: {missing}"


def test_deleted_lines_take_their_line_endings_with_them() -> None:
    """TAB006 deletes the blank line that cuts a row off its table: every other line keeps
    its own ending, wherever it moves to."""
    data = b"| a | b |\r\n|---|---|\n| 1 | 2 |\r\n\r\n| 3 | 4 |\n\rText\r\n"
    fixed, result = fix_bytes(data, engine_for())
    assert fixed == b"| a | b |\r\n|---|---|\n| 1 | 2 |\r\n| 3 | 4 |\n\rText\r\n"
    assert result.endings == [0, 1, 2, 4, 5, 6]


# The command line ---------------------------------------------------------------------

MISALIGNED = b"# List\n\n| Date | Model |  \n|---|---|\n| 2024-01 | A |\n\nText.  \n"
ALIGNED = b"# List\n\n| Date    | Model |\n| ------- | ----- |\n| 2024-01 | A     |\n\nText.  \n"


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    config = tmp_path / "awesome-lint.yaml"
    config.write_text("table-style: aligned\n")
    readme = tmp_path / "README.md"
    readme.write_bytes(MISALIGNED)
    return config, readme


def test_fix_rewrites_the_file_and_says_how_many_fixes(cli, project) -> None:
    config, readme = project
    result = cli("--config", str(config), "--fix", str(readme))
    assert result.returncode == 0, result.stderr
    assert readme.read_bytes() == ALIGNED
    assert f"{readme}: applied 1 fix; removed trailing whitespace from 1 table line" in (
        result.stderr
    )
    assert "Fixed 1 problem." in result.stderr
    assert result.stdout == ""


def test_fix_reports_what_remains_and_exits_by_it(cli, project) -> None:
    config, readme = project
    readme.write_bytes(MISALIGNED + b"\n| Date | Title |\n|---|---|\n| 2024-01 |\n")
    result = cli("--config", str(config), "--fix", str(readme))
    assert result.returncode == 1
    assert "TAB001" in result.stdout and "TAB003" not in result.stdout
    assert readme.read_bytes().startswith(ALIGNED)


def test_second_fix_changes_nothing(cli, project) -> None:
    config, readme = project
    cli("--config", str(config), "--fix", str(readme))
    before = readme.stat()
    result = cli("--config", str(config), "--fix", str(readme))
    assert result.returncode == 0
    assert readme.read_bytes() == ALIGNED
    assert readme.stat().st_ino == before.st_ino  # not even rewritten
    assert "applied" not in result.stderr and "Fixed" not in result.stderr


def test_diff_prints_a_unified_diff_and_writes_nothing(cli, project) -> None:
    config, readme = project
    result = cli("--config", str(config), "--diff", str(readme))
    assert result.returncode == 1
    assert readme.read_bytes() == MISALIGNED
    assert result.stdout.startswith(f"--- {readme}\n+++ {readme}\n@@ ")
    assert "-| Date | Model |  \n" in result.stdout
    assert "+| Date    | Model |\n" in result.stdout
    assert "1 file would be changed." in result.stderr


def test_diff_of_a_fixed_file_is_empty(cli, project) -> None:
    config, readme = project
    readme.write_bytes(ALIGNED)
    result = cli("--config", str(config), "--diff", str(readme))
    assert (result.returncode, result.stdout) == (0, "")


def test_diff_marks_a_missing_final_newline(cli, project) -> None:
    config, readme = project
    readme.write_bytes(b"| a | b |\n|-|-|\n| c | d |")
    result = cli("--config", str(config), "--diff", str(readme))
    assert result.stdout.endswith("+| c   | d   |\n\\ No newline at end of file\n")


def test_fix_and_diff_exclude_each_other(cli, project) -> None:
    config, readme = project
    result = cli("--config", str(config), "--fix", "--diff", str(readme))
    assert result.returncode == 2
    assert readme.read_bytes() == MISALIGNED


def test_fix_from_stdin_writes_the_fixed_text_to_stdout(cli, project) -> None:
    config, _ = project
    crlf_bom = "\ufeff".encode() + MISALIGNED.replace(b"\n", b"\r\n")
    result = cli("--config", str(config), "--fix", "-", stdin=crlf_bom)
    assert result.returncode == 0
    assert result.stdout.encode() == "\ufeff".encode() + ALIGNED.replace(b"\n", b"\r\n")
    assert "-: applied 1 fix" in result.stderr


def test_fix_from_stdin_reports_on_stderr(cli, project) -> None:
    config, _ = project
    data = b"| Date | Title |\n|---|---|\n| 2024-01 |\n"  # the title is missing: an error
    result = cli("--config", str(config), "--fix", "-", "--stdin-filename", "x.md", stdin=data)
    assert result.returncode == 1
    assert result.stdout == "| Date    | Title |\n| ------- | ----- |\n| 2024-01 |\n"
    assert "x.md:3:1: TAB001" in result.stderr


def test_diff_from_stdin(cli, project) -> None:
    config, _ = project
    result = cli("--config", str(config), "--diff", "-", stdin=MISALIGNED)
    assert result.returncode == 1
    assert result.stdout.startswith("--- -\n+++ -\n")


def test_fix_keeps_permissions_line_endings_and_leaves_no_temporary_file(cli, project) -> None:
    config, readme = project
    readme.write_bytes("\ufeff".encode() + MISALIGNED.replace(b"\n", b"\r\n"))
    readme.chmod(0o640)
    names = sorted(os.listdir(readme.parent))
    assert cli("--config", str(config), "--fix", str(readme)).returncode == 0
    assert stat.S_IMODE(readme.stat().st_mode) == 0o640
    assert readme.read_bytes() == "\ufeff".encode() + ALIGNED.replace(b"\n", b"\r\n")
    assert sorted(os.listdir(readme.parent)) == names


def test_fix_through_a_symlink_keeps_the_link(cli, project) -> None:
    config, readme = project
    link = readme.parent / "LINK.md"
    link.symlink_to(readme.name)
    assert cli("--config", str(config), "--fix", str(link)).returncode == 0
    assert link.is_symlink()
    assert readme.read_bytes() == ALIGNED


def test_fix_does_not_replace_a_file_the_user_may_not_write(monkeypatch, capsys, project) -> None:
    config, readme = project
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # also when run as root
    assert cli_main(["--config", str(config), "--fix", str(readme)]) == 2
    assert f"{readme}: cannot write: Permission denied" in capsys.readouterr().err
    assert readme.read_bytes() == MISALIGNED


def test_fix_summary_lists_fixed_files_next_to_input_errors(cli, project) -> None:
    config, readme = project
    result = cli("--config", str(config), "--fix", str(readme), "missing.md")
    assert result.returncode == 2
    assert f"{readme}: applied 1 fix" in result.stderr
    assert "missing.md: no such file" in result.stderr
    assert readme.read_bytes() == ALIGNED


def test_json_output_says_which_violations_are_fixable(cli, project) -> None:
    config, readme = project
    result = cli("--config", str(config), "--output-format", "json", str(readme))
    assert '"fixable": true' in result.stdout


def _drop_last_cell(table: Table, style: str) -> list[str]:  # a broken TAB003 fix: drops a cell
    return [text.rsplit("|", 2)[0] + "|" for text in RENDER(table, style)]


RENDER = tab003_style.render


_ASCII_PIPES = tab001_column_count._ascii_pipes


def _pipes_with_text(row: Row) -> Fix:  # a broken TAB001 fix: text written with each pipe
    return Fix(tuple(edit._replace(text="|x") for edit in _ASCII_PIPES(row).edits), "broken")


def test_only_a_lone_pipe_is_a_new_cell_boundary(monkeypatch) -> None:
    data = (FIX_FIXTURES / "tab001_full_width.md").read_bytes()
    fixed, _ = fix_bytes(data, engine_for())
    assert fixed == (FIX_FIXTURES / "tab001_full_width.fixed.md").read_bytes()
    monkeypatch.setattr(tab001_column_count, "_ascii_pipes", _pipes_with_text)
    with pytest.raises(fixer.UnsafeFixError, match="the table at line 7 would"):
        fix_bytes(data, engine_for())


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_fix_that_loses_a_cell_is_refused(monkeypatch, capsys, project, mode) -> None:
    config, readme = project
    monkeypatch.setattr(tab003_style, "render", _drop_last_cell)
    code = cli_main(["--config", str(config), mode, str(readme)])
    captured = capsys.readouterr()
    assert code == 2
    assert readme.read_bytes() == MISALIGNED
    assert f"awesome-lint: error: {readme}: refusing to fix: the table at line 3" in (captured.err)
    if mode == "--fix":
        assert "TAB003" in captured.out  # the violation is still reported
    else:
        assert captured.out == ""  # no diff


def test_refused_stdin_fix_passes_the_text_through(monkeypatch, capsysbinary, project) -> None:
    config, _ = project
    monkeypatch.setattr(tab003_style, "render", _drop_last_cell)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MISALIGNED)))
    assert cli_main(["--config", str(config), "--fix", "-"]) == 2
    captured = capsysbinary.readouterr()
    assert captured.out == MISALIGNED
    assert b"-: refusing to fix" in captured.err


def test_an_interrupted_write_leaves_the_file_and_no_temporary(monkeypatch, tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(MISALIGNED)

    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, ALIGNED)
    assert path.read_bytes() == MISALIGNED
    assert os.listdir(tmp_path) == ["a.md"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_fix_as_root_keeps_a_users_owner_group_and_setuid_mode(project) -> None:
    config, readme = project
    os.chown(readme, 1234, 5678)
    readme.chmod(0o4755)
    assert cli_main(["--config", str(config), "--fix", "-q", str(readme)]) == 0
    status = readme.stat()
    assert (status.st_uid, status.st_gid) == (1234, 5678)
    assert stat.S_IMODE(status.st_mode) == 0o4755
    assert readme.read_bytes() == ALIGNED


def test_fix_refuses_a_file_whose_owner_it_cannot_keep(monkeypatch, capsys, project) -> None:
    config, readme = project

    def refuse(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refuse)
    monkeypatch.setattr(os, "fstat", _other_owner(os.fstat, readme))
    names = sorted(os.listdir(readme.parent))
    assert cli_main(["--config", str(config), "--fix", str(readme)]) == 2
    assert f"{readme}: not rewritten: the new file cannot get its owner" in capsys.readouterr().err
    assert readme.read_bytes() == MISALIGNED
    assert sorted(os.listdir(readme.parent)) == names


def _other_owner(real_fstat: Callable[[int], os.stat_result], path: Path) -> Callable[..., object]:
    """``os.fstat`` that says ``path`` belongs to someone else (uid + 1)."""
    inode = path.stat().st_ino

    def fstat(fd: int) -> object:
        status = real_fstat(fd)
        if status.st_ino != inode:
            return status
        fields = list(status)
        fields[stat.ST_UID] += 1
        return os.stat_result(fields)

    return fstat


def test_fix_refuses_a_file_with_hard_links(capsys, project) -> None:
    config, readme = project
    other = readme.parent / "OTHER.md"
    os.link(readme, other)
    assert cli_main(["--config", str(config), "--fix", str(readme)]) == 2
    assert f"{readme}: not rewritten: it has 2 hard links" in capsys.readouterr().err
    assert readme.read_bytes() == other.read_bytes() == MISALIGNED
    assert os.path.samefile(readme, other)


def test_fix_refuses_a_file_edited_while_it_ran(monkeypatch, capsys, project) -> None:
    config, readme = project
    edited = MISALIGNED + b"A line saved meanwhile.\n"
    real = fixer.fix_document

    def edit_then_fix(*args: object) -> FixResult:
        readme.write_bytes(edited)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(fixer, "fix_document", edit_then_fix)
    assert cli_main(["--config", str(config), "--fix", str(readme)]) == 2
    err = capsys.readouterr().err
    assert (
        f"awesome-lint: error: {readme}: not rewritten: it changed on disk after it was read" in err
    )
    assert readme.read_bytes() == edited


def test_write_atomic_refuses_a_file_changed_while_the_copy_is_written(
    monkeypatch, tmp_path
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(MISALIGNED)
    real_fsync = os.fsync

    def touch_then_fsync(fd: int) -> None:
        os.utime(path, ns=(1, 1))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", touch_then_fsync)
    with pytest.raises(WriteRefused, match="changed on disk"):
        write_atomic(path, ALIGNED, expected=MISALIGNED)
    assert path.read_bytes() == MISALIGNED
    assert os.listdir(tmp_path) == ["a.md"]


_KILLED_WRITER = """
import sys
from pathlib import Path
from awesome_lint.safewrite import write_atomic
path = Path(sys.argv[1])
print("ready", flush=True)
for round in range(1000):
    write_atomic(path, bytes([65 + round % 2]) * 4_000_000)
"""


def test_a_write_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path) -> None:
    path = tmp_path / "a.md"
    contents = {b"A" * 4_000_000, b"B" * 4_000_000}
    path.write_bytes(b"A" * 4_000_000)
    for delay in (0.0, 0.01, 0.03, 0.07, 0.1, 0.15):
        with subprocess.Popen(
            [sys.executable, "-c", _KILLED_WRITER, str(path)], stdout=subprocess.PIPE
        ) as writer:
            assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
            time.sleep(delay)
            writer.kill()
        assert path.read_bytes() in contents
    assert all(name == "a.md" or name.endswith(".tmp") for name in os.listdir(tmp_path))


def test_fix_file_writes_only_when_something_changed(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(ALIGNED)
    engine = engine_for(style="aligned")
    document, text = parse_bytes(ALIGNED, engine, str(path))
    path.chmod(0o444)  # a write would fail
    result = fix_file(
        document, text, path, engine, engine.profile_for(None), diff=False, stdout=io.StringIO()
    )
    assert not result.changed


# Properties ---------------------------------------------------------------------------

HEADER_WORDS = ["Date", "Model", "Title", "Link", "Notes", "名前"]
CELL_WORDS = ["alpha", "Beta", "GPT-4", "模型", "🦙", "café", "x", "a\\|b", "`code`", ""]
DATES = ["2024-02", "2023-11", "2024-05", "2023-11", "2024/03", "Feb 2024", "2022.5", "soon"]
LINKS = [
    "[paper](https://arxiv.org/abs/2401.00001)",
    "[pdf](http://arxiv.org/pdf/2312.00002v2.pdf)",
    "[paper](https://arxiv.org/abs/2402.00003v2)",
]
PARAGRAPHS = ["Some text.", "| not a table", "- a list item", "Trailing blanks.   ", "# Heading"]
_URL = re.compile(r"\]\([^)]*\)")
_DATE = re.compile(r"\d{4}([-/.]\d{1,2}){0,2}|[A-Z][a-z]+\.? \d{4}")


@st.composite
def table_lines(draw: st.DrawFn) -> list[str]:
    """A table's lines: any words, or (half the time) a paper table whose dates and
    links the fixes rewrite and sort."""
    if draw(st.booleans()):
        header = ["Date", "Model", "Link"]
        row = st.tuples(
            st.sampled_from(DATES), st.sampled_from(CELL_WORDS), st.sampled_from(LINKS)
        ).map(list)
    else:
        width = draw(st.integers(1, 4))
        header = draw(st.lists(st.sampled_from(HEADER_WORDS), min_size=width, max_size=width))
        words = st.lists(st.sampled_from(CELL_WORDS + DATES + LINKS), max_size=2).map(" ".join)
        row = st.lists(words, min_size=max(1, width - 1), max_size=width + 1)
    delimiter = draw(
        st.lists(
            st.sampled_from(["---", ":--", "--:", ":-:", "-"]),
            min_size=len(header),
            max_size=len(header),
        )
    )
    body = draw(st.lists(row, max_size=6))
    return [draw(row_text(cells)) for cells in [header, delimiter, *body]]


@st.composite
def row_text(draw: st.DrawFn, cells: list[str]) -> str:
    pad = st.sampled_from(["", " ", "  "])
    inner = "|".join(draw(pad) + cell + draw(pad) for cell in cells)
    lead, trail = draw(st.booleans()) or len(cells) == 1, draw(st.booleans())
    return (
        ("| " if lead else "")
        + inner
        + (" |" if trail else "")
        + draw(st.sampled_from(["", " ", "\t", "  "]))
    )


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Paragraphs and tables, tables also in a list item or a block quote."""
    blocks = []
    for kind in draw(st.lists(st.sampled_from(["text", *CONTAINERS]), max_size=4)):
        if kind == "text":
            blocks.append(draw(st.sampled_from(PARAGRAPHS)))
        else:
            intro, prefix = CONTAINERS[kind]
            lines = [prefix + line for line in draw(table_lines())]
            blocks.append("\n".join([intro, *lines] if intro else lines))
    return "\n\n".join(blocks) + draw(st.sampled_from(["", "\n"]))


CONTAINERS = {"table": ("", ""), "item": ("- In a list:\n", "  "), "quote": ("> Quoted:\n>", "> ")}


def masked_rows(document: Document) -> list[Counter[tuple[str, ...]]]:
    """Per table, its rows as a multiset, links' URLs and dates masked (fixes change those)."""
    return [
        Counter(
            tuple(_DATE.sub("<date>", _URL.sub("](<url>)", c.text)) for c in row.cells)
            for row in [*table.rows, table.header]
        )
        for table in document.tables
    ]


def outside_tables(document: Document) -> list[tuple[int, str]]:
    inside = {n for t in document.tables for n in range(t.line, t.end_line + 1)}
    return [(n, line) for n, line in enumerate(document.lines, 1) if n not in inside]


@settings(
    derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(documents(), st.sampled_from(["aligned", "compact"]))
def test_fixing_generated_tables(source: str, style: str) -> None:
    engine = engine_for(style=style)
    once, result = fix_bytes(source.encode(), engine)
    twice, again = fix_bytes(once, engine)
    assert twice == once
    assert (again.applied, again.trimmed) == (0, 0)
    assert masked_rows(result.document) == masked_rows(result.original)
    assert outside_tables(result.document) == outside_tables(result.original)


# The corpus ---------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_BARE_URL = re.compile(r"\bhttps?://[^\s)\]>|]+")
_MONTHS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


def words(text: str) -> Counter[str]:
    """The words of ``text`` outside URLs, without numbers and month names (date parts)."""
    found = _WORD.findall(_BARE_URL.sub(" ", _URL.sub("]", text)))
    return Counter(w for w in found if not w.isdigit() and w.casefold() not in _MONTHS)


def corpus_files() -> list[Path]:
    return sorted((CORPUS / "lists").glob("*.md")) + sorted((CORPUS / "history").rglob("*.md"))


def fix_corpus_copy(source: Path, directory: Path) -> int:
    """Fix a copy of ``source`` in ``directory``, re-lint it, fix it again; check that
    nothing was lost. Returns how many lines (all in tables, or blank lines that cut rows
    off a table) the fix changed or removed."""
    engine = engine_for(style="aligned")
    profile = engine.profile_for(None)
    copy = directory / source.name
    copy.write_bytes(source.read_bytes())
    document, text = parse_bytes(copy.read_bytes(), engine, str(copy))
    fix_file(document, text, copy, engine, profile, diff=False, stdout=io.StringIO())
    fixed_document, fixed_text = parse_bytes(copy.read_bytes(), engine, str(copy))
    again = fix_document(fixed_document, engine, profile)
    assert not again.changed, f"{source.name}: a second --fix changes it"
    assert not [v for v in again.violations if v.fixable], f"{source.name}: fixable left"
    assert not words(text) - words(fixed_text), f"{source.name}: words lost"
    return sum((Counter(document.lines) - Counter(fixed_document.lines)).values())


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not there")
def test_fixing_the_corpus(tmp_path: Path, record_property) -> None:
    from concurrent.futures import ProcessPoolExecutor

    files = corpus_files()
    with ProcessPoolExecutor() as pool:  # the files are independent: use every core
        rows = list(pool.map(fix_corpus_copy, files, [tmp_path] * len(files)))
    summary = f"{len(files)} files: {sum(map(bool, rows))} changed, {sum(rows)} rows changed"
    record_property("corpus", summary)
    print(f"corpus: {summary}")
