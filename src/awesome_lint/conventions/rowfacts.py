"""What the paper rules need to know about one body row: its arXiv links, its links to
papers by other identifiers (DOI, OpenReview, ACL Anthology), its model name and title
(unless blank), and the keys they are compared by."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from awesome_lint.arxiv import ArxivLink, classify_url, compact_title_key
from awesome_lint.conventions.placeholders import is_placeholder
from awesome_lint.lazyre import LazyPattern
from awesome_lint.links import Link
from awesome_lint.model import Cell, Role, Row
from awesome_lint.paperids import PaperLink, classify_paper_url
from awesome_lint.repolinks import RepoLink, github_repo

_MODEL_NOISE = re.compile(r"[\s\-_.]+")
# No leading \s*: tried from every position, it is quadratic on long runs of spaces.
_TITLE_HEAD = re.compile(r"[:：]|\s[-–—]\s")
# What a list writes around a paper's title: blanks, emoji and other non-ASCII marks,
# bracketed tags before it ("[Benchmark]", "【CVPR】"), notes in brackets after it ("(Meta)").
# The notes are matched on the reversed title: anchored at its start, each pattern is
# tried once (linear), where a search anchored at the end would start from every position.
_MARK = r"[^\x00-\x7f\w（）【】]|\s"
_TITLE_TAGS = LazyPattern(rf"(?:{_MARK}|\[[^\[\]]*\]|【[^【】]*】)+")
_REVERSED_NOTE = r"\)[^()]*\(|\][^\[\]]*\[|）[^（）]*（|】[^【】]*【"
_TITLE_NOTES_REVERSED = LazyPattern(rf"(?:{_MARK}|{_REVERSED_NOTE})+")
_NOTE = LazyPattern(r"[(\[（【]([^()\[\]（）【】]*)")
_NOTE_ITEM_SEPARATOR = LazyPattern(r"[,;，；、]")


class RowFacts(NamedTuple):
    row: Row
    arxiv: tuple[tuple[Link, ArxivLink], ...]  # every arXiv link in any cell
    ids: tuple[str, ...]  # the valid paper IDs among them, once each, in order
    papers: tuple[tuple[Link, PaperLink], ...]  # every DOI, OpenReview or ACL Anthology link
    # Every paper the row names, once each: its arXiv IDs, then the keys of its other
    # identifiers (``doi:10.1145/…``, ``openreview:…``, ``acl:…``).
    keys: tuple[str, ...]
    model: Cell | None  # the model-name cell, unless blank or its column is unknown
    model_key: str
    name_key: str  # the model name, or the entry name in a first column without a role
    title: Cell | None  # the title cell, unless blank or its column is unknown
    title_key: str

    @property
    def signature(self) -> frozenset[str]:
        """The papers the row links, or its link targets if none."""
        return frozenset(self.keys) or frozenset(
            link.url.strip().rstrip("/") for cell in self.row.cells for link in cell.links
        )

    def arxiv_links(self, paper_id: str) -> list[tuple[Link, ArxivLink]]:
        """The row's links to the paper ``paper_id``."""
        return [(link, found) for link, found in self.arxiv if found.paper_id == paper_id]

    def id_links(self) -> dict[str, Link]:
        """The first link to each paper of the row."""
        first: dict[str, Link] = {}
        for link, found in self.arxiv:
            if found.paper_id is not None:
                first.setdefault(found.paper_id, link)
        return first

    def paper_links(self) -> list[tuple[str, Link]]:
        """Every link of the row to a paper, with the paper's key (see ``keys``)."""
        arxiv = [(found.paper_id, link) for link, found in self.arxiv if found.paper_id]
        return arxiv + [(found.key, link) for link, found in self.papers if found.key]

    def key_links(self) -> dict[str, Link]:
        """The first link to each paper of the row, by key."""
        first: dict[str, Link] = {}
        for key, link in self.paper_links():
            first.setdefault(key, link)
        return first

    def repos(self) -> list[tuple[Link, RepoLink]]:
        """The row's links to GitHub repositories."""
        return [
            (link, repo)
            for cell in self.row.cells
            for link in cell.links
            if (repo := github_repo(link.url)) is not None
        ]

    def title_names(self, name_key: str) -> bool:
        """Whether the row's title is about the model ``name_key``: its head (before a
        colon or a spaced dash) is that name ("LLaMA: Open and Efficient ...")."""
        if self.title is None or not name_key:
            return False
        head = _TITLE_HEAD.split(self.title.plain, maxsplit=1)
        return len(head) > 1 and model_key(head[0]) == name_key


