"""DUP003 duplicate-title: a row has the same title as another row (and not the same
arXiv paper, which DUP002 reports)."""

from awesome_lint.rules.paper import duplicate_rule

RULE = duplicate_rule("DUP003", "duplicate-title", "The same paper title is on two rows.")
