"""LNK010 github-badge-broken: a shields.io badge of a GitHub repository (stars, forks,
watchers) that names no repository, or another repository than the link around it (or
right beside it).

Both are paste slips: an empty or cut path (``stars/.svg``, ``stars/OWNER/NAME/``) shows
"invalid" on GitHub, and a badge copied from another row shows that row's stars.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.rule import Finding, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.links import Image, Link
    from awesome_lint.model import Cell, Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    for spec in conventions(document, context).tables:
        for row in spec.table.rows:
            for cell in row.cells:
                if "shields.io/github/" in cell.text:
                    yield from _badges(cell)


def _badges(cell: Cell) -> Iterator[Finding]:
    from awesome_lint.links import images
    from awesome_lint.repolinks import badge_repo, github_repo

    for image in images(cell.text, cell.line, cell.column):
        shown = badge_repo(image.src)
        if shown is None:
            continue
        around = _link_of(cell, image)
        linked = github_repo(around.url) if around is not None else None
        if not shown:
            instead = f"; write {linked.full_name}, the repository it links" if linked else ""
            yield Finding.at(
                image, f"GitHub badge {image.src} names no repository (OWNER/NAME){instead}"
            )
        elif linked is not None and linked.key != shown.casefold():
            yield Finding.at(
                image,
                f"GitHub badge of {shown} on a link to {linked.full_name}: one of them is "
                "another row's (a copy-paste slip?)",
            )


def _link_of(cell: Cell, image: Image) -> Link | None:
    """The link around the badge, else the link written right before or after it (only
    blanks between): ``[TVGL](https://github.com/davidhallac/TVGL)![Stars](...)``."""
    for link in cell.links:
        if link.column <= image.column and image.end_column <= link.end_column:
            return link
        before = cell.text[link.end_column - cell.column : image.column - cell.column]
        after = cell.text[image.end_column - cell.column : link.column - cell.column]
        if (link.end_column <= image.column and not before.strip()) or (
            image.end_column <= link.column and not after.strip()
        ):
            return link
    return None


RULE = Rule(
    code="LNK010",
    name="github-badge-broken",
    severity=Severity.WARNING,
    summary="A GitHub badge (stars, forks, watchers) that names no repository, or another "
    "repository than its link.",
    check=check,
)
