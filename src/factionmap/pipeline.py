"""The pipeline runner: stages in order, each declaring the fields of the ``Extraction`` it reads and writes
(tests/test_stages.py runs every stage with everything else poisoned and checks it kept to its word).

>>> ext = extract_text("The Foo Front (FF) was founded in 2001. FF joined the Bar Movement in 2004.")
>>> [(ext.entities[f.subject].name, f.relation, f.date) for f in ext.facts if f.relation == "joined"]
[('Foo Front', 'joined', '2004')]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from factionmap.components import (
    certainty,
    identifiers,
    learned,
    lifecycle,
    mentions,
    relations,
    resolve,
    segment,
    timex,
)
from factionmap.learn.linear import Extractor, shipped
from factionmap.model import Extraction
from factionmap.reader import normalise

INPUTS = ("text", "analysis", "published")  # what the caller gives: the document, before any stage


@dataclass(frozen=True)
class Stage:
    """A named pipeline component and the ``Extraction`` fields it reads and writes (a stage may also read
    what it writes)."""

    name: str
    run: Callable[[Extraction], Extraction]
    reads: tuple[str, ...]
    writes: tuple[str, ...]


def _learned(ext: Extraction) -> Extraction:
    return learned.learned(ext, None if rules_only() else shipped())


def rules_only() -> bool:
    """True when ``$FACTIONMAP_EXTRACTOR`` is ``rules``: extract with the rule stages alone (to compare,
    or to reproduce what an earlier release found); otherwise the shipped model decides."""
    return os.environ.get("FACTIONMAP_EXTRACTOR", "model").strip().lower() == "rules"


RULE_STAGES: tuple[Stage, ...] = (
    Stage("segment", segment.segment, reads=("analysis",), writes=("sentences",)),
    Stage(
        "mentions",
        mentions.mentions,
        reads=("analysis", "sentences"),
        writes=("mentions", "candidates", "distinctions"),
    ),
    Stage("resolve", resolve.resolve, reads=("text", "candidates", "distinctions"), writes=("mentions", "entities")),
    Stage("time", timex.timex, reads=("analysis", "published", "sentences"), writes=("times",)),
    # the relations stage also adds an entity a rule implies without a mention (the UN Security Council of
    # a sanctions listing)
    Stage(
        "relations",
        relations.relations,
        reads=("analysis", "sentences", "mentions", "times"),
        writes=("entities", "facts"),
    ),
    Stage("dates", timex.attach_dates, reads=("analysis", "times", "mentions", "entities"), writes=("facts",)),
    Stage("certainty", certainty.certainty, reads=("analysis",), writes=("facts",)),
    # cross-walk identifiers written right after a name ("Al-Qaida (QDe.004)"), kept on the entity
    Stage("identifiers", identifiers.identifiers, reads=("text", "mentions", "entities"), writes=("entities",)),
    # a group's end ("was disbanded", "the absorption of X into Y"): dated and weighed like a fact, stored apart
    Stage(
        "lifecycle",
        lifecycle.lifecycle,
        reads=("analysis", "sentences", "mentions", "entities", "times"),
        writes=("events",),
    ),
)
STAGES: tuple[Stage, ...] = (
    *RULE_STAGES[:5],
    # the learned stage retypes entities and their mentions, drops what is not a name, and decides the facts
    Stage("learned", _learned, reads=("analysis", "sentences"), writes=("entities", "mentions", "facts")),
    *RULE_STAGES[5:],
)


def check_order(stages: tuple[Stage, ...]) -> None:
    """Raise ValueError when a stage reads a field that neither the caller nor an earlier stage wrote."""
    made: set[str] = set(INPUTS)
    for stage in stages:
        missing = [r for r in stage.reads if r not in made]
        if missing:
            raise ValueError(f"stage {stage.name!r} reads {', '.join(missing)}, which no earlier stage writes")
        made |= set(stage.writes)


check_order(STAGES)
check_order(RULE_STAGES)


def run(ext: Extraction, stages: tuple[Stage, ...] = STAGES) -> Extraction:
    """Run every stage over one document."""
    for stage in stages:
        ext = stage.run(ext)
    return ext


def extract(
    text: str, analysis: str, published: str | None = None, extractor: Extractor | None = None, rules_only: bool = False
) -> Extraction:
    """Extract from a document whose analysis text has the same length as its text.

    The shipped model decides types and relations unless ``rules_only``; ``extractor`` replaces it.
    """
    if len(text) != len(analysis):
        raise ValueError("analysis text must keep the document's offsets")
    ext = Extraction(text=text, analysis=analysis, published=published)
    if rules_only:
        return run(ext, RULE_STAGES)
    if extractor is not None:
        stages = tuple(
            Stage(s.name, lambda e: learned.learned(e, extractor), s.reads, s.writes) if s.name == "learned" else s
            for s in STAGES
        )
        return run(ext, stages)
    return run(ext)


def extract_rules(text: str, published: str | None = None) -> Extraction:
    """Extract from plain text with the rule stages only (what the models learn from and are compared to)."""
    return extract(text, normalise(text), published, rules_only=True)


def extract_text(text: str, published: str | None = None) -> Extraction:
    """Extract from plain text (typography normalised, offsets kept)."""
    return extract(text, normalise(text), published)


CHUNK_CHARS = 1_000_000


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split a long text into pieces of about ``size`` characters, at paragraph breaks where it can."""
    bounds, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            # a paragraph break, else a sentence end, else a space: never inside a word
            for mark in ("\n", ". ", " "):
                cut = text.rfind(mark, start + size // 2, end)
                if cut != -1:
                    end = cut + len(mark)
                    break
        bounds.append((start, end))
        start = end
    return bounds


def extract_chunks(
    text: str, analysis: str | None, published: str | None = None, size: int = CHUNK_CHARS
) -> Iterator[Extraction]:
    """Extract a huge document piece by piece (paragraph-aligned), offsets shifted to the whole text.

    Memory stays bounded by the piece; names defined in earlier pieces reach later ones through the
    store, which resolves each piece's names against what is already stored. Without an ``analysis``
    text (plain text, see reader.HUGE_CHARS) each piece is normalised on its own.
    """
    paragraphs = 0
    for a, b in chunk_bounds(analysis if analysis is not None else text, size):
        piece = text[a:b]
        ext = extract(piece, normalise(piece) if analysis is None else analysis[a:b], published)
        for sent in ext.sentences:
            sent.start += a
            sent.end += a
            sent.paragraph += paragraphs
        paragraphs = max((x.paragraph for x in ext.sentences), default=paragraphs - 1) + 1
        for m in ext.mentions:
            m.start += a
            m.end += a
        for f in ext.facts:
            f.evidence = (f.evidence[0] + a, f.evidence[1] + a)
            f.trigger = (f.trigger[0] + a, f.trigger[1] + a)
        for ev in ext.events:
            ev.evidence = (ev.evidence[0] + a, ev.evidence[1] + a)
            ev.trigger = (ev.trigger[0] + a, ev.trigger[1] + a)
        ext.text = ext.analysis = ""
        ext.candidates = []
        yield ext
