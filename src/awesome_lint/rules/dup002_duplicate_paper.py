"""DUP002 duplicate-paper: a row links the same arXiv paper as another row, whatever the
URL form."""

from awesome_lint.rules.paper import duplicate_rule

RULE = duplicate_rule("DUP002", "duplicate-paper", "The same arXiv paper is on two rows.")
