"""ARX003-ARX005 through the command line, against the local fake arXiv server.

Every run points `--arxiv-api-url` at the fake server and sets a short request interval
and timeout in a configuration file; no test reaches the internet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from awesome_lint.rules.online_common import request_interval
from tests.conftest import run_cli

from .fake_arxiv import (
    ENTITY_BOMB,
    GARBAGE,
    RATE_EXCEEDED,
    TRUNCATED,
    FakeArxiv,
    Fault,
    Trickler,
    closed_port_url,
    slow,
    unavailable,
)

ATTENTION = "Attention Is All You Need"
QUANTUM_C = (
    "Quantum Computers and Quantum Computer Languages: Quantum Assembly Language "
    "and Quantum C Language"
)
PAPERS = {
    "1706.03762": ATTENTION,
    "quant-ph/0201082": QUANTUM_C,
    "2404.00656": "WavLLM: Towards Robust and Adaptive Speech Large Language Model",
    "1810.04805": "BERT: Pre-training of Deep Bidirectional Transformers for Language "
    "Understanding",
    "2106.00001": r"$\alpha$-Nets: Self-Supervised Learning with Schr\"odinger Bridges",
    "2107.00002": "Learning Transferable Visual Models From Natural Language Supervision",
}
HEADER = "| Date | Model | Paper Title | Link |\n| --- | --- | --- | --- |\n"
INTERVAL = 0.02  # retry waits scale with it: 0.02, 0.07, 0.2 s
CONFIG = f"arxiv-request-interval: {INTERVAL}\narxiv-timeout: 0.3\n"
ONLINE_RULES = "ARX003,ARX004,ARX005"  # other rules' findings stay out of these tests
MAX_ATTEMPTS = 4  # the client's default: every attempt of one request must fail


def row(title: str, url: str, model: str = "M") -> str:
    return f"| 2024-01 | {model} | {title} | [paper]({url}) |\n"


def abs_url(paper_id: str) -> str:
    return f"https://arxiv.org/abs/{paper_id}"


@dataclass
class Run:
    returncode: int
    findings: list[tuple[int, str, str]]
    stderr: str
    severities: list[str]


@pytest.fixture
def fake(fake_arxiv: FakeArxiv) -> FakeArxiv:
    fake_arxiv.papers.update(PAPERS)
    return fake_arxiv


@pytest.fixture
def lint(tmp_path: Path, fake: FakeArxiv) -> Callable[..., Run]:
    """Lint a table of `rows` online against the fake server, with only the online rules
    selected; `extra` command-line arguments come last and may override that."""
    config = tmp_path / "awesome-lint.yaml"
    config.write_text(CONFIG, encoding="utf-8")

    def run(rows: str, *extra: str, url: str | None = None, online: bool = True) -> Run:
        readme = tmp_path / "README.md"
        readme.write_text(HEADER + rows, encoding="utf-8")
        args = ["--config", str(config), "--output-format", "json", "--select", ONLINE_RULES]
        args += ["--arxiv-api-url", url or fake.url, "--cache-dir", str(tmp_path / "cache")]
        args += ["--online"] if online else []
        completed = run_cli(*args, *extra, str(readme), cwd=tmp_path)
        assert "Traceback" not in completed.stderr, completed.stderr
        report = json.loads(completed.stdout)
        findings = [(item["line"], item["code"], item["message"]) for item in report]
        severities = [item["severity"] for item in report]
        return Run(completed.returncode, findings, completed.stderr, severities)

    return run


# --- findings ----------------------------------------------------------------------------


def test_found_missing_and_wrong_title(lint: Callable[..., Run], fake: FakeArxiv) -> None:
    result = lint(
        row(ATTENTION, abs_url("1706.03762"))
        + row("A Paper Nobody Wrote", abs_url("2401.99999"))
        + row("BERT: Pre-training of Deep Bidirectional Transformers", abs_url("1706.03762"))
        + row("Old Times", abs_url("hep-th/9901999"))
    )

    assert result.findings == [
        (4, "ARX003", "arXiv has no paper 2401.99999"),
        (
            5,
            "ARX004",
            "title and link name different papers: the row has 'BERT: Pre-training of Deep "
            f"Bidirectional Transformers', arXiv 1706.03762 is '{ATTENTION}'; correct the link "
            "or the title",
        ),
        (6, "ARX003", "arXiv has no paper hep-th/9901999"),
    ]
    # Another paper's title is an error; ARX004 is a warning otherwise.
    assert result.severities == ["error", "error", "error"]
    assert result.returncode == 1
    [request] = fake.requests  # one batch, each distinct ID once
    assert request.ids == ["1706.03762", "2401.99999", "hep-th/9901999"]
    assert request.params["max_results"] == "3"
    assert request.user_agent.startswith("awesome-lint/")


def test_wrapped_titles_old_style_ids_and_url_forms_match(lint: Callable[..., Run]) -> None:
    result = lint(
        row(QUANTUM_C, "http://arxiv.org/abs/quant-ph/0201082v1")
        + row(PAPERS["1810.04805"], "https://arxiv.org/pdf/1810.04805v2.pdf")
        + row(PAPERS["2107.00002"], "https://huggingface.co/papers/2107.00002")
    )

    assert result.findings == []
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("paper_id", "title"),
    [
        ("2106.00001", "α-Nets: Self-Supervised Learning with Schrödinger Bridges"),
        ("2106.00001", "$\\alpha$-Nets: Self Supervised Learning With Schrodinger Bridges."),
        (
            "1810.04805",
            "BERT: Pretraining of Deep Bi-directional Transformers for Language Understanding",
        ),
        (
            "1810.04805",
            "BERT – Pre‑training of “Deep” Bidirectional Transformers for Language Understanding",
        ),
        ("2107.00002", "**Learning Transferable Visual Models From Natural Language Supervision**"),
        ("2107.00002", "learning transferable visual models \\| from natural language supervision"),
    ],
)
def test_typography_is_not_a_difference(
    lint: Callable[..., Run], paper_id: str, title: str
) -> None:
    assert lint(row(title, abs_url(paper_id))).findings == []


def test_subtitle_truncation_and_small_differences_get_soft_messages(
    lint: Callable[..., Run],
) -> None:
    result = lint(
        row("WavLLM: Towards Robust and Adaptive Speech...", abs_url("2404.00656"))
        + row("Quantum Computers and Quantum Computer Languages", abs_url("quant-ph/0201082"))
        + row(
            "Learning Transferable Visual Model From Natural Language Supervision",
            abs_url("2107.00002"),
        )
    )

    assert [(line, code) for line, code, _ in result.findings] == [
        (3, "ARX004"),
        (4, "ARX004"),
        (5, "ARX004"),
    ]
    messages = [message for _, _, message in result.findings]
    assert messages[0].startswith("title differs from arXiv 2404.00656 in its subtitle or is ")
    assert messages[1].endswith(f"arXiv has '{QUANTUM_C}'")
    assert messages[2].startswith("title differs slightly from arXiv 2107.00002")
    assert result.severities == ["warning"] * 3
    assert result.returncode == 0


def test_placeholder_and_empty_titles_are_skipped(lint: Callable[..., Run]) -> None:
    result = lint(row("-", abs_url("1706.03762")) + row("", abs_url("1810.04805")))

    assert result.findings == []


def test_a_row_matching_one_of_its_papers_is_fine(lint: Callable[..., Run]) -> None:
    cell = f"[paper]({abs_url('1810.04805')}) [v2]({abs_url('1706.03762')})"

    result = lint(f"| 2017-06 | T | {ATTENTION} | {cell} |\n")

    assert result.findings == []


# --- network faults ----------------------------------------------------------------------


def test_503_then_success(lint: Callable[..., Run], fake: FakeArxiv) -> None:
    fake.fail_next(unavailable())

    result = lint(row("Wrong", abs_url("1706.03762")))

    assert [code for _, code, _ in result.findings] == ["ARX004"]
    assert len(fake.requests) == 2


def test_persistent_429_is_unverified_and_exits_0(
    lint: Callable[..., Run], fake: FakeArxiv
) -> None:
    fake.fail_next(*[RATE_EXCEEDED] * MAX_ATTEMPTS)

    result = lint(row("Wrong", abs_url("1706.03762")) + row("Missing", abs_url("2401.99999")))

    assert result.findings == [
        (3, "ARX005", "could not verify 1706.03762 on arXiv: HTTP 429 after 4 attempts"),
        (4, "ARX005", "could not verify 2401.99999 on arXiv: HTTP 429 after 4 attempts"),
    ]
    assert result.returncode == 0
    assert result.stderr == ""  # the API answered: no error line
    assert len(fake.requests) == MAX_ATTEMPTS


def test_a_failure_is_asked_again_on_the_next_run(
    lint: Callable[..., Run], fake: FakeArxiv
) -> None:
    fake.fail_next(*[RATE_EXCEEDED] * MAX_ATTEMPTS)
    lint(row("Missing", abs_url("2401.99999")))

    assert [code for _, code, _ in lint(row("Missing", abs_url("2401.99999"))).findings] == [
        "ARX003"
    ]


def test_timeout_is_unverified(lint: Callable[..., Run], fake: FakeArxiv) -> None:
    fake.fail_next(*[slow(1.0)] * MAX_ATTEMPTS)

    result = lint(row(ATTENTION, abs_url("1706.03762")))

    assert result.findings == [
        (3, "ARX005", "could not verify 1706.03762 on arXiv: timed out after 4 attempts")
    ]
    assert result.returncode == 0
    assert result.stderr == ""


def test_network_down_is_one_error_line_and_exit_2(lint: Callable[..., Run]) -> None:
    ids = [f"2401.{number:05d}" for number in range(1, 151)]
    url = closed_port_url()

    result = lint("".join(row(f"Paper {paper_id}", abs_url(paper_id)) for paper_id in ids), url=url)

    assert result.returncode == 2
    [error] = result.stderr.splitlines()
    assert error.startswith(f"awesome-lint: error: arXiv API unreachable at {url}: connection ")
    # No connection at all is retried once, not with the back-off of a busy server.
    assert error.endswith(" after 2 attempts (150 papers not verified)")
    reason = error.split(f"{url}: ", 1)[1].rsplit(" (150 papers", 1)[0]
    assert [(line, code) for line, code, _ in result.findings] == [
        (line, "ARX005") for line in range(3, 153)
    ]
    messages = [message for _, _, message in result.findings]
    # Only the first batch was tried; the second was not sent at all.
    assert messages[:100] == [f"could not verify {i} on arXiv: {reason}" for i in ids[:100]]
    assert messages[100:] == [
        f"could not verify {i} on arXiv: arXiv API unreachable: {reason}" for i in ids[100:]
    ]


def test_network_down_with_a_warm_cache_counts_only_the_misses(
    lint: Callable[..., Run],
) -> None:
    lint(row(ATTENTION, abs_url("1706.03762")))

    result = lint(
        row(ATTENTION, abs_url("1706.03762")) + row("Missing", abs_url("2401.99999")),
        url=closed_port_url(),
    )

    assert [(line, code) for line, code, _ in result.findings] == [(4, "ARX005")]
    assert result.stderr.endswith(" (1 paper not verified)\n")
    assert result.returncode == 2


@pytest.mark.parametrize("fault", [GARBAGE, TRUNCATED, ENTITY_BOMB], ids=["garbage", "cut", "bomb"])
def test_malformed_answers_are_unverified(
    lint: Callable[..., Run], fake: FakeArxiv, fault: Fault
) -> None:
    fake.fail_next(*[fault] * MAX_ATTEMPTS)

    result = lint(row("Wrong", abs_url("1706.03762")) + row("Missing", abs_url("2401.99999")))

    assert [code for _, code, _ in result.findings] == ["ARX005", "ARX005"]
    assert "malformed response" in result.findings[0][2]
    assert result.returncode == 0


def test_ids_go_in_batches_of_100_spaced_by_the_interval(
    lint: Callable[..., Run], fake: FakeArxiv
) -> None:
    ids = [f"2401.{number:05d}" for number in range(1, 151)]
    fake.papers.update((paper_id, f"Paper {paper_id}") for paper_id in ids)

    result = lint("".join(row(f"Paper {paper_id}", abs_url(paper_id)) for paper_id in ids))

    assert result.findings == []
    assert [len(request.ids) for request in fake.requests] == [100, 50]
    assert [request.params["max_results"] for request in fake.requests] == ["100", "50"]
    assert all(gap >= INTERVAL for gap in fake.arrival_gaps())


# --- cache -------------------------------------------------------------------------------


def test_a_warm_cache_sends_no_request(
    lint: Callable[..., Run], fake: FakeArxiv, tmp_path: Path
) -> None:
    rows = row("Wrong", abs_url("1706.03762")) + row("Missing", abs_url("2401.99999"))
    cold = lint(rows)
    fake.requests.clear()

    warm = lint(rows)

    assert warm.findings == cold.findings
    assert [code for _, code, _ in warm.findings] == ["ARX004", "ARX003"]
    assert fake.requests == []
    assert (tmp_path / "cache" / ".gitignore").read_text() == "*\n"


def test_no_cache_asks_every_time(
    lint: Callable[..., Run], fake: FakeArxiv, tmp_path: Path
) -> None:
    lint(row(ATTENTION, abs_url("1706.03762")), "--no-cache")
    lint(row(ATTENTION, abs_url("1706.03762")), "--no-cache")

    assert len(fake.requests) == 2
    assert not (tmp_path / "cache").exists()


def test_cache_defaults_to_the_repository_root(tmp_path: Path, fake: FakeArxiv) -> None:
    repository = tmp_path / "list"
    (repository / ".git").mkdir(parents=True)
    (repository / "docs").mkdir()
    (repository / "docs" / "README.md").write_text(HEADER + row(ATTENTION, abs_url("1706.03762")))
    (tmp_path / "elsewhere").mkdir()
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG + f"online: true\narxiv-api-url: {fake.url}\n")

    completed = run_cli(
        "--config", str(config), str(repository / "docs" / "README.md"), cwd=tmp_path / "elsewhere"
    )

    assert completed.returncode == 0, completed.stderr
    cache = repository / ".awesome-lint-cache"
    assert (cache / ".gitignore").read_text() == "*\n"
    assert (cache / "1706.03762.json").is_file()
    assert not (tmp_path / "elsewhere" / ".awesome-lint-cache").exists()


def test_outside_a_repository_the_cache_is_in_the_current_directory(
    tmp_path: Path, fake: FakeArxiv
) -> None:
    (tmp_path / "README.md").write_text(HEADER + row(ATTENTION, abs_url("1706.03762")))
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG + f"cache-dir: answers\narxiv-api-url: {fake.url}\n")

    completed = run_cli("--config", str(config), "--online", "README.md", cwd=tmp_path)

    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "answers" / "1706.03762.json").is_file()


# --- offline by default, selection, configuration --------------------------------------------


def test_offline_by_default_nothing_is_sent(lint: Callable[..., Run], fake: FakeArxiv) -> None:
    rows = row("Wrong", abs_url("1706.03762")) + row("Missing", abs_url("2401.99999"))

    assert lint(rows, online=False).findings == []
    assert lint(rows, "--select", "ALL", online=False).findings == []
    assert fake.requests == []


def test_the_rules_can_be_ignored_or_left_out(lint: Callable[..., Run], fake: FakeArxiv) -> None:
    rows = row("Wrong", abs_url("1706.03762")) + row("Missing", abs_url("2401.99999"))

    assert [code for _, code, _ in lint(rows, "--ignore", "ARX004").findings] == ["ARX003"]
    requests = len(fake.requests)
    assert lint(rows, "--select", "TAB").findings == []
    assert len(fake.requests) == requests


def test_online_true_in_the_configuration(tmp_path: Path, fake: FakeArxiv) -> None:
    (tmp_path / ".awesome-lint.yaml").write_text(
        CONFIG + f"online: true\narxiv-api-url: {fake.url}\ncache: false\n"
    )
    (tmp_path / "README.md").write_text(
        HEADER + row(ATTENTION, abs_url("1706.03762")) + row("Missing", abs_url("2401.99999"))
    )

    completed = run_cli("README.md", cwd=tmp_path)

    assert "ARX003 arXiv has no paper 2401.99999" in completed.stdout
    assert completed.returncode == 1
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--arxiv-api-url", "ftp://example.org/api"], "--arxiv-api-url: expected an http"),
        (["--arxiv-api-url", "http://[broken/api"], "--arxiv-api-url: expected an http"),
    ],
)
def test_a_bad_api_url_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "README.md").write_text(HEADER)

    completed = run_cli("--online", *args, "README.md", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr.startswith(f"awesome-lint: error: {message}")
    assert len(completed.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "setting", ["arxiv-request-interval: -1", "arxiv-timeout: 0", "online: yes please"]
)
def test_bad_settings_name_the_file(tmp_path: Path, setting: str) -> None:
    (tmp_path / ".awesome-lint.yaml").write_text(setting + "\n")
    (tmp_path / "README.md").write_text(HEADER)

    completed = run_cli("README.md", cwd=tmp_path)

    assert completed.returncode == 2
    assert ".awesome-lint.yaml:1: " + setting.split(":")[0] in completed.stderr


def test_offline_runs_import_no_network_code(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(HEADER + row(ATTENTION, abs_url("1706.03762")))
    script = (
        "import sys; from awesome_lint.cli import main; main(['-q', 'README.md']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('httpx', 'defusedxml', 'httpcore') or m.startswith('awesome_lint.online')))"
    )

    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )

    assert completed.stdout.splitlines()[-1] == "[]", completed.stderr


# --- progress line -----------------------------------------------------------------------


def test_no_progress_line_when_stderr_is_not_a_terminal(lint: Callable[..., Run]) -> None:
    assert "checking arXiv" not in lint(row(ATTENTION, abs_url("1706.03762"))).stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_line_on_a_terminal(tmp_path: Path, fake: FakeArxiv) -> None:
    import pty

    (tmp_path / "README.md").write_text(
        HEADER + row(ATTENTION, abs_url("1706.03762")) + row("Q", abs_url("quant-ph/0201082"))
    )
    (tmp_path / "config.yaml").write_text(CONFIG + f"arxiv-api-url: {fake.url}\n")
    main, secondary = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "AWESOME_LINT_TODAY": "2026-11-24"}
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "awesome_lint",
            "--config",
            "config.yaml",
            "--online",
            "-q",
            "--no-cache",
            "README.md",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    ) as process:
        os.close(secondary)
        written = _read_all(main)
        assert process.wait(timeout=60) in (0, 1)

    assert "\rchecking arXiv: 0/2 papers (0 from cache)" in written
    assert "\rchecking arXiv: 2/2 papers (0 from cache)" in written
    assert written.endswith("\r")  # cleared: the line is blanked and the cursor back at its start


def _read_all(descriptor: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:  # EIO: the other side of the terminal is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(descriptor)
    return b"".join(chunks).decode()


# --- politeness --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "configured", "used"),
    [
        (None, 0.5, 3.0),
        ("https://export.arxiv.org/api/query", 0.0, 3.0),
        ("http://arxiv.org/api/query", 10.0, 10.0),
        ("http://127.0.0.1:8080/api/query", 0.05, 0.05),
        ("https://notarxiv.org/api/query", 0.0, 0.0),
    ],
)
def test_arxiv_itself_is_asked_at_most_every_3_seconds(
    url: str | None, configured: float, used: float
) -> None:
    settings = {"arxiv-api-url": url, "arxiv-request-interval": configured}

    assert request_interval(settings) == used


def test_one_network_deadline_for_the_run_whatever_the_server_does(tmp_path: Path) -> None:
    """A server that sends a byte every 0.1 s never trips a read time-out; two
    configurations do not get two budgets."""
    budget = 3.0
    files = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / ".awesome-lint.yaml").write_text(
            f"arxiv-request-interval: 0.02\narxiv-timeout: 1\nnetwork-budget: {budget}\n"
        )
        readme = folder / "README.md"
        readme.write_text(HEADER + row(ATTENTION, abs_url(f"1706.0376{len(files)}")))
        files.append(str(readme))
    with Trickler() as server:
        started = time.monotonic()
        completed = run_cli(
            "--online", "--arxiv-api-url", server.url, "--no-cache", "--output-format", "json",
            "--select", ONLINE_RULES, *files, cwd=tmp_path,
        )  # fmt: skip
        elapsed = time.monotonic() - started
    assert "Traceback" not in completed.stderr
    findings = json.loads(completed.stdout)
    assert [(item["code"], item["message"]) for item in findings] == [
        ("ARX005", "could not verify 1706.03760 on arXiv: network time budget exhausted"),
        ("ARX005", "could not verify 1706.03761 on arXiv: network time budget exhausted"),
    ]
    # One budget (plus a second's grace and start-up), not two, and not the hours the
    # server would go on for.
    assert elapsed < 2 * budget, elapsed
