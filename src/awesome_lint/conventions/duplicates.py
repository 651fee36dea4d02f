"""Rows that repeat another row: one analysis for the whole document, so that a pair is
reported once (by the most specific duplicate rule that runs) and the rows to delete
are not also reported as out of order.

A later row duplicates the earliest earlier row it shares a paper, a title or a model
name with, unless

* the two name the same model with different titles: a name clash (``UniCodec``, two
  papers), whatever they link;
* they have different model names, the same title and links, and the title names
  neither the other row's model (``SeamlessM4T`` and ``W2v-BERT 2.0`` both citing
  "Seamless: ..."): one paper introduced both.

A row with a new model name but the title and link of another row whose model its title
names (``| NewModel | OldModel: Towards ... | [paper](old link) |``) was copied and not
edited: a duplicate.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from awesome_lint.conventions.rowfacts import RowFacts
from awesome_lint.model import Row

MODEL, PAPER, TITLE = "model", "arXiv paper", "title"
# Which rule reports a pair, by what the rows share, most specific first.
OWNERS = (("DUP002", PAPER), ("DUP003", TITLE), ("DUP001", MODEL))


class Kind(enum.Enum):
    REPEAT = "repeat"  # the same entry listed again
    COPY_PASTE = "copy-paste"  # a row copied from the other, only the name and date changed
    COPIED_TITLE = "copied title"  # the same title with a different link
    SAME_PAPER = "same paper"  # another entry that links the same paper


@dataclass(frozen=True, slots=True)
class Duplicate:
    later: RowFacts
    earlier: RowFacts
    shared: tuple[str, ...]  # what they share, in the order of MODEL, PAPER, TITLE
    paper_id: str | None  # the paper they share
    kind: Kind

    def owner(self, runs: Iterable[str]) -> str | None:
        """The code of the rule that reports this pair among those that run."""
        running = set(runs)
        return next(
            (code for code, aspect in OWNERS if aspect in self.shared and code in running), None
        )


def find_duplicates(scopes: Iterable[list[RowFacts]]) -> dict[Row, Duplicate]:
    """The duplicate pair of every later row, by the row, within each scope."""
    found: dict[Row, Duplicate] = {}
    for rows in scopes:
        index = _Index()
        for facts in rows:
            duplicate = index.match(facts)
            if duplicate is not None:
                found[facts.row] = duplicate
            index.add(facts)
    return found


@dataclass
class _Namesakes:
    """The first earlier row with one model name in each class of (has title, has papers)."""

    first: dict[tuple[bool, bool], RowFacts] = field(default_factory=dict)

    def add(self, facts: RowFacts) -> None:
        self.first.setdefault((facts.title is not None, bool(facts.ids)), facts)

    def candidates(self, facts: RowFacts) -> Iterator[RowFacts]:
        """Earlier namesakes that cannot be told apart from ``facts`` (no title or no paper
        on one side to show they differ); rows sharing a title or a paper are found by
        those."""
        for (has_title, has_ids), earlier in self.first.items():
            if has_title and facts.title is not None:
                continue
            if has_ids and facts.ids:
                continue
            yield earlier


class _Index:
    def __init__(self) -> None:
        self.papers: dict[str, RowFacts] = {}
        self.titles: dict[str, RowFacts] = {}
        self.models: dict[str, _Namesakes] = {}

    def add(self, facts: RowFacts) -> None:
        for paper_id in facts.ids:
            self.papers.setdefault(paper_id, facts)
        if facts.title_key:
            self.titles.setdefault(facts.title_key, facts)
        if facts.model_key:
            self.models.setdefault(facts.model_key, _Namesakes()).add(facts)

    def match(self, facts: RowFacts) -> Duplicate | None:
        candidates = [self.papers.get(paper_id) for paper_id in facts.ids]
        candidates.append(self.titles.get(facts.title_key) if facts.title_key else None)
        if facts.model_key in self.models:
            candidates.extend(self.models[facts.model_key].candidates(facts))
        pairs = (
            pair
            for earlier in sorted(
                {id(c): c for c in candidates if c is not None}.values(),
                key=lambda c: c.row.line,
            )
            if (pair := _pair(facts, earlier)) is not None
        )
        return next(pairs, None)


def _pair(later: RowFacts, earlier: RowFacts) -> Duplicate | None:
    same_model = bool(later.model_key) and later.model_key == earlier.model_key
    papers = [paper_id for paper_id in later.ids if paper_id in earlier.ids]
    same_title = bool(later.title_key) and later.title_key == earlier.title_key
    shared = tuple(
        aspect
        for aspect, is_shared in ((MODEL, same_model), (PAPER, bool(papers)), (TITLE, same_title))
        if is_shared
    )
    if not shared:
        return None
    titled = later.title is not None and earlier.title is not None
    if same_model and titled and not same_title and not papers:
        return None  # a name clash: two papers give a model the same name
    kind = _kind(later, earlier, same_model, bool(papers), same_title)
    if kind is None:
        return None
    return Duplicate(later, earlier, shared, papers[0] if papers else None, kind)


def _kind(
    later: RowFacts, earlier: RowFacts, same_model: bool, same_paper: bool, same_title: bool
) -> Kind | None:
    named = bool(later.name_key and earlier.name_key) and later.name_key != earlier.name_key
    if same_title and named:
        if later.title_names(earlier.name_key) and not later.title_names(later.name_key):
            return Kind.COPY_PASTE
        if later.signature == earlier.signature:
            return None  # one paper, several entries
        return Kind.COPIED_TITLE
    if same_title and not same_model and not same_paper and later.signature != earlier.signature:
        return Kind.COPIED_TITLE
    if same_paper and not same_title and not same_model:
        return Kind.SAME_PAPER
    return Kind.REPEAT


def repeated_rows(duplicates: Mapping[Row, Duplicate]) -> frozenset[Row]:
    """Rows that list an entry again: to be deleted, so they have no place in an order."""
    return frozenset(row for row, found in duplicates.items() if found.kind is Kind.REPEAT)
