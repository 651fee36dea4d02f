"""Fuzzing: mutated pieces of real lists (``../shared/corpus``) and generated hostile
tables, through the command line in this process (``awesome_lint.cli.main``).

For every input: no traceback and no ``internal error``, an exit code of 0, 1 or 2, for
a plain run in a random output format and for ``--fix``; after ``--fix``, no finding is
still fixable, every line outside the original tables is byte for byte what it was (and
every line ending, the BOM and the final newline; only the blank lines that cut rows off
a table may go), and a second ``--fix`` changes nothing. A refused fix must leave the
file untouched; it is counted and reported.

The seed is fixed and example ``N`` is the same input on every run (``random.Random``
seeded with the seed and ``N``), so a failure names the example that reproduces it.
``AWESOME_LINT_FUZZ=2000`` runs 2000 examples of each kind instead of 100.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from awesome_lint.cli import main
from awesome_lint.parser import InputError, decode, parse
from tests.conftest import CORPUS, FIXED_TODAY

SEED = 20260115
EXAMPLES = int(os.environ.get("AWESOME_LINT_FUZZ", "100"))
FORMATS = ("text", "full", "json", "github", "sarif", "junit")
CONFIGS = ("", "table-style: aligned\n", "table-style: compact\n")
BOM = b"\xef\xbb\xbf"
_LINE = re.compile(rb"(\r\n|\r|\n)")

HOSTILE = (
    "|", "\\|", "||", "| |", "`", "``", "`|`", "[", "]", "](", "[x](", "**", "_", "~~",
    "[x](https://arxiv.org/abs/2401.00001", "[pdf---pdf---pdf---x](https://arxiv.org/abs/2401.00001)",
    "<a href=", "<a href='https://arxiv.org/abs/2401.00001'>p</a>", "<!--", "-->", "<br>",
    "&#124;", "&amp;", "\t", "\u00a0", "\u3000", "\u200b", "\u202e", "\x1b[31m", "\x85",
    "\u2028", "\x0b", "\x0c", "模型", "🦙", "👨\u200d👩\u200d👧", "e\u0301", "2024-02",
    "2024/13/45",
    "Feb 30, 2024", "0000-00", "9999-12", "2024.1", "Jan 2024", "2401.00001", "2401.00001v99",
    "arXiv:2401.00001", "https://arxiv.org/pdf/2401.00001v2.pdf", "http://arxiv.org/abs/2401.00001",
    "https://arxiv.org/abs/hep-th/9901001", "https://doi.org/10.1000/xyz",
    "http://dx.doi.org/10.1000/XYZ", "https://openreview.net/pdf?id=abc",
    "https://aclanthology.org/2024.acl-long.1.pdf", "https://github.com/a/b",
    "https://github.com/a/b/tree/main/x", "https://huggingface.co/papers/2401.00001",
    "https://paperswithcode.com/paper/x", ":---:", "---:", "---", ":-", "> ", "- ", "1. ",
    "    ", "```", "~~~", "<!-- awesome-lint-disable -->", "<!-- awesome-lint-enable -->",
    "<!-- awesome-lint-disable-next-line TAB001 -->", "<!-- awesome-lint-disable-line -->",
    "\\", "#", "# ", "\r", "\r\n", "\n", "\n\n", "-", "N/A", "TBD", "-", "?", "",
)  # fmt: skip
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DATE_FORMATS = ("{y}-{m:02d}", "{y}/{m:02d}", "{y}.{m}", "{mon} {y}", "{y}-{m:02d}-{d:02d}", "{y}")
TITLE_WORDS = ("Attention", "Is", "All", "You", "Need", "Large", "Speech", "模型", "🦙", "GPT-4")
DATES = ("2024-02", "2023-11", "2024/03", "Feb 2024", "2022.5", "2024-02-30", "2021", "soon")
LINK_FORMS = (
    "https://arxiv.org/abs/{id}", "https://arxiv.org/abs/{id}v2", "https://arxiv.org/pdf/{id}",
    "https://arxiv.org/pdf/{id}v1.pdf", "http://arxiv.org/abs/{id}", "https://www.arxiv.org/abs/{id}",
    "https://huggingface.co/papers/{id}", "https://doi.org/10.48550/arXiv.{id}",
    "http://dx.doi.org/10.1145/{id}", "https://openreview.net/pdf?id=x{id}",
    "https://aclanthology.org/2024.acl-long.{n}.pdf", "https://github.com/o/r{n}",
    "https://paperswithcode.com/paper/x{n}", "{id}",
)  # fmt: skip
# --- inputs ------------------------------------------------------------------------------


@cache
def corpus_files() -> tuple[Path, ...]:
    return tuple(sorted(p for p in CORPUS.glob("**/*.md") if p.is_file()))


@cache
def corpus_lines(path: Path) -> tuple[bytes, ...]:
    return tuple(path.read_bytes().splitlines(keepends=True))


def corpus_piece(rng: random.Random) -> bytes:
    """A window of a real list, around one of its table lines when it has any."""
    lines = corpus_lines(rng.choice(corpus_files()))
    table_lines = [n for n, line in enumerate(lines) if line.lstrip().startswith(b"|")]
    around = rng.choice(table_lines) if table_lines else rng.randrange(max(1, len(lines)))
    start = max(0, around - rng.randint(0, 12))
    return b"".join(lines[start : start + rng.randint(3, 80)])


def hostile_table(rng: random.Random) -> bytes:
    """A generated list: a paper table (a date column in one main format, titles, links
    in many forms), some of its cells hostile, its pipes and prefixes sometimes odd."""
    hostility = rng.choice((0.0, 0.02, 0.1, 0.4))
    roles = ["date", "title", "link", *rng.sample(("model", "code", "notes", "link"), 2)]
    roles = rng.sample(roles, rng.randint(2, len(roles)))
    headers = [rng.choice(HEADER_NAMES[role]) for role in roles]
    date_format = rng.choice(DATE_FORMATS)
    rows = [headers, [rng.choice(("---", ":---", "---:", ":---:", "-")) for _ in roles]]
    for _ in range(rng.randint(0, 20)):
        cells = [_cell(rng, role, date_format, hostility) for role in roles]
        if rng.random() < hostility:
            cells = cells[: rng.randint(1, len(cells))] + ["extra"] * rng.randint(0, 1)
        rows.append(cells)
    prefix = rng.choice(("",) * 6 + ("> ", "- ", "   ", "1. "))
    lines = [prefix + _join(rng, cells, hostility) for cells in rows]
    if rng.random() < 0.2:
        lines.insert(rng.randint(2, len(lines)), rng.choice(("Text under it.", "a \\| b")))
    before = rng.choice(("", "# List\n\n", "Intro\n", "<!-- awesome-lint-disable -->\n"))
    after = rng.choice(("", "\n", "\nText.\n", "\n| a |\n|---|\n| b |\n"))
    return (before + "\n".join(lines) + "\n" + after).encode("utf-8")


HEADER_NAMES = {
    "date": ("Date", "Release Date", "Year", "Published"),
    "title": ("Title", "Paper", "Paper Title", "名前"),
    "link": ("Link", "Paper", "arXiv", "PDF"),
    "model": ("Model", "Name", "Model Name"),
    "code": ("Code", "GitHub", "Repo"),
    "notes": ("Notes", "Venue", "Comment", ""),
}


def _cell(rng: random.Random, role: str, date_format: str, hostility: float) -> str:
    if rng.random() < hostility:
        return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(0, 4)))
    if role == "date":
        form = date_format if rng.random() < 0.85 else rng.choice(DATE_FORMATS)
        month = rng.randint(1, 12)
        values = {"y": rng.randint(2015, 2026), "m": month, "d": rng.randint(1, 31)}
        return form.format(mon=MONTHS[month - 1], **values)
    if role in ("link", "code"):
        paper = f"{rng.randint(15, 25)}{rng.randint(1, 12):02d}.{rng.randint(1, 20000):05d}"
        url = rng.choice(LINK_FORMS).format(id=paper, n=rng.randint(1, 99))
        return f"[{rng.choice(('paper', 'pdf', 'arXiv', 'code'))}]({url})"
    words = rng.randint(1, 6) if role == "title" else rng.randint(0, 2)
    return " ".join(rng.choice(TITLE_WORDS) for _ in range(words))


def _join(rng: random.Random, cells: list[str], hostility: float) -> str:
    pad = rng.choice(("", " ", " ", "  ", "\t"))
    text = "|".join(pad + cell + pad for cell in cells)
    leading = "" if rng.random() < hostility else "|"
    trailing = "" if rng.random() < hostility else "|"
    return leading + text + trailing + rng.choice(("",) * 6 + (" ", "\t "))


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to four random changes: tokens, deletions, line moves, endings, long runs,
    blank lines that cut rows off their table."""
    text = data.decode("utf-8", "surrogateescape")
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(MUTATIONS)(rng, text)
    out = text.encode("utf-8", "surrogateescape")
    if rng.random() < 0.03:  # sometimes not text at all: an input error, exit 2
        position = rng.randint(0, len(out))
        out = out[:position] + rng.choice((b"\xff", b"\xc3", b"\x00")) + out[position:]
    return out


