"""Fixture-driven rule tests.

``fixtures/rules/<CODE>/<case>.md`` is linted with only rule CODE selected (unless
``<case>.yaml`` beside it says otherwise) and today fixed to 2026-11-24. The findings,
one ``LINE:COL: CODE message`` line each (with the severity after the code where it is
not the rule's default), must equal ``<case>.md.expected``; an empty
expected file is a negative case. ``UPDATE_FIXTURES=1`` rewrites the expected files
(review the diff before committing).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from awesome_lint.engine import Engine
from awesome_lint.parser import decode
from awesome_lint.registry import load_rules
from tests.conftest import FIXED_TODAY, FIXTURES

CASES = sorted((FIXTURES / "rules").glob("*/*.md"))


def lint_fixture(case: Path) -> list[str]:
    config = case.with_suffix(".yaml")
    overrides: dict[str, object] = {"today": dt.date.fromisoformat(FIXED_TODAY)}
    if not config.exists() or "select" not in _raw_yaml(config):
        overrides["select"] = (case.parent.name,)
    engine = Engine(
        load_rules(), overrides, config_path=config if config.exists() else None, isolated=True
    )
    text, bom = decode(case.read_bytes(), case.name)
    document = engine.parse(text, case.name, bom=bom)
    profile = engine.profile_for(case)
    engine.prepare([document], profile)
    defaults = {rule.code: rule.severity for rule in engine.rules}
    return [
        f"{v.line}:{v.column}: {v.code}{' [*]' if v.fixable else ''}"
        f"{f' ({v.severity.value})' if v.severity != defaults[v.code] else ''} {v.message}"
        for v in engine.check(document, profile)
    ]


def _raw_yaml(path: Path) -> dict[str, object]:
    """The case's configuration as written, only to see whether it sets ``select``."""
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_rule_fixture(case: Path) -> None:
    expected_file = case.with_suffix(".md.expected")
    found = lint_fixture(case)
    if os.environ.get("UPDATE_FIXTURES"):
        expected_file.write_text("".join(line + "\n" for line in found), encoding="utf-8")
    assert expected_file.exists(), f"missing {expected_file.name}"
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert found == expected


def test_every_rule_has_positive_and_negative_fixtures() -> None:
    for rule in load_rules():
        if rule.prepare is not None:
            continue  # online rules are tested against the local servers (tests/online)
        cases = sorted((FIXTURES / "rules" / rule.code).glob("*.md"))
        outcomes = {bool(c.with_suffix(".md.expected").read_text().strip()) for c in cases}
        assert outcomes == {True, False}, f"{rule.code} needs a positive and a negative fixture"
