"""What the pipeline produces for one document: sentences, entities, mentions, times and facts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

RELATIONS = (
    "component_of",
    "joined",
    "merged_into",
    "splinter_of",
    "allegiance_to",
    "allied_with",
    "rival_of",
    "ceasefire_with",
    "funded_by",
    "supported_by",
    "leader_of",
    "founded",
    "member_of",
    "killed",
    "successor_of",
    "based_in",
    "founded_on",
    "membership",
    "designated",
)
SYMMETRIC = frozenset({"allied_with", "rival_of", "ceasefire_with"})
CERTAINTIES = ("asserted", "reported", "claimed", "possible", "unclear", "denied")
TYPES = ("ORG", "PERSON", "PLACE")


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """Fold a name for matching: case, accents, dashes, quotes and spacing ignored.

    >>> norm("Tehrik-e Khilafat  Pakistan")
    'tehrik e khilafat pakistan'
    >>> norm("ISIS–K") == norm("ISIS-K")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    text = re.sub(r"[\u2010-\u2015\-_/]", " ", text)
    text = re.sub(r"[\"'`\u2018\u2019\u201c\u201d\u02bc.,()\[\]]", "", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Sentence:
    """A sentence as character offsets in its document, with its paragraph number."""

    start: int
    end: int
    paragraph: int


@dataclass
class Entity:
    """An entity as one document knows it: a canonical name, its type and every surface form."""

    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    distinct: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)  # identifiers the text gives it, "scheme:value" (un:QDe.004)
    # names over time: name → (status "former" or "current", since, until), EDTF dates or None where unsaid
    periods: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)


@dataclass
class Mention:
    """A span of the document that names an entity (index into ``Extraction.entities``)."""

    start: int
    end: int
    text: str
    type: str
    entity: int = -1
    head: str = ""


@dataclass
class Candidate:
    """A name the mention stage found, before resolution: what the text said around it (its role, a type
    hint, the names it defines). The mention stage hands these to resolve in ``Extraction.candidates``."""

    start: int
    end: int
    text: str
    type: str  # ORG, PERSON, PLACE or UNK
    role: str | None = None
    hint: str | None = None
    defines: list[tuple[int, int, str]] = field(default_factory=list)
    topic_alias: bool = False
    canonical: str | None = None  # the name to match on, when the surface has extra words
    # names this one had before or took after: (start, end, "former" or "later", EDTF date of the change)
    renamed: list[tuple[int, int, str, str | None]] = field(default_factory=list)
    in_adjective: bool = False  # named inside an adjective ("Al-Zarqa-related"): an entity, never a fact's argument


@dataclass
class TimeExpr:
    """A date expression: its span, its EDTF value, and how it bounds a fact (point/start/end/span)."""

    start: int
    end: int
    edtf: str
    role: str = "point"
    end_edtf: str | None = None


@dataclass
class Fact:
    """One relation statement with its evidence span (offsets in the document)."""

    subject: int
    relation: str
    object: int | None
    evidence: tuple[int, int]
    trigger: tuple[int, int]
    value: str | None = None
    value_high: str | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    certainty: str = "asserted"
    component: str = "rule:triggers"
    confidence: float = 1.0


LIFECYCLE = ("dissolved", "defeated", "fractured", "absorbed")  # how a group's existence ends (no schema relation)


@dataclass
class GroupEvent:
    """The end of a group as its sentence words it (one of ``LIFECYCLE``), with the group that absorbed it."""

    entity: int
    kind: str
    evidence: tuple[int, int]
    trigger: tuple[int, int]
    into: int | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    certainty: str = "asserted"
    component: str = "rule:lifecycle"


@dataclass
class Extraction:
    """Everything the pipeline found in one document."""

    text: str
    analysis: str
    published: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # the mention stage's notes for resolve
    distinctions: list[tuple[Candidate, Candidate]] = field(default_factory=list)  # names a text sets apart
    events: list[GroupEvent] = field(default_factory=list)  # groups' ends (lifecycle stage)
