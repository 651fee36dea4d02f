"""Rule documentation pages (``rules/CODE-name.md``, shipped in the wheel)."""

from __future__ import annotations

from pathlib import Path

from awesome_lint.rule import Rule

_PACKAGE = Path(__file__).resolve().parent
# Installed wheels carry the pages as package data; a source checkout has them in rules/.
DOCS_DIRECTORIES = (_PACKAGE / "rule_docs", _PACKAGE.parent.parent / "rules")


def page_name(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}.md"


def rule_page(rule: Rule) -> str:
    """The rule's page; for a rule without one (a plugin's), a page made from its fields."""
    for directory in DOCS_DIRECTORIES:
        page = directory / page_name(rule)
        if page.is_file():
            return page.read_text(encoding="utf-8")
    return _generated_page(rule)


def _generated_page(rule: Rule) -> str:
    lines = [f"# {rule.code} {rule.name}", "", rule.summary, ""]
    lines.append(f"Default severity: {rule.severity.value}. Fixable: {'yes' if rule.fixable else 'no'}.")
    if rule.options:
        lines += ["", "## Options", ""]
        lines += [f"- `{option.name}` (default `{option.default}`): {option.help}" for option in rule.options]
    return "\n".join(lines) + "\n"
