"""Where a document's blocks are, read without markdown-it-py when that is safe.

Importing markdown-it-py costs a third of a run on a typical README, and its block
parser builds per-line state and tokens for the whole file. Most lists need none of
it: their tables, code, HTML and headings sit at the top level, and their lists and
block quotes hold plain text. :func:`scan` reads such a document with markdown-it-py's
own block rules, ported for the top level (same rule order, same terminators, same
quirks), and steps over lists and block quotes whose content is plain text, finding
where they end as markdown-it-py does. As soon as a container holds anything else (a
table line, code, HTML, a heading, a rule, a link reference definition, a tab in its
indentation) it gives up and returns ``None``; the parser then asks markdown-it-py.
``tests/test_parser_differential.py`` checks both agree on every corpus file and on
generated input.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from awesome_lint.lazyre import LazyPattern
from awesome_lint.model import Heading
from awesome_lint.tablerule import (
    MAX_AUTOCOMPLETED_CELLS,
    TERMINATOR_STARTS,
    TRIM,
    TableLines,
    cell_count,
    header_columns,
)


class Blocks(NamedTuple):
    """What the parser needs from the block structure (0-based lines)."""

    tables: list[TableLines]
    code_lines: frozenset[int]  # 1-based lines of fenced and indented code
    headings: list[Heading]
    # [first, end) of each paragraph that may hold table rows; the scanner's are those at
    # the top level (the lists and quotes it steps over have no line starting with "|").
    paragraphs: list[tuple[int, int]]


class _NeedsMarkdownIt(Exception):
    """The document has a container whose content this scanner does not read."""


# markdown-it-py's html_block sequences (common/html_blocks.py, common/html_re.py, MIT):
# the opening pattern of each HTML block type, its closing pattern, and whether it
# may interrupt a paragraph.
_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_ATTRIBUTE = (
    r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
)
_OPEN_CLOSE_TAG = rf"^(?:<[A-Za-z][A-Za-z0-9\-]*{_ATTRIBUTE}*\s*\/?>|<\/[A-Za-z][A-Za-z0-9\-]*\s*>)"


# Compiled on the first line that starts with ``<`` (a few milliseconds of start-up).
_HTML_BLOCKS = (
    (
        LazyPattern(r"^<(?a:(script|pre|style|textarea))(?=(\s|>|$))", re.IGNORECASE),
        LazyPattern(r"<\/(?a:(script|pre|style|textarea))>", re.IGNORECASE),
        True,
    ),
    (LazyPattern(r"^<!--"), LazyPattern(r"-->"), True),
    (LazyPattern(r"^<\?"), LazyPattern(r"\?>"), True),
    (LazyPattern(r"^<![A-Za-z]"), LazyPattern(r">"), True),
    (LazyPattern(r"^<!\[CDATA\["), LazyPattern(r"\]\]>"), True),
    (
        LazyPattern(rf"^</?(?a:({_BLOCK_NAMES}))(?=(\s|/?>|$))", re.IGNORECASE),
        LazyPattern(r"^$"),
        True,
    ),
    (LazyPattern(_OPEN_CLOSE_TAG + r"\s*$"), LazyPattern(r"^$"), False),
)
# A link reference definition on one line: a label without brackets or escapes, a
# destination without spaces, parentheses or escapes, and perhaps a title without
# escapes; markdown-it-py refuses links to scripts and files.
_DEFINITION = LazyPattern(
    r"\[([^\[\]\\]+)\]:[ \t]*([^\s<>()\\\x00-\x1f\x7f]+)"
    r"""(?:[ \t]+("[^"\\]*"|'[^'\\]*'))?[ \t]*"""
)
_UNSAFE_URL = LazyPattern(r"(?i)(?:vbscript|javascript|file|data):")
# A line made of these only is a rule, a setext underline or a delimiter row.
_RULE_CHARS = frozenset("-=*_:| \t")


def scan(lines: list[str], starts: list[int], ends_with_newline: bool) -> Blocks | None:
    """The blocks of the document ``lines`` (LF-split, ``starts`` their offsets), or
    ``None`` when it needs markdown-it-py."""
    try:
        return _Scanner(lines, starts, ends_with_newline).run()
    except _NeedsMarkdownIt:
        return None


