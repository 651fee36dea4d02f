"""ARX004 arxiv-title-mismatch: a row's title is not the title arXiv has for its link.

Titles are compared as ARXIV.md §6 says (``arxiv.compare_titles``): case, LaTeX, dashes,
quotes, punctuation, whitespace and hyphenation do not count. A changed subtitle, a
truncated title or a small difference gets a softer message than a different paper.
A row whose title matches any of the papers it links to is fine; otherwise the link with
the closest title is reported. Empty and placeholder title cells are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.rule import Finding, Rule, Severity
from awesome_lint.rules.online_common import OPTIONS, answered_rows, is_online, prepare

if TYPE_CHECKING:
    from awesome_lint.model import Cell, Document
    from awesome_lint.rule import Context
    from awesome_lint.rules.online_common import Answered

# By TitleMatch value, closest first (keyed by value: arxiv is imported only online).
_RANK = ("same", "subtitle", "minor", "different", "unrelated")
_MESSAGES = {
    "subtitle": "title differs from arXiv {id} in its subtitle or is truncated: "
    "arXiv has '{arxiv}'",
    "minor": "title differs slightly from arXiv {id}: arXiv has '{arxiv}'",
    "different": "title does not match arXiv {id}: the row has '{row}', arXiv has '{arxiv}'",
    "unrelated": "title and link name different papers: the row has '{row}', "
    "arXiv {id} is '{arxiv}'; correct the link or the title",
}


def check(document: Document, context: Context) -> Iterator[Finding]:
    if not is_online(context):
        return
    from awesome_lint.online.client import Found

    for facts, answered in answered_rows(document, context):
        found = [
            (paper, paper.answer.title) for paper in answered if isinstance(paper.answer, Found)
        ]
        if facts.title is not None and found:
            finding = _closest_mismatch(facts.title, found)
            if finding is not None:
                yield finding


def _closest_mismatch(cell: Cell, found: list[tuple[Answered, str]]) -> Finding | None:
    """Nothing if the title is one of the row's papers'; else the closest one, reported."""
    from awesome_lint.arxiv import TitleMatch, compare_titles

    matches = [(compare_titles(cell.plain, title), paper, title) for paper, title in found]
    match, paper, title = min(matches, key=lambda item: _RANK.index(item[0].value))
    if match is TitleMatch.SAME:
        return None
    message = _MESSAGES[match.value].format(id=paper.paper_id, row=cell.plain, arxiv=title)
    # Another paper's title is an error; a title written differently, a warning.
    severity = Severity.ERROR if match is TitleMatch.UNRELATED else None
    return Finding.at(paper.link, message, severity=severity)


RULE = Rule(
    code="ARX004",
    name="arxiv-title-mismatch",
    severity=Severity.WARNING,
    summary="A row's title is not the title arXiv has for the paper it links to (with --online).",
    check=check,
    options=OPTIONS,
    enabled_by_option="online",
    prepare=prepare,
)
