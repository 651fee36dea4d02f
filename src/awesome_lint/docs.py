"""Rule documentation pages (``rules/CODE-name.md``, shipped in the wheel)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from awesome_lint import PROJECT_URL
from awesome_lint.rule import Rule

_PACKAGE = Path(__file__).resolve().parent
# Installed wheels carry the pages as package data; a source checkout has them in rules/.
DOCS_DIRECTORIES = (_PACKAGE / "rule_docs", _PACKAGE.parent.parent / "rules")
# The sections of every page, in this order, as level-2 headings.
SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Options", "Fix")


def page_name(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}.md"


def page_path(rule: Rule) -> Path | None:
    """The rule's shipped page, or None (a plugin's rule has none)."""
    for directory in DOCS_DIRECTORIES:
        page = directory / page_name(rule)
        if page.is_file():
            return page
    return None


def page_url(rule: Rule) -> str:
    """Where the rule's page is read on the web."""
    return f"{PROJECT_URL}/blob/main/rules/{page_name(rule)}"


def rule_page(rule: Rule) -> str:
    """The rule's page; for a rule without one (a plugin's), a page made from its fields."""
    page = page_path(rule)
    return page.read_text(encoding="utf-8") if page else _generated_page(rule)


def headings(page: str) -> list[tuple[int, str]]:
    """The level-2 headings of a page outside code fences, as (line index, text)."""
    found: list[tuple[int, str]] = []
    fence = ""
    for index, line in enumerate(page.splitlines()):
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = "" if fence == marker else fence or marker
        elif not fence and line.startswith("## "):
            found.append((index, line[3:].strip()))
    return found


def section(page: str, heading: str) -> str:
    """The text under ``## heading`` up to the next level-2 heading, stripped ("" if absent)."""
    lines = page.splitlines()
    marks = [*headings(page), (len(lines), "")]
    for (start, text), (end, _) in pairwise(marks):
        if text == heading:
            return "\n".join(lines[start + 1 : end]).strip()
    return ""


def _generated_page(rule: Rule) -> str:
    lines = [f"# {rule.code} {rule.name}", "", rule.summary, ""]
    lines.append(
        f"Default severity: {rule.severity.value}. Fixable: {'yes' if rule.fixable else 'no'}."
    )
    if rule.options:
        lines += ["", "## Options", ""]
        lines += [
            f"- `{option.name}` (default `{option.default}`): {option.help}"
            for option in rule.options
        ]
    return "\n".join(lines) + "\n"
