"""The plugin API: what a rule is, what it yields, and the settings it reads.

A rule is a :class:`Rule` object exposed through the entry-point group
``awesome_lint.rules``; built-in rules are registered the same way. Its ``check``
receives the parsed :class:`~awesome_lint.model.Document` and a :class:`Context`
and yields :class:`Finding` objects; the engine adds path, code and severity.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from awesome_lint.model import Cell, Document, Row

if TYPE_CHECKING:
    from awesome_lint.links import Image, Link


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    # Worth knowing, never a failure: no exit code 1 whatever --fail-on says (SARIF's
    # "note", GitHub's "notice").
    INFO = "info"


class Edit(NamedTuple):
    """Replace the text from (line, column) up to (end_line, end_column), exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    @classmethod
    def link_target(cls, link: Link, url: str) -> Edit | None:
        """Write ``url`` as the target of ``link`` (in a table cell): ``|`` escaped as
        ``\\|``, GFM's cell escape, which is undone before the link is read whatever its
        syntax. None when ``url`` holds a backslash, which each link syntax reads its own
        way: such a link is reported without a fix."""
        if "\\" in url:
            return None
        target = url.replace("|", "\\|")
        return cls(link.line, link.url_column, link.line, link.url_end_column, target)


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    description: str = ""


class Finding(NamedTuple):
    """What a rule reports; ``related_line`` names the other row of a pair (duplicates, order)."""

    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Fix | None = None
    related_line: int | None = None
    # The same problem blamed on the related row instead, for reports that only show
    # changed lines (a duplicate added above an older copy).
    alternate: Finding | None = None
    # A finding graver (or milder) than the rule's default severity; a configured
    # severity for the rule still wins.
    severity: Severity | None = None

    @classmethod
    def at(cls, span: Cell | Link | Image | Row, message: str, **extra: Any) -> Finding:
        """A finding covering a cell, a link, an image or a whole row."""
        if isinstance(span, Row):
            return cls(
                span.line, span.content_start + 1, span.line, span.content_end + 1, message, **extra
            )
        return cls(span.line, span.column, span.line, span.end_column, message, **extra)


def quoted(text: str, at_most: int = 60) -> str:
    """``text`` quoted for a message, its middle cut out when it is longer than ``at_most``."""
    if len(text) > at_most:
        half = at_most // 2
        text = f"{text[:half]}…{text[-half:]}"
    return repr(text)


class Option(NamedTuple):
    """A configuration key a rule reads. ``parse`` turns the configured value into the
    setting or raises ValueError with a message saying what is expected."""

    name: str
    default: Any
    parse: Callable[[Any], Any]
    help: str


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str
    check: Callable[[Document, Context], Iterable[Finding]]
    enabled_by_default: bool = True
    fixable: bool = False
    options: tuple[Option, ...] = ()
    # When set, the rule is on by default only if this option is configured (e.g. TAB002
    # runs once `header` is given).
    enabled_by_option: str | None = None
    # Runs once before any file is checked, with every document of the run (batching
    # network look-ups across files, for example). Returns nothing; stores what it needs
    # in `Context.state` and a problem of the environment in `Context.errors`.
    prepare: Callable[[list[Document], Context], None] | None = None


class Context:
    """What a rule may read besides the document: validated settings and the date.

    ``state`` is where ``prepare`` keeps what it fetched for ``check``. ``errors`` is where
    it records a problem of the environment that spoils the run (a service that cannot be
    reached): one line each, printed by the command as errors, exit code 2. ``notes`` are
    lines about a check that was skipped on purpose (no token for a service): printed once
    per run as notes, the exit code unchanged.
    """

    __slots__ = ("active", "errors", "notes", "run", "settings", "state", "today")

    def __init__(
        self,
        settings: Mapping[str, Any],
        today: dt.date,
        *,
        active: frozenset[str] = frozenset(),
        run: dict[str, Any] | None = None,
    ) -> None:
        self.settings = settings
        self.today = today
        self.state: dict[str, Any] = {}
        self.errors: list[str] = []
        self.notes: list[str] = []
        # Codes of the rules that run: a problem several rules could report is reported
        # by the most specific one that runs (a repeated row by DUP002 before DUP003).
        self.active = active
        # Shared by the contexts of every configuration of one run (a network deadline).
        self.run: dict[str, Any] = {} if run is None else run

    def __getitem__(self, key: str) -> Any:
        return self.settings[key]

    def runs(self, code: str) -> bool:
        """Whether the rule ``code`` runs (all do, when the caller did not say)."""
        return not self.active or code in self.active
