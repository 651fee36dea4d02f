"""The block scanner (:mod:`awesome_lint.blocks`) reads a document exactly as
markdown-it-py does, or declines: the tables, code lines, headings, rows left outside
tables and comments of the parsed document are the same either way, on every corpus
file and on generated input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint import blocks, parser
from awesome_lint.model import Document
from tests.conftest import CORPUS

CORPUS_FILES = sorted(CORPUS.glob("**/*.md")) if CORPUS.is_dir() else []


def facts(document: Document) -> tuple[object, ...]:
    return (
        [
            [(row.line, row.content_start, row.content_end) for row in t.all_rows()]
            for t in document.tables
        ],
        sorted(document.code_lines),
        [(heading.line, heading.level, heading.text) for heading in document.headings],
        list(document.stray_rows),
        [(comment.line, comment.column, comment.text) for comment in document.comments],
    )


def scanned(text: str) -> bool:
    """Whether the scanner reads ``text`` (rather than handing it to markdown-it-py)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    return blocks.scan(lines, parser.line_starts(lines), text.endswith("\n")) is not None


def by_markdown_it(text: str, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as patch:
        patch.setattr(blocks, "scan", lambda *_args: None)
        return parser.parse(text)


def assert_same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert facts(parser.parse(text)) == facts(by_markdown_it(text, monkeypatch))


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus is not there")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: str(path.relative_to(CORPUS)))
def test_corpus_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(path.read_text(encoding="utf-8").removeprefix("\ufeff"), monkeypatch)


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus is not there")
def test_most_corpus_files_are_read_without_markdown_it() -> None:
    texts = [path.read_text(encoding="utf-8").removeprefix("\ufeff") for path in CORPUS_FILES]
    assert sum(map(scanned, texts)) >= 0.9 * len(texts)


README = """\
# Awesome Speech <img src="logo.png" width=20>

<p align="center">
  <img src="banner.png">
</p>

> A curated list. Contributions welcome!
> Open a pull request.

## Contents
- [Models](#models)
  - [Codecs](#codecs)
* Other
1. first
2. second

<!-- TOC -->
Models
------

| Date    | Model | Paper | Link |
| ------- | ----- | ----- | ---- |
| 2024-04 | WavLLM | WavLLM: Towards Robust | [paper](https://arxiv.org/abs/2404.00656) |

| 2024-05 | Stray | A row cut off | [paper](https://arxiv.org/abs/2405.00001) |

```bibtex
@article{x, title = {a | b}}
```

    indented code | with a pipe

[license]: https://example.com/license "License"
[badge]: https://img.shields.io/badge/x
"""


def test_a_typical_readme_is_read_without_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert scanned(README)
    assert_same(README, monkeypatch)
    document = parser.parse(README)
    assert [table.line for table in document.tables] == [21]
    assert [(heading.line, heading.text) for heading in document.headings] == [
        (1, 'Awesome Speech <img src="logo.png" width=20>'),
        (10, "Contents"),
        (18, "Models"),
    ]
    assert [run.rows[0].line for run in document.stray_rows] == [25]
    assert {27, 29, 31} <= document.code_lines


@pytest.mark.parametrize(
    "text",
    [
        "- item\n\n  | a | b |\n  | - | - |\n",  # a table in a list item
        "> | a | b |\n> | - | - |\n",  # in a block quote
        "- item\n\n      code\n",  # indented code in a list item
        "- item\n  ```\n  code\n  ```\n",  # a fence in a list item
        "[multi\nline]: /url\n",  # a definition over two lines
        "[a]: /url\n'title'\n",  # with its title below
        "- \titem\n",  # a tab in a list item
    ],
)
def test_containers_with_more_than_text_go_to_markdown_it(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not scanned(text)
    assert_same(text, monkeypatch)


LINES = (
    "", "   ", "para", "text | more", "a | b", "| a | b |", "|---|---|", "--|--", "| 1 | 2 |",
    "|", "# h", "## h ##", "#not", "####### seven", "```", "```py", "``` a`b", "~~~", "````",
    "    code", "\tcode", "  \tmixed", "> q", ">", ">  > q", "> - item", "> | a |", "- item",
    "-", "- ", "* item", "+ item", "1. one", "2. two", "1) one", "10. ten", "123. big",
    "  - nested", "   - three", "    - four", "  text", "     lazy", "***", "---", "===",
    "- - -", "* * *", "_ _ _", "<div>", "</div>", "<!-- c -->", "<!--", "-->", "<img src=x>",
    "<span>", "<script>", "</script>", "<?php", "?>", "[ref]: https://x", '[r]: /u "t"',
    '"title"', "[a]:", "[a]: <b>", "[a]: javascript:x", "[x](y) | z", "- | a | b |",
    "  | a | b |", "- a | b", "  --|--", "\t- tab", "- \tx", "   > q", "1. ", "- [a]: /u",
    "Title\u3000", "\xa0", "| x |\xa0",
)  # fmt: skip
PREFIXES = ("", "", "", "", "  ", "    ", "> ", "- ", "\t")


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(
            st.tuples(st.sampled_from(PREFIXES), st.sampled_from(LINES)).map("".join),
            max_size=14,
        )
    )
    return "\n".join(lines) + draw(st.sampled_from(("\n", "", "\n\n")))


@settings(derandomize=True, max_examples=3000, deadline=None)
@given(documents())
def test_generated_documents(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same(text, monkeypatch)
