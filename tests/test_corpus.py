"""Every real list of ``../shared/corpus`` (its ``lists`` and ``history``) goes through the
command, in batches of files per call, with JSON output: no crash, no traceback, exit
status 0 or 1, and a JSON array of violations naming only the files given.

Skipped when the corpus is not there (it is in CI).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, run_cli

FILES = sorted(path for part in ("lists", "history") for path in (CORPUS / part).glob("**/*.md"))
BATCH = 40


def _batches() -> list[list[Path]]:
    return [FILES[start : start + BATCH] for start in range(0, len(FILES), BATCH)]


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not there")
@pytest.mark.parametrize("batch", _batches(), ids=lambda batch: batch[0].stem)
def test_corpus_lints_without_crashing(batch: list[Path]) -> None:
    names = [str(path.relative_to(CORPUS)) for path in batch]
    result = run_cli("--isolated", "--output-format", "json", *names, cwd=CORPUS)
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr, result.stderr[-2000:]
    assert result.returncode in (0, 1), result.stderr[-2000:]
    violations = json.loads(result.stdout)
    assert isinstance(violations, list)
    assert {violation["path"] for violation in violations} <= set(names)
