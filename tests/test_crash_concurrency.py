"""SIGKILL mid-ingest loses no whole document and breaks nothing; concurrent writers and readers."""

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from factionmap.reader import FOLDER_DOCS
from factionmap.store import Store

from .conftest import BIN, free_port, shared_corpus

pytestmark = pytest.mark.slow


def _ingest(db: Path, *folders: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "factionmap"), "--db", str(db), "ingest", *map(str, folders)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check_whole(db: Path) -> int:
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    partial = c.execute(
        "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
    ).fetchone()[0]
    assert partial == 0
    orphans = c.execute(
        "SELECT COUNT(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.fact_id = f.id)"
    ).fetchone()[0]
    assert orphans == 0
    n = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    c.close()
    return n


def _stored(db: Path) -> int:
    """How many documents the ingest has committed so far (0 before it has made the database)."""
    if not db.exists():
        return 0
    c = sqlite3.connect(db, timeout=30)
    try:
        return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError as exc:  # the schema is not written yet
        assert "no such table" in str(exc), exc
        return 0
    finally:
        c.close()


def _wait_for_documents(proc: subprocess.Popen, db: Path, count: int, deadline: float = 600) -> None:
    """Wait until the ingest has committed ``count`` documents: the kill then lands mid-ingest, after the
    CLI has started and written, on a fast machine or a loaded one (the deadline only stops a hung run)."""
    stop = time.monotonic() + deadline
    while _stored(db) < count:
        assert proc.poll() is None, f"the ingest ended before storing {count} documents: {proc.communicate()}"
        assert time.monotonic() < stop, f"no {count} documents stored in {deadline} s"
        time.sleep(0.01)


def test_sigkill_at_random_points_then_a_rerun_completes(tmp_path):
    # 40 real documents and a folder README: the kills wait for rows, not for time, so a small corpus is
    # enough to land each one mid-ingest, and the rerun that completes it stays quick
    shared = shared_corpus().parent
    folder = tmp_path / "docs"
    folder.mkdir()
    for p in [*sorted((shared / "corpus-un").glob("*.txt"))[:40], *(shared / "corpus").glob("SOURCES.md")]:
        shutil.copy(p, folder / p.name)
    folders = [folder]
    readmes = len([p for f in folders for p in f.rglob("*") if FOLDER_DOCS.match(p.name)])
    total = len([p for f in folders for p in f.rglob("*") if p.suffix in (".txt", ".md")]) - readmes
    assert (total, readmes) == (40, 1)
    db = tmp_path / "crash.db"
    rng = random.Random(20261125)
    counts = [0]
    for _ in range(3):
        proc = _ingest(db, *folders)
        _wait_for_documents(proc, db, counts[-1] + rng.randint(1, 5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        counts.append(_check_whole(db))
    assert counts == sorted(set(counts)), "each run stored something before its kill"
    assert counts[-1] < total, "the kills came too late to interrupt anything"
    final = _ingest(db, *folders)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert out.splitlines()[-1].endswith(f", {counts[-1] + readmes} skipped, 0 failed")
    assert _check_whole(db) == total


def test_two_ingests_at_once_never_surface_a_lock(tmp_path):
    shared = shared_corpus().parent
    db = tmp_path / "both.db"
    a = _ingest(db, shared / "corpus-wiki")
    b = _ingest(db, shared / "corpus")
    out_a, err_a = a.communicate(timeout=300)
    out_b, err_b = b.communicate(timeout=300)
    assert (a.returncode, b.returncode) == (0, 0), err_a + err_b
    assert "locked" not in err_a + err_b
    added = [int(o.splitlines()[-1].split()[0]) for o in (out_a, out_b)]
    skipped = [int(o.splitlines()[-1].split(", ")[1].split()[0]) for o in (out_a, out_b)]
    n_files = sum(1 for d in ("corpus-wiki", "corpus") for f in (shared / d).iterdir() if f.suffix in (".txt", ".md"))
    assert sum(added) + sum(skipped) == n_files
    assert _check_whole(db) == sum(added)


def test_serve_keeps_answering_while_an_ingest_writes(tmp_path):
    shared = shared_corpus().parent
    db = tmp_path / "live.db"
    Store(db).close()  # serve reads a database that exists (it never creates one)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "factionmap"), "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except OSError:
                assert time.time() < deadline, "server did not start"
                time.sleep(0.2)
        writer = _ingest(db, shared / "corpus-un", shared / "corpus")
        seen = []
        while writer.poll() is None:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=10) as r:
                assert r.status == 200
                stats = json.loads(r.read())
            seen.append(stats["documents"])
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/graph", timeout=10) as r:
                graph = json.loads(r.read())
            ids = {n["id"] for n in graph["nodes"]}
            assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
            time.sleep(0.05)
        assert writer.returncode == 0
        assert len(seen) >= 3
        assert seen == sorted(seen)
        assert seen[-1] > seen[0]
    finally:
        server.terminate()
        server.wait(timeout=10)
