"""Many files on several cores (pool.py): a run with worker processes forced on
(``AWESOME_LINT_WORKERS=2``, whatever the amount of work) prints exactly what the
sequential run (``AWESOME_LINT_WORKERS=1``) prints, in every format, with input errors,
warnings, an internal error, online rules and Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_lint import pool
from awesome_lint.config import ConfigError
from awesome_lint.model import Document
from tests.conftest import FIXED_TODAY, run_cli
from tests.online.fake_arxiv import FakeArxiv
from tests.test_plugins import make_plugin

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="worker processes fork: Linux only"
)

HEADER = "| Date | Model Name | Paper Title | Link |\n|---|---|---|---|\n"
FORMATS = ("text", "full", "json", "github", "sarif", "rdjson", "gitlab", "junit")


def table(seed: int) -> str:
    """A list with findings of several rules (order, duplicates, links, empty cells)."""
    rows = [
        f"| 2024-{(seed + i) % 12 + 1:02d} | M{(i * seed) % 7} | Title {i % 5} | "
        f"[p](https://arxiv.org/{'pdf' if i % 3 else 'abs'}/24{i % 12 + 1:02d}.{seed:02d}{i:03d}) |"
        for i in range(12 + seed)
    ]
    rows.append("|  | Empty | T | nolink |")
    return f"# List {seed}\n\n" + HEADER + "\n".join(rows) + "\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for seed in range(1, 7):
        (tmp_path / f"list{seed}.md").write_text(table(seed), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nNo table here.\n", encoding="utf-8")
    (tmp_path / "suppressed.md").write_text(
        HEADER + "| 2024-01 | A | T | nolink <!-- awesome-lint-disable-line XYZ999 --> |\n",
        encoding="utf-8",
    )
    return tmp_path


def both(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The run with workers, after checking it equals the sequential one."""
    sequential = run_cli(*args, cwd=cwd, env={**(env or {}), pool.WORKERS_ENV: "1"})
    parallel = run_cli(*args, cwd=cwd, env={**(env or {}), pool.WORKERS_ENV: "2"})
    assert "Traceback" not in parallel.stderr
    assert parallel.stdout == sequential.stdout
    assert parallel.stderr == sequential.stderr
    assert parallel.returncode == sequential.returncode
    return parallel


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_is_the_sequential_runs(project: Path, output_format: str) -> None:
    result = both("--output-format", output_format, ".", cwd=project)
    assert result.returncode == 1
    if output_format == "json":
        assert {item["path"] for item in json.loads(result.stdout)} >= {"list1.md", "list6.md"}


@pytest.mark.parametrize(
    "options", [("--statistics",), ("--show-tables",), ("--select", "TAB002,DAT", "-q")]
)
def test_reports_from_the_documents_are_the_sequential_runs(
    project: Path, options: tuple[str, ...]
) -> None:
    result = both(*options, ".", cwd=project)
    assert result.stdout


def test_files_keep_the_names_they_were_given(project: Path) -> None:
    result = both("--output-format", "full", "./list1.md", ".//notes.md", "list2.md", cwd=project)
    assert "./list1.md:3:1: ARX002" in result.stdout
    assert "\n19 | |  | Empty | T | nolink |\n" in result.stdout  # the source line, found
    assert both(".//notes.md", "./notes.md", cwd=project).stderr.startswith(
        "Nothing checked: no paper table in .//notes.md, ./notes.md."
    )


def test_warnings_and_the_summary_come_once_in_order(project: Path) -> None:
    result = both("--select", "TAB002,TAB005", ".", cwd=project)
    assert result.stderr.splitlines()[:2] == [
        "awesome-lint: warning: TAB002 (table-header) is selected but checks nothing unless "
        "`header` is set",
        "awesome-lint: warning: suppressed.md:3: unknown rule 'XYZ999' in a suppression "
        "comment; it silences nothing",
    ]


def test_a_baseline_is_written_and_applied_alike(project: Path) -> None:
    both("--write-baseline", "--baseline", "base.json", "list1.md", "list2.md", cwd=project)
    written = (project / "base.json").read_text(encoding="utf-8")
    both("--write-baseline", "--baseline", "base.json", "list1.md", "list2.md", cwd=project)
    assert (project / "base.json").read_text(encoding="utf-8") == written
    result = both("--baseline", "base.json", "--output-format", "gitlab", ".", cwd=project)
    assert "list1.md" not in result.stdout and "list3.md" in result.stdout


def test_an_unreadable_file_is_one_error_line_and_exit_2(project: Path) -> None:
    (project / "binary.md").write_bytes(b"| a |\x00\n")
    (project / "latin1.md").write_bytes(HEADER.encode() + "| caf\xe9 |\n".encode("latin-1"))
    result = both("list1.md", "binary.md", "list2.md", "missing.md", "latin1.md", cwd=project)
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert errors[:2] == [
        "awesome-lint: error: missing.md: no such file or directory",
        "awesome-lint: error: binary.md: binary file (contains NUL bytes), not Markdown text",
    ]
    assert errors[2].startswith("awesome-lint: error: latin1.md:")
    assert result.returncode == 2
    assert "list2.md:" in result.stdout


