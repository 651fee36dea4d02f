"""What the duplicate rules share: their option and how a duplicate pair is reported.

Which rows repeat which is decided once, in :mod:`awesome_lint.conventions.duplicates`;
each pair is reported by one rule only, the most specific one that runs (what the two
rows share: the arXiv paper, DUP002; else the title, DUP003; else the model, DUP001).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.options import choice
from awesome_lint.rule import Finding, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import Duplicate, RowFacts
    from awesome_lint.links import Link
    from awesome_lint.model import Cell, Document, Row
    from awesome_lint.rule import Context

DUPLICATE_SCOPE = Option(
    "duplicate-scope",
    "table",
    choice("table", "file"),
    "Where DUP001-DUP003 look for duplicates: within each table, or in the whole file "
    "(DUP002 looks for titles and links mixed up between rows in the whole file either way).",
)


def duplicate_rule(code: str, name: str, summary: str) -> Rule:
    """A duplicate rule: it reports the pairs it is the most specific running rule for."""

    def check(document: Document, context: Context) -> Iterator[Finding]:
        return duplicate_findings(document, context, code)

    return Rule(code, name, Severity.ERROR, summary, check, options=(DUPLICATE_SCOPE,))


def duplicate_findings(document: Document, context: Context, code: str) -> Iterator[Finding]:
    """The duplicate pairs ``code`` reports: those it is the most specific running rule for."""
    duplicates = conventions(document, context).duplicates
    if not duplicates:
        return
    from awesome_lint.conventions.duplicates import OWNERS

    running = [other for other, _aspect in OWNERS if context.runs(other)]
    for found in duplicates.values():
        if found.owner(running) == code:
            yield _finding(found, code)


def _finding(found: Duplicate, code: str) -> Finding:
    later, earlier = found.blamed, found.other
    also_blamed = _also_blamed(found)
    alternate = None
    if also_blamed is not None:
        alternate = Finding.at(
            _anchor(also_blamed, found, code),
            _message(found, earlier.row.line, later.row.line, again=True),
            related_line=later.row.line,
        )
    return Finding.at(
        _anchor(later, found, code),
        _message(found, later.row.line, earlier.row.line, again=False),
        related_line=earlier.row.line,
        alternate=alternate,
    )


def _also_blamed(found: Duplicate) -> RowFacts | None:
    """The other row that may be the one to fix, where a report of changed lines only
    shows the finding when the blamed row did not change: either row of a repeat or a
    swap; of a mix-up, the row with the title the witness gives another paper. (The row
    that agrees with both others is right: a change that adds it reveals an older
    mistake, it makes none.)"""
    from awesome_lint.conventions.duplicates import Kind

    if found.kind is not Kind.MIXED_UP:
        return found.other
    witness = found.witness
    assert witness is not None
    return None if witness.title_key == found.blamed.title_key else witness


def _anchor(facts: RowFacts, found: Duplicate, code: str) -> Cell | Link | Row:
    """Where the finding points: the shared paper's link, title or model cell."""
    if code == "DUP002" and found.paper_id is not None:
        links = facts.key_links()  # of a swapped pair, the other row has the other paper
        return links.get(found.paper_id) or next(iter(links.values()))
    cell = facts.title if code == "DUP003" else facts.model
    return cell if cell is not None else facts.row


def _message(found: Duplicate, line: int, other: int, *, again: bool) -> str:
    from awesome_lint.conventions.duplicates import Kind

    shared = _shared(found)
    if found.kind is Kind.COPY_PASTE:
        model = found.other.model.plain if found.other.model else "it"
        if again:
            return f"its {shared} are copied on line {other}, whose title names {model}"
        return (
            f"has the {shared} of line {other}, and its title names {model} (line {other}'s "
            "model): a row copied without changing its title and link?"
        )
    if found.kind is Kind.COPIED_TITLE:
        title = found.other.title.plain if found.other.title else ""
        where = f"line {other}" if again else f"line {other} ('{title}')"
        return (
            f"has the same title as {where} with a different link: "
            "one of them has the wrong title (a copy-paste mistake?)"
        )
    if found.kind is Kind.MIXED_UP:
        return _mixed_up_message(found, again=again)
    if found.kind is Kind.SWAPPED:
        return _swapped_message(found, again=again)
    if found.kind is Kind.SAME_PAPER and found.dated and not again:
        assert found.paper_id is not None
        from awesome_lint.arxiv import id_year_month

        year, month = id_year_month(found.paper_id)
        return (
            f"links {shared}, as line {other} does, under another title; its date is not in "
            f"that paper's month ({year:04d}-{month:02d}) and line {other}'s is: this row has "
            "the wrong link?"
        )
    if found.kind is Kind.SAME_PAPER:
        return (
            f"links {shared}, as line {other} does, under another title: "
            "one of them has the wrong link?"
        )
    return f"repeats line {other}: same {shared}; keep one of the two rows"


def _mixed_up_message(found: Duplicate, *, again: bool) -> str:
    """Rows ``blamed`` and ``other`` link one paper under two titles, and ``witness`` has
    one of the titles with another paper."""
    later, earlier, witness = found.blamed, found.other, found.witness
    assert witness is not None and found.paper_id is not None
    paper, elsewhere = found.paper_id, witness.ids[0]
    line, other, third = later.row.line, earlier.row.line, witness.row.line
    if witness.title_key == later.title_key:  # the later row's title is another paper's
        title = earlier.title.plain if earlier.title else ""
        return (
            f"has the title of line {third} (arXiv paper {elsewhere}) but links arXiv paper "
            f"{paper}, which line {other} titles '{title}': its title or its link is "
            "another paper's"
        )
    rows = ", ".join(str(number) for number in sorted((line, other, third))[:2])
    last = max(line, other, third)
    mixed = f"titles or links mixed up between lines {rows} and {last}?"
    if again:  # on the witness
        return (
            f"has line {other}'s title with arXiv paper {elsewhere}, and line {line} links "
            f"line {other}'s arXiv paper {paper} under another title: {mixed}"
        )
    return (
        f"links arXiv paper {paper} under another title than line {other}, and line {third} "
        f"has line {other}'s title with arXiv paper {elsewhere}: {mixed}"
    )


def _swapped_message(found: Duplicate, *, again: bool) -> str:
    """Rows ``blamed`` and ``other`` each link the paper of the other's title; ``witness``
    gives ``blamed``'s title the paper ``other`` links."""
    first, second, witness = found.blamed, found.other, found.witness
    assert witness is not None and found.paper_id is not None
    paper = found.paper_id
    theirs = next((key for key in second.keys if key in witness.ids), "")
    line, other, third = first.row.line, second.row.line, witness.row.line
    if again:
        mine, yours, whose = theirs, paper, f"line {line}'s title"
        line, other = other, line
    else:
        mine, yours, whose = paper, theirs, "this row's title"
    return (
        f"its link (arXiv paper {mine}) and line {other}'s (arXiv paper {yours}) are "
        f"swapped: line {third} gives {whose} to arXiv paper {theirs}; swap the two links "
        "(or the two titles)"
    )


def _shared(found: Duplicate) -> str:
    from awesome_lint.conventions.duplicates import MODEL, PAPER, TITLE
    from awesome_lint.paperids import describe_key

    names = {
        MODEL: "model",
        PAPER: describe_key(found.paper_id) if found.paper_id else "paper",
        TITLE: "title",
    }
    parts = [names[aspect] for aspect in found.shared]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
