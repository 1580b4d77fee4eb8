"""Lexical triggers (``lexicon/triggers.tsv``): each match, its arguments found on either side, and the
syntax that decides who the subject is (openings, participles, relative clauses, passives)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factionmap.components.relations.document import (
    ARG_TYPES,
    GROUP_RELATIONS,
    OPENING,
    PREP_BEFORE,
    Doc,
    LowerCasePattern,
    fallback_subject,
    make_fact,
    named_group,
    opening_end,
    this_group,
    topic_fallback,
    topic_mention,
)
from factionmap.components.relations.groups import UNITS, country_level, head_person, left_group, right_group
from factionmap.lexicon import countries, people_nouns, table
from factionmap.model import SYMMETRIC, Fact, Mention, Sentence

_VP_AND = re.compile(
    r"\b(?:and|but)\s+(?:also\s+|later\s+|then\s+)?(?:is|was|are|were|has|had|have)\b(?:\s+\w+)?\s*$", re.I
)
_PARTICIPLE_START = re.compile(r"\s*(?:[A-Z][a-z]+ing|[A-Z][a-z]+ed|Having|Being)\b")
GROUP_SUBJECT = re.compile(
    r"\s*(?:(?:the|this) group|(?:the|this) organi[sz]ation|(?:the|this) movement|the network|"
    r"the faction|it|they)\b",
    re.I,
)
STRIKE = re.compile(
    r"\s+(?:\w+\s+){0,3}?in\s+an?\s+(?P<who>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)\s+(?:-led\s+)?"
    r"(?:air\s*strike|drone\s+strike|raid|operation|ambush|bombing|missile\s+strike)"
)
_INTRANSITIVE = re.compile(r"\s+(?:at|in|on|with|under|as|during|for|alongside)\b")
_PLACE_COMMA = re.compile(r"(?:\s+(?:province|district|governorate|region|state|county|city|town|village))?\s*,\s*")
_PLACE_CHAIN = re.compile(r"\s*(?:near|outside|,\s*(?:in|near)|in the (?:north|south|east|west)\w* of)\s+(?:the\s+)?$")
_PRONOUN_BEFORE = re.compile(
    r"\b(?:it|they|he|she|the group|the organi[sz]ation|the movement|the coalition|"
    r"the alliance)\s+(?:\w+\s+){0,2}$",
    re.I,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)


@dataclass(frozen=True)
class Trigger:
    """One row of the trigger table, compiled."""

    relation: str
    left: str
    right: str
    value: str
    pattern: LowerCasePattern
    active: bool


@cache
def triggers() -> tuple[Trigger, ...]:
    """The trigger table, compiled once."""
    merged: dict[tuple[str, str, str, str], list[str]] = {}
    for rel, left, right, value, pattern in table("triggers"):
        pattern = pattern.replace(" ", r"\s+")  # blanked reference marks leave runs of spaces
        key = (rel, left, right, value)
        if "(?P<" in pattern or key in merged and any("(?P<" in p for p in merged[key]):
            key = (rel, left, right, value + f"#{len(merged)}")  # a named group must stay in its own row
        # rows of one relation with the same arguments scan the text once, as one alternation
        merged.setdefault(key, []).append(pattern)
    out = []
    for (rel, left, right, value), patterns in merged.items():
        value = value.split("#")[0]
        active = value == "active"
        value = "" if active else value
        pattern = "|".join(f"(?:{p})" for p in patterns)
        out.append(Trigger(rel, left, right, value, LowerCasePattern(pattern), active))
    return tuple(out)


_MAIN_GROUP = re.compile(r",\s+(?:the group|the organi[sz]ation|the movement|the network|it|they)\s+(?!and\b)\w", re.I)
_TO_FORM = re.compile(r"\bto\s+(?:form|found|create|establish|launch|set\s+up)\b", re.I)
_GROUP_OBJECT = re.compile(
    r"\s*(?:(?:to\s+)?(?:set\s+up|establish|build|form|create)\s+)?"
    r"(?:the group|the organi[sz]ation|the movement)\b",
    re.I,
)
_SAID_THAT = re.compile(
    r"\b(?:reported|said|stated|claimed|announced|noted|alleged|added|confirmed|"
    r"revealed|wrote|told|suggests?|suggested|estimates?|estimated|shows?|showed|argues?|"
    r"argued|believes?|believed)\s+(?:\w+\s+){0,2}?that\b",
    re.I,
)
_INDEFINITE = re.compile(r"\b(?:others|some|many|several|most|few)\s+(?!of\b)(?:[a-z]+\s+){0,4}$")
# "fighting in Syria", "fought the communists in Silesia", "targeting civilians in the X Center": a place
_LOCATIVE = re.compile(
    r"\s*(?:(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s+)?(?:in|at|on|near|across|throughout|inside|into|from|"
    r"within|around)\s"
)
_SINGULAR_VERB = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:was|is|has)\b")
_PEOPLE = rf"(?:{people_nouns()})"
_PLURAL_PEOPLE = re.compile(rf"\b{_PEOPLE}\b")
# "a KF training camp established in 2002": common nouns between the name and the trigger, which the name qualifies
_QUALIFIED_NOUN = re.compile(
    r"\s+(?:(?!(?:was|were|is|are|had|has|have|been|being|first|later|then|also|and|or|"
    r"which|that|who|itself|\w+ly)\b)[a-z-]+\s+){1,2}(?:was\s+|were\s+|is\s+|are\s+|"
    r"had\s+been\s+|has\s+been\s+)?"
)
# "P appointed him as commander of X": the appointee is the commander, and "him" is not named here
_APPOINTED_PRONOUN = re.compile(
    r"\b(?:appointed|appoints|named|names|made|makes|designated|installed|nominated|"
    r"chose|selected|promoted)\s+(?:him|her|them)\s+(?:as\s+)?(?:the\s+|its\s+)?"
    r"(?:[a-z-]+\s+){0,2}$"
)
# "to the head of", "with the new emir of": a role's noun phrase; only a copula, an appointing verb or a comma
# before it ("P was then the head of X", "P was named the leader of X", "P, the emir of X") gives it a subject
_ROLE_NP = re.compile(r"\b(?:the|a|an)\s+(?:(?!of\b)[a-z-]+\s+){0,2}$")
_PREDICATE_BEFORE = re.compile(
    r"(?:[,(]\s*|\b(?:is|was|were|are|be|been|being|became|become|becomes|remained|"
    r"remains|as|named|appointed|elected|made|installed|designated|chosen|selected|"
    r"declared|proclaimed|at)\s+)(?:(?:also|then|still|later|formerly|now|once|already|"
    r"briefly)\s+)*$"
)
# "X's fighters", "X militants", "P and other masked men", "X and other groups who": a name that owns or heads
# the common noun after it
_NOUN_OWNER = re.compile(
    r"(?:'s)?\s+(?:(?!and\b|or\b)[\w-]+\s+)?|\s+and\s+(?:other|fellow|his|her|their)\s+"
    r"(?:[\w-]+\s+)?"
)
_PEOPLE_BEFORE = re.compile(rf"\b(?P<noun>{people_nouns()}|forces)\s+(?:[a-z]+ly\s+)?$")
_FUNDS_TO = re.compile(
    r"\b(?:fund\w*|money|financ\w*|resources|weapons|arms|support)\s+(?:\w+\s+){0,2}?"
    r"(?:to|in order to)\s+(?:help\s+)?$"
)
_AND_VERB = re.compile(r"\s+and\s+(?:to\s+)?(?:[a-z]+\s+){0,4}$")
_VERB_OBJECT = re.compile(r"\b(?:[a-z]{3,}ing|[a-z]{3,}ed|attack|fight|support|join|oppose|against)\s+(?:the\s+)?$")
_QUALIFIES = re.compile(
    r"\s+(?:links?|ties|connections?|contacts?|presence|bases?|camps?|cells?|training|"
    r"foothold|relations(?:hip)?s?)\b"
)
_OWN_GROUP = re.compile(r"\s+(?:his|her)\s+(?:own\s+|new\s+)*(?:group|faction|militia|organi[sz]ation)\b")
_OWN_START = re.compile(r"\b(?:its|their|the group's|the organi[sz]ation's)\s+$", re.I)
_COMMON_WHO = re.compile(
    rf"\b(?P<noun>{UNITS}|countries|states|governments|those|people|others|anyone|individuals|"
    rf"parties|clerics|men|women|youths?)\s+(?:who|which|that)\s+(?:[a-z]+\s+){{0,3}}$"
)
_GROUP_NOUN_BEFORE = re.compile(
    r"\b(?P<noun>group|organi[sz]ation|faction|militia|movement|coalition|alliance|"
    r"force|network|outfit|party)\s+(?:[a-z]+ly\s+)?$"
)
_COPULA_NP = re.compile(r"\b(?:is|was|are|were|remains|became)\s+(?:a|an|the|one of the)\s+(?:[\w'-]+\s+){0,4}$")
_UNIT_NOUN = re.compile(rf"(?P<noun>{UNITS})\b")
_UNIT_NOUN_BEFORE = re.compile(rf"\b(?P<noun>{UNITS})\s+(?:[a-z]+ly\s+)?$")
# "X's armed supporters", "X had around seventy members", "X claimed 118 members": the noun is X's
_OWNER_GAP = re.compile(
    r"(?:'s)?(?:\s*\([^()]{0,60}\))?\s+(?:(?:had|has|have|claimed|claims|reportedly had|counted|"
    r"numbered|kept|maintained|deployed|sent|were|was|are|is)\s+)?(?:[\w,.–-]+\s+){0,3}"
)
_OWN_PEOPLE = re.compile(
    r"\b(?:its|their|the group's|the organi[sz]ation's|the movement's)\s+(?:[a-z-]+\s+){0,2}$|"
    r"\b(?:[Tt]he group|[Tt]he organi[sz]ation|[Tt]he movement|[Ii]t|[Tt]hey)\b[^.;]{0,60}?"
    r"\b(?:had|has|have|claimed|claims|counted|numbered)\s+(?:[\w,.–-]+\s+){0,3}$"
)
# a passive relative clause right after a name: ", which was established", ", which had been founded"
_WHICH_PASSIVE = re.compile(r",\s*which\s+(?:(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?)?$")
_RELATIVE_BEFORE = re.compile(
    r"\b(?:who|which|that)\s+(?:[a-z]+ly\s+|later\s+|then\s+|also\s+|had\s+|has\s+|"
    r"have\s+|once\s+|still\s+)*(?:[a-z]+ed|split|left|led|fought|met|"
    r"won|lost|took|became|broke away from|swore allegiance to)\s+(?:from\s+|with\s+|to\s+)?"
    r"(?:the\s+)?$"
)
_COUNTED = re.compile(
    r"\b(?:(?!(?:1[89]|20)\d\d\b)\d[\d,]*\d|\d|two|three|four|five|six|seven|eight|nine|ten|"
    r"dozens of|hundreds of|thousands of|several|many|some)\s+(?:[a-z]+\s+)?$",
    re.I,
)
_NEGATED = re.compile(
    r"(?:\b(?:not|never|neither|nor)\s+(?:\w+ly\s+)?|\b(?:avoid|avoiding|avert|averting|prevent|"
    r"preventing|forestall)\s+(?:\w+\s+){0,2})$"
)
# ties a text can deny: said with "not" or "never" they are facts of certainty ``denied`` (a claim's denial is
# worth keeping: contradictions sets it against the claim); any other negated statement gives no fact
DENIABLE = frozenset({"supported_by", "funded_by", "allegiance_to", "joined", "member_of", "component_of"})
# "they declined to pledge allegiance": a refusal names no tie and, often, no subject either: no fact
_REFUSAL = re.compile(r"\b(?:refused|declined)\s+to\b")
_GROUP_ACTS = frozenset({"joined", "allegiance_to", "splinter_of", "merged_into", "allied_with"})
_CLAUSE_NEGATION = re.compile(
    r"[^,;()]*?\b(?:not(?!\s+only)|never|refused to|declined to|n't)\b(?![^,;()]*\bbut\b)"
    r"[^,;()]*$"
)
_PART_OF_GROUP = re.compile(
    r"\b(?:a|one|another|some)\s+(?:[a-z]+\s+)?(?:unit|faction|cell|brigade|battalion|"
    r"detachment|contingent|wing)\s+(?:in|of|within|from)\s+(?:the\s+)?$"
)
_PEOPLE_OF = re.compile(rf"\b{_PEOPLE}\s+(?:of|from)\s+(?:the\s+)?$")
_SHARE_OF = re.compile(
    r"\b(?:some|many|most|several|few|minority|majority|number|handful|part|portion|hundreds|"
    r"dozens|scores)\s+(?:group\s+)?of\s+(?:the\s+)?$"
)
_PEOPLE_AFTER = re.compile(rf"\s+{_PEOPLE}\b")
_SOME_OF_ITS = re.compile(
    rf"\b(?:some|many|most|several|few|minority|majority|number|handful|part)\s+of\s+"
    rf"(?:its|their|his)\s+(?:[a-z-]+\s+)?{_PEOPLE}\b[^,;]*$"
)
_TRAILING_PARTICIPLE = re.compile(r",\s+(?:[a-z]+ly\s+)?(?!including\b|according\b)[a-z]{3,}ing\b")
_HELPED = re.compile(r"\b(?:supported|backed|assisted|aided|helped|joined|reinforced|facilitated)\s+(?:the\s+)?$")
BY_AGENT = re.compile(
    r"(?:\s+(?:in|on|during|around|at|after|before)\s+(?:(?!\band\b|\bwas\b)[^;,.()]){1,30}?)?\s+by\b", re.I
)


def trigger_facts(doc: Doc, out: list[Fact]) -> None:
    taken: dict[str, list[tuple[int, int]]] = {}
    for trig in triggers():
        spans = taken.setdefault(trig.relation, [])
        for m in trig.pattern.finditer(doc):
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue
            sent = doc.sentence_at(m.start())
            if sent is None:
                continue
            negated = bool(_NEGATED.search(doc.text, max(0, m.start() - 30), m.start()))
            if negated and trig.relation not in DENIABLE:
                continue  # "not based in X (as its name suggests)": the text says it is not so
            if trig.relation in DENIABLE and not negated:
                clause = max(sent.start, *(doc.text.rfind(c, sent.start, m.start()) + 1 for c in ",;("))
                negated = bool(_CLAUSE_NEGATION.match(doc.text, clause, m.start())) and not _REFUSAL.search(
                    doc.text, clause, m.start()
                )
            left_role, right_role = trig.left, trig.right
            end = m.end()
            if trig.active and _INTRANSITIVE.match(doc.text, m.end()):
                continue  # "trained at the camp", "armed with rifles": no object, so no second party
            passive = trig.active and _PASSIVE.search(doc.text[max(sent.start, m.start() - 30) : m.start()])
            if passive:
                by = BY_AGENT.match(doc.text, m.end(), sent.end)
                if not by:
                    continue
                end = by.end()
                left_role, right_role = right_role, left_role
            ms = doc.in_span(sent.start, sent.end)
            value = _role_value(trig, m)
            made = _apply(
                doc,
                sent,
                ms,
                trig.relation,
                left_role,
                right_role,
                m.start(),
                end,
                value,
                tight=trig.active and not passive,
            )
            if made and trig.relation in ("founded", "founded_on") and _possessed(doc, ms, m.start()):
                continue  # "X's security apparatus was created in 1982": the apparatus was, not X
            if made:
                if negated:  # "the movement did not support X", "Y never joined X": a tie stated and denied
                    for f in made:
                        f.certainty = "denied"
                out.extend(made)
                spans.append((m.start(), m.end()))


_POSSESSED = re.compile(r"(?:'s|’s|')\s+(?:[\w-]+\s+){1,4}(?:(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?)?$")
_PASSIVE_AUX = re.compile(r"(?:was|were|had\s+been|has\s+been)\s")


def _possessed(doc: Doc, ms: list[Mention], trigger_start: int) -> bool:
    """True when the words before a founding are a group's possession ("X's security apparatus was
    created"): what was founded is the thing X has, not X."""
    before = [x for x in ms if x.end <= trigger_start and x.type == "ORG"]
    if not before:
        return False
    m = _POSSESSED.fullmatch(doc.text, before[-1].end, trigger_start)
    # a passive founding of the possessed thing: its auxiliary before the trigger or opening it
    return m is not None and (
        _PASSIVE_AUX.search(doc.text, before[-1].end, trigger_start) is not None
        or _PASSIVE_AUX.match(doc.text, trigger_start) is not None
    )


