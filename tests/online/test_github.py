"""LNK005-LNK008 and the GitHub GraphQL client, against the local fake GitHub server:
batches, partial NOT_FOUND errors, renamed and archived repositories, rate limits (403/429
with the x-ratelimit headers, Retry-After, RATE_LIMITED errors), 502, time-outs, garbage,
a refused token, the cache. No test reaches the internet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_lint.online.client import Unverified
from awesome_lint.online.github import GitHubClient, Repo, RepoCache, RepoMissing
from awesome_lint.rules.github_common import NO_TOKEN_NOTE
from tests.conftest import run_cli

from .fake_arxiv import closed_port_url
from .fake_github import (
    BAD_GATEWAY,
    GARBAGE,
    NOT_AN_OBJECT,
    FakeGitHub,
    Fault,
    rate_limited,
    rate_limited_error,
    secondary_limit,
    slow,
)

TOKEN = "test-token"
SELECT = "LNK005,LNK006,LNK007,LNK008"


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with FakeGitHub(token=TOKEN) as server:
        server.add("openai/whisper")
        server.add("old-owner/old-name", now_named="new-owner/new-name")
        server.add("facebookresearch/fairseq", archived=True)
        yield server


class Sleeps:
    """A sleep that records what it was asked and returns at once."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


def client(github: FakeGitHub, sleeps: Sleeps | None = None, **options: object) -> GitHubClient:
    settings: dict[str, object] = {
        "interval": 0.0,
        "backoff": (0.01, 0.02, 0.03),
        "read_timeout": 2.0,
        "sleep": sleeps or Sleeps(),
    }
    token = str(options.pop("token", TOKEN))
    settings.update(options)
    return GitHubClient(token, github.url, **settings)  # type: ignore[arg-type]


def lookup(github: FakeGitHub, names: list[str], **options: object) -> dict[str, object]:
    with client(github, **options) as made:
        return dict(made.lookup(names))


# --- the client ----------------------------------------------------------------------------


def test_one_request_answers_found_renamed_archived_and_missing(github: FakeGitHub) -> None:
    answers = lookup(
        github,
        ["openai/whisper", "old-owner/old-name", "facebookresearch/fairseq", "no/such-repo"],
    )

    assert answers == {
        "openai/whisper": Repo("openai/whisper", "https://github.com/openai/whisper", False),
        "old-owner/old-name": Repo(
            "new-owner/new-name", "https://github.com/new-owner/new-name", False
        ),
        "facebookresearch/fairseq": Repo(
            "facebookresearch/fairseq", "https://github.com/facebookresearch/fairseq", True
        ),
        "no/such-repo": RepoMissing(),
    }
    [request] = github.requests
    assert request.asked == list(answers)
    assert request.authorization == f"bearer {TOKEN}"
    assert request.user_agent.startswith("awesome-lint/")
    assert request.body["variables"]["o0"] == "openai"  # names travel as variables


def test_batches_of_fifty_repositories(github: FakeGitHub) -> None:
    names = [f"owner/repo-{index}" for index in range(120)]
    answers = lookup(github, names)

    assert [len(request.asked) for request in github.requests] == [50, 50, 20]
    assert set(answers.values()) == {RepoMissing()}


def test_other_errors_beside_data_leave_a_repository_unverified(github: FakeGitHub) -> None:
    github.errors["openai/whisper"] = "FORBIDDEN"
    answers = lookup(github, ["openai/whisper", "no/such-repo"])

    assert answers == {
        "openai/whisper": Unverified("GitHub error: FORBIDDEN"),
        "no/such-repo": RepoMissing(),
    }


def test_an_incomplete_answer_proves_nothing(github: FakeGitHub) -> None:
    node = {"nameWithOwner": "openai/whisper", "url": "u", "isArchived": False}
    github.fail_next(Fault(body=json.dumps({"data": {"r0": node}}).encode()))
    answers = lookup(github, ["openai/whisper", "no/such-repo"])

    assert answers["no/such-repo"] == Unverified("incomplete response: no answer about it")


@pytest.mark.parametrize("status", [403, 429])
def test_a_used_up_rate_limit_is_waited_out(github: FakeGitHub, status: int) -> None:
    github.fail_next(rate_limited(status, reset_in=5))
    sleeps = Sleeps()
    answers = lookup(github, ["openai/whisper"], sleeps=sleeps)

    assert answers == {
        "openai/whisper": Repo("openai/whisper", "https://github.com/openai/whisper", False)
    }
    assert len(github.requests) == 2
    assert 4 <= max(sleeps.asked) <= 7  # until the reset (plus a second), not a blind backoff


def test_a_secondary_limit_waits_as_retry_after_says(github: FakeGitHub) -> None:
    github.fail_next(secondary_limit("7"))
    sleeps = Sleeps()
    answers = lookup(github, ["openai/whisper"], sleeps=sleeps)

    assert isinstance(answers["openai/whisper"], Repo)
    assert max(sleeps.asked) >= 7


