"""ARX002 arxiv-noncanonical: a valid arXiv link not written https://arxiv.org/abs/ID.

A mirror link kept on purpose (in a column of mirror links, or beside a link to the same
paper on arxiv.org) is left alone. When most arXiv links of a table share one form
(``http://arxiv.org/abs/ID`` from a generator, ``/pdf/ID`` by habit), that is the table's
convention: one finding for the table, whose fix rewrites them all. When most links of
the whole file share it, the tables that follow that habit get one finding together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from awesome_lint.conventions import conventions
from awesome_lint.options import boolean
from awesome_lint.rule import Edit, Finding, Fix, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import TableSpec
    from awesome_lint.links import Link
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    found = conventions(document, context)
    if not found.tables:
        return
    from awesome_lint.conventions.arxivform import canonical_target, family, form_of

    keep_version = context.settings["arxiv-keep-version"]
    habit: tuple[TableSpec, list[Edit]] | None = None  # the file's, on its first table
    strays: dict[str, list[_Stray]] = {}  # links off any convention, by family of form
    checked = 0
    for spec in found.tables:
        in_form: list[Edit] = []
        for row in spec.table.rows:
            for link, arxiv in found.rows[row].arxiv:
                target = canonical_target(arxiv, keep_version)
                if target is None or id(link) in spec.deliberate_mirrors:
                    continue
                checked += 1
                if target == link.url:
                    continue
                edit = Edit.link_target(link, target)
                form, written = spec.arxiv_form, form_of(link, arxiv)
                if edit is not None and form is not None and form.covers(written):
                    in_form.append(edit)
                else:
                    strays.setdefault(family(written), []).append(_Stray(link, target, edit))
        if in_form and spec.arxiv_form is not None and spec.arxiv_form.scope == "file":
            habit = habit or (spec, [])
            habit[1].extend(in_form)
        elif in_form:
            yield _convention(spec, in_form)
    if habit is not None:
        yield _convention(*habit)
    for group in strays.values():
        yield from _strays(group, checked)


class _Stray(NamedTuple):
    link: Link
    target: str
    edit: Edit | None


def _strays(group: list[_Stray], checked: int) -> Iterator[Finding]:
    """Links written one way off the conventions: one finding each, unless they are a
    steady share of the file's links (a habit of some contributors, such as pinning
    versions): then one finding for them all, on the first."""
    count = len(group)
    steady = count >= _HABIT_COUNT or (count >= _STEADY_COUNT and count * _STEADY_SHARE >= checked)
    if not steady or checked < _STEADY_FILE:
        yield from (_finding(stray.link, stray.target, stray.edit) for stray in group)
        return
    first = group[0]
    edits = tuple(stray.edit for stray in group if stray.edit is not None)
    yield Finding.at(
        first.link,
        f"{len(group)} of {checked} arXiv links of this file are written like this one "
        f"({first.link.url}): the canonical form is https://arxiv.org/abs/ID",
        fix=Fix(edits, f"write the {len(edits)} links as https://arxiv.org/abs/ID")
        if edits
        else None,
    )


_STEADY_COUNT = 5
_STEADY_SHARE = 10  # one in ten
_STEADY_FILE = 50  # links: a smaller list shows no habit, only links
_HABIT_COUNT = 20  # links written alike are a habit, whatever their share


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
        f"{form.count} of {form.total} arXiv links of this {form.scope} are written like "
        f"{form.template}: the canonical form is https://arxiv.org/abs/ID",
        fix=Fix(
            tuple(edits),
            f"write the {form.scope}'s {len(edits)} arXiv links as https://arxiv.org/abs/ID",
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