def _role_value(trig: Trigger, m: re.Match[str]) -> str | None:
    if trig.value == "$role":
        for name in ("role", "role2"):
            if m.groupdict().get(name):
                return role_word(m, name)
        return "leader"
    return trig.value or None


_DEPUTY_BEFORE = re.compile(r"\b(?P<d>deputy|vice)[\s-]+$", re.I)


def role_word(m: re.Match[str], group: str = "role") -> str:
    """The role a match names, lower-case, keeping a "deputy" or "vice" right before it: a deputy governor
    is not the governor."""
    role = m.group(group).lower()
    deputy = _DEPUTY_BEFORE.search(m.string, max(0, m.start(group) - 12), m.start(group)) if role != "deputy" else None
    return f"{deputy.group('d').lower()} {role}" if deputy else role


@dataclass
class _Match:
    """One trigger match: its sentence, the relation, which side names the subject, the trigger's span."""

    doc: Doc
    sent: Sentence
    ms: list[Mention]
    rel: str
    left_role: str
    right_role: str
    a: int
    b: int
    value: str | None
    tight: bool


@dataclass
class _Subject:
    """The names left of the trigger that a match speaks of; ``final``, when the match's facts are settled."""

    left: list[Mention]
    unnamed: bool = False
    final: list[Fact] | None = None


