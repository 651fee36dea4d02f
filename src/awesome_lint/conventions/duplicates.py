"""Rows that repeat another row: one analysis for the whole document, so that a pair is
reported once (by the most specific duplicate rule that runs) and the rows to delete
are not also reported as out of order.

A later row duplicates the earliest earlier row it shares a paper (by arXiv ID, DOI,
OpenReview forum or ACL Anthology ID: an arXiv link and the paper's arXiv DOI are one
paper), a title or a model name with, unless

* the two name the same model with different titles: a name clash (``UniCodec``, two
  papers), whatever they link;
* they have different model names, the same title and links, and the title names
  neither the other row's model (``SeamlessM4T`` and ``W2v-BERT 2.0`` both citing
  "Seamless: ..."): one paper introduced both.

A row with a new model name but the title and link of another row whose model its title
names (``| NewModel | OldModel: Towards ... | [paper](old link) |``) was copied and not
edited: a duplicate.

Of two rows that link one arXiv paper under different titles, the one dated outside the
paper's month has the wrong link when the other is dated in it (``blame_by_dates``).

Titles and links mixed up between rows are looked for in the whole file, whatever the
scope of duplicates: two rows link one arXiv paper under clearly different titles, and
a third row has one of those titles with another arXiv paper. A paper listed in two
sections is normal, and a paper renamed since one of them was written has two titles;
a title that another row gives another paper is a title or a link pasted on the wrong
row (two rows whose titles were swapped).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple

from awesome_lint.conventions.rowfacts import RowFacts, title_core, title_notes
from awesome_lint.model import Cell, Row

MODEL, PAPER, TITLE = "model", "paper", "title"
# Which rule reports a pair, by what the rows share, most specific first.
OWNERS = (("DUP002", PAPER), ("DUP003", TITLE), ("DUP001", MODEL))


class Kind(enum.Enum):
    REPEAT = "repeat"  # the same entry listed again
    COPY_PASTE = "copy-paste"  # a row copied from the other, only the name and date changed
    COPIED_TITLE = "copied title"  # the same title with a different link
    SAME_PAPER = "same paper"  # another entry that links the same paper
    MIXED_UP = "mixed up"  # the same paper under another paper's title (``witness``)
    SWAPPED = "swapped"  # two rows with each other's links (or titles): one defect


class Duplicate(NamedTuple):
    blamed: RowFacts  # the row to fix: the later one, or the copy of a copied row
    other: RowFacts
    shared: tuple[str, ...]  # what they share, in the order of MODEL, PAPER, TITLE
    paper_id: str | None  # the paper they share: an arXiv ID or another key (RowFacts.keys)
    kind: Kind
    # MIXED_UP: a third row with the title of one of the two and another arXiv paper.
    # SWAPPED (``blamed`` and ``other`` each have the other's link): the row that gives
    # ``blamed``'s title the paper ``other`` links.
    witness: RowFacts | None = None
    # SAME_PAPER: ``other``'s date is in the arXiv paper's month and ``blamed``'s is not,
    # so ``blamed`` is the row with the wrong link (whether it is the later row or not).
    dated: bool = False

    def owner(self, runs: Iterable[str]) -> str | None:
        """The code of the rule that reports this pair among those that run."""
        running = set(runs)
        return next(
            (code for code, aspect in OWNERS if aspect in self.shared and code in running), None
        )


def find_duplicates(scopes: Iterable[list[RowFacts]]) -> dict[Row, Duplicate]:
    """The duplicate pair of every later row, by the row, within each scope, and the rows
    of the whole file whose title and link are mixed up with another row's."""
    found: dict[Row, Duplicate] = {}
    every: list[RowFacts] = []
    for rows in scopes:
        index = _Index()
        for facts in rows:
            duplicate = index.match(facts)
            if duplicate is not None:
                found[facts.row] = duplicate
            index.add(facts)
        every.extend(rows)
    for mixed_up in _merge_swaps(list(_mixed_up(every))):
        previous = found.get(mixed_up.blamed.row)
        if previous is None or _explains_less(previous):
            found[mixed_up.blamed.row] = mixed_up
        partner = found.get(mixed_up.other.row) if mixed_up.kind is Kind.SWAPPED else None
        if partner is not None and _explains_less(partner):  # the swap explains it
            del found[mixed_up.other.row]
    return found


