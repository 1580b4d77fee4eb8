"""The document view every relation rule reads: mentions by position, sentences, topics and opening
clauses; what "the group", "it" and "he" stand for; and the one place a fact is made (argument types)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from factionmap.lexicon import STATE_ORGANS, countries, demonyms
from factionmap.model import Extraction, Fact, Mention, Sentence, TimeExpr

ACTOR = frozenset({"ORG", "PLACE"})
ARG_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "component_of": (frozenset({"ORG"}), frozenset({"ORG"})),
    "joined": (frozenset({"ORG", "PERSON"}), frozenset({"ORG"})),
    "merged_into": (frozenset({"ORG"}), frozenset({"ORG"})),
    "splinter_of": (frozenset({"ORG"}), frozenset({"ORG"})),
    "allegiance_to": (frozenset({"ORG", "PERSON"}), frozenset({"ORG", "PERSON"})),
    "allied_with": (ACTOR, ACTOR),
    "rival_of": (ACTOR, ACTOR),
    "ceasefire_with": (ACTOR, ACTOR),
    "funded_by": (frozenset({"ORG"}), frozenset({"ORG", "PERSON", "PLACE"})),
    "supported_by": (frozenset({"ORG"}), frozenset({"ORG", "PLACE", "PERSON"})),
    "leader_of": (frozenset({"PERSON"}), frozenset({"ORG"})),
    "founded": (frozenset({"PERSON", "ORG"}), frozenset({"ORG"})),
    "member_of": (frozenset({"PERSON"}), frozenset({"ORG"})),
    "killed": (frozenset({"PERSON"}), frozenset({"ORG", "PERSON", "PLACE"})),
    "successor_of": (frozenset({"PERSON"}), frozenset({"PERSON"})),
    "based_in": (frozenset({"ORG"}), frozenset({"PLACE"})),
    "founded_on": (frozenset({"ORG"}), frozenset()),
    "membership": (frozenset({"ORG"}), frozenset()),
    "designated": (frozenset({"ORG", "PERSON"}), frozenset({"ORG", "PLACE"})),
}
_ACTOR_RELATIONS = frozenset(
    {"allied_with", "rival_of", "ceasefire_with", "supported_by", "funded_by", "designated", "killed"}
)  # a place in these is a state: "killed in southern Kenya" names no killer
# "Led by A and B, the group …", "Primarily based in X, it …": a sentence that opens with a clause
OPENING = re.compile(
    r"\s*(?:[A-Z][a-z]+ly\s+[a-z]+(?:ed|ing)\b|(?:[A-Z][a-z]*ed|[A-Z][a-z]+ing|Having|Being)\b"
    r"|(?:Although|Though|While|Whilst|Before|After|Since|When|Upon|On|Despite)\s+(?:[a-z]+ly\s+)?"
    r"(?:[a-z]+ing|having|being)\b"
    r"|(?:Although|Though|Whilst|Whereas|Because|Once|Until)\s+(?:he|she|it|they)\s"
    r"|(?:With|Despite|Following|After|Under|According to)\s)"
)
PREP_BEFORE = re.compile(
    r"\b(?:of|from|by|with|against|for|on|at|into|under|between|toward|towards|to|in|"
    r"across|within|inside|throughout|near|"
    r"among|than)\s+(?:the\s+|its\s+|their\s+)?$",
    re.I,
)
_PRONOUN = re.compile(
    r"^\s*(?:(?:[A-Z][a-z]+ly|However|Later|Subsequently|Then|In \w+ \d{4}|In \d{4}),?\s+)?"
    r"(?P<p>It|Its|They|Their|The (?:group|organi[sz]ation|movement|network|faction|militants|"
    r"outfit|party|front)|He|His|She|Her)\b"
)
_ANOTHER_PARTICIPLE = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|based|located|centred|centered)\s+(?:in|around|on|at|"
    r"near|by|as|from|with)\b"
)
_ORGAN_WORDS = re.compile(
    rf"\b(?:Air Force|Forces?|Army|Government|Police|Military|Ministry|Department|Navy|"
    rf"Command|Court|Administration|Coalition|{STATE_ORGANS})\b"
)
_LOWER_ORGAN = re.compile(rf"\b(?:{STATE_ORGANS})\b")


def _state_organ(name: str) -> bool:
    """A state's forces or government ("Pakistan Army", "the Afghan government", "U.S. Air Force"): never
    "the group" a text speaks of. An armed group named "… Army" ("the Free Kenya Army") is not one."""
    if not _ORGAN_WORDS.search(name):
        return False
    if _LOWER_ORGAN.search(name):
        return True
    first = name.split()[0] if name.split() else ""
    return first.lower().strip(".") in demonyms() | countries() or first in ("US", "U.S.", "UN", "NATO")


_CARRIED_TOPIC = re.compile(
    r"\s*(?:(?:In|By|From|Since|After|During|Later|Then|At|On|Upon|With)\b[^,.;]{0,40},\s*)?"
    r"(?:[Tt]he (?:group|organi[sz]ation|movement|network|militia|faction|coalition|alliance)|"
    r"It|it|They|they)\b"
)


class LowerCasePattern:
    """A pattern written for lower-cased text: matched case-sensitively on a document's lower-cased copy
    (twice as fast as re.I), or case-insensitively on the text itself when lower-casing changes its length."""

    def __init__(self, pattern: str) -> None:
        self.lower = re.compile(pattern)
        self.any_case = re.compile(pattern, re.I)

    def finditer(self, doc: Doc, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """The matches in ``doc`` between ``start`` and ``end``."""
        stop = len(doc.text) if end is None else end
        if doc.lower is not None:
            return self.lower.finditer(doc.lower, start, stop)
        return self.any_case.finditer(doc.text, start, stop)

    def search(self, doc: Doc, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first match in ``doc`` between ``start`` and ``end``, if any."""
        return next(iter(self.finditer(doc, start, end)), None)


