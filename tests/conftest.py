"""Shared fixtures: the invented test corpus, fresh databases, the shared real corpus."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from factionmap.ingest import ingest_paths
from factionmap.store import Store

# CI runs the property tests on a fixed sequence of examples, so a run is reproducible
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The exact-fact tests of the suite describe the rule stages (names, dates, certainty, figures, triggers),
# which the trained model builds on; the learned pipeline has its own exact tests (test_learned.py), which
# set FACTIONMAP_EXTRACTOR=model for themselves. Child processes (the CLI, the server) inherit this.
os.environ["FACTIONMAP_EXTRACTOR"] = "rules"

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
TIME_CORPUS = HERE / "corpus-time"
SHARED = HERE.parent.parent / "shared"
BIN = Path(sys.executable).parent


@pytest.fixture
def fresh_db(tmp_path: Path) -> Store:
    """An empty database."""
    return Store(tmp_path / "test.db")


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the invented corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture
def kb(tmp_path: Path) -> Store:
    """A database built from the invented two-document corpus with dated facts."""
    store = Store(tmp_path / "kb.db")
    assert ingest_paths(store, [TIME_CORPUS]).ok
    return store


@pytest.fixture
def corpus_db(tmp_path: Path) -> Store:
    """A database built from the invented corpus."""
    store = Store(tmp_path / "corpus.db")
    report = ingest_paths(store, [CORPUS])
    assert report.ok, report.failed
    return store


def run_cli(*args: str, db: Path | None = None, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``factionmap`` command and capture its output."""
    cmd = [str(BIN / "factionmap")]
    if db is not None:
        cmd += ["--db", str(db)]
    cmd += list(args)
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        input=input_text,
        timeout=300,
        env={
            "PATH": "/usr/bin:/bin",
            "COLUMNS": "200",
            "LANG": "C.UTF-8",
            "FACTIONMAP_EXTRACTOR": os.environ["FACTIONMAP_EXTRACTOR"],
            # the code under test when it is not the installed one (a checkout put first on the path)
            **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}),
        },
    )


def shared_corpus() -> Path:
    """The shared real corpus; tests that read it fail loudly when it is missing."""
    path = SHARED / "corpus"
    assert path.is_dir(), f"the shared corpus is missing at {path}"
    return path


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.fixture(scope="session")
def three_corpora(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The three shared corpora (412 documents) ingested once, with the shipped model as ``factionmap ingest``
    extracts; tests only read it."""
    before = os.environ["FACTIONMAP_EXTRACTOR"]
    os.environ["FACTIONMAP_EXTRACTOR"] = "model"
    try:
        store = Store(tmp_path_factory.mktemp("three") / "all.db")
        report = ingest_paths(store, [shared_corpus(), SHARED / "corpus-wiki", SHARED / "corpus-un"])
    finally:
        os.environ["FACTIONMAP_EXTRACTOR"] = before
    assert report.ok, report.failed
    return store


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser is downloaded)."""
    from playwright.sync_api import sync_playwright

    chromium = Path("/usr/bin/chromium")
    assert chromium.exists(), "Debian's chromium is needed: make test installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(chromium),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield b
        b.close()
