"""SIGKILL mid-ingest loses no whole document and breaks nothing; concurrent writers and readers."""

import json
import random
import signal
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

from factionmap.reader import FOLDER_DOCS

from .conftest import BIN, free_port, shared_corpus


def _ingest(db: Path, *folders: Path) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "factionmap"), "--db", str(db), "ingest", *map(str, folders)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _started(db: Path, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Wait until the ingest has written its schema (or ended), however long the process takes to start."""
    deadline = time.time() + timeout
    while proc.poll() is None and time.time() < deadline:
        if db.exists():
            c = sqlite3.connect(db, timeout=30)
            try:
                if c.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
                    return
            except sqlite3.OperationalError:
                pass
            finally:
                c.close()
        time.sleep(0.05)


def _check_whole(db: Path) -> int:
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    partial = c.execute("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS "
                        "(SELECT 1 FROM sentences s WHERE s.doc_id = d.id)").fetchone()[0]
    assert partial == 0
    orphans = c.execute("SELECT COUNT(*) FROM facts f WHERE NOT EXISTS "
                        "(SELECT 1 FROM evidence e WHERE e.fact_id = f.id)").fetchone()[0]
    assert orphans == 0
    n = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    c.close()
    return n


def test_sigkill_at_random_points_then_a_rerun_completes(tmp_path):
    shared = shared_corpus().parent
    folders = [shared / "corpus-wiki", shared / "corpus-un"]
    readmes = len([p for f in folders for p in f.rglob("*") if FOLDER_DOCS.match(p.name)])
    total = len([p for f in folders for p in f.rglob("*") if p.suffix in (".txt", ".md")]) - readmes
    db = tmp_path / "crash.db"
    rng = random.Random(20261125)
    counts = []
    for _ in range(3):
        proc = _ingest(db, *folders)
        _started(db, proc)  # on a busy machine start-up alone can outlast the random wait
        time.sleep(rng.uniform(0.7, 1.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        counts.append(_check_whole(db))
    assert counts == sorted(counts)
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
    n_files = sum(1 for d in ("corpus-wiki", "corpus") for f in (shared / d).iterdir()
                  if f.suffix in (".txt", ".md"))
    assert sum(added) + sum(skipped) == n_files
    assert _check_whole(db) == sum(added)


def test_serve_keeps_answering_while_an_ingest_writes(tmp_path):
    shared = shared_corpus().parent
    db = tmp_path / "live.db"
    port = free_port()
    server = subprocess.Popen([str(BIN / "factionmap"), "--db", str(db), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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