class Doc:
    """Fast look-ups over one extraction: mentions by position, sentences, times, topics."""

    def __init__(self, ext: Extraction) -> None:
        self.ext = ext
        self.text = ext.analysis
        lowered = self.text.lower()
        self.lower = lowered if len(lowered) == len(self.text) else None  # see LowerCasePattern
        # a name inside an adjective ("Al-Zarqa-related cells") is nobody's subject or object
        self.mentions = sorted((m for m in ext.mentions if m.head != "adjective"), key=lambda m: (m.start, -m.end))
        self.m_starts = [m.start for m in self.mentions]
        self.sents = ext.sentences
        self.s_starts = [s.start for s in self.sents]
        self.times = sorted(ext.times, key=lambda t: t.start)
        self.t_starts = [t.start for t in self.times]
        self.openings: dict[int, int] = {}  # sentence start → end of its opening clause (see opening_end)
        self.topic: dict[int, int] = {}
        doc_topic = next(
            (
                m.entity
                for m in self.mentions
                if m.type == "ORG" and m.entity >= 0 and not _state_organ(ext.entities[m.entity].name)
            ),
            -1,
        )
        last = doc_topic
        for s in self.sents:
            if s.paragraph not in self.topic:
                if _CARRIED_TOPIC.match(self.text, s.start):
                    # a paragraph that opens with "The group …" speaks of the article's group
                    self.topic[s.paragraph] = doc_topic if doc_topic >= 0 else last
                    continue
                first = self.in_span(s.start, self._para_end(s))
                opening = opening_end(self, s)  # "Having left the KF, Sadiq Noor joined …": not the KF
                if opening > 0:
                    first = [m for m in first if m.start > opening]
                # the paragraph's topic: its first group that is not a source ("According to X") or an object
                org = next(
                    (
                        m.entity
                        for m in first
                        if m.type == "ORG"
                        and m.entity >= 0
                        and not _state_organ(self.ext.entities[m.entity].name)
                        and not PREP_BEFORE.search(self.text[max(0, m.start - 14) : m.start])
                        and not self.text[max(0, m.start - 2) : m.start].strip().endswith("(")
                    ),
                    doc_topic,
                )
                self.topic[s.paragraph] = org
                last = org

    def recent_subject(self, sent: Sentence) -> int:
        """The entity of the group the nearest earlier sentence of the paragraph opens with, else the
        paragraph's topic (-1 when there is none)."""
        i = bisect_right(self.s_starts, sent.start) - 1
        for k in range(i - 1, max(-1, i - 4), -1):
            prev = self.sents[k]
            if prev.paragraph != sent.paragraph:
                break
            first = self.in_span(prev.start, prev.end)[:1]
            if (
                first
                and first[0].type == "ORG"
                and first[0].entity >= 0
                and re.fullmatch(r"\s*(?:The\s+)?", self.text[prev.start : first[0].start])
                and not self.text.startswith("'s", first[0].end)
                and not _state_organ(self.ext.entities[first[0].entity].name)
            ):
                return first[0].entity  # (a state's forces or government are not "the group")
        return self.topic.get(sent.paragraph, -1)

    def _para_end(self, s: Sentence) -> int:
        end = self.text.find("\n", s.start)
        return len(self.text) if end == -1 else end

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self.s_starts, pos) - 1
        if i >= 0 and self.sents[i].start <= pos < self.sents[i].end:
            return self.sents[i]
        return None

    def in_span(self, a: int, b: int) -> list[Mention]:
        lo = bisect_left(self.m_starts, a)
        hi = bisect_left(self.m_starts, b)
        out = [m for m in self.mentions[lo:hi] if m.end <= b]
        # drop mentions nested in a longer one
        keep: list[Mention] = []
        for m in out:
            if keep and m.start < keep[-1].end:
                continue
            keep.append(m)
        return keep

    def times_in(self, a: int, b: int) -> list[TimeExpr]:
        lo = bisect_left(self.t_starts, a)
        hi = bisect_left(self.t_starts, b)
        return self.times[lo:hi]


