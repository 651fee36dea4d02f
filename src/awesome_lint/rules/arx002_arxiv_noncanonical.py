"""ARX002 arxiv-noncanonical: a valid arXiv link not written https://arxiv.org/abs/ID.

A mirror link kept on purpose (in a column of mirror links, or beside a link to the same
paper on arxiv.org) is left alone. When most arXiv links of a table share one form
(``http://arxiv.org/abs/ID`` from a generator, ``/pdf/ID`` by habit), that is the table's
convention: one finding for the table, whose fix rewrites them all.
"""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.conventions import TableSpec, conventions
from awesome_lint.conventions.arxivform import canonical_target, form_of
from awesome_lint.model import Document, Link
from awesome_lint.options import boolean
from awesome_lint.rule import Context, Edit, Finding, Fix, Option, Rule, Severity


def check(document: Document, context: Context) -> Iterator[Finding]:
    keep_version = context.settings["arxiv-keep-version"]
    found = conventions(document, context)
    for spec in found.tables:
        in_form: list[Edit] = []
        for row in spec.table.rows:
            for link, arxiv in found.rows[row].arxiv:
                target = canonical_target(arxiv, keep_version)
                if target is None or target == link.url or id(link) in spec.deliberate_mirrors:
                    continue
                edit = Edit.link_target(link, target)
                form = spec.arxiv_form
                if edit is not None and form is not None and form_of(link, arxiv) == form.template:
                    in_form.append(edit)
                else:
                    yield _finding(link, target, edit)
        if in_form:
            yield _convention(spec, in_form)


def _finding(link: Link, target: str, edit: Edit | None) -> Finding:
    return Finding.at(
        link,
        f"arXiv link is not canonical: use {target}",
        fix=None if edit is None else Fix((edit,), f"use {target}"),
    )


def _convention(spec: TableSpec, edits: list[Edit]) -> Finding:
    form = spec.arxiv_form
    assert form is not None
    return Finding.at(
        spec.table.header,
        f"{form.count} of {form.total} arXiv links of this table are written {form.template}: "
        "the canonical form is https://arxiv.org/abs/ID",
        fix=Fix(
            tuple(edits), f"write the table's {len(edits)} arXiv links as https://arxiv.org/abs/ID"
        ),
    )


RULE = Rule(
    code="ARX002",
    name="arxiv-noncanonical",
    severity=Severity.WARNING,
    summary="An arXiv link is not in the canonical form https://arxiv.org/abs/ID.",
    check=check,
    fixable=True,
    options=(
        Option(
            "arxiv-keep-version",
            False,
            boolean,
            "Accept links pinned to a version (https://arxiv.org/abs/IDv2) as canonical.",
        ),
    ),
)