def _indent(text: str, content: str) -> int:
    """Columns before ``content`` (tabs to the next multiple of 4)."""
    shift = len(text) - len(content)
    if "\t" not in text[:shift]:
        return shift
    columns = 0
    for character in text[:shift]:
        columns += 4 - columns % 4 if character == "\t" else 1
    return columns


def _marker_end(content: str) -> int:
    """Where a list marker at the start of ``content`` ends (markdown-it-py's
    ``skipOrderedListMarker`` then ``skipBulletListMarker``); -1 if there is none."""
    end = _ordered_marker_end(content)
    if end >= 0:
        return end
    if content[:1] in ("*", "-", "+") and content[1:2] in ("", " ", "\t"):
        return 1
    return -1


def _ordered_marker_end(content: str) -> int:
    if len(content) < 2 or not "0" <= content[0] <= "9":
        return -1
    position = 1
    while True:
        if position >= len(content):
            return -1
        character = content[position]
        position += 1
        if "0" <= character <= "9":
            if position >= 10:
                return -1
            continue
        if character in ").":
            break
        return -1
    if content[position : position + 1] not in ("", " ", "\t"):
        return -1
    return position


def _atx_heading(content: str) -> tuple[int, str] | None:
    """Level and text of an ATX heading (``## Title ##``)."""
    if not content.startswith("#"):
        return None
    level = len(content) - len(content.lstrip("#"))
    rest = content[level:]
    if level > 6 or rest[:1] not in ("", " ", "\t"):
        return None
    rest = rest.rstrip(" \t")
    unclosed = rest.rstrip("#")
    if unclosed and unclosed[-1] in " \t":
        rest = unclosed
    return level, rest.strip(TRIM)


def _is_rule(content: str) -> bool:
    marker = content[0]
    return (
        marker in "*-_"
        and content.count(marker) >= 3
        and not content.replace(marker, "").strip(" \t")
    )


def _is_fence(content: str) -> bool:
    marker = content[0]
    if marker not in "`~" or not content.startswith(marker * 3):
        return False
    return marker == "~" or "`" not in content.lstrip("`")


def _html_block(content: str) -> tuple[re.Pattern[str], bool] | None:
    """The closing pattern of the HTML block ``content`` opens, and whether it may
    interrupt a paragraph."""
    if content.startswith("<"):
        for opening, closing, interrupts in _HTML_BLOCKS:
            if opening().search(content):
                return closing(), interrupts
    return None


def _is_setext_underline(content: str) -> bool:
    marker = content[0]
    return marker in "=-" and not content.lstrip(marker).strip(" \t")


def _require_plain(content: str) -> None:
    """Raise unless ``content`` (the text of a line in a list or block quote) is
    paragraph text, or a list item holding such text, and so makes no block of its own."""
    while True:  # through list markers: "- 1. text" is text in an item of an item
        if not content.strip(" \t") or _RULE_CHARS.issuperset(content):
            raise _NeedsMarkdownIt
        end = _marker_end(content)
        if end < 0:
            break
        item = content[end:].lstrip(" ")
        if len(content) - end - len(item) > 4 or item.startswith("\t"):
            raise _NeedsMarkdownIt  # indented code in the item
        content = item
    if content[0] in "<>#|\t" or content.startswith(("```", "~~~")):
        raise _NeedsMarkdownIt
    if content[0] == "[" and ("]:" in content or "]" not in content):
        raise _NeedsMarkdownIt  # a link reference definition, perhaps over lines
    if "]:" in content and "[" not in content.partition("]:")[0]:
        raise _NeedsMarkdownIt  # perhaps the end of a definition's label