def test_a_rate_limited_error_in_a_200_answer_is_a_rate_limit(github: FakeGitHub) -> None:
    github.fail_next(rate_limited_error())
    sleeps = Sleeps()
    answers = lookup(github, ["openai/whisper"], sleeps=sleeps)

    assert isinstance(answers["openai/whisper"], Repo)
    assert len(github.requests) == 2 and max(sleeps.asked) >= 1


def test_a_limit_that_ends_after_the_budget_stops_all_asking(github: FakeGitHub) -> None:
    github.fail_next(rate_limited(403, reset_in=3600))
    sleeps = Sleeps()
    names = [f"owner/repo-{index}" for index in range(120)]
    answers = lookup(github, names, sleeps=sleeps, total_timeout=60)

    assert len(github.requests) == 1  # the other two batches are not sent
    assert sleeps.asked == []
    [reason] = {answer.reason for answer in answers.values() if isinstance(answer, Unverified)}
    assert reason.startswith("GitHub rate limit (HTTP 403): it ends in ")
    assert reason.endswith(" s, after the network budget")
    assert len(answers) == 120


def test_no_request_left_delays_the_next_batch_until_the_reset(github: FakeGitHub) -> None:
    reset = rate_limited(200, reset_in=5).headers
    github.fail_next(Fault(headers=reset))  # a good answer, but the last request allowed
    sleeps = Sleeps()
    names = [f"owner/repo-{index}" for index in range(60)]
    answers = lookup(github, names, sleeps=sleeps)

    assert set(answers.values()) == {RepoMissing()}
    assert len(github.requests) == 2 and 4 <= max(sleeps.asked) <= 7


def test_502_is_retried(github: FakeGitHub) -> None:
    github.fail_next(BAD_GATEWAY, BAD_GATEWAY)
    assert isinstance(lookup(github, ["openai/whisper"])["openai/whisper"], Repo)
    assert len(github.requests) == 3


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (BAD_GATEWAY, "HTTP 502 after 4 attempts"),
        (GARBAGE, "malformed response: not JSON"),
        (NOT_AN_OBJECT, "malformed response: not a JSON object after 4 attempts"),
    ],
)
def test_failures_are_unverified_never_missing(
    github: FakeGitHub, fault: Fault, reason: str
) -> None:
    github.fail_next(*[fault] * 4)
    answers = lookup(github, ["openai/whisper", "no/such-repo"])

    assert {type(answer) for answer in answers.values()} == {Unverified}
    assert all(answer.reason.startswith(reason) for answer in answers.values())  # type: ignore[union-attr]
    assert len(github.requests) == 4


def test_a_time_out_is_unverified(github: FakeGitHub) -> None:
    github.fail_next(slow(2.0), slow(2.0))
    answers = lookup(github, ["openai/whisper"], read_timeout=0.2, max_attempts=2)

    assert answers == {"openai/whisper": Unverified("timed out after 2 attempts")}


def test_a_refused_token_stops_at_once(github: FakeGitHub) -> None:
    names = [f"owner/repo-{index}" for index in range(120)]
    with client(github, token="wrong") as made:
        answers = made.lookup(names)
        assert made.unreachable == "GitHub refused the token (HTTP 401)"

    assert len(github.requests) == 1
    assert set(answers.values()) == {Unverified("GitHub refused the token (HTTP 401)")}


def test_no_connection_makes_the_api_unreachable(github: FakeGitHub) -> None:
    made = GitHubClient(TOKEN, closed_port_url(), interval=0, backoff=(0, 0, 0))
    with made:
        answers = made.lookup(["openai/whisper", "a/b"])
        assert made.unreachable is not None and "connection failed" in made.unreachable

    assert {type(answer) for answer in answers.values()} == {Unverified}


def test_the_cache_keeps_answers_not_failures(tmp_path: Path) -> None:
    cache = RepoCache(tmp_path)
    cache.put("openai/whisper", Repo("openai/whisper", "https://github.com/openai/whisper", True))
    cache.put("no/such", RepoMissing())
    cache.put("a/b", Unverified("timed out"))

    assert cache.get("openai/whisper") == Repo(
        "openai/whisper", "https://github.com/openai/whisper", True
    )
    assert cache.get("no/such") == RepoMissing()
    assert cache.get("a/b") is None
    assert cache.get("no/such", now=10**12) is None  # missing ones expire after a day


# --- the rules, through the command line ------------------------------------------------------

HEADER = "| Date | Title | Code |\n| --- | --- | --- |\n"


def row(code: str, title: str = "A paper") -> str:
    return f"| 2024-04 | {title} | {code} |\n"


class Linted:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode = returncode
        self.stderr = stderr
        self.findings = json.loads(stdout) if stdout.strip().startswith("[") else []

    @property
    def summary(self) -> list[tuple[int, str, str, str]]:
        return [(f["line"], f["code"], f["severity"], f["message"]) for f in self.findings]