def test_a_broken_configuration_met_in_the_run_is_the_sequential_error(project: Path) -> None:
    sub = project / "sub"
    sub.mkdir()
    (sub / ".awesome-lint.yaml").write_text("bogus: 1\n", encoding="utf-8")
    (sub / "list.md").write_text(table(3), encoding="utf-8")
    result = both("list1.md", "sub/list.md", "list2.md", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith("unknown key 'bogus'")


CRASHING = """\
from awesome_lint.rule import Rule, Severity


def check(document, context):
    if "CRASH" in document.text:
        raise ValueError(f"cannot check {document.path}")
    return ()


RULE = Rule(code="XCR001", name="crash", severity=Severity.ERROR, summary="Crashes.", check=check)
"""


def test_an_internal_error_in_a_worker_is_the_sequential_one_line(project: Path) -> None:
    make_plugin(project / "site", "xcr_plugin", CRASHING, "XCR001 = xcr_plugin:RULE")
    (project / "list4.md").write_text(table(4) + "CRASH\n", encoding="utf-8")
    (project / "list5.md").write_text(table(5) + "CRASH\n", encoding="utf-8")
    result = both(".", cwd=project, env={"PYTHONPATH": str(project / "site")})
    assert result.stderr == (
        "awesome-lint: error: internal error: ValueError: cannot check list4.md "
        "(please report this bug)\n"
    )
    assert (result.stdout, result.returncode) == ("", 2)


def test_online_rules_ask_once_for_all_files_in_the_parent(project: Path) -> None:
    with FakeArxiv({"2401.01000": "Title 0"}) as fake:
        args = ("--online", "--no-cache", "--arxiv-api-url", fake.url, "--select", "ARX003")
        result = both(*args, "list1.md", "list2.md", "list3.md", cwd=project)
        assert "list3.md:5:28: ARX003 arXiv has no paper 2401.03000 (error)" in result.stdout
        sequential, parallel = fake.requests  # one batch for the three files, each run
        assert sequential.ids == parallel.ids
        assert {"2401.01000", "2401.02000", "2401.03000"} <= set(parallel.ids)


def test_workers_check_what_they_can_and_leave_the_rest(project: Path) -> None:
    from awesome_lint.engine import Engine
    from awesome_lint.registry import load_rules

    (project / "binary.md").write_bytes(b"\x00")
    engine = Engine(load_rules(), isolated=True)
    paths = [str(project / name) for name in ("list1.md", "binary.md", "notes.md", "gone.md")]
    checked, binary, notes, gone = pool.check_in_workers(engine, paths, 2)
    assert (binary, gone) == (None, None)  # the parent reports them as a sequential run does
    assert checked is not None and notes is not None
    document = engine.parse(checked.source, paths[0])
    assert checked.lines == document.lines
    assert checked.violations == engine.check(document, engine.profile_for(Path(paths[0])))
    assert (checked.paper_table, notes.paper_table) == (True, False)
    documents = pool.Documents(engine)
    documents[paths[0]] = checked
    assert list(documents) == [paths[0]]
    assert shape(documents[paths[0]]) == shape(document)  # parsed again when asked
    assert documents[paths[0]] is documents[paths[0]]  # once


def shape(document: Document) -> list[tuple[int, list[str]]]:
    return [(table.line, [row.raw for row in table.all_rows()]) for table in document.tables]


def test_one_file_or_little_work_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pool.WORKERS_ENV, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    here = [str(Path(__file__))]
    assert pool.worker_count(here) == 0
    assert pool.worker_count(here * 3) == 0  # far below MIN_PARALLEL_BYTES
    monkeypatch.setattr(pool, "MIN_PARALLEL_BYTES", 1)
    assert pool.worker_count(here) == 0
    assert pool.worker_count(here * 3) == 2  # one per core
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert pool.worker_count(here * 3) == 0


def test_the_environment_sets_the_number_of_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    here = [str(Path(__file__))]
    for value, count in (("1", 0), ("2", 2), ("8", 3)):
        monkeypatch.setenv(pool.WORKERS_ENV, value)
        assert pool.worker_count(here * 3) == count
        assert pool.worker_count(here) == 0
    for value in ("0", "two", "-1", "²"):
        monkeypatch.setenv(pool.WORKERS_ENV, value)
        with pytest.raises(ConfigError, match="AWESOME_LINT_WORKERS"):
            pool.worker_count(here * 3)


def test_an_invalid_number_of_workers_is_one_error_line(project: Path) -> None:
    result = run_cli("list1.md", "list2.md", cwd=project, env={pool.WORKERS_ENV: "many"})
    assert result.stderr == (
        "awesome-lint: error: AWESOME_LINT_WORKERS: expected a number of processes "
        "(1: no worker processes); got 'many'\n"
    )
    assert result.returncode == 2


# Workers that never finish: each says it started (its pid) and waits.
STUCK = """\
import os, sys, time
from awesome_lint import cli, engine

def stuck(self, document, profile):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two workers do not mix
    time.sleep(600)

engine.Engine.check = stuck
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("whom", ["group", "parent"])
def test_ctrl_c_exits_130_without_a_traceback_or_a_worker_left(project: Path, whom: str) -> None:
    env = {**os.environ, pool.WORKERS_ENV: "2", "AWESOME_LINT_TODAY": FIXED_TODAY}
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK, "."],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    workers = [int(process.stdout.readline()) for _ in range(2)]  # both are checking
    if whom == "group":  # Ctrl-C in a terminal
        os.killpg(process.pid, signal.SIGINT)
    else:
        os.kill(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)  # a hang guard only
    assert (process.returncode, stderr) == (130, b"")
    for pid in workers:
        assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