class FactColumns(NamedTuple):
    """Where a table's rows hold what their facts are read from (None: nowhere)."""

    model: int | None
    title: int | None
    # The entry's name when there is no model column: a first column without a role.
    name: int | None

    @classmethod
    def of(cls, roles: Mapping[Role, int]) -> FactColumns:
        first = None if 0 in roles.values() else 0
        return cls(roles.get(Role.MODEL), roles.get(Role.TITLE), first)


def row_facts(
    row: Row,
    columns: FactColumns | None,
    placeholders: frozenset[str],
    today: tuple[int, int],
) -> RowFacts:
    """``columns`` (None when the row's cells are not where the header says, its cell
    count not the table's): where the row's model and title are read from."""
    arxiv, papers = _paper_links(row, today)
    if len(arxiv) == 1:  # the usual row
        paper_id = arxiv[0][1].paper_id
        ids: tuple[str, ...] = () if paper_id is None else (paper_id,)
    else:
        ids = tuple(dict.fromkeys(f.paper_id for _, f in arxiv if f.paper_id is not None))
    keys = ids
    if papers:
        keys = tuple(dict.fromkeys((*ids, *(f.key for _, f in papers if f.key is not None))))
    model = title = name = None
    if columns is not None:
        cells = row.cells
        model = _value(cells, columns.model, placeholders)
        title = _value(cells, columns.title, placeholders)
        name = model or _value(cells, columns.name, placeholders)
    key = model_key(model.plain) if model else ""
    return RowFacts(
        row,
        arxiv,
        ids,
        papers,
        keys,
        model,
        key,
        key if name is model else model_key(name.plain) if name else "",
        title,
        title_compare_key(title.plain) if title else "",
    )


def _paper_links(
    row: Row, today: tuple[int, int]
) -> tuple[tuple[tuple[Link, ArxivLink], ...], tuple[tuple[Link, PaperLink], ...]]:
    """The row's arXiv links and its links to papers by other identifiers, in one pass."""
    arxiv, papers = [], []
    for cell in row.cells:
        for link in cell.links:
            if found := classify_url(link.url, today=today):
                arxiv.append((link, found))
            if paper := classify_paper_url(link.url, today=today):
                papers.append((link, paper))
    return tuple(arxiv), tuple(papers)


def _value(cells: list[Cell], index: int | None, placeholders: frozenset[str]) -> Cell | None:
    """The cell at ``index``, unless there is none or it is blank."""
    if index is None or index >= len(cells):
        return None
    cell = cells[index]
    if not cell.plain or is_placeholder(cell, placeholders):
        return None
    return cell


def title_compare_key(title: str) -> str:
    """ARXIV.md §6 key of the title without its decorations (``title_core``), without
    spaces; a "+" counts ("LoRA+" is not "LoRA")."""
    return compact_title_key(title_core(title)[1].replace("+", " plus "))


def title_core(title: str) -> tuple[str, str, str]:
    """The title split into its leading tags, the title itself and its trailing notes:
    ``✨ [Benchmark] MIEB: Massive Image Embedding Benchmark (MTEB)`` is the paper
    "MIEB: ..." whatever the list adds around it. A title that is only tags and notes
    is the title."""
    if title.isascii() and title[:1] != "[" and title[-1:] not in ")]":
        return "", title, ""  # nothing around most titles
    head = _TITLE_TAGS().match(title)
    start = head.end() if head else 0
    tail = _TITLE_NOTES_REVERSED().match(title[::-1])
    end = len(title) - tail.end() if tail else len(title)
    if start >= end or not any(char.isalnum() for char in title[start:end]):
        return "", title, ""
    return title[:start], title[start:end], title[end:]


def title_notes(title: str) -> frozenset[str]:
    """The items of the notes after a title, as compared: ``(FDCA, FineCVR-1M)`` and
    ``(FineCVR-1M, FDCA)`` are the same notes."""
    notes = title_core(title)[2]
    if not notes:
        return frozenset()
    items = (
        compact_title_key(item)
        for note in _NOTE().findall(notes)
        for item in _NOTE_ITEM_SEPARATOR().split(note)
    )
    return frozenset(item for item in items if item)


def model_key(name: str) -> str:
    """A model name as compared: case-folded, without spaces, hyphens, underscores, dots."""
    folded = name.casefold()
    return folded if folded.isalnum() else _MODEL_NOISE.sub("", folded)  # most: one word