@pytest.fixture
def lint(tmp_path: Path, github: FakeGitHub):
    config = tmp_path / "config.yaml"
    config.write_text(
        f"github-api-url: {github.url}\ngithub-request-interval: 0.01\ngithub-timeout: 2\n",
        encoding="utf-8",
    )

    def run(text: str, *extra: str, token: str | None = TOKEN, online: bool = True) -> Linted:
        readme = tmp_path / "README.md"
        readme.write_text(text, encoding="utf-8")
        args = ["--config", str(config), "--select", SELECT, "--output-format", "json"]
        args += ["--cache-dir", str(tmp_path / "cache")] + (["--online"] if online else [])
        env = {"GITHUB_TOKEN": token or ""}
        result = run_cli(*args, *extra, str(readme), cwd=tmp_path, env=env)
        assert "Traceback" not in result.stderr, result.stderr
        return Linted(result.returncode, result.stdout, result.stderr)

    return run


def test_missing_renamed_and_archived_repositories(lint, github: FakeGitHub) -> None:
    result = lint(
        HEADER
        + row("[code](https://github.com/openai/whisper)")
        + row("[code](https://github.com/no/such-repo)")
        + row("[code](https://github.com/Old-Owner/old-name/tree/main/src)")
        + row("[code](https://github.com/facebookresearch/fairseq)")
    )

    assert result.summary == [
        (
            4,
            "LNK005",
            "error",
            "GitHub has no repository no/such-repo (deleted, private or mistyped)",
        ),
        (
            5,
            "LNK006",
            "warning",
            "GitHub repository Old-Owner/old-name is now new-owner/new-name: "
            "use https://github.com/new-owner/new-name/tree/main/src",
        ),
        (
            6,
            "LNK007",
            "info",
            "GitHub repository facebookresearch/fairseq is archived (read-only, unmaintained)",
        ),
    ]
    assert result.returncode == 1
    [request] = github.requests  # one query for the four repositories
    assert len(request.asked) == 4


def test_a_renamed_repository_is_fixed_in_every_link_of_its_row(
    lint, github: FakeGitHub, tmp_path: Path
) -> None:
    badge = "[![stars](https://img.shields.io/github/stars/old-owner/old-name)]"
    cell = f"[code](https://github.com/old-owner/old-name) {badge}(https://github.com/old-owner/old-name)"
    result = lint(HEADER + row(cell), "--fix")

    assert result.findings == []
    text = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert text.count("https://github.com/new-owner/new-name") == 2
    assert "img.shields.io/github/stars/old-owner/old-name" in text  # an image source is not a link


def test_without_a_token_one_note_and_no_request(lint, github: FakeGitHub) -> None:
    result = lint(HEADER + row("[code](https://github.com/no/such-repo)"), token=None)

    assert result.findings == [] and result.returncode == 0
    assert result.stderr.count(NO_TOKEN_NOTE) == 1
    assert github.requests == []


def test_offline_nothing_is_asked(lint, github: FakeGitHub) -> None:
    result = lint(HEADER + row("[code](https://github.com/no/such-repo)"), online=False)

    assert (result.findings, github.requests) == ([], [])
    assert NO_TOKEN_NOTE not in result.stderr


def test_a_failure_is_could_not_check_and_is_not_cached(lint, github: FakeGitHub) -> None:
    text = HEADER + row("[code](https://github.com/no/such-repo)")
    github.fail_next(*[BAD_GATEWAY] * 4)
    failed = lint(text)
    again = lint(text)

    assert failed.summary == [
        (
            3,
            "LNK008",
            "warning",
            "could not check no/such-repo on GitHub: HTTP 502 after 4 attempts",
        )
    ]
    assert failed.returncode == 0  # a warning: a flaky network does not fail the run
    assert [code for _, code, _, _ in again.summary] == ["LNK005"]
    assert len(github.requests) == 5  # asked again: the failure was not cached


def test_cold_and_warm_runs_of_a_list_with_120_repositories(lint, github: FakeGitHub) -> None:
    for index in range(0, 120, 3):
        github.add(f"lab/model-{index}", archived=index % 2 == 0)
    text = HEADER + "".join(
        row(f"[code](https://github.com/lab/model-{index})", f"Paper {index}")
        for index in range(120)
    )
    cold = lint(text)
    cold_requests = len(github.requests)
    warm = lint(text)

    assert cold_requests == 3  # 120 repositories, 50 per query
    assert len(github.requests) == cold_requests  # the warm run sends nothing
    assert warm.summary == cold.summary
    assert {code for _, code, _, _ in cold.summary} == {"LNK005", "LNK007"}


def test_an_unreachable_api_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"github-api-url: {closed_port_url()}\ngithub-request-interval: 0\n")
    readme = tmp_path / "README.md"
    readme.write_text(HEADER + row("[code](https://github.com/a/b)"), encoding="utf-8")
    result = run_cli(
        "--config",
        str(config),
        "--select",
        SELECT,
        "--online",
        "--no-cache",
        str(readme),
        cwd=tmp_path,
        env={"GITHUB_TOKEN": TOKEN},
    )

    assert result.returncode == 2
    assert "awesome-lint: error: GitHub API unreachable at http://127.0.0.1:" in result.stderr
    assert "LNK008 could not check a/b on GitHub: connection failed" in result.stdout
    # No connection is no busy server: one quick retry, no long back-off (issue 11).
    assert "after 2 attempts" in result.stdout