class _Scanner:
    """markdown-it-py's block rules at the top level of a document (``blkIndent`` 0)."""

    def __init__(self, lines: list[str], starts: list[int], ends_with_newline: bool) -> None:
        self.lines = lines
        self.starts = starts
        self.count = len(lines)
        # markdown-it-py gives a last line of only blanks without a line break no line
        if self.count and not ends_with_newline and not lines[-1].strip(" \t"):
            self.count -= 1
        self.tables: list[TableLines] = []
        self.code: set[int] = set()
        self.headings: list[Heading] = []
        self.paragraphs: list[tuple[int, int]] = []
        # Lines before this one start no link reference definition (each "[" that starts
        # a block scans to the next blank line: linear with this bound).
        self.undefined_until = 0

    def run(self) -> Blocks:
        line, lines = 0, self.lines
        while line < self.count:
            if lines[line].strip(" \t"):
                line = self._block(line)
            else:
                line += 1
        return Blocks(self.tables, frozenset(self.code), self.headings, self.paragraphs)

    def _content(self, line: int) -> tuple[str, int]:
        text = self.lines[line]
        content = text.lstrip(" \t")
        return content, _indent(text, content)

    def _block(self, line: int) -> int:
        """Read the block starting at ``line`` (not blank); returns the line after it."""
        content, indent = self._content(line)
        columns = self._table_columns(line, content, indent)
        if columns:
            return self._table(line, columns)
        if indent >= 4:
            return self._indented_code(line)
        first = content[0]
        if first in "`~" and _is_fence(content):
            return self._fence(line, content)
        if first == ">":
            return self._quote(line)
        if first in "*-_" and _is_rule(content):
            return line + 1
        if _marker_end(content) >= 0:
            return self._list(line)
        if first == "[" and self._is_definition(line, content):
            return line + 1
        if first == "<":
            html = _html_block(content)
            if html:
                return self._html(line, content, html[0])
        if first == "#":
            heading = _atx_heading(content)
            if heading:
                self.headings.append(Heading(line + 1, *heading))
                return line + 1
        return self._paragraph(line)

    # --- tables -----------------------------------------------------------------------

    def _table_columns(self, line: int, header: str, indent: int) -> int:
        """Columns of a table whose header is ``line`` (``header``, indented ``indent``
        columns); 0 if none starts there."""
        if line + 2 > self.count or indent >= 4:
            return 0
        delimiter, delimiter_indent = self._content(line + 1)
        return header_columns(header, delimiter) if delimiter_indent < 4 else 0

    def _table(self, line: int, columns: int) -> int:
        spans = [self._span(line), self._span(line + 1)]
        lines, starts, autocompleted = self.lines, self.starts, 0
        line += 2
        while line < self.count:
            text = lines[line]
            if text.startswith("|"):  # most rows: no indentation, not another block
                content, indent = text, 0
            else:
                content, indent = self._content(line)
                if content[:1] in TERMINATOR_STARTS and self._ends_block(content, indent):
                    break
            trimmed = content.strip(TRIM)
            if not trimmed or indent >= 4:
                break
            autocompleted += columns - cell_count(trimmed)
            if autocompleted > MAX_AUTOCOMPLETED_CELLS:
                break
            end = starts[line] + len(text)
            spans.append((line, end - len(content), end))
            line += 1
        self.tables.append(spans)
        return line

    def _span(self, line: int) -> tuple[int, int, int]:
        text = self.lines[line]
        end = self.starts[line] + len(text)
        return line, end - len(text.lstrip(" \t")), end

    # --- terminators (markdown-it-py's rules in silent mode) --------------------------

    def _ends_block(self, content: str, indent: int) -> bool:
        """Whether a line ends a table's body or a block quote (markdown-it-py's
        terminators of a block quote)."""
        return indent < 4 and self._starts_block(content, interrupting=False)

    def _ends_paragraph(self, line: int, content: str, indent: int) -> bool:
        return bool(self._table_columns(line, content, indent)) or self._starts_block(
            content, interrupting=True
        )

    def _starts_block(self, content: str, interrupting: bool) -> bool:
        """fence, blockquote, hr, list, html_block, heading; ``interrupting``: a list
        may interrupt a paragraph only with a first item that has text (and is 1)."""
        first = content[0]
        if first in "`~":
            return _is_fence(content)
        if first == ">":
            return True
        if first in "*-_" and _is_rule(content):
            return True
        end = _marker_end(content)
        if end >= 0:
            if not interrupting:
                return True
            ordered = content[end - 1] in ".)"
            return bool(content[end:].strip(" \t")) and (
                not ordered or int(content[: end - 1]) == 1
            )
        if first == "<":
            html = _html_block(content)
            return bool(html and html[1])
        return first == "#" and _atx_heading(content) is not None

    # --- leaf blocks ------------------------------------------------------------------

    def _indented_code(self, line: int) -> int:
        last = following = line + 1
        while following < self.count:
            content, indent = self._content(following)
            if not content:
                following += 1
            elif indent >= 4:
                following += 1
                last = following
            else:
                break
        self.code.update(range(line + 1, last + 1))
        return last

    def _fence(self, line: int, content: str) -> int:
        marker = content[0]
        length = len(content) - len(content.lstrip(marker))
        following, closed = line + 1, False
        while following < self.count:
            text, indent = self._content(following)
            if text.startswith(marker) and indent < 4:
                run = len(text) - len(text.lstrip(marker))
                if run >= length and not text[run:].strip(" \t"):
                    closed = True
                    break
            following += 1
        end = following + 1 if closed else following
        self.code.update(range(line + 1, end + 1))
        return end

    def _html(self, line: int, content: str, closing: re.Pattern[str]) -> int:
        following = line + 1
        if closing.search(content):
            return following
        while following < self.count:
            text = self.lines[following].lstrip(" \t")
            if closing.search(text):
                return following + 1 if text else following
            following += 1
        return following

    def _paragraph(self, first: int) -> int:
        """A paragraph, or a setext heading when an underline comes first."""
        line = first + 1
        while line < self.count:
            content, indent = self._content(line)
            if not content:
                break
            if indent > 3:
                line += 1
                continue
            if _is_setext_underline(content):
                text = "\n".join(self.lines[first:line]).strip(TRIM)
                self.headings.append(Heading(first + 1, 1 if content[0] == "=" else 2, text))
                return line + 1
            if self._ends_paragraph(line, content, indent):
                break
            line += 1
        self.paragraphs.append((first, line))
        return line

    def _is_definition(self, first: int, content: str) -> bool:
        """Whether ``first`` is a link reference definition of one line (``[label]: url``
        or ``[label]: url "title"``). Any other text that may be one (over lines, with
        a title below, ...) is read by markdown-it-py."""
        match = _DEFINITION().fullmatch(content)
        if match and match[1].strip() and not _UNSAFE_URL().match(match[2]):
            below = self.lines[first + 1].lstrip(" \t") if first + 1 < self.count else ""
            if match[3] or below[:1] not in ('"', "'", "("):  # no title below
                return True
        if first < self.undefined_until:  # its lines, up to a blank line, have no "]:"
            return False
        line = first
        while line < self.count and self.lines[line].strip(" \t"):
            if "]:" in self.lines[line]:
                raise _NeedsMarkdownIt
            line += 1
        self.undefined_until = line
        return False

    # --- containers with plain text ---------------------------------------------------

    def _list(self, first: int) -> int:
        """Step over a list whose items hold plain text; returns the line after it."""
        width = self._item_width(first)
        line, blank_before = first + 1, False
        while line < self.count:
            text = self.lines[line]
            content = text.lstrip(" ")
            if not content.strip(" \t"):
                blank_before = True
                line += 1
                continue
            if content[0] == "\t":
                raise _NeedsMarkdownIt
            indent = len(text) - len(content)
            if indent >= width:
                if blank_before and indent >= width + 4:
                    raise _NeedsMarkdownIt  # indented code, or an item nested that deep
                _require_plain(content)
            elif _marker_end(content) >= 0:
                width = self._item_width(line)
            elif blank_before or self._starts_block(content, interrupting=False):
                return line
            else:
                _require_plain(content)  # a lazy continuation line
            blank_before = False
            line += 1
        return line

    def _item_width(self, line: int) -> int:
        """The indentation of the content of the list item starting at ``line``."""
        text = self.lines[line]
        content = text.lstrip(" ")
        _require_plain(content)
        end = _marker_end(content)
        spaces = len(content[end:]) - len(content[end:].lstrip(" "))
        width = len(text) - len(content) + end + spaces
        if width > 4:
            raise _NeedsMarkdownIt  # where its lines belong depends on finer rules
        return width

    def _quote(self, first: int) -> int:
        """Step over a block quote of plain text; returns the line after it."""
        line, last_empty = first, False
        while line < self.count:
            content, indent = self._content(line)
            if not content:
                return line
            if content[0] == ">":
                inner = content[1:]
                if inner.startswith("\t"):
                    raise _NeedsMarkdownIt
                inner = inner.removeprefix(" ")
                last_empty = not inner.strip(" \t")
                if not last_empty:
                    if len(inner) - len(inner.lstrip(" ")) >= 4:
                        raise _NeedsMarkdownIt
                    _require_plain(inner.lstrip(" "))
            elif last_empty or self._ends_block(content, indent):
                return line
            else:
                _require_plain(content)  # a lazy continuation line
            line += 1
        return line