def _apply(
    doc: Doc,
    sent: Sentence,
    ms: list[Mention],
    rel: str,
    left_role: str,
    right_role: str,
    a: int,
    b: int,
    value: str | None,
    tight: bool = False,
) -> list[Fact]:
    """The facts one trigger match states: the names on its left, those on its right, then what they make."""
    match = _Match(doc, sent, ms, rel, left_role, right_role, a, b, value, tight)
    subject = _left_side(match)
    if subject.final is not None:
        return subject.final
    right = _right_side(match)
    if right is None:
        return []
    return _facts_of(match, subject.left, right)


def _left_side(match: _Match) -> _Subject:
    """Who the names before the trigger are, after the clause's syntax has had its say."""
    left = _named_left(match)
    settled = _unsaid(match, left)
    if settled is not None:
        return settled
    subject = _clause_subject(match, left)
    if subject.final is not None:
        return subject
    return _Subject(_fallback_left(match, subject.left, subject.unnamed), subject.unnamed)


def _named_left(match: _Match) -> list[Mention]:
    """The names left of the trigger, read through pronouns, reported speech, infinitives and participles."""
    doc, sent, ms, rel, left_role, a, b = (
        match.doc,
        match.sent,
        match.ms,
        match.rel,
        match.left_role,
        match.a,
        match.b,
    )
    stypes, otypes = ARG_TYPES[rel]
    left_types = stypes if left_role == "s" else otypes if left_role == "o" else None
    left = left_group(doc, ms, a, left_types or None)
    if rel in GROUP_RELATIONS and left_role == "s" and left_types:
        wide = left_group(doc, ms, a, left_types | {"PERSON"})
        if wide and wide[-1].type == "PERSON" and (not left or wide[-1].start > left[-1].start):
            # "Mullah Tamer maintained close ties with X": the group the text names after him
            groups = [named_group(doc, m.entity) for m in wide if m.type == "PERSON"]
            if groups and all(g is not None for g in groups):
                left = [
                    Mention(m.start, m.end, m.text, "ORG", g)
                    for m, g in zip([m for m in wide if m.type == "PERSON"], groups, strict=True)
                    if g is not None
                ]
    if (
        left
        and rel == "based_in"
        and not doc.text[left[-1].end : a].strip()
        and _HELPED.search(doc.text, max(sent.start, left[0].start - 30), left[0].start)
    ):
        # "A and B supported Taliban operations in P": the helpers are there, as well as the helped
        helpers = left_group(doc, ms, left[0].start - 1, left_types or None)
        left = helpers or left
    pron = _PRONOUN_BEFORE.search(doc.text[max(left[-1].end if left else sent.start, a - 30) : a])
    if pron:
        # "X was formed when it broke away from Y": the pronoun stands for the sentence's subject
        first = [
            m
            for m in ms
            if m.end <= a
            and (left_types is None or m.type in left_types)
            and not PREP_BEFORE.search(doc.text[max(sent.start, m.start - 12) : m.start])
        ][:1]
        word = pron.group().split()[0].lower()
        if word in ("he", "she"):  # "Although P had sworn allegiance to Q, … he formally established X"
            people = [m for m in ms if m.end <= a and m.type == "PERSON"]
            first = [
                m
                for m in people
                if (left_types is None or "PERSON" in left_types)
                and not PREP_BEFORE.search(doc.text[max(sent.start, m.start - 12) : m.start])
            ][:1]
            if len({m.entity for m in people} - {first[0].entity if first else -1}) > 1 or (
                first and re.search(r"[:;]", doc.text[first[0].end : a])
            ):
                first = []  # another person in between, or a new clause: "he" is not certain
        left = first if first and word in ("it", "they", "he", "she") else []
        if pron.group().lower().startswith("the "):
            left = []  # "the group" is the paragraph's topic, not the nearest name
    if (
        left
        and left_role == "s"
        and re.search(r"\bto\s+(?:\w+\s+){0,2}$", doc.text[max(left[-1].end, a - 20) : a])
        and re.search(
            r"\b(?:(?:had|has|have)?\s*\w+ed|leave|left|quit|abandon|exit|desert)\s+(?:the\s+)?$",
            doc.text[max(sent.start, left[-1].start - 25) : left[-1].start],
        )
    ):
        # "A had abandoned B to form an alliance with …": the infinitive's subject is the clause's
        clause_subject = next(
            (
                m
                for m in ms
                if m.end <= left[-1].start
                and (left_types is None or m.type in left_types)
                and not PREP_BEFORE.search(doc.text[max(sent.start, m.start - 12) : m.start])
            ),
            None,
        )
        if clause_subject is not None:
            left = [clause_subject]
    if left and left_role == "s":
        said = _SAID_THAT.search(doc.text, left[-1].end, a)
        if said:  # "the Iron Council reported that leaders of X had pledged …": the source is not the subject
            inner = [
                m for m in ms if said.end() <= m.start and m.end <= a and (left_types is None or m.type in left_types)
            ]
            left = left_group(doc, inner, a, left_types) if inner else []
    if left and left_role == "s" and _TRAILING_PARTICIPLE.search(doc.text, left[-1].end, b):
        # "X would join Y on 6 March, growing thanks to funding from Z": the participle's subject is the
        # main clause's, not the object before it
        opening = opening_end(doc, sent)
        main = next((m for m in ms if m.start > opening and (left_types is None or m.type in left_types)), None)
        if (
            main is not None
            and main.start < left[0].start
            and not PREP_BEFORE.search(doc.text[max(sent.start, main.start - 12) : main.start])
        ):
            left = [main]
    return left


