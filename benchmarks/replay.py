"""Replay the real edits of a list's history as pull requests: each version of
``../shared/corpus/history/<list>/`` is committed, the next one written over it, and
``awesome-lint --diff-base HEAD`` is run as the GitHub Action runs it on a pull
request. Prints every edit whose check would fail (or warn) and what it reported:

    .venv/bin/python benchmarks/replay.py                    # speech-trident
    .venv/bin/python benchmarks/replay.py multimodal-papers --all

A false alarm here is a contributor's correct pull request turned red.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT.parent / "shared" / "corpus" / "history"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("history", nargs="?", default="speech-trident")
    parser.add_argument("--all", action="store_true", help="also show edits with warnings only")
    parser.add_argument("--today", default="2026-12-03")
    args = parser.parse_args()
    versions = sorted((HISTORY / args.history).glob("[0-9]*.md"))
    if not versions:
        print(f"no history at {HISTORY / args.history}", file=sys.stderr)
        return 2
    failing = reported = 0
    with tempfile.TemporaryDirectory() as directory:
        repo = Path(directory)
        _git(repo, "init", "-q")
        readme = repo / "README.md"
        for before, after in itertools.pairwise(versions):
            shutil.copyfile(before, readme)
            _git(repo, "add", "README.md")
            _git(repo, "commit", "-q", "--allow-empty", "-m", before.name)
            shutil.copyfile(after, readme)
            code, output = _lint(repo, args.today)
            failing += code == 1
            reported += bool(output)
            if code == 1 or (output and args.all):
                print(f"{after.name} (exit {code}):")
                print("".join(f"  {line}\n" for line in output))
    print(f"{len(versions) - 1} edits replayed: {failing} would fail, {reported} report something")
    return 0


def _lint(repo: Path, today: str) -> tuple[int, list[str]]:
    environment = {**os.environ, "AWESOME_LINT_TODAY": today, "NO_COLOR": "1"}
    result = subprocess.run(
        [_command(), "-q", "--isolated", "--diff-base", "HEAD", "README.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=environment,
    )
    return result.returncode, (result.stdout + result.stderr).splitlines()


def _command() -> str:
    return shutil.which("awesome-lint", path=str(Path(sys.executable).parent)) or "awesome-lint"


def _git(repo: Path, *args: str) -> None:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "replay",
        "GIT_AUTHOR_EMAIL": "replay@example.invalid",
        "GIT_COMMITTER_NAME": "replay",
        "GIT_COMMITTER_EMAIL": "replay@example.invalid",
    }
    subprocess.run(["git", *args], cwd=repo, check=True, env=environment)


if __name__ == "__main__":
    sys.exit(main())
