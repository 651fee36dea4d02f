from __future__ import annotations

from collections.abc import Iterator

import pytest

from .fake_arxiv import FakeArxiv


@pytest.fixture
def fake_arxiv() -> Iterator[FakeArxiv]:
    with FakeArxiv() as server:
        yield server
