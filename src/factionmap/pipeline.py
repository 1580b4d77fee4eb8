"""The pipeline runner: stages in order, each declaring what it needs and what it makes.

>>> ext = extract_text("The Foo Front (FF) was founded in 2001. FF joined the Bar Movement in 2004.")
>>> [(ext.entities[f.subject].name, f.relation, f.date) for f in ext.facts if f.relation == "joined"]
[('Foo Front', 'joined', '2004')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factionmap.components import certainty, mentions, relations, resolve, segment, timex
from factionmap.model import Extraction
from factionmap.reader import normalise


@dataclass(frozen=True)
class Stage:
    """A named pipeline component with its declared inputs and outputs."""

    name: str
    run: Callable[[Extraction], Extraction]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("segment", segment.segment, segment.REQUIRES, segment.ASSIGNS),
    Stage("mentions", mentions.mentions, mentions.REQUIRES, mentions.ASSIGNS),
    Stage("resolve", resolve.resolve, resolve.REQUIRES, resolve.ASSIGNS),
    Stage("time", timex.timex, timex.REQUIRES, timex.ASSIGNS),
    Stage("relations", relations.relations, relations.REQUIRES, relations.ASSIGNS),
    Stage("dates", timex.attach_dates, ("facts", "times"), ("dates",)),
    Stage("certainty", certainty.certainty, certainty.REQUIRES, certainty.ASSIGNS),
)


def check_order(stages: tuple[Stage, ...]) -> None:
    """Raise ValueError when a stage needs something no earlier stage makes."""
    made: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in made]
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage assigns")
        made |= set(stage.assigns)


check_order(STAGES)


def run(ext: Extraction, stages: tuple[Stage, ...] = STAGES) -> Extraction:
    """Run every stage over one document."""
    for stage in stages:
        ext = stage.run(ext)
    return ext


def extract(text: str, analysis: str, published: str | None = None) -> Extraction:
    """Extract from a document whose analysis text has the same length as its text."""
    if len(text) != len(analysis):
        raise ValueError("analysis text must keep the document's offsets")
    return run(Extraction(text=text, analysis=analysis, published=published))


def extract_text(text: str, published: str | None = None) -> Extraction:
    """Extract from plain text (typography normalised, offsets kept)."""
    return extract(text, normalise(text), published)
