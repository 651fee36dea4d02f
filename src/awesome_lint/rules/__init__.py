"""Built-in rules, one module each, registered through the ``awesome_lint.rules`` entry points."""