def blame_by_dates(
    duplicates: dict[Row, Duplicate], months: Callable[[], Mapping[Row, tuple[int, int]]]
) -> dict[Row, Duplicate]:
    """``duplicates``, each pair of rows that link one arXiv paper under different titles
    blaming the row dated in another month than the paper's, when the other is dated in
    its month (within one). ``months``: the rows' dates written to the month or the day,
    as (year, month), asked for only when there is such a pair."""
    if all(found.kind is not Kind.SAME_PAPER for found in duplicates.values()):
        return duplicates
    written = months()
    return {row: _blamed_by_date(found, written) for row, found in duplicates.items()}


def _blamed_by_date(found: Duplicate, months: Mapping[Row, tuple[int, int]]) -> Duplicate:
    paper = found.paper_id
    if found.kind is not Kind.SAME_PAPER or paper is None or paper not in found.blamed.ids:
        return found  # not an arXiv paper (a DOI, OpenReview or ACL Anthology key)
    from awesome_lint.arxiv import id_year_month
    from awesome_lint.dates import months_between

    month = id_year_month(paper)

    def dated_in_it(facts: RowFacts) -> bool | None:
        written = months.get(facts.row)
        return None if written is None else abs(months_between(month, written)) <= 1

    blamed, other = dated_in_it(found.blamed), dated_in_it(found.other)
    if blamed is False and other is True:
        return found._replace(dated=True)
    if blamed is True and other is False:
        return found._replace(blamed=found.other, other=found.blamed, dated=True)
    return found


def _explains_less(found: Duplicate) -> bool:
    """A pair that a mixed-up title or link explains better: the same paper under another
    title, or the same title or model with another paper ("keep one of the two rows" would
    keep a wrong link)."""
    if found.kind in (Kind.SAME_PAPER, Kind.COPIED_TITLE):
        return True
    return found.kind is Kind.REPEAT and PAPER not in found.shared


class _Namesakes:
    """The first earlier row with one model name in each class of (has title, has papers)."""

    __slots__ = ("first",)

    def __init__(self) -> None:
        self.first: dict[tuple[bool, bool], RowFacts] = {}

    def add(self, facts: RowFacts) -> None:
        self.first.setdefault((facts.title is not None, bool(facts.keys)), facts)

    def candidates(self, facts: RowFacts) -> Iterator[RowFacts]:
        """Earlier namesakes that cannot be told apart from ``facts`` (no title or no paper
        on one side to show they differ); rows sharing a title or a paper are found by
        those."""
        for (has_title, has_ids), earlier in self.first.items():
            if has_title and facts.title is not None:
                continue
            if has_ids and facts.keys:
                continue
            yield earlier


class _Index:
    def __init__(self) -> None:
        self.papers: dict[str, RowFacts] = {}
        self.titles: dict[str, RowFacts] = {}
        self.models: dict[str, _Namesakes] = {}

    def add(self, facts: RowFacts) -> None:
        for key in facts.keys:
            self.papers.setdefault(key, facts)
        if facts.title_key:
            self.titles.setdefault(facts.title_key, facts)
        if facts.model_key:
            namesakes = self.models.get(facts.model_key)
            if namesakes is None:
                namesakes = self.models[facts.model_key] = _Namesakes()
            namesakes.add(facts)

    def match(self, facts: RowFacts) -> Duplicate | None:
        shares_a_key = (
            facts.title_key in self.titles  # never "": empty keys are not added
            or facts.model_key in self.models
            or any(key in self.papers for key in facts.keys)
        )
        if not shares_a_key:  # most rows
            return None
        candidates = [self.papers.get(key) for key in facts.keys]
        candidates.append(self.titles.get(facts.title_key) if facts.title_key else None)
        if facts.model_key in self.models:
            candidates.extend(self.models[facts.model_key].candidates(facts))
        earlier = {id(c): c for c in candidates if c is not None}
        if not earlier:  # namesakes that differ in title or paper
            return None
        pairs = (
            pair
            for candidate in sorted(earlier.values(), key=lambda c: c.row.line)
            if (pair := _pair(facts, candidate)) is not None
        )
        return next(pairs, None)


def _pair(later: RowFacts, earlier: RowFacts) -> Duplicate | None:
    same_model = bool(later.model_key) and later.model_key == earlier.model_key
    papers = [
        key
        for key in later.keys
        if key in earlier.keys and not _other_versions(later, earlier, key)
    ]
    same_title = _same_title(later, earlier)
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
    paper = papers[0] if papers else None
    if kind is Kind.COPY_PASTE and _copies(earlier, later):
        return Duplicate(earlier, later, shared, paper, kind)
    return Duplicate(later, earlier, shared, paper, kind)