def _insert(rng: random.Random, text: str) -> str:
    position = rng.randint(0, len(text))
    return text[:position] + rng.choice(HOSTILE) + text[position:]


def _delete(rng: random.Random, text: str) -> str:
    position = rng.randint(0, len(text))
    return text[:position] + text[position + rng.randint(1, 20) :]


def _long_run(rng: random.Random, text: str) -> str:
    position = rng.randint(0, len(text))
    token = rng.choice(("pdf---", "[", "<a ", "`", "\\|", "| ", "-", "🦙", "*_", "(", "[x]("))
    return text[:position] + token * rng.randint(50, 3000) + text[position:]


def _move_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return text
    index = rng.randrange(len(lines) - 1)
    action = rng.choice(("swap", "duplicate", "drop"))
    if action == "swap":
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
    elif action == "duplicate":
        lines.insert(index, lines[index])
    else:
        del lines[index]
    return "".join(lines)


def _endings(rng: random.Random, text: str) -> str:
    ending = rng.choice(("\r\n", "\r", "\n"))
    if rng.random() < 0.5:
        return re.sub(r"\r\n|\r|\n", ending, text)
    return "".join(
        line.rstrip("\r\n") + (ending if line[-1:] in "\r\n" and rng.random() < 0.5 else line[-1:])
        if line
        else line
        for line in text.splitlines(keepends=True)
    )


