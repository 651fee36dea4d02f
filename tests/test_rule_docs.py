"""Rule pages: one ``rules/<CODE>-<name>.md`` per registered rule, and ``--explain``."""

from __future__ import annotations

import importlib
import sys

import pytest

from awesome_lint.cli import explain
from awesome_lint.docs import SECTIONS, headings, page_name
from awesome_lint.rule import Rule
from tests.conftest import ROOT, run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAGES = ROOT / "rules"


def registered_rules() -> list[Rule]:
    """The rules pyproject.toml registers (whether or not the install is up to date)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = project["project"]["entry-points"]["awesome_lint.rules"]
    rules = []
    for value in entry_points.values():
        module, attribute = value.split(":")
        rules.append(getattr(importlib.import_module(module), attribute))
    return sorted(rules, key=lambda rule: rule.code)


RULES = registered_rules()


def test_every_registered_rule_has_a_page() -> None:
    missing = [page_name(rule) for rule in RULES if not (PAGES / page_name(rule)).is_file()]
    assert not missing, f"write rules/{missing[0]} (see DEVELOPERS.md): missing {missing}"


def test_every_page_belongs_to_a_registered_rule() -> None:
    expected = {page_name(rule) for rule in RULES}
    strays = sorted(page.name for page in PAGES.glob("*") if page.name not in expected)
    assert not strays, f"pages without a registered rule (renamed?): {strays}"


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_page_has_the_required_sections(rule: Rule) -> None:
    page = PAGES / page_name(rule)
    if not page.is_file():
        pytest.skip("no page (test_every_registered_rule_has_a_page reports it)")
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.code} {rule.name}\n"), "the title is '# CODE name'"
    found = [heading for _, heading in headings(text) if heading in SECTIONS]
    assert found == list(SECTIONS), f"level-2 headings, in this order: {SECTIONS}"


def test_explain_prints_the_page_by_code_or_name() -> None:
    documented = [rule for rule in RULES if (PAGES / page_name(rule)).is_file()]
    for rule in documented:
        page = (PAGES / page_name(rule)).read_text(encoding="utf-8")
        assert explain(RULES, rule.code) == page
        assert explain(RULES, rule.name) == page


def test_explain_of_an_unknown_rule_is_a_usage_error() -> None:
    result = run_cli("--explain", "XYZ999")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "awesome-lint: error: --explain: unknown rule 'XYZ999' (see --list-rules)\n"
    )