def _unsaid(match: _Match, left: list[Mention]) -> _Subject | None:
    """Settled when the clause states no fact about a named subject (unnamed people, negation, a noun
    phrase, a part of a group); None when it may."""
    doc, sent, ms, rel, left_role, a, b, value = (
        match.doc,
        match.sent,
        match.ms,
        match.rel,
        match.left_role,
        match.a,
        match.b,
        match.value,
    )
    stypes, otypes = ARG_TYPES[rel]
    who = _COMMON_WHO.search(doc.text, max(sent.start, a - 60), a) if left_role == "s" else None
    if who and not any(
        _NOUN_OWNER.fullmatch(doc.text, m.end, who.start("noun")) for m in ms if m.end <= who.start("noun")
    ):
        return _Subject([], final=[])  # "… to groups who have relations with X": whoever they are, they are not named
    if (
        rel == "leader_of"
        and left_role == "s"
        and re.search(r"\s(?:of|for)$", doc.text[a:b])
        and (det := _ROLE_NP.search(doc.text, max(sent.start, a - 40), a))
        and not _PREDICATE_BEFORE.search(doc.text, max(sent.start, det.start() - 40), det.start())
    ):
        # "passed it to the head of X, P": a noun phrase, not a predicate; only "P was the head of X" or
        # "P, the head of X" (read by the surface patterns) make P the head
        return _Subject([], final=[])
    if rel == "leader_of" and left_role == "s" and _APPOINTED_PRONOUN.search(doc.text, max(sent.start, a - 50), a):
        return _Subject([], final=[])  # "P appointed him as commander of X": not P, and "him" is not named here
    people = _PEOPLE_BEFORE.search(doc.text, max(sent.start, a - 30), a) if rel in _GROUP_ACTS else None
    if people and not any(
        _NOUN_OWNER.fullmatch(doc.text, m.end, people.start("noun")) for m in ms if m.end <= people.start("noun")
    ):
        return _Subject([], final=[])  # "… and forces loyal to P": people the sentence does not name
    if (
        rel == "member_of"
        and _PLURAL_PEOPLE.search(doc.text, a, b)
        and (
            re.search(
                r"\b(?:from|among|with|to|against|by|for)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                doc.text[max(sent.start, a - 30) : a],
            )
            or len(left) < 2
        )
    ):
        # "recruited from members of X", "143 fighters for X": people the sentence does not name
        return _Subject([], final=[])
    if rel == "founded" and re.search(r"\b(?:the|a|an|its|their)\s+$", doc.text[max(sent.start, a - 8) : a]):
        return _Subject([], final=[])  # "due to the established of X": a noun, however misspelt, not the verb
    if rel == "founded_on" and _OWN_START.search(doc.text, max(sent.start, a - 20), a):
        # "At its establishment on 19 September 2016, the coalition …": the group the sentence speaks of
        topic = this_group(doc, sent, a)
        if topic is not None:
            made = make_fact(doc, sent, topic, rel, None, (a, b), value)
            return _Subject([], final=[made] if made else [])
    if rel == "founded_on" and left and left_role == "s" and _QUALIFIED_NOUN.fullmatch(doc.text, left[-1].end, a):
        return _Subject([], final=[])  # "a KF training camp established in 2002": the camp was, not the KF
    which = _WHICH_PASSIVE.search(doc.text, max(sent.start, a - 40), a) if left_role == "s" else None
    if which:
        head = [m for m in ms if m.end <= which.start() and not doc.text[m.end : which.start()].strip()]
        if head and head[-1].type not in stypes:
            # "X has a weekly, Y, which was established in 1984": the clause is Y's, whatever Y is, never X's
            return _Subject([], final=[])
    if rel == "founded" and _FUNDS_TO.search(doc.text, max(sent.start, a - 50), a):
        # "X supplied most of the funding to set up the organization": a funder, not a founder
        return _Subject([], final=[])
    clause = max(left[-1].end if left else sent.start, *(doc.text.rfind(c, sent.start, a) + 1 for c in ",;("))
    if (
        left_role == "s"
        and _CLAUSE_NEGATION.match(doc.text, clause, a)
        and (rel not in DENIABLE or _REFUSAL.search(doc.text, clause, a))
    ):
        return _Subject([], final=[])  # "X declared that it would not take part in an offensive against Y"
    if (
        left
        and left_role == "s"
        and _PART_OF_GROUP.search(doc.text, max(sent.start, left[0].start - 30), left[0].start)
    ):
        return _Subject([], final=[])  # "a unit in the X defected to Y": a part of X, unnamed, not X
    return None