def _edges(rng: random.Random, text: str) -> str:
    choice = rng.random()
    if choice < 0.3:
        return "\ufeff" + text
    if choice < 0.6:
        return text.rstrip("\r\n")
    return text + rng.choice(("\n", "Text right under.\n", "| x |\n"))


def _cell_edit(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    rows = [n for n, line in enumerate(lines) if line.count("|") >= 2]
    if not rows:
        return text
    index = rng.choice(rows)
    cells = lines[index].split("|")
    target = rng.randrange(len(cells))
    cells[target] = f" {rng.choice(HOSTILE + DATES)} "
    lines[index] = "|".join(cells)
    return "".join(lines)


def _cut_rows(rng: random.Random, text: str) -> str:
    """A blank line slipped in above a row (and its ending: mixed endings stay mixed)."""
    lines = text.splitlines(keepends=True)
    rows = [n for n, line in enumerate(lines) if n and line.count("|") >= 2]
    if not rows:
        return text
    index = rng.choice(rows)
    above = lines[index - 1]
    lines.insert(index, above[len(above.rstrip("\r\n")) :] or "\n")
    return "".join(lines)


MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    _cut_rows,
    _insert,
    _insert,
    _delete,
    _long_run,
    _move_lines,
    _endings,
    _edges,
    _cell_edit,
    _cell_edit,
)


# --- running and checking ----------------------------------------------------------------


