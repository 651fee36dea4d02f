"""ARX002 arxiv-noncanonical: a valid arXiv link not written https://arxiv.org/abs/ID.

A mirror link kept on purpose (in a column of mirror links, or beside a link to the same
paper on arxiv.org) is left alone, and so is a link pinned to a version beside the same
link at another version or none. When most arXiv links of a table share one form
(``http://arxiv.org/abs/ID`` from a generator, ``/pdf/ID`` by habit), that is the table's
convention: one finding for the table, whose fix rewrites them all. A form that is the
file's habit (most of its links, or a steady share of a long list) is one finding for the
whole file, whichever tables follow it: every link written that way joins it, so that
one more link, or one table more or less following the habit, does not regroup the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from awesome_lint.conventions import conventions
from awesome_lint.options import boolean
from awesome_lint.rule import Edit, Finding, Fix, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import Conventions, TableSpec
    from awesome_lint.conventions.arxivform import LinkForm
    from awesome_lint.links import Link
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    found = conventions(document, context)
    if not found.tables:
        return
    noncanonical, checked = _noncanonical(found, context.settings["arxiv-keep-version"])
    families: dict[str, list[_Written]] = {}
    for written in noncanonical:
        families.setdefault(written.family, []).append(written)
    for group in families.values():
        if _is_file_habit(group, checked):
            yield _habit(group, checked)
        else:
            yield from _by_table(group)


class _Written(NamedTuple):
    """A valid arXiv link not written canonically."""

    spec: TableSpec
    link: Link
    target: str
    edit: Edit | None
    form: str  # the link with its ID written "ID"
    family: str
    convention: LinkForm | None  # its table's convention, when it follows it (and has a fix)


def _noncanonical(found: Conventions, keep_version: bool) -> tuple[list[_Written], int]:
    """The file's non-canonical arXiv links, in order, and how many links were checked."""
    from awesome_lint.conventions.arxivform import canonical_target, family, form_of

    written: list[_Written] = []
    checked = 0
    for spec in found.tables:
        convention = spec.arxiv_form
        for link, arxiv in (pair for row in spec.table.rows for pair in found.rows[row].arxiv):
            target = canonical_target(arxiv, keep_version or id(link) in spec.deliberate_pins)
            if target is None or id(link) in spec.deliberate_mirrors:
                continue
            checked += 1
            if target == link.url:
                continue
            form, edit = form_of(link, arxiv), Edit.link_target(link, target)
            follows = edit is not None and convention is not None and convention.covers(form)
            covering = convention if follows else None
            written.append(_Written(spec, link, target, edit, form, family(form), covering))
    return written, checked


def _is_file_habit(group: list[_Written], checked: int) -> bool:
    """Whether the links of one family are a habit of the file: most of its links (the
    file's convention), or a steady share of a long list (a habit of some contributors,
    such as pinning versions). All in one table's convention, they are that table's."""
    tables = {id(written.spec) for written in group}
    if len(tables) == 1 and all(written.convention is not None for written in group):
        return False
    file_scope = any(
        written.convention is not None and written.convention.scope == "file" for written in group
    )
    return file_scope or _steady(len(group), checked)


def _steady(count: int, checked: int) -> bool:
    if checked < _STEADY_FILE:
        return False
    return count >= _HABIT_COUNT or (count >= _STEADY_COUNT and count * _STEADY_SHARE >= checked)


_STEADY_COUNT = 5
_STEADY_SHARE = 10  # one in ten
_STEADY_FILE = 50  # links: a smaller list shows no habit, only links
_HABIT_COUNT = 20  # links written alike are a habit, whatever their share


def _habit(group: list[_Written], checked: int) -> Finding:
    """One finding for a habit of the file, on its first link; its fix rewrites them all."""
    forms = Counter(written.form for written in group)
    template = forms.most_common(1)[0][0]
    like = template if len(forms) == 1 else f"{template} or close to it"
    edits = tuple(written.edit for written in group if written.edit is not None)
    return Finding.at(
        group[0].link,
        f"{len(group)} of {checked} arXiv links of this file are written like {like}, this "
        "one first: the canonical form is https://arxiv.org/abs/ID",
        fix=Fix(edits, f"write the {len(edits)} links as https://arxiv.org/abs/ID")
        if edits
        else None,
    )


def _by_table(group: list[_Written]) -> Iterator[Finding]:
    """Links of one family that are no habit of the file: one finding per table whose
    convention they follow, one per link off any convention."""
    tables: dict[int, tuple[TableSpec, list[Edit]]] = {}
    for written in group:
        if written.convention is not None and written.edit is not None:
            tables.setdefault(id(written.spec), (written.spec, []))[1].append(written.edit)
        else:
            yield _finding(written.link, written.target, written.edit)
    for spec, edits in tables.values():
        yield _convention(spec, edits)


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
