"""LNK003 paper-id-noncanonical: a valid DOI, OpenReview or ACL Anthology link not written
in its canonical form (``https://doi.org/DOI``, ``https://openreview.net/forum?id=ID``,
``https://aclanthology.org/ID/``): a PDF instead of the landing page, an old host.

When most links of one kind in a table share a form, that is the table's convention:
one finding for the table, whose fix rewrites them all (as ARX002 does); a form most links
of the file share is one finding for the tables that follow it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.rule import Edit, Finding, Fix, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import TableSpec
    from awesome_lint.links import Link
    from awesome_lint.model import Document
    from awesome_lint.paperids import IdKind, PaperLink
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    found = conventions(document, context)
    if not found.tables:
        return
    from awesome_lint.conventions.paperforms import paper_form

    habits: dict[IdKind, tuple[TableSpec, list[Edit]]] = {}  # the file's, on a first table
    for spec in found.tables:
        in_form: dict[IdKind, list[Edit]] = {}
        for row in spec.table.rows:
            for link, paper in found.rows[row].papers:
                form = paper_form(paper) if paper.paper_id is not None else None
                if form is None:
                    continue
                target = paper.canonical_url
                assert target is not None
                edit = Edit.link_target(link, target)
                convention = spec.id_forms.get(paper.kind)
                if convention is not None and convention.covers(form) and edit is not None:
                    in_form.setdefault(paper.kind, []).append(edit)
                else:
                    yield _finding(link, paper, target, edit)
        for kind, edits in in_form.items():
            if spec.id_forms[kind].scope == "file":
                habits.setdefault(kind, (spec, []))[1].extend(edits)
            else:
                yield _convention(spec, kind, edits)
    for kind, (first, edits) in habits.items():
        yield _convention(first, kind, edits)


def _finding(link: Link, paper: PaperLink, target: str, edit: Edit | None) -> Finding:
    return Finding.at(
        link,
        f"{paper.kind.value} link is not canonical: use {target}",
        fix=None if edit is None else Fix((edit,), f"use {target}"),
    )


def _convention(spec: TableSpec, kind: IdKind, edits: list[Edit]) -> Finding:
    form = spec.id_forms[kind]
    canonical = _CANONICAL[kind]
    return Finding.at(
        spec.table.header,
        f"{form.count} of {form.total} {kind.value} links of this {form.scope} are written like "
        f"{form.template}: the canonical form is {canonical}",
        fix=Fix(
            tuple(edits),
            f"write the {form.scope}'s {len(edits)} {kind.value} links as {canonical}",
        ),
    )


# By IdKind (a str enum: its values are the keys, so paperids is not imported to load the rule).
_CANONICAL = {
    "DOI": "https://doi.org/DOI",
    "OpenReview": "https://openreview.net/forum?id=ID",
    "ACL Anthology": "https://aclanthology.org/ID/",
}


RULE = Rule(
    code="LNK003",
    name="paper-id-noncanonical",
    severity=Severity.WARNING,
    summary="A DOI, OpenReview or ACL Anthology link is not in its canonical form (a PDF "
    "instead of the landing page, an old host).",
    check=check,
    fixable=True,
)