@dataclass
class Figures:
    examples: int = 0
    exit_codes: Counter[int] = field(default_factory=Counter)
    fixed: int = 0  # files --fix changed
    refused: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self, kind: str) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.exit_codes.items()))
        return (
            f"{kind}: {self.examples} examples checked (exit codes {codes}), "
            f"{self.fixed} changed by --fix, {len(self.refused)} fixes refused, "
            f"{len(self.failures)} failures"
        )


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str, str]]:
    monkeypatch.setenv("AWESOME_LINT_TODAY", FIXED_TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("GITHUB_ACTIONS", "GITHUB_TOKEN", "GITHUB_GRAPHQL_URL", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("AWESOME_LINT_DEBUG", raising=False)

    def invoke(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
        return code, out.getvalue(), err.getvalue()

    return invoke


def check_example(
    data: bytes, rng: random.Random, directory: Path, invoke: Callable[..., tuple[int, str, str]]
) -> tuple[int, str | None, bool]:
    """Lint and fix ``data``: (exit code of the plain run, why the fix was refused or
    None, whether the file changed). Raises AssertionError on a broken property."""
    path = directory / "case.md"
    config = directory / "config.yaml"
    config.write_text(rng.choice(CONFIGS), encoding="utf-8")
    path.write_bytes(data)
    common = ("--config", str(config), "--no-cache")
    code, _, err = invoke(*common, "--output-format", rng.choice(FORMATS), str(path))
    _assert_clean(code, err)
    code_fixed, out, err = invoke(*common, "--output-format", "json", "--fix", str(path))
    _assert_clean(code_fixed, err)
    fixed = path.read_bytes()
    if "refusing to fix" in err:
        assert fixed == data, "a refused fix wrote the file"
        return code, err.strip().splitlines()[0], False
    if fixed == data:
        return code, None, False
    still = [item for item in json.loads(out) if item["fixable"]]
    assert not still, f"fixable findings remain after --fix: {still[:3]}"
    _assert_kept_outside_tables(data, fixed)
    _, _, err = invoke(*common, "--output-format", "json", "--fix", str(path))
    assert path.read_bytes() == fixed, f"a second --fix changed the file: {err}"
    return code, None, True


def _assert_clean(code: int, err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1, 2), (code, err)


def _assert_kept_outside_tables(before: bytes, after: bytes) -> None:
    """Same BOM and line endings; lines outside the tables byte for byte, with their line
    endings. Only blank lines that cut rows off a table may go (TAB006 joins them)."""
    assert before.startswith(BOM) == after.startswith(BOM), "the BOM changed"
    old, new = _lines(before), _lines(after)
    old_inside, cutting = _table_lines(before)
    new_inside, _ = _table_lines(after)
    assert len(old) - cutting <= len(new) <= len(old), f"{len(old)} lines became {len(new)}"
    if len(old) == len(new):
        assert [end for _, end in old] == [end for _, end in new], "line endings changed"
    kept = [(number, line) for number, line in enumerate(old, start=1) if number not in old_inside]
    now = [line for number, line in enumerate(new, start=1) if number not in new_inside]
    for (number, line), other in zip(kept, now, strict=False):
        assert line == other, f"line {number} outside the tables changed: {line!r} {other!r}"
    assert len(kept) == len(now), "lines outside the tables were added or removed"


def _lines(data: bytes) -> list[tuple[bytes, bytes]]:
    parts = _LINE.split(data.removeprefix(BOM))
    return list(zip(parts[0::2], [*parts[1::2], b""], strict=True))


def _table_lines(data: bytes) -> tuple[set[int], int]:
    """The lines of tables and of rows cut off from them, with the blank lines between;
    how many blank lines those are."""
    text, bom = decode(data, "case.md")
    document = parse(text, "case.md", bom=bom)
    inside = {n for table in document.tables for n in range(table.line, table.end_line + 1)}
    cutting = 0
    for run in document.stray_rows:
        if run.after_table is not None:
            inside.update(range(run.blank_lines.start, run.rows[-1].line + 1))
            cutting += len(run.blank_lines)
    return inside, cutting


def fuzz(
    make: Callable[[random.Random], bytes],
    kind: str,
    tmp_path: Path,
    invoke: Callable[..., tuple[int, str, str]],
) -> Figures:
    figures = Figures()
    for example in range(EXAMPLES):
        rng = random.Random(f"{SEED}-{kind}-{example}")
        data = mutate(rng, make(rng)) if rng.random() < 0.9 else make(rng)
        try:
            code, refused, changed = check_example(data, rng, tmp_path, invoke)
        except (AssertionError, InputError) as failure:
            saved = tmp_path / f"failure-{kind}-{example}.md"
            saved.write_bytes(data)
            figures.failures.append(f"{kind} example {example} ({saved}): {failure}"[:2000])
            continue
        figures.examples += 1
        figures.exit_codes[code] += 1
        figures.fixed += changed
        if refused is not None:
            figures.refused.append(f"{kind} example {example}: {refused}")
    print(figures.summary(kind))  # the figures of a long run: pytest -s
    return figures


def _report(figures: Figures) -> Iterator[str]:
    yield from figures.failures[:5]
    yield from figures.refused[:5]


def test_fuzz_generated_tables(tmp_path: Path, run: Callable[..., tuple[int, str, str]]) -> None:
    figures = fuzz(hostile_table, "generated", tmp_path, run)

    assert not figures.failures and not figures.refused, "\n".join(_report(figures))
    assert figures.fixed > 0  # the fix path was exercised


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_fuzz_mutated_corpus(tmp_path: Path, run: Callable[..., tuple[int, str, str]]) -> None:
    figures = fuzz(corpus_piece, "corpus", tmp_path, run)

    assert not figures.failures and not figures.refused, "\n".join(_report(figures))
    assert figures.fixed > 0
