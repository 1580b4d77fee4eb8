"""Ingest documents: read, extract, store; one transaction per document, a report of every file."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factionmap.errors import InputError
from factionmap.pipeline import extract
from factionmap.reader import Source, find_documents, read_file
from factionmap.store import Store


@dataclass
class IngestReport:
    """What happened to each file of a run."""

    added: list[tuple[str, int]] = field(default_factory=list)      # (path, facts)
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (path, why)
    failed: list[tuple[str, str]] = field(default_factory=list)     # (path, error)

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def summary(self) -> str:
        """One line: how many added, skipped and failed."""
        facts = sum(n for _p, n in self.added)
        return (f"{len(self.added)} added ({facts} facts), {len(self.skipped)} skipped, "
                f"{len(self.failed)} failed")


def read_meta(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a metadata CSV: a ``file`` column (name or path) and any of title, url, published, reliability."""
    p = Path(path)
    try:
        with p.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
                raise InputError(str(p), "metadata CSV needs a 'file' column (and title, url, published, "
                                          "reliability, credibility as wanted)")
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


def ingest_source(store: Store, source: Source, reextract: bool = False) -> tuple[int | None, int, str | None]:
    """Extract and store one decoded document; return (doc id, facts, skip reason).

    A document already stored (same content) is skipped, or with ``reextract`` extracted again:
    its old facts are replaced and analysts' reviews re-applied by fact key.
    """
    same = store.document_by_sha(source.sha256)
    if same is not None and not reextract:
        return None, 0, f"same content as {same['name']} (already ingested)"
    published = source.meta.get("published") or source.meta.get("date")
    ext = extract(source.text, source.analysis, published[:10] if published else None)
    if same is not None:
        return store.reextract_document(int(same["id"]), source, ext), len(ext.facts), None
    doc_id = store.add_document(source, ext)
    return doc_id, len(ext.facts), None


def ingest_paths(store: Store, paths: Iterable[str | Path], meta: dict[str, dict[str, str]] | None = None,
                 progress: Callable[[str], None] | None = None, reextract: bool = False) -> IngestReport:
    """Ingest files and folders (recursively); a bad file is reported and the batch goes on."""
    report = IngestReport()
    files, passed = find_documents(list(paths))
    report.failed.extend(passed)
    meta = meta or {}
    for f in files:
        try:
            extra = meta.get(f.name) or meta.get(str(f)) or {}
            source = read_file(f, extra)
            _doc_id, facts, why = ingest_source(store, source, reextract)
            if why:
                report.skipped.append((str(f), why))
            else:
                report.added.append((str(f), facts))
        except InputError as exc:
            report.failed.append((exc.path, exc.problem))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            report.failed.append((str(f), f"extraction failed ({type(exc).__name__}: {exc}); "
                                           "please report this file"))
        if progress:
            progress(str(f))
    return report
