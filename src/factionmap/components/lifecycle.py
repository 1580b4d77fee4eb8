"""Stage 9, lifecycle: the end of a group as the text words it — dissolved, defeated, fractured, absorbed.

The shared schema has no relation for a group's end, so these are not facts: each is a ``GroupEvent`` of
one group, with its sentence, date and certainty, stored apart (``group_events``) and read by the ending
rules of ``query.asof`` ("dissolved": a group's ties, and the roles, memberships and components of it, end
at its end). Only general wordings, said of the group as subject or as the object of a noun:

* **dissolved** — "was dissolved / disbanded / dismantled / abolished", "disbanded", "dissolved itself",
  "ceased to exist", "ceased (all) operations", "collapsed", "disintegrated", "broke up", "the dissolution /
  disbanding / dismantling / collapse / break-up of X";
* **defeated** — "was defeated / destroyed / wiped out / annihilated / crushed / eradicated", "the defeat /
  destruction of X"; a defeat in a named battle, clash or election ("was defeated in the battle of …") is
  a lost fight, not the group's end;
* **fractured** — "(had) fractured / splintered / split / broke / fragmented into";
* **absorbed** — "was absorbed / folded / incorporated into Y", "the absorption / incorporation / folding
  of X into Y" (also "of his group": the group the text names after the person).

>>> from factionmap.pipeline import extract_rules
>>> ext = extract_rules("The Reed Brigade was formed in 2009. In autumn 2016 the Reed Brigade was disbanded.")
>>> [(ext.entities[e.entity].name, e.kind, e.date) for e in ext.events]
[('Reed Brigade', 'dissolved', '2016-23')]
"""

from __future__ import annotations

import re

from factionmap.components import certainty, timex
from factionmap.components.relations.document import Doc, topic_mention
from factionmap.model import Extraction, Fact, GroupEvent, Mention, Sentence, norm

_ADV = (
    r"(?:(?:officially|formally|effectively|eventually|finally|later|subsequently|largely|completely|totally|"
    r"militarily|decisively|ultimately|then|also|reportedly|soon|quickly|virtually|all but|itself)\s+)*"
)
_AUX = r"(?:was|were|had\s+been|has\s+been|have\s+been|got|is|are)\s+"
# after the group: a passive verb, or an intransitive one (nothing named after it: "X disbanded its militia"
# says nothing of X's end)
_AFTER = re.compile(
    rf"\s*(?:\([^()]{{1,60}}\)\s*)?(?:,\s*(?:which|who)\s+)?(?:"
    rf"{_AUX}{_ADV}(?P<pd>dissolved|disbanded|dismantled|abolished|liquidated|deactivated)"
    rf"|{_AUX}{_ADV}(?P<pf>defeated|destroyed|wiped\s+out|annihilated|crushed|eradicated|routed)"
    rf"|{_AUX}{_ADV}(?P<pa>absorbed|folded|incorporated|subsumed)\s+into"
    rf"|(?:had\s+|has\s+|have\s+)?{_ADV}(?P<id>disbanded|dissolved\s+itself|dissolved|ceased\s+to\s+exist|"
    rf"ceased\s+(?:all\s+)?(?:operations|activities|to\s+function)|collapsed|disintegrated|broke\s+up|fell\s+apart)"
    rf"|(?:had\s+|has\s+|have\s+)?{_ADV}(?P<if>fractured|splintered|split|broke|fragmented)\s+(?:up\s+)?into"
    rf")\b",
    re.I,
)
# an intransitive verb followed by a name or a noun phrase is transitive: "X disbanded its militia"
_INTRANSITIVE_END = re.compile(
    r"\s*(?:$|[.,;:)\u2013\u2014-]|(?:in|on|by|after|following|when|and|at|as|shortly|soon|later|within|during|"
    r"before|upon|under|amid|with|between|over|itself|themselves|entirely|completely)\b)",
    re.I,
)
_NOUN = re.compile(
    r"\b(?P<noun>dissolution|disbanding|disbandment|dismantling|dismantlement|abolition|collapse|break-?up|"
    r"disintegration|defeat|destruction|absorption|incorporation|folding|fragmentation|fracturing)\s+of\s+"
    r"(?:the\s+)?",
    re.I,
)
_NOUN_KIND = {
    "defeat": "defeated",
    "destruction": "defeated",
    "absorption": "absorbed",
    "incorporation": "absorbed",
    "folding": "absorbed",
    "fragmentation": "fractured",
    "fracturing": "fractured",
}
_INTO = re.compile(r"\s+into\s+(?:the\s+)?", re.I)
# a lost fight is not the group's end
_BATTLE = re.compile(
    r"^[^.;]{0,40}?\b(?:in|at|during)\s+(?:the\s+|a\s+)?(?:\w+\s+){0,2}?(?:battle|fight|fighting|clash(?:es)?|"
    r"skirmish|election|vote|engagement|offensive)\b",
    re.I,
)
_POSSESSIVE_GROUP = re.compile(r"(?:his|her)\s+(?:group|faction|militia|network|organi[sz]ation)\b", re.I)
_VERB_KIND = {"pd": "dissolved", "pf": "defeated", "pa": "absorbed", "id": "dissolved", "if": "fractured"}


def _org(ext: Extraction, m: Mention) -> bool:
    return m.entity >= 0 and ext.entities[m.entity].type == "ORG"