def fallback_subject(doc: Doc, sent: Sentence, pos: int) -> Mention | None:
    head = doc.text[sent.start : pos]
    p = _PRONOUN.match(head)
    if not p:
        return None
    word = p.group("p").lower()
    if word in ("he", "his", "she", "her"):
        people = [m for m in doc.in_span(doc.s_starts[0] if doc.s_starts else 0, sent.start) if m.type == "PERSON"]
        return people[-1] if people else None
    return topic_mention(doc, sent)


_GROUP_REF = re.compile(
    r"\b(?:the group|the organi[sz]ation|the movement|the network|the coalition|the alliance|its|"
    r"it|they|their)\b"
    r"|^\s*(?:[A-Z][a-z]+ly\s+)?(?:based|active|located|stationed|centred|centered|led|founded|"
    r"formed|established|operating)\b",
    re.I,
)


def opening_end(doc: Doc, sent: Sentence) -> int:
    """Where a sentence's opening clause ("Led by A and B,") ends: the comma before the main clause
    (a place's apposition, "in Zabul, Kenya,", stays in the clause), or -1 without one.
    Worked out once per sentence: every trigger and figure in it asks."""
    end = doc.openings.get(sent.start)
    if end is None:
        end = doc.openings[sent.start] = _find_opening_end(doc, sent)
    return end


def _find_opening_end(doc: Doc, sent: Sentence) -> int:
    if not OPENING.match(doc.text, sent.start):
        return -1
    comma = doc.text.find(",", sent.start, sent.end)
    while comma != -1:
        if _ANOTHER_PARTICIPLE.match(doc.text, comma + 1):
            # "Initially formed as a network within the Salt Brigade, centred around X near Y, the group …"
            nxt_comma = doc.text.find(",", comma + 1, sent.end)
            if nxt_comma != -1:
                comma = nxt_comma
                continue
        nxt = next((m for m in doc.in_span(comma + 1, sent.end)), None)
        if (
            nxt is None
            or nxt.type != "PLACE"
            or doc.text[comma + 1 : nxt.start].strip()
            or not doc.text.startswith(",", nxt.end)
        ):
            return comma
        comma = nxt.end
    return comma


def topic_mention(doc: Doc, sent: Sentence) -> Mention | None:
    """What "the group" means in ``sent``: the group the paragraph's last sentence opened with, else the
    paragraph's topic."""
    topic = doc.recent_subject(sent)
    if topic < 0:
        return None
    ent = doc.ext.entities[topic]
    return Mention(sent.start, sent.start, ent.name, ent.type, topic)