def _clause_subject(match: _Match, left: list[Mention]) -> _Subject:
    """The subject the clause gives the trigger: the head of a relative clause, the main clause's
    subject, the name that owns a noun, or nobody named."""
    doc, sent, ms, rel, left_role, a, b = (
        match.doc,
        match.sent,
        match.ms,
        match.rel,
        match.left_role,
        match.a,
        match.b,
    )
    stypes, otypes = ARG_TYPES[rel]
    left_types = stypes if left_role == "s" else otypes if left_role == "o" else None
    if rel == "based_in" and left_role == "s":
        # "Al-Qaida affiliates in A and B", "other groups operating in A": the place is the people's or the
        # groups' the noun names, so the subject is the name that qualifies that noun, or nobody named
        head = _UNIT_NOUN.match(doc.text, a, b) or _UNIT_NOUN_BEFORE.search(doc.text, max(sent.start, a - 40), a)
        noun = head or _GROUP_NOUN_BEFORE.search(doc.text, max(sent.start, a - 40), a)
        copula = (
            _COPULA_NP.search(doc.text, max(sent.start, noun.start("noun") - 80), noun.start("noun")) if noun else None
        )
        if copula:
            # "X is a prominent KF rebel group operating in P": X, whatever names qualify the group noun
            left = left_group(doc, ms, copula.start(), left_types or None)[-1:]
        elif head:
            owner = [
                m
                for m in ms
                if m.end <= head.start("noun")
                and (left_types is None or m.type in left_types)
                and _OWNER_GAP.fullmatch(doc.text, m.end, head.start("noun"))
            ]
            if owner:
                left = owner[-1:]
            elif _OWN_PEOPLE.search(doc.text, max(sent.start, head.start("noun") - 100), head.start("noun")):
                left = []  # "its fighters in X": the group the sentence speaks of
            else:
                return _Subject([], final=[])
    unnamed = False
    rc = _RELATIVE_BEFORE.search(doc.text, max(sent.start, left[0].start - 40), left[0].start) if left else None
    if rc and left_role == "s" and not re.search(r";|\b(?:which|who|that)\b", doc.text[left[-1].end : a]):
        # "Many of the fighters who later joined the Taliban fought alongside X": the name is the object of
        # a relative clause; its head, when it is a name, is the subject ("the KF, which joined Y, fought …")
        heads = [
            m
            for m in ms
            if m.end <= rc.start()
            and (left_types is None or m.type in left_types)
            and re.fullmatch(r"\s*,?\s*", doc.text[m.end : rc.start()])
        ]
        left = heads[-1:]
        unnamed = not left
    if (
        left
        and left_role == "s"
        and _AND_VERB.match(doc.text, left[-1].end, a)
        and _VERB_OBJECT.search(doc.text, max(sent.start, left[0].start - 20), left[0].start)
    ):
        # "the coalition aims at fighting the X government and to coordinate with Y": X is the first verb's
        # object; the coordinated verb's subject is the clause's
        first = next(
            (
                m
                for m in ms
                if m.end <= left[0].start
                and (left_types is None or m.type in left_types)
                and not PREP_BEFORE.search(doc.text[max(sent.start, m.start - 12) : m.start])
            ),
            None,
        )
        left = (
            [first]
            if first is not None and not _VERB_OBJECT.search(doc.text, max(sent.start, first.start - 20), first.start)
            else []
        )
    if (
        len(left) > 1
        and rel == "leader_of"
        and left_role == "o"
        and not re.search(r"\b(?:were|are|both|all|respectively)\b", doc.text[left[0].start : b])
    ):
        left = left[-1:]  # "the KF and the Iron Party led by P": the participle qualifies the nearest name
    if len(left) > 1 and _SINGULAR_VERB.match(doc.text, left[-1].end, b):
        left = left[-1:]  # "… backed by A, and the Republic of B was established": one subject, the last
    if left_role == "s":
        indef = _INDEFINITE.search(doc.text, max(left[-1].end if left else sent.start, a - 45), a)
        if indef and not (
            left and re.fullmatch(r"(?:'s)?\s*(?:[\w-]+\s+){0,2}", doc.text[left[-1].end : indef.start()])
        ):
            left, unnamed = [], True  # "… or if others opted to remain loyal to X": someone unnamed
        elif (
            left
            and rel in _GROUP_ACTS
            and (
                _PEOPLE_OF.search(doc.text, max(sent.start, left[0].start - 40), left[0].start)
                or (
                    _SHARE_OF.search(doc.text, max(sent.start, left[0].start - 40), left[0].start)
                    and _PEOPLE_AFTER.match(doc.text, left[-1].end)
                )
            )
        ):
            # "leaders of the KF had defected and pledged allegiance to …", "a minority of KF fighters
            # opted to …": some of its people, not the group
            left, unnamed = [], True
        elif (
            rel in _GROUP_ACTS
            and (some := _SOME_OF_ITS.search(doc.text, max(sent.start, a - 60), a))
            and (not left or some.start() >= left[-1].end)
        ):
            left, unnamed = [], True  # "… while most of its members defected to …"
    opening = opening_end(doc, sent)
    if (
        left
        and left_role == "s"
        and a < opening
        and OPENING.match(doc.text, sent.start)
        and PREP_BEFORE.search(doc.text[max(sent.start, left[-1].start - 12) : left[-1].start])
    ):
        left = []  # "Formed as a network within the Salt Brigade, centred around X, the group …": not the Salt Brigade
    if left and 0 <= opening < a and left[-1].end <= opening:
        # the names of an opening clause are not the subject of the main one: "Led by A and a KF
        # commander B, the group comprised …" speaks of the paragraph's group, not of the KF
        left = []
        if GROUP_SUBJECT.match(doc.text, opening + 1) and left_role == "s":
            topic = this_group(doc, sent, opening + 1)
            left = [topic] if topic is not None else []
    if left and left_role == "s" and _VP_AND.search(doc.text[left[-1].end : a]):
        # "X is supported by Iran and is allied with Y": X carries over the coordinated verb phrase
        first = next((m for m in ms if left_types is None or m.type in left_types), None)
        if first is not None and first.start < left[0].start:
            left = [first]
    if (
        rel == "founded"
        and left_role == "s"
        and left
        and left[-1].type == "PERSON"
        and _OWN_GROUP.match(doc.text, b, sent.end)
        and (own := named_group(doc, left[-1].entity)) is not None
    ):
        # "P would leave the KF to establish his own group": the group named after P
        made = make_fact(doc, sent, left[-1], rel, Mention(b, b, "", "ORG", own), (a, b))
        return _Subject([], final=[made] if made else [])
    return _Subject(left, unnamed)