def _kind(
    later: RowFacts, earlier: RowFacts, same_model: bool, same_paper: bool, same_title: bool
) -> Kind | None:
    named = bool(later.name_key and earlier.name_key) and later.name_key != earlier.name_key
    if same_title and named:
        if _copies(later, earlier) or _copies(earlier, later):
            return Kind.COPY_PASTE
        if later.signature == earlier.signature:
            return None  # one paper, several entries
        return Kind.COPIED_TITLE
    if same_paper and not same_title and not same_model:
        if later.title is None or earlier.title is None:
            return None  # entries without titles may well come from one paper
        if _same_link_names(later, earlier):
            return None  # two entries about one paper, say two videos about it
        return Kind.REPEAT if _nearly_same_titles(later, earlier) else Kind.SAME_PAPER
    if same_title and not same_paper and not same_model and _other_arxiv_papers(later, earlier):
        return Kind.COPIED_TITLE  # not one entry twice: keeping one would lose a paper
    return Kind.REPEAT


def _other_arxiv_papers(later: RowFacts, earlier: RowFacts) -> bool:
    """Both rows link arXiv papers, none the same."""
    return bool(later.ids and earlier.ids) and set(later.ids).isdisjoint(earlier.ids)


def _same_title(later: RowFacts, earlier: RowFacts) -> bool:
    """The same title, whatever tags and notes the list writes around it, unless both
    rows have notes that tell them apart ("（上）" and "（下）": two parts of a series)."""
    if not later.title_key or later.title_key != earlier.title_key:
        return False
    assert later.title is not None and earlier.title is not None
    notes = title_notes(later.title.plain), title_notes(earlier.title.plain)
    return not all(notes) or notes[0] == notes[1] or _same_words(later.title, earlier.title)


def _same_words(title: Cell, other: Cell) -> bool:
    """Titles that are the same words once markup, case and punctuation are gone."""
    from awesome_lint.arxiv import compact_title_key

    return compact_title_key(title.plain) == compact_title_key(other.plain)


def _copies(copy: RowFacts, original: RowFacts) -> bool:
    """``copy`` has a title that names ``original``'s model and not its own."""
    return copy.title_names(original.name_key) and not copy.title_names(copy.name_key)


def _other_versions(later: RowFacts, earlier: RowFacts, paper_id: str) -> bool:
    """Rows pinned to different versions of one arXiv paper ("T-GATE V1" and "T-GATE V2")."""
    if paper_id not in later.ids:
        return False  # a DOI, OpenReview or ACL Anthology paper: no versions in its key
    first = {found.version for _link, found in later.arxiv_links(paper_id)}
    second = {found.version for _link, found in earlier.arxiv_links(paper_id)}
    return None not in first | second and first.isdisjoint(second)


def _same_link_names(later: RowFacts, earlier: RowFacts) -> bool:
    """Both rows link their shared paper under the same name ("ResNet"), not a generic word."""
    shared = set(later.keys) & set(earlier.keys)
    names = [
        {_name(link.text) for key, link in facts.paper_links() if key in shared}
        for facts in (later, earlier)
    ]
    return bool((names[0] & names[1]) - {""})


_GENERIC_TEXTS = frozenset(
    {"paper", "pdf", "arxiv", "link", "abs", "html", "here", "page", "preprint", "[pdf]"}
)


def _name(text: str) -> str:
    """Link text that names a paper ("ResNet"), or "" for a generic one ("[paper]")."""
    folded = " ".join(text.casefold().split())
    if len(folded) < 3 or folded.strip("[]() ") in _GENERIC_TEXTS or not folded[0].isalpha():
        return ""
    return folded


def _nearly_same_titles(later: RowFacts, earlier: RowFacts) -> bool:
    """Titles that differ only in a prefix, a subtitle or a typo: one paper listed twice."""
    from awesome_lint.arxiv import TitleMatch, compare_titles

    assert later.title is not None and earlier.title is not None
    match = compare_titles(title_core(later.title.plain)[1], title_core(earlier.title.plain)[1])
    return match in (TitleMatch.SAME, TitleMatch.SUBTITLE, TitleMatch.MINOR)


