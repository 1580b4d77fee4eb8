"""Ingest documents: read, extract, store; one transaction per document, a report of every file."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factionmap import engines
from factionmap.engines import Job
from factionmap.errors import DuplicateDocument, InputError
from factionmap.reader import find_documents
from factionmap.store import Store


@dataclass
class IngestReport:
    """What happened to each file of a run."""

    added: list[tuple[str, int]] = field(default_factory=list)  # (path, facts)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, error)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, note), e.g. the encoding used

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def summary(self) -> str:
        """One line: how many added, skipped and failed."""
        facts = sum(n for _p, n in self.added)
        return f"{len(self.added)} added ({facts} facts), {len(self.skipped)} skipped, {len(self.failed)} failed"


def read_meta(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a metadata CSV: a ``file`` column (name or path) and any of title, url, published, reliability."""
    p = Path(path)
    try:
        with p.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
                raise InputError(
                    str(p),
                    "metadata CSV needs a 'file' column (and title, url, published, "
                    "reliability, credibility as wanted)",
                )
            out: dict[str, dict[str, str]] = {}
            for n, row in enumerate(reader, 2):
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                if not row.get("file"):
                    raise InputError(str(p), f"line {n}: empty 'file' value")
                out[row.pop("file")] = {k: v for k, v in row.items() if v}
            return out
    except FileNotFoundError:
        raise InputError(str(p), "metadata file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(p), f"metadata CSV is not UTF-8 (byte {exc.start})") from None
    except csv.Error as exc:
        raise InputError(str(p), f"malformed CSV: {exc}") from None


def _jobs(
    store: Store,
    files: list[Path],
    meta: dict[str, dict[str, str]],
    report: IngestReport,
    reextract: bool,
    progress: Callable[[str], None] | None,
) -> Iterator[Job]:
    """Read each file's bytes; skip what is stored already (by content hash) before any extraction."""
    seen: dict[str, str] = {}

    def passed(f: Path, outcome: list[tuple[str, str]], why: str) -> None:
        outcome.append((str(f), why))
        if progress:
            progress(str(f))

    for f in files:
        try:
            data = f.read_bytes()
        except FileNotFoundError:
            passed(f, report.failed, "file not found (it was moved or deleted during the run)")
            continue
        except OSError as exc:
            passed(f, report.failed, f"cannot read: {exc.strerror}")
            continue
        sha = hashlib.sha256(data).hexdigest()
        same = store.document_by_sha(sha)
        if same is not None and not reextract:
            passed(f, report.skipped, f"same content as {same['name']} (already ingested)")
            continue
        if sha in seen:
            passed(f, report.skipped, f"same content as {seen[sha]} (earlier in this run)")
            continue
        seen[sha] = f.name
        job = Job(f.name, str(f), data, meta.get(f.name) or meta.get(str(f)) or {})
        del data  # the job owns the bytes now, so the extractor can let them go
        yield job


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    meta: dict[str, dict[str, str]] | None = None,
    progress: Callable[[str], None] | None = None,
    reextract: bool = False,
    engine: str = "local",
    workers: int = 1,
    address: str | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively); a bad file is reported and the batch goes on.

    Extraction runs on the chosen engine (in-process, ``workers`` local processes, or Ray); one
    writer stores the results in input order, each document in its own transaction.
    """
    report = IngestReport()
    files, passed = find_documents(list(paths), report.skipped)
    report.failed.extend(passed)
    jobs = _jobs(store, files, meta or {}, report, reextract, progress)
    _store_results(store, engines.run(jobs, engine, workers, address), report, reextract, progress)
    return report


def ingest_text(
    store: Store, text: str, name: str, meta: dict[str, str] | None = None, reextract: bool = False
) -> IngestReport:
    """Ingest one document given as a string, stored under ``name`` (whose suffix, .txt, .md or .html, says
    how to read it); ``meta`` as one row of a metadata CSV (title, url, published, reliability, credibility)."""
    report = IngestReport()
    data = text.encode("utf-8")
    same = store.document_by_sha(hashlib.sha256(data).hexdigest())
    if same is not None and not reextract:
        report.skipped.append((name, f"same content as {same['name']} (already ingested)"))
        return report
    _store_results(store, engines.run_inline([Job(name, name, data, meta or {})]), report, reextract, None)
    return report


def _store_results(
    store: Store,
    results: Iterable[engines.Done],
    report: IngestReport,
    reextract: bool,
    progress: Callable[[str], None] | None,
) -> None:
    """Write each extracted document in its own transaction, in input order, and note the outcome."""
    # cross-document resolution (rapidfuzz) and the extraction stages load here, when a run stores its results,
    # not with this module, which every command imports through the library API
    from factionmap.crossdoc import resolve_entities, settle
    from factionmap.pipeline import extract_chunks

    for done in results:
        if done.error is None and done.source is not None and done.extraction is None:
            source = done.source
            same = store.document_by_sha(source.sha256)
            if same is not None:
                report.skipped.append((done.path, f"same content as {same['name']} (already ingested)"))
                continue
            published = source.meta.get("published") or source.meta.get("date")
            try:
                _doc, facts = store.add_document_chunks(
                    source,
                    extract_chunks(source.text, source.analysis, published[:10] if published else None),
                    resolve_entities,
                )
            except DuplicateDocument as dup:
                report.skipped.append((done.path, str(dup)))
                continue
            report.added.append((done.path, facts))
            report.notes.append((done.path, f"{len(source.text) / 1e6:.0f} MB, extracted in pieces"))
        elif done.error is not None or done.source is None or done.extraction is None:
            report.failed.append((done.path, done.error or "no result"))
        else:
            source, ext = done.source, done.extraction
            same = store.document_by_sha(source.sha256)
            if same is not None and reextract:
                store.reextract_document(int(same["id"]), source, ext, resolve_entities)
            elif same is None:
                try:
                    store.add_document(source, ext, resolve_entities)
                except DuplicateDocument as dup:
                    report.skipped.append((done.path, str(dup)))
                    continue
            else:
                report.skipped.append((done.path, f"same content as {same['name']} (already ingested)"))
                continue
            report.added.append((done.path, len(ext.facts)))
            if source.encoding not in ("utf-8", "utf-8-sig"):
                report.notes.append((done.path, f"decoded as {source.encoding}"))
        if progress:
            progress(done.path)

    def settled() -> None:
        with store.transaction():
            settle(store)

    store.write(settled)  # weak names (acronyms, single names) go where all the texts place them
    if report.added:
        store.optimize_search()
