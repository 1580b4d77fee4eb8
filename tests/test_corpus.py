"""The shared real corpus: every file ingests, every evidence span slices its document."""

import json
import subprocess
import sys

import pytest

from .conftest import SHARED, run_cli, shared_corpus

pytestmark = pytest.mark.slow


def test_whole_corpus_ingests_and_every_span_slices(tmp_path):
    corpus = shared_corpus()
    db = tmp_path / "c.db"
    r = run_cli("ingest", str(corpus), db=db)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "export.jsonl"
    assert run_cli("export", "--format", "jsonl", "-o", str(out), db=db).returncode == 0
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    assert len({ev["doc"] for f in facts for ev in f["evidence"]}) == len(texts)
    for f in facts:
        for ev in f["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]
    check = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "check-export.py"), str(out), "--docs", str(corpus)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip() == "export conforms"


def test_founding_document_gives_at_least_100_facts_and_eval_prints_scores(tmp_path):
    db = tmp_path / "k.db"
    assert run_cli("ingest", str(shared_corpus() / "isis-k.txt"), db=db).returncode == 0
    facts = run_cli("export", "--format", "jsonl", db=db).stdout.splitlines()
    assert len(facts) >= 100
    r = run_cli("eval", str(SHARED / "gold" / "isis-k"), db=db)
    assert r.returncode == 0
    assert r.stdout.splitlines()[-1].startswith("triples: precision ")