# A title of fewer words ("Technical Report", a dataset's name) may well name two papers.
_PAPER_TITLE_WORDS = 4


def _mixed_up(rows: list[RowFacts]) -> Iterator[Duplicate]:
    """Pairs of rows that link one arXiv paper under clearly different titles, one of which
    a third row gives another arXiv paper."""
    titled = [facts for facts in rows if facts.title is not None and facts.ids]
    by_title: dict[str, list[RowFacts]] | None = None  # built for the first suspect pair
    first: dict[str, RowFacts] = {}
    for facts in titled:
        for paper_id in facts.ids:
            earlier = first.setdefault(paper_id, facts)
            if earlier is facts or not _other_papers_titles(facts, earlier, paper_id):
                continue
            if by_title is None:
                by_title = _by_title(titled)
            witness = _witness(facts, earlier, paper_id, by_title)
            if witness is not None:
                same_model = bool(facts.model_key) and facts.model_key == earlier.model_key
                shared = (MODEL, PAPER) if same_model else (PAPER,)
                yield Duplicate(facts, earlier, shared, paper_id, Kind.MIXED_UP, witness)
                break


def _by_title(rows: list[RowFacts]) -> dict[str, list[RowFacts]]:
    by_title: dict[str, list[RowFacts]] = {}
    for facts in rows:
        if facts.title_key:
            by_title.setdefault(facts.title_key, []).append(facts)
    return by_title


def _merge_swaps(mixed_ups: list[Duplicate]) -> Iterator[Duplicate]:
    """Two mixed-up rows that each link the paper the other's title is given elsewhere
    are one defect, their links (or titles) swapped: one pair, on the first of them."""
    by_paper: dict[str, list[Duplicate]] = {}
    for found in mixed_ups:
        by_paper.setdefault(found.paper_id or "", []).append(found)
    merged: set[Row] = set()
    for found in mixed_ups:
        if found.blamed.row in merged:
            continue
        partner = _swap_partner(found, by_paper)
        if partner is None:
            yield found
            continue
        merged.add(partner.blamed.row)
        first, second = sorted((found, partner), key=lambda pair: pair.blamed.row.line)
        assert first.paper_id is not None
        yield Duplicate(
            first.blamed, second.blamed, (PAPER,), first.paper_id, Kind.SWAPPED, first.witness
        )


def _swap_partner(found: Duplicate, by_paper: Mapping[str, list[Duplicate]]) -> Duplicate | None:
    """The mixed-up row that links the paper ``found``'s title is given elsewhere, and
    whose own title is given elsewhere the paper ``found`` links."""
    witness = _own_title_witness(found)
    for paper_id in witness.ids if witness is not None else ():
        for partner in by_paper.get(paper_id, ()):
            other_witness = _own_title_witness(partner)
            if other_witness is not None and found.paper_id in other_witness.ids:
                return partner
    return None


def _own_title_witness(found: Duplicate) -> RowFacts | None:
    """The row that gives the mixed-up row's own title another paper, if that is what
    its witness shows (it may show the other row's title instead)."""
    witness = found.witness
    return witness if witness is not None and witness.title_key == found.blamed.title_key else None


def _other_papers_titles(later: RowFacts, earlier: RowFacts, paper_id: str) -> bool:
    """Titles of two papers (not a shortened, re-cased or retouched title) on rows that
    link one paper, not pinned to two of its versions."""
    if _same_title(later, earlier) or _other_versions(later, earlier, paper_id):
        return False
    return not _nearly_same_titles(later, earlier)


def _witness(
    later: RowFacts, earlier: RowFacts, paper_id: str, by_title: Mapping[str, list[RowFacts]]
) -> RowFacts | None:
    """A row with the title of ``later`` or ``earlier`` that links other arXiv papers."""
    from awesome_lint.arxiv import title_key

    for titled in (later, earlier):
        assert titled.title is not None
        if len(title_key(title_core(titled.title.plain)[1]).split()) < _PAPER_TITLE_WORDS:
            continue
        for facts in by_title.get(titled.title_key, ()):
            if paper_id not in facts.ids and _same_title(facts, titled):
                return facts
    return None


def repeated_rows(duplicates: Mapping[Row, Duplicate]) -> frozenset[Row]:
    """Rows that list an entry again: to be deleted, so they have no place in an order."""
    return frozenset(found.blamed.row for found in duplicates.values() if found.kind is Kind.REPEAT)
