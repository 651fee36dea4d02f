"""awesome-lint: a linter for awesome lists of papers kept in Markdown tables."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/awesome-lint/awesome-lint"