_NAMED = re.compile(r"^(?P<who>.+?)'s\s+(?:[a-z-]+\s+)?(?:group|faction|militia|network)$", re.I)


def _named_after(ext: Extraction, person: int) -> int | None:
    """The one group the text names after this person ("Mullah Tamer's group"), whatever type the name was
    given: the name says it is a group."""
    names = {norm(n) for n in (ext.entities[person].name, *ext.entities[person].aliases)}
    found = {
        i
        for i, e in enumerate(ext.entities)
        if i != person
        and any((m := _NAMED.match(n)) is not None and norm(m.group("who")) in names for n in (e.name, *e.aliases))
    }
    return found.pop() if len(found) == 1 else None


def _subject_events(doc: Doc, sent: Sentence, ms: list[Mention]) -> list[tuple[int, str, int, int, int | None]]:
    """(group, kind, trigger start, trigger end, absorbing group) for "X was dissolved" and its like."""
    ext, text = doc.ext, doc.text
    out: list[tuple[int, str, int, int, int | None]] = []
    subjects: list[tuple[int, int]] = [(m.end, m.entity) for m in ms if _org(ext, m)]
    group_ref = re.match(
        r"\s*(?:(?:[A-Z][a-z]+ly|However|Later|Then|Subsequently|In \w+ \d{4}|In \d{4}|By \w+ \d{4}|By \d{4}),?\s+)?"
        r"(?:It|The (?:group|organi[sz]ation|movement|faction|network|militia))\b",
        text[sent.start : sent.end],
    )
    if group_ref:
        topic = topic_mention(doc, sent)
        if topic is not None and topic.type == "ORG":
            subjects.append((sent.start + group_ref.end(), topic.entity))
    for end, entity in subjects:
        am = _AFTER.match(text, end, sent.end)
        if am is None:
            continue
        kind_group = next(g for g in _VERB_KIND if am.group(g))
        if kind_group in ("id",) and not _INTRANSITIVE_END.match(text, am.end(), sent.end):
            continue
        if kind_group == "pf" and _BATTLE.match(text[am.end() : sent.end]):
            continue
        into = None
        if kind_group in ("pa", "if"):
            nxt = next((m for m in ms if m.start >= am.end() and _org(ext, m)), None)
            if kind_group == "pa":
                if nxt is None or text[am.end() : nxt.start].strip().lower() not in ("", "the"):
                    continue
                into = nxt.entity
        out.append((entity, _VERB_KIND[kind_group], am.start(kind_group), am.end(kind_group), into))
    return out


def _noun_events(doc: Doc, sent: Sentence, ms: list[Mention]) -> list[tuple[int, str, int, int, int | None]]:
    """(group, kind, trigger start, trigger end, absorbing group) for "the dissolution of X" and its like."""
    ext, text = doc.ext, doc.text
    out: list[tuple[int, str, int, int, int | None]] = []
    for nm in _NOUN.finditer(text, sent.start, sent.end):
        noun = nm.group("noun").lower().replace("-", "")
        kind = _NOUN_KIND.get(noun, "dissolved")
        group = next((m for m in ms if m.start == nm.end() and _org(ext, m)), None)
        entity, after = (group.entity, group.end) if group is not None else (-1, nm.end())
        if group is None:
            # "the absorption of his group into Y": the group the text names after the person just named
            own = _POSSESSIVE_GROUP.match(text, nm.end(), sent.end)
            people = [
                m for m in ms if m.end <= nm.start() and m.entity >= 0 and ext.entities[m.entity].type == "PERSON"
            ]
            if own is None or not people:
                continue
            named = _named_after(ext, people[-1].entity)
            if named is None:
                continue
            entity, after = named, own.end()
        if kind == "defeated" and _BATTLE.match(text[after : sent.end]):
            continue
        into = None
        if kind == "absorbed":
            im = _INTO.match(text, after, sent.end)
            whole = next((m for m in ms if im and m.start == im.end() and _org(ext, m)), None)
            if whole is None:
                continue
            into = whole.entity
        out.append((entity, kind, nm.start(), nm.end("noun"), into))
    return out


def lifecycle(ext: Extraction) -> Extraction:
    """Find every group's end the text states, dated and weighed like a fact of its sentence."""
    doc = Doc(ext)
    found: list[tuple[Sentence, tuple[int, str, int, int, int | None]]] = []
    for sent in ext.sentences:
        ms = doc.in_span(sent.start, sent.end)
        for ev in (*_subject_events(doc, sent, ms), *_noun_events(doc, sent, ms)):
            if ev[4] != ev[0]:
                found.append((sent, ev))
    # dates and certainty as the fact stages give them: one stand-in fact per event
    stand = Extraction(ext.analysis, ext.analysis, times=ext.times)
    stand.facts = [Fact(ev[0], "ended", None, (s.start, s.end), (ev[2], ev[3])) for s, ev in found]
    certainty.certainty(timex.attach_dates(stand))
    seen: set[tuple[int, str, tuple[int, int]]] = set()
    events: list[GroupEvent] = []
    for (sent, (entity, kind, a, b, into)), f in zip(found, stand.facts, strict=True):
        if (entity, kind, (sent.start, sent.end)) in seen:
            continue
        seen.add((entity, kind, (sent.start, sent.end)))
        events.append(
            GroupEvent(entity, kind, (sent.start, sent.end), (a, b), into, f.date, f.start, f.end, f.certainty)
        )
    ext.events = events
    return ext