def _fallback_left(match: _Match, left: list[Mention], unnamed: bool) -> list[Mention]:
    """No name left of the trigger: the subject after an opening clause, or the paragraph's topic."""
    doc, sent, ms, rel, left_role, a, b = (
        match.doc,
        match.sent,
        match.ms,
        match.rel,
        match.left_role,
        match.a,
        match.b,
    )
    stypes, otypes = ARG_TYPES[rel]
    left_types = stypes if left_role == "s" else otypes if left_role == "o" else None
    opening = opening_end(doc, sent)
    if (
        not left
        and left_role == "s"
        and ((opening != -1 and a < opening) or (opening == -1 and _PARTICIPLE_START.match(doc.text, sent.start)))
    ):
        # "Managing to keep receiving support from Y, the X …": the subject follows the opening clause
        comma = opening if opening >= b else doc.text.find(",", b, sent.end)
        after = [m for m in ms if comma != -1 and m.start > comma and m.type in stypes]
        if after and re.fullmatch(
            r"\s*(?:(?:in|on|by|during|around|from|since)\s+[^,;]{1,30},\s*)?(?:the\s+)?",
            doc.text[comma + 1 : after[0].start],
        ):
            left = [after[0]]  # "…, in mid-2014, the KF became"
        elif comma != -1 and GROUP_SUBJECT.match(doc.text, comma + 1):
            topic = this_group(doc, sent, comma + 1)
            left = [topic] if topic is not None and topic.type in stypes else []
    if not left and left_role in ("s", "o") and not unnamed:
        fb = fallback_subject(doc, sent, a) or topic_fallback(doc, sent, a)
        if fb is not None and (left_types is None or fb.type in left_types):
            left = [fb]
    return left


