"""Extraction engines: in-process, local worker processes, or Ray tasks on a local or existing cluster.

Every engine runs the same per-document function (decode + extract) and yields results in input
order, so the single writer stores the same rows whatever the engine. In-flight work is bounded,
so a corpus of any size streams through in constant memory.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from factionmap.errors import FactionmapError, InputError
from factionmap.model import Extraction
from factionmap.reader import HUGE_CHARS, Source, read_bytes

ENGINES = ("local", "ray")


@dataclass
class Job:
    """One document to extract: its name, path, raw bytes and metadata."""

    name: str
    path: str
    data: bytes
    meta: dict[str, str]


@dataclass
class Done:
    """The outcome of one job: a decoded source and its extraction, or the problem."""

    path: str
    source: Source | None = None
    extraction: Extraction | None = None
    error: str | None = None


def process(job: Job) -> Done:
    """Decode and extract one document (runs in whichever process or node the engine chose)."""
    # the extraction stages and the model load in the process that extracts, on its first document: not with
    # this module, which every command imports (through ingest) only to plan the work
    from factionmap.pipeline import extract

    try:
        source = read_bytes(job.data, job.name, job.path, job.meta)
        job.data = b""  # the decoded text is all that is needed from here on
        if len(source.text) > HUGE_CHARS:
            return Done(job.path, source, None)  # the writer extracts it piece by piece
        published = source.meta.get("published") or source.meta.get("date")
        assert source.analysis is not None  # only a text over HUGE_CHARS goes without one, and it returned above
        ext = extract(source.text, source.analysis, published[:10] if published else None)
        ext.candidates = []  # the pipeline's working notes: not sent back to the writer
        return Done(job.path, source, ext)
    except InputError as exc:
        return Done(job.path, error=exc.problem)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return Done(job.path, error=f"extraction failed ({type(exc).__name__}: {exc}); please report this file")


def run_inline(jobs: Iterable[Job]) -> Iterator[Done]:
    """Extract in this process."""
    for job in jobs:
        yield process(job)


def run_local(jobs: Iterable[Job], workers: int, window: int | None = None) -> Iterator[Done]:
    """Extract in ``workers`` local processes; results in input order, at most ``window`` in flight."""
    if workers <= 1:
        yield from run_inline(jobs)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing loads only when it is used

    window = window or workers * 16
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[Done]] = deque()
        for job in jobs:
            pending.append(pool.submit(process, job))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def run_ray(jobs: Iterable[Job], address: str | None = None, window: int = 64) -> Iterator[Done]:
    """Extract as Ray tasks: on a local Ray (started here) or the cluster at ``address``."""
    try:
        import ray
    except ImportError:
        raise FactionmapError("the Ray engine needs Ray: pip install 'factionmap[ray]'") from None
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "ignore_reinit_error": True}
        if "FACTIONMAP_EXTRACTOR" in os.environ:  # every worker extracts as this process would
            kwargs["runtime_env"] = {"env_vars": {"FACTIONMAP_EXTRACTOR": os.environ["FACTIONMAP_EXTRACTOR"]}}
        if address:
            kwargs["address"] = address
        else:
            kwargs["num_cpus"] = os.cpu_count() or 1
            kwargs["_node_ip_address"] = "127.0.0.1"  # a local Ray talks over loopback only
        try:
            ray.init(**kwargs)
        except Exception as exc:  # noqa: BLE001 - Ray raises many kinds; the user needs the message
            raise FactionmapError(f"cannot start or reach Ray{' at ' + address if address else ''}: {exc}") from None
        started = True
    task = ray.remote(process)
    try:
        pending: deque[Any] = deque()
        for job in jobs:
            pending.append(task.remote(job))
            if len(pending) >= window:
                yield ray.get(pending.popleft())
        while pending:
            yield ray.get(pending.popleft())
    finally:
        if started:
            ray.shutdown()


def run(jobs: Iterable[Job], engine: str = "local", workers: int = 1, address: str | None = None) -> Iterator[Done]:
    """Dispatch to an engine by name."""
    if engine == "local":
        return run_local(jobs, workers)
    if engine == "ray":
        return run_ray(jobs, address)
    raise FactionmapError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
