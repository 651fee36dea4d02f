"""DUP001 duplicate-model: a row repeats another row's model name (and neither their
paper nor their title, which DUP002 and DUP003 report, is the same)."""

from awesome_lint.rules.paper import duplicate_rule

RULE = duplicate_rule("DUP001", "duplicate-model", "The same model name is on two rows.")