def _right_side(match: _Match) -> list[Mention] | None:
    """The names after the trigger that a match speaks of; None when the match states nothing."""
    doc, sent, ms, rel, right_role, a, b, tight = (
        match.doc,
        match.sent,
        match.ms,
        match.rel,
        match.right_role,
        match.a,
        match.b,
        match.tight,
    )
    right_gap = 8 if tight else 80 if rel in ("based_in", "founded_on") else 45  # "X founded Y", not "X founded a …"
    if rel == "leader_of" and doc.text[a:b].lower() == "under":
        right_gap = 3  # "under Abu X", not "under complete control of X"
    right = right_group(doc, ms, b, right_gap) if right_role != "-" else []
    if rel == "founded":  # "establish an al-Qaeda link": the name qualifies what was set up
        right = [m for m in right if not _QUALIFIES.match(doc.text, m.end)]
    if rel == "splinter_of" and right and _TO_FORM.search(doc.text, b, right[0].start):
        return None  # "broke away from the organisation to form X": the pattern below reads it whole
    if not right and right_role in ("s", "o"):
        gm = _GROUP_OBJECT.match(doc.text, b, sent.end)
        topic = topic_mention(doc, sent) if gm else None
        if topic is not None:  # "supplied most of the funding to set up the organization"
            right = [topic]
    if rel in SYMMETRIC and right and _LOCATIVE.match(doc.text, b, right[0].start):
        right = []  # "groups fighting in Syria": a place, not an opponent
    if rel == "based_in" and right and right[-1].type == "PLACE":
        # "centred around X near Y", "to Tarvistan, in the Hill Areas": the wider place holds too
        nxt = next((m for m in ms if m.start >= right[-1].end), None)
        if (
            nxt is not None
            and nxt.type == "PLACE"
            and nxt not in right
            and (
                _PLACE_CHAIN.match(doc.text[right[-1].end : nxt.start])
                or (
                    _PLACE_COMMA.fullmatch(doc.text, right[-1].end, nxt.start)
                    and doc.ext.entities[nxt.entity].name.lower() in countries()
                )
            )
        ):
            right = right + [nxt]  # "in Khost province, Afghanistan": the country holds too
    if rel in ("allegiance_to", "joined", "supported_by", "funded_by"):
        right = [head_person(doc, ms, m) for m in right]
    return right