def this_group(doc: Doc, sent: Sentence, pos: int) -> Mention | None:
    """What "the group" / "this group" at ``pos`` stands for. "This group" points back to the last group
    the previous sentence named outside a prepositional phrase ("… being the 'Saut-al Dorn,' a splinter
    of Y. … this group remained …" → Saut-al Dorn); "the group" is the paragraph's topic."""
    if doc.text[pos : pos + 12].lstrip().lower().startswith("this "):
        i = bisect_right(doc.s_starts, sent.start) - 2
        if i >= 0 and doc.sents[i].paragraph == sent.paragraph:
            prev = doc.sents[i]
            named = [
                m
                for m in doc.in_span(prev.start, prev.end)
                if m.type == "ORG"
                and m.entity >= 0
                and not PREP_BEFORE.search(doc.text[max(prev.start, m.start - 12) : m.start])
                and not _state_organ(doc.ext.entities[m.entity].name)
            ]
            if named:
                return named[-1]
    return topic_mention(doc, sent)


# "Obama approved the targeted killing of X", "ordered the assassination of X": a decision, not a death
ORDERED_KILLING = re.compile(
    r"\b(?:approved|approves|authori[sz]ed|authori[sz]es|ordered|orders|sanctioned|called\s+for|calls\s+for|"
    r"planned|plotted|plotting|demanded|sought|threatened)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?"
    r"(?:killing|assassination|execution|murder)\s+of\s+(?:the\s+)?$",
    re.I,
)


def ordered_killing(text: str, victim_start: int) -> bool:
    """True when the words before a person's name order or approve a killing of them, not report it.

    >>> ordered_killing("Obama approved the targeted killing of Tamer", 39)
    True
    >>> ordered_killing("The killing of Tamer", 15)
    False
    """
    return ORDERED_KILLING.search(text, max(0, victim_start - 80), victim_start) is not None


# "a KF spokesman said that the movement …": the group whose voice the sentence quotes
_VOICE = re.compile(r"(?:'s)?\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|officials?|representatives?)\b")


def topic_fallback(doc: Doc, sent: Sentence, pos: int) -> Mention | None:
    """The paragraph's topic when the clause speaks of "the group", "it", or opens with a participle; the
    group whose spokesman the sentence quotes ("a KF spokesman said that the movement …") when it names one."""
    if not _GROUP_REF.search(doc.text[sent.start : pos]):
        return None
    voiced = [
        m for m in doc.in_span(sent.start, pos) if m.type == "ORG" and m.entity >= 0 and _VOICE.match(doc.text, m.end)
    ]
    if len({m.entity for m in voiced}) == 1:
        return voiced[-1]
    return topic_mention(doc, sent)


_NAMED_GROUP = re.compile(r"'s\s+(?:[a-z-]+\s+)?(?:group|faction|militia|network)$", re.I)
GROUP_RELATIONS = frozenset({"allied_with", "rival_of", "supported_by", "funded_by", "ceasefire_with"})


def named_group(doc: Doc, person: int) -> int | None:
    """The group the text names after this person ("Mullah Tamer's group"), if there is exactly one."""
    groups = doc.__dict__.setdefault("_named_groups", {})
    if person not in groups:
        names = {n.lower() for n in (doc.ext.entities[person].name, *doc.ext.entities[person].aliases)}
        found = {
            i
            for i, e in enumerate(doc.ext.entities)
            if e.type == "ORG"
            and any(n.lower().split("'s ", 1)[0] in names for n in (e.name, *e.aliases) if _NAMED_GROUP.search(n))
        }
        groups[person] = found.pop() if len(found) == 1 else None
    return groups[person]


def make_fact(
    doc: Doc,
    sent: Sentence,
    s: Mention,
    rel: str,
    o: Mention | None,
    trig: tuple[int, int],
    value: str | None = None,
    component: str = "rule:triggers",
) -> Fact | None:
    if s.entity < 0 or (o is not None and (o.entity < 0 or o.entity == s.entity)):
        return None
    stypes, otypes = ARG_TYPES[rel]
    if s.type == "PERSON" and "PERSON" not in stypes and rel in GROUP_RELATIONS:
        group = named_group(doc, s.entity)  # "Mullah Tamer maintained close ties with X": Mullah Tamer's group
        if group is None:
            return None
        s = Mention(s.start, s.end, s.text, "ORG", group)
    if s.type not in stypes or (o is not None and o.type not in otypes):
        return None
    if rel in _ACTOR_RELATIONS:
        for m in (s, o):
            if m is not None and m.type == "PLACE" and doc.ext.entities[m.entity].name.lower() not in countries():
                return None
    return Fact(
        s.entity,
        rel,
        o.entity if o is not None else None,
        (sent.start, sent.end),
        trig,
        value=value,
        component=component,
    )
