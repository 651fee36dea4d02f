"""DUP001 duplicate-model: the same model name on two rows.

Names compare by :func:`~awesome_lint.rules.paper.model_key`. Two rows that link
different arXiv papers and have different titles are a name clash, not a duplicate:
a later row is reported against the earliest row it does not clash with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from awesome_lint.model import Cell, Document, Row
from awesome_lint.rule import Context, Finding, Rule, Severity
from awesome_lint.rules.paper import (
    DUPLICATE_SCOPE,
    PaperRow,
    duplicate,
    duplicate_scopes,
    paper_rows,
)


@dataclass
class _Namesakes:
    """Earlier rows with one model name, indexed by what makes a later row match them."""

    first: Row
    first_without_paper: Row | None = None
    by_paper: dict[str, Row] = field(default_factory=dict)
    by_title: dict[str, Row] = field(default_factory=dict)

    def match(self, facts: PaperRow) -> Row | None:
        """The earliest row that ``facts``'s row duplicates rather than clashes with."""
        if not facts.ids:
            return self.first
        candidates = [self.first_without_paper, self.by_title.get(facts.title_key)]
        candidates += [self.by_paper.get(paper_id) for paper_id in facts.ids]
        found = [row for row in candidates if row is not None]
        return min(found, key=lambda row: row.line) if found else None

    def add(self, row: Row, facts: PaperRow) -> None:
        if not facts.ids and self.first_without_paper is None:
            self.first_without_paper = row
        for paper_id in facts.ids:
            self.by_paper.setdefault(paper_id, row)
        if facts.title_key:
            self.by_title.setdefault(facts.title_key, row)


def check(document: Document, context: Context) -> Iterator[Finding]:
    facts = paper_rows(document, context)
    for rows in duplicate_scopes(document, context):
        names: dict[str, _Namesakes] = {}
        for row in rows:
            own = facts[row]
            if own.model is None or not own.model_key:
                continue
            namesakes = names.get(own.model_key)
            if namesakes is None:
                names[own.model_key] = namesakes = _Namesakes(row)
            else:
                earlier = namesakes.match(own)
                if earlier is not None:
                    yield _finding(own, facts[earlier])
            namesakes.add(row, own)


def _finding(later: PaperRow, earlier: PaperRow) -> Finding:
    assert later.model is not None and earlier.model is not None
    return duplicate(later.model, earlier.model, _model)


def _model(cell: Cell) -> str:
    return f"model '{cell.plain}'"


RULE = Rule(
    code="DUP001",
    name="duplicate-model",
    severity=Severity.ERROR,
    summary="The same model name is on two rows.",
    check=check,
    options=(DUPLICATE_SCOPE,),
)