def _facts_of(match: _Match, left: list[Mention], right: list[Mention]) -> list[Fact]:
    """The facts a match makes of the names on its two sides."""
    doc, sent, ms, rel, left_role, a, b, value = (
        match.doc,
        match.sent,
        match.ms,
        match.rel,
        match.left_role,
        match.a,
        match.b,
        match.value,
    )
    stypes, otypes = ARG_TYPES[rel]
    if rel in SYMMETRIC and (
        re.match(r"\s*(?:between|among)\b", doc.text[b : b + 10]) or re.search(r"\b(?:between|among)$", doc.text[a:b])
    ):
        pair = [m for m in right if m.type in stypes]
        return [f for x in pair[1:] if (f := make_fact(doc, sent, pair[0], rel, x, (a, b)))]
    subj_side, obj_side = (left, right) if left_role == "s" else (right, left)
    subjects = [m for m in subj_side if m.type in stypes]
    if rel in SYMMETRIC and not obj_side:
        # "A and B clashed": the coordinated subjects pair up, when they are the verb's own subject
        group = [m for m in left if m.type in stypes]
        if group and (
            a - group[-1].end > 30
            or re.search(r"\b(?:which|who|that|unlike|than|to|into)\b", doc.text[group[-1].end : a])
        ):
            return []
        return [f for x in group[1:] if (f := make_fact(doc, sent, group[0], rel, x, (a, b)))]
    if not otypes:
        if not subjects and rel == "founded_on" and a - sent.start < 3:
            # "Founded in 1998 by …, the X Network…": the subject follows the participle; "Established on
            # 13 July 2015 through the merger of A and B, the group …": the group is the paragraph's
            main = _MAIN_GROUP.search(doc.text, b, sent.end)
            topic = topic_mention(doc, sent) if main else None
            subjects = [topic] if topic is not None else [m for m in ms if m.start > b and m.type == "ORG"][:1]
        return [f for s in subjects if (f := make_fact(doc, sent, s, rel, None, (a, b), value))]
    objects = [m for m in obj_side if m.type in otypes]
    if value == "@country":
        # "responsible for explosions in Bishkek, Kyrgyzstan": an attack's town says where it struck; the
        # country says where the group operates
        value = None
        objects = [m for m in objects if country_level(doc.ext.entities[m.entity].name)]
    if rel == "killed":  # "killed 7 Miskito Indians": people counted are not a person
        subjects = [m for m in subjects if not _COUNTED.search(doc.text, max(sent.start, m.start - 25), m.start)]
    if rel == "killed" and not objects:
        by = BY_AGENT.match(doc.text, b, sent.end)
        if by:
            objects = [m for m in right_group(doc, ms, by.end(), 20) if m.type in otypes][:1]
        strike = STRIKE.match(doc.text, b, sent.end)
        if not objects and strike:  # "killed in a U.S. drone strike"
            objects = [m for m in ms if m.start >= strike.start("who") and m.end <= strike.end("who") + 1][:1]
        if not objects:
            return [f for s in subjects if (f := make_fact(doc, sent, s, rel, None, (a, b)))]
    if rel == "killed":
        made = [f for s in subjects for o in objects[:1] if (f := make_fact(doc, sent, s, rel, o, (a, b)))]
        # "killed by an IED in southern Kenya": the death stands though the place is no killer
        return made or [f for s in subjects if (f := make_fact(doc, sent, s, rel, None, (a, b)))]
    if (
        rel == "leader_of"
        and value == "commander"
        and re.search(r"\b(?:a|an)\s+(?:[a-z-]+\s+)?$", doc.text[max(sent.start, a - 20) : a])
    ):
        rel, value = "member_of", None  # "a field commander of X": one of its commanders, not its head
    made = [f for s in subjects for o in objects if (f := make_fact(doc, sent, s, rel, o, (a, b), value))]
    if rel == "founded" and not made and left_role == "s":
        # "In 1930, Ho Chi Minh founded the X Party": whoever the founder is, the party was founded then
        made = [
            f for o in objects if (f := make_fact(doc, sent, o, "founded_on", None, (a, b), component="rule:patterns"))
        ]
    return made
