"""LNK004 published-version: a row whose venue still says arXiv, preprint or nothing,
while arXiv's answer carries a journal reference or a DOI for its paper (online only, off
by default).

No extra request: the journal reference (``arxiv:journal_ref``) and DOI (``arxiv:doi``)
come in the answers ARX003-ARX005 already ask for. Only tables with a venue column are
looked at (its header says Venue, Conference, Journal, Publication, Published in, ...).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.rule import Finding, Rule, Severity
from awesome_lint.rules.online_common import OPTIONS, STATE_KEY, is_online, prepare

if TYPE_CHECKING:
    from awesome_lint.conventions import RowFacts, TableSpec
    from awesome_lint.model import Cell, Document, Row
    from awesome_lint.online.client import Found, Lookup
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    if not is_online(context):
        return
    answers: Mapping[str, Lookup] = context.state.get(STATE_KEY, {})
    found = conventions(document, context)
    for spec in found.paper_tables():
        for row in spec.table.rows:
            cell = _unpublished_venue(spec, row)
            if cell is None:
                continue
            published = _published(found.rows[row], answers)
            if published is not None:
                yield Finding.at(cell, _message(*published, cell))


def _unpublished_venue(spec: TableSpec, row: Row) -> Cell | None:
    """The row's venue cell, when it says arXiv, preprint or nothing."""
    from awesome_lint.conventions.venue import says_preprint

    cell = spec.venue_cell(row)
    if cell is None or not (spec.is_blank(cell) or says_preprint(cell)):
        return None
    return cell


def _published(facts: RowFacts, answers: Mapping[str, Lookup]) -> tuple[str, Found] | None:
    """The row's first arXiv paper for which arXiv knows where it was published."""
    from awesome_lint.online.client import Found

    for paper_id in facts.ids:
        answer = answers.get(paper_id)
        if isinstance(answer, Found) and (answer.journal_ref or answer.doi):
            return paper_id, answer
    return None


def _message(paper_id: str, answer: Found, cell: Cell) -> str:
    parts = [f"'{answer.journal_ref}'"] if answer.journal_ref else []
    parts += [f"DOI {answer.doi}"] if answer.doi else []
    venue = f"says '{cell.plain}'" if cell.plain else "is empty"
    return (
        f"arXiv {paper_id} was published: {', '.join(parts)}; the venue {venue} "
        "(update it with the published version)"
    )


RULE = Rule(
    code="LNK004",
    name="published-version",
    severity=Severity.INFO,
    summary="A row's venue says arXiv, preprint or nothing, while arXiv knows where its paper "
    "was published (with --online; off by default).",
    check=check,
    enabled_by_default=False,
    options=OPTIONS,
    prepare=prepare,
)
