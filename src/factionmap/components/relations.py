"""Stage 5, relations: facts from lexical triggers and surface patterns, each with its sentence.

Triggers (``lexicon/triggers.tsv``) say which argument stands on which side; arguments are the
nearest mentions of fitting type, widened over coordinated lists ("A, B and C"), with the
paragraph's topic as subject when a sentence opens with "It", "The group" or "He". Surface
patterns add possessive leaders ("TTP leader X"), possessive components ("the A's B"), place
lists ("In Iran, groups included A and B"), membership figures and founding dates.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from factionmap.lexicon import COMPASS, countries, demonym_countries, table
from factionmap.model import SYMMETRIC, Entity, Extraction, Fact, Mention, Sentence, TimeExpr

REQUIRES = ("sentences", "entities", "times")
ASSIGNS = ("facts",)

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
    "designated": (frozenset({"ORG"}), frozenset({"ORG", "PLACE"})),
}
_COORD = re.compile(r"^\s*(?:,\s*(?:and|or|primarily|mainly|mostly|especially|particularly|notably|chiefly|largely|"
                    r"including)?|and|or|&|as well as|'s)\s*(?:the\s+|elements of\s+|parts of\s+)?$", re.I)
_VP_AND = re.compile(r"\b(?:and|but)\s+(?:also\s+|later\s+|then\s+)?(?:is|was|are|were|has|had|have)\b(?:\s+\w+)?\s*$",
                     re.I)
_LED_BY_INITIAL = re.compile(r"^\s*(?:Led|Headed|Commanded)\s+by\s+(?:[\w-]+\s+){0,3}$")
_FOUNDED_BY_INITIAL = re.compile(r"^\s*(?:Founded|Established|Formed|Created|Set up)\b[^,;]{0,40}?\bby\s+$")
_ACTOR_RELATIONS = frozenset({"allied_with", "rival_of", "ceasefire_with", "supported_by", "funded_by", "designated"})
_GROUPS_INCLUDING = re.compile(r"\s*(?:(?:a number of|several|many|various|other|some|multiple)\s+)?(?:[\w-]+\s+){0,4}?"
                               r"(?:groups|organi[sz]ations|factions|movements|militias|provinces|districts|regions|"
                               r"areas|countries|cities|states)\s*,?\s*(?:including|such as|"
                               r"like|among them)\s+", re.I)
_PERSON_AND = re.compile(r"\s*,?\s*and\s+(?:[\w-]+\s+){0,3}")  # "and former Soviet paratrooper Y"
_PARTICIPLE_START = re.compile(r"\s*(?:[A-Z][a-z]+ing|[A-Z][a-z]+ed|Having|Being)\b")
# "Led by A and B, the group …", "Primarily based in X, it …": a sentence that opens with a clause
_OPENING = re.compile(r"\s*(?:[A-Z][a-z]+ly\s+[a-z]+(?:ed|ing)\b|(?:[A-Z][a-z]*ed|[A-Z][a-z]+ing|Having|Being)\b"
                      r"|(?:Although|Though|While|Whilst|Before|After|Since|When|Upon|On|Despite)\s+(?:[a-z]+ly\s+)?"
                      r"(?:[a-z]+ing|having|being)\b"
                      r"|(?:Although|Though|Whilst|Whereas|Because|Once|Until)\s+(?:he|she|it|they)\s"
                      r"|(?:With|Despite|Following|After|Under|According to)\s)")
_GROUP_SUBJECT = re.compile(r"\s*(?:(?:the|this) group|(?:the|this) organi[sz]ation|(?:the|this) movement|the network|"
                            r"the faction|it|they)\b",
                            re.I)
_BACKED = re.compile(r"(?P<who>[A-Z][\w'-]*)-(?:backed|sponsored|supported|funded|financed|trained|armed)\b")
_SHARE_FROM = re.compile(r"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(?:of\s+(?:its\s+|their\s+)?"
                         r"(?:funding|funds|income|budget|revenue|financing)\s+)?(?:comes?\s+|came\s+)?from\s+"
                         r"(?:the\s+)?", re.I)
_SOURCES = re.compile(r"'s\s+(?:main\s+|principal\s+|chief\s+)?(?:funding|financial)\s+(?:sources|backers|donors)"
                      r"\s*,?\s*(?:which\s+)?(?:included|include|includes|including|were|are)\s+(?:the\s+)?", re.I)
_STRIKE = re.compile(r"\s+(?:\w+\s+){0,3}?in\s+an?\s+(?P<who>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)\s+(?:-led\s+)?"
                     r"(?:air\s*strike|drone\s+strike|raid|operation|ambush|bombing|missile\s+strike)")
_AS_ROLE = re.compile(r"\s+as\s+(?:its\s+|the\s+|their\s+)?(?:(?:new|first|acting|interim|deputy|chief)\s+)?"
                      r"(?P<role>leader|emir|amir|wali|governor|commander|head|chief|spokesman|spokesperson|deputy)\b",
                      re.I)
_KILLING_OF = re.compile(r"\b(?:killing|assassination|execution|murder)\s+of\s+", re.I)
_PAREN = re.compile(r"\s*\([^()]{0,140}\)")
_PLACE_CHAIN = re.compile(r"\s*(?:near|outside|,\s*(?:in|near)|in the (?:north|south|east|west)\w* of)\s+(?:the\s+)?$")
_PRONOUN_BEFORE = re.compile(r"\b(?:it|they|he|she|the group|the organi[sz]ation|the movement)\s+(?:\w+\s+){0,2}$",
                             re.I)
_PREP_BEFORE = re.compile(r"\b(?:of|from|by|with|against|for|on|at|into|under|between|toward|towards|to|in|"
                          r"across|within|inside|throughout|near|"
                          r"among|than)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)
_PRONOUN = re.compile(r"^\s*(?:(?:[A-Z][a-z]+ly|However|Later|Subsequently|Then|In \w+ \d{4}|In \d{4}),?\s+)?"
                      r"(?P<p>It|Its|They|Their|The (?:group|organi[sz]ation|movement|network|faction|militants|"
                      r"outfit|party|front)|He|His|She|Her)\b")
_ROLE_BETWEEN = re.compile(
    r"^(?:'s|\s+and\s+(?:its|their))?\s+(?:(?:former|then|new|current|first|second|deputy|top|senior|overall|supreme|military|"
    r"founding|late|self-proclaimed|acting|chief|principal|official)\s+)*(?P<role>leader|emir|amir|chief|commander|founder|co-founder|"
    r"spokesman|spokesperson|head|deputy|wali|governor|ideologue|chairman)(?:\s+and\s+(?:founder|co-founder|"
    r"leader|emir))?\s*,?\s*(?:named\s+|called\s+)?$", re.I)
# "The leader of X, P": the role before the group, the person in apposition after it
_ROLE_OF_BEFORE = re.compile(
    r"\b(?:the|its|their)\s+(?:(?:former|then|new|current|first|deputy|top|senior|overall|supreme|military|"
    r"founding|late|acting|chief)\s+)*(?P<role>leader|emir|amir|chief|commander|founder|co-founder|spokesman|"
    r"spokesperson|head|wali|governor|ideologue|chairman)\s+of\s+(?:the\s+)?$", re.I)
_APPOS_ROLE = re.compile(
    r"^\s*,\s*(?:the|a|an|its)\s+(?:(?:former|then|new|current|first|deputy|top|senior|prominent|overall|"
    r"supreme|military|founding|late|[A-Z][a-z]+(?:ian|ese|ish|i|an))\s+)*(?P<role>leader|emir|amir|chief|commander|"
    r"founder|co-founder|spokesman|spokesperson|head|deputy|wali|governor|ideologue|secretary|minister|director|"
    r"chairman|president|member|fighter|militant|operative)"
    r"\s+(?:of|in|for|with)\s+(?:the\s+)?$", re.I)
_ORG_IN_PLACE = re.compile(r"(?:['\"]?\)|\s+(?:leadership|command|fighters|militants|forces)"
                           r"|'s\s+(?:\w+\s+){0,2}?(?:branch|branches|faction|wing|cell|presence|forces|"
                           r"fighters|members|operations|headquarters|base|bases|emirs?|chapter|affiliate))?"
                           r"\s+(?:in|of)\s+(?:the\s+)?(?:[\w]+-(?:majority|dominated|populated|held|controlled)\s+)?",
                           re.I)
_BECAME = re.compile(r"\s*,?\s*(?:who\s+)?(?:would\s+|later\s+|then\s+)?(?:become|became|was|were|is|are|"
                     r"served\s+as|remains?|remained)\s+(?:the\s+|its\s+)?", re.I)
_PERSON_ORG_ROLE = re.compile(r"\s*,\s*(?:the|a|an|its)\s+(?:(?:former|then|new|current|first|prominent|senior|top|"
                              r"deputy|overall|supreme|military|founding|late|local)\s+)*(?:the\s+)?", re.I)
_ROLE_AFTER = re.compile(r"(?:'s)?\s+(?:(?:former|then|new|current|first|deputy|top|senior|overall|supreme|"
                         r"military|chief|provincial|special|regional)\s+)*(?P<role>leader|emir|amir|chief|commander|founder|"
                         r"co-founder|spokesman|spokesperson|head|deputy|wali|governor|representative|ideologue)s?\b",
                         re.I)
_LEAD_ROLES = {"commander", "emir", "amir", "wali", "general", "president", "governor", "chief", "leader",
               "founder", "spokesman", "spokesperson", "deputy", "king", "prince", "sultan", "chairman", "director",
               "prime minister", "minister"}
_DECEASED = re.compile(r"\s*\((?:deceased|died|killed|dead|d\.|†)[^)]{0,30}\)", re.I)
_DEMONYM_GROUP = re.compile(r"(?:\s*\([^()]{0,80}\))?\s+(?:is|was|are|were)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?"
                            r"(?P<adj>[A-Z][a-z]+)\s+(?:[\w-]+\s+){0,4}?(?:group|organi[sz]ation|movement|"
                            r"network|faction|militia|party|front|outfit|insurgency)\b")
_ATTACKS_BY = re.compile(r"\b(?:attacks?|strikes?|raids?|offensives?|operations?|campaigns?|war|bombings?|"
                         r"assaults?|killings?|fighting)\s+(?:carried out\s+|launched\s+|waged\s+)?(?:by|from)\s+"
                         r"(?:the\s+)?$", re.I)
_AGAINST = re.compile(r"\s+(?:against|on|targeting)\s+(?:the\s+)?", re.I)
_LIST_CUE = re.compile(r"\b(?:groups|organi[sz]ations|factions|outfits|militias|movements)\s+(?:\w+\s+)?"
                       r"(?:included|including|such as|like|namely|formed|emerged|operated|existed|were active)\b",
                       re.I)
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:thousand|million))?"
_MEMBERS = re.compile(
    rf"(?:(?P<pre>strength|membership|numbers?|ranks|size|(?:grew|expanded|swelled|increased|built up)\s+"
    rf"(?:his|her|its|their|the)\s+(?:organi[sz]ation|group|force|ranks|movement|network))\s+(?:\w+\s+){{0,2}}?"
    rf"(?:of|at|to|stood at|was|were|reached|grew to|swelled to)\s+)?"
    rf"(?:(?:about|around|approximately|nearly|almost|some|over|more than|up to|"
    rf"roughly|an estimated|at least|as many as|fewer than|less than|between|only|estimated)\s+)*"
    rf"(?P<num>{_NUM})(?:\s*(?:-|to|and)\s*(?P<hi>{_NUM}))?(?:\s+(?P<noun>(?:\w+\s+){{0,2}}?(?:members|fighters|"
    rf"militants|cadres|men|operatives|recruits|soldiers|combatants|followers|volunteers|jihadists|"
    rf"insurgents|personnel)))?", re.I)
_DIGIT = re.compile(r"\d")
_CASUALTY_AFTER = re.compile(r"\s+(?:had\s+|have\s+|has\s+)?(?:been\s+|were\s+|was\s+)?(?:killed|wounded|injured|"
                             r"captured|arrested|executed|dead|died)\b", re.I)
# "Between 85 and 200 members of the X leadership and others, including P, were killed": the verb comes later
_CASUALTY_LATER = re.compile(r"[^.;]{0,150}?\b(?:were|was|had been|have been|are)\s+(?:\w+\s+)?(?:killed|"
                             r"wounded|injured|captured|arrested|executed|detained|massacred)\b")
_CASUALTY = re.compile(r"\b(?:kill\w*|wound\w*|injur\w*|dead|deaths?|lost|captured|arrested|executed|"
                       r"surrendered|casualties|died|salar\w+|\$)\W*(?:\w+\W+){0,3}$", re.I)


@dataclass(frozen=True)
class Trigger:
    """One row of the trigger table, compiled."""

    relation: str
    left: str
    right: str
    value: str
    pattern: re.Pattern[str]
    active: bool
    lower: re.Pattern[str]


@cache
def triggers() -> tuple[Trigger, ...]:
    """The trigger table, compiled once."""
    out = []
    for rel, left, right, value, pattern in table("triggers"):
        active = value == "active"
        value = "" if active else value
        pattern = pattern.replace(" ", r"\s+")  # blanked reference marks leave runs of spaces
        out.append(Trigger(rel, left, right, value, re.compile(pattern, re.I), active, re.compile(pattern)))
    return tuple(out)


_MAIN_GROUP = re.compile(r",\s+(?:the group|the organi[sz]ation|the movement|the network|it|they)\s+(?!and\b)\w",
                         re.I)
_MEMBERS_OF = re.compile(r"(?:'s\s+(?:\w+\s+){0,2}?|\s+)(?:fighters|members|militants|forces|cadres|units|commanders|"
                         r"leaders|leadership|men|troops)\b")
_TO_FORM = re.compile(r"\bto\s+(?:form|found|create|establish|launch|set\s+up)\b", re.I)
_GROUP_OBJECT = re.compile(r"\s*(?:(?:to\s+)?(?:set\s+up|establish|build|form|create)\s+)?"
                           r"(?:the group|the organi[sz]ation|the movement)\b", re.I)
_BROKE_TO_FORM = re.compile(r"\b(?:broke|split|splintered|seceded|defected)\s+(?:away\s+|off\s+)?from\s+"
                            r"(?P<from>[^.;]{1,80}?)\s+to\s+(?:form|found|create|establish|launch|set\s+up)\s+",
                            re.I)
_SAID_THAT = re.compile(r"\b(?:reported|said|stated|claimed|announced|noted|alleged|added|confirmed|"
                        r"revealed|wrote|told)\s+(?:\w+\s+){0,2}?that\b", re.I)
_INDEFINITE = re.compile(r"\b(?:others|some|many|several|most|few)\s+(?!of\b)(?:[a-z]+\s+){0,4}$")
_APPOINTED = re.compile(r"\b(?:appointed|named|designated|nominated|installed|made)\s+(?:the\s+)?", re.I)
_TO_BE_ROLE = re.compile(r"\b(?:to\s+be|as)\s+(?:the\s+|its\s+)?", re.I)
_SPLINTERS_SUCH_AS = re.compile(r"\bsplinter\s+(?:groups|factions|organi[sz]ations|movements)\s*"
                                r"(?P<of>(?:of|from)\s+(?:the\s+)?\S+(?:\s+[A-Z]\S*){0,3}\s*)?,?\s*"
                                r"(?:such as|including|like|namely)\s+", re.I)
_IN_PLACE_OPENING = re.compile(r"\s*(?:In|Across|Throughout)\s+(?:(?:specific|certain|some|several|many)\s+)?"
                               r"(?:(?:regions|areas|provinces|parts|districts)\s+(?:like|such as)\s+)?")
_PAREN_ROLE = re.compile(
    r"\s*\(\s*(?:(?:former|then|deputy|senior|top|chief|military|acting|overall|supreme)\s+)*"
    r"(?P<role>emir|amir|leader|commander|chief|spokesman|spokesperson|wali|governor|deputy|founder|ideologue|"
    r"representative)\s*(?:(?:of|in|for)\s+(?:the\s+)?(?P<where>[^()]{1,60}?))?\s*\)", re.I)
_NOT_OWNER = re.compile(r"\b(?:with|by|to|against|from|into)\s+(?:the\s+)?$", re.I)
_ANOTHER_PARTICIPLE = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|based|located|centred|centered)\s+(?:in|around|on|at|"
                                 r"near|by|as|from|with)\b")
_LOCATIVE = re.compile(r"\s*(?:in|at|on|near|across|throughout|inside|into|from|within|around)\s", re.I)
_STATE_ORGAN = re.compile(r"\b(?:Air Force|Forces?|Army|Government|Police|Military|Ministry|Department|Navy|"
                          r"Command|Court|Administration|Coalition)\b")
_CARRIED_TOPIC = re.compile(r"\s*(?:(?:In|By|From|Since|After|During|Later|Then)\b[^,.;]{0,30},\s*)?"
                            r"(?:[Tt]he (?:group|organi[sz]ation|movement|network|militia|faction)|It|it|They|they)\b")


class _Doc:
    """Fast look-ups over one extraction: mentions by position, sentences, times, topics."""

    def __init__(self, ext: Extraction) -> None:
        self.ext = ext
        self.text = ext.analysis
        lowered = self.text.lower()
        # matching lower-case text with case-sensitive patterns is twice as fast as re.I
        self.lower = lowered if len(lowered) == len(self.text) else None
        self.mentions = sorted(ext.mentions, key=lambda m: (m.start, -m.end))
        self.m_starts = [m.start for m in self.mentions]
        self.sents = ext.sentences
        self.s_starts = [s.start for s in self.sents]
        self.times = sorted(ext.times, key=lambda t: t.start)
        self.t_starts = [t.start for t in self.times]
        self.openings: dict[int, int] = {}  # sentence start → end of its opening clause (see _opening_end)
        self.topic: dict[int, int] = {}
        doc_topic = next((m.entity for m in self.mentions if m.type == "ORG" and m.entity >= 0 and
                          not _STATE_ORGAN.search(ext.entities[m.entity].name)), -1)
        last = doc_topic
        for s in self.sents:
            if s.paragraph not in self.topic:
                if _CARRIED_TOPIC.match(self.text, s.start):
                    # a paragraph that opens with "The group …" speaks of the article's group
                    self.topic[s.paragraph] = doc_topic if doc_topic >= 0 else last
                    continue
                first = self.in_span(s.start, self._para_end(s))
                opening = _opening_end(self, s)  # "Having left the KF, Sadiq Noor joined …": not the KF
                if opening > 0:
                    first = [m for m in first if m.start > opening]
                # the paragraph's topic: its first group that is not a source ("According to X") or an object
                org = next((m.entity for m in first if m.type == "ORG" and m.entity >= 0 and not _STATE_ORGAN.search(
                    self.ext.entities[m.entity].name) and not _PREP_BEFORE.search(
                    self.text[max(0, m.start - 14):m.start]) and not self.text[max(0, m.start - 2):m.start].strip()
                    .endswith("(")), doc_topic)
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
            if first and first[0].type == "ORG" and first[0].entity >= 0 and re.fullmatch(
                    r"\s*(?:The\s+)?", self.text[prev.start:first[0].start]) and \
                    not self.text.startswith("'s", first[0].end) and \
                    not _STATE_ORGAN.search(self.ext.entities[first[0].entity].name):
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


_SINGULAR_VERB = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:was|is|has)\b")
_PLURAL_PEOPLE = re.compile(r"\b(?:members|fighters|militants|operatives|cadres|commanders|veterans|recruits)\b")
_FUNDS_TO = re.compile(r"\b(?:fund\w*|money|financ\w*|resources|weapons|arms|support)\s+(?:\w+\s+){0,2}?"
                       r"(?:to|in order to)\s+(?:help\s+)?$")
_UNITS = (r"groups|organi[sz]ations|factions|militias|movements|fighters|militants|members|cadres|operatives|"
          r"cells?|units?|offices?|branches|affiliates|supporters|followers")
_EVENT_OF = re.compile(r"\b(?:killing|murder|assassination|attacks?|bombings?|death|arrest|kidnapping|abduction|"
                       r"execution|capture|massacres?|killings)\s+(?:of|on|against|in)\b")
_UNITS_WHERE = re.compile(rf"\b(?:{_UNITS})\s+(?:[a-z]+ing|based|located|active|stationed|present)\b")
_COMMON_WHO = re.compile(rf"\b(?P<noun>{_UNITS}|countries|states|governments|those|people|others|anyone|individuals|"
                         rf"parties|clerics|men|women|youths?)\s+(?:who|which|that)\s+(?:[a-z]+\s+){{0,3}}$")
_UNIT_NOUN = re.compile(rf"(?P<noun>{_UNITS})\b")
_UNIT_NOUN_BEFORE = re.compile(rf"\b(?P<noun>{_UNITS})\s+(?:[a-z]+ly\s+)?$")
# "X's armed supporters", "X had around seventy members", "X claimed 118 members": the noun is X's
_OWNER_GAP = re.compile(r"(?:'s)?(?:\s*\([^()]{0,60}\))?\s+(?:(?:had|has|have|claimed|claims|reportedly had|counted|"
                        r"numbered|kept|maintained|deployed|sent|were|was|are|is)\s+)?(?:[\w,.–-]+\s+){0,3}")
_OWN_PEOPLE = re.compile(r"\b(?:its|their|the group's|the organi[sz]ation's|the movement's)\s+(?:[a-z-]+\s+){0,2}$|"
                         r"\b(?:[Tt]he group|[Tt]he organi[sz]ation|[Tt]he movement|[Ii]t|[Tt]hey)\b[^.;]{0,60}?"
                         r"\b(?:had|has|have|claimed|claims|counted|numbered)\s+(?:[\w,.–-]+\s+){0,3}$")
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that)\s+(?:[a-z]+ly\s+|later\s+|then\s+|also\s+|had\s+|has\s+|"
                              r"have\s+|once\s+|still\s+)*(?:[a-z]+ed|split|left|led|fought|met|"
                              r"won|lost|took|became|broke away from|swore allegiance to)\s+(?:from\s+|with\s+|to\s+)?"
                              r"(?:the\s+)?$")
_COUNTED = re.compile(r"\b(?:(?!(?:1[89]|20)\d\d\b)\d[\d,]*\d|\d|two|three|four|five|six|seven|eight|nine|ten|"
                      r"dozens of|hundreds of|thousands of|several|many|some)\s+(?:[a-z]+\s+)?$", re.I)
_NEGATED = re.compile(r"(?:\b(?:not|never|neither|nor)\s+(?:\w+ly\s+)?|\b(?:avoid|avoiding|avert|averting|prevent|"
                      r"preventing|forestall)\s+(?:\w+\s+){0,2})$")
_GROUP_ACTS = frozenset({"joined", "allegiance_to", "splinter_of", "merged_into", "allied_with"})
_PEOPLE = r"(?:fighters|members|militants|commanders|leaders|cadres|men|defectors|loyalists|followers)"
_PEOPLE_OF = re.compile(rf"\b{_PEOPLE}\s+(?:of|from)\s+(?:the\s+)?$")
_SHARE_OF = re.compile(r"\b(?:some|many|most|several|few|minority|majority|number|handful|part|portion|hundreds|"
                       r"dozens|scores)\s+(?:group\s+)?of\s+(?:the\s+)?$")
_PEOPLE_AFTER = re.compile(rf"\s+{_PEOPLE}\b")
_SOME_OF_ITS = re.compile(rf"\b(?:some|many|most|several|few|minority|majority|number|handful|part)\s+of\s+"
                          rf"(?:its|their|his)\s+(?:[a-z-]+\s+)?{_PEOPLE}\b[^,;]*$")
_TRAILING_PARTICIPLE = re.compile(r",\s+(?:[a-z]+ly\s+)?(?!including\b|according\b)[a-z]{3,}ing\b")
_HELPED = re.compile(r"\b(?:supported|backed|assisted|aided|helped|joined|reinforced|facilitated)\s+(?:the\s+)?$")
_APPOSITION_TO = re.compile(r"['\"’]?\s*,\s*['\"’]?\s*(?:a|an|the)\s+[a-z][^,;]{0,150},[^,;()]{0,120}$")


_LOCATED_AT = re.compile(r"\b(?:in|at|near|across|throughout|inside|within|into)\s+(?:the\s+)?$")
_ASIDE = re.compile(r"\([^()]*\)")
_NAME_CUE = re.compile(r"\b(?:known|called|a\.k\.a|aka|formerly|also|translat\w*|meaning|short for|abbreviated|"
                       r"English|Arabic|Urdu|Pashto|Persian|Dari|French|Spanish)\b")


def _in_aside(text: str, m: Mention, b: int) -> bool:
    """True when ``m`` sits in a parenthetical remark that closes before ``b``: in "X (backed by A and B)
    launched …" A and B are an aside, not the verb's subject; a name that opens the parenthesis ("The
    Army (Jaysh Z) is …") is another name of the subject, and stays."""
    if ")" not in text[m.end:b]:
        return False
    depth = 0
    for ch in text[m.end:b]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                opened = text.rfind("(", max(0, m.start - 200), m.start)
                lead = text[opened:m.start] if opened != -1 else ""
                return bool(re.search(r"[a-z]{2}", lead)) and not _NAME_CUE.search(lead)
            depth -= 1
    return False


def _actors_only(doc: _Doc, ms: list[Mention]) -> list[Mention]:
    """Drop places named as locations ("operating in Kenya and Somalia and allied with X"): a country
    after "in" is where something happens, not who acts."""
    out: list[Mention] = []
    located: Mention | None = None
    for m in ms:
        if m.type == "PLACE":
            pre = doc.text[max(0, m.start - 12):m.start]
            if _LOCATED_AT.search(pre) or (located is not None and _coordinated(doc.text[located.end:m.start])):
                located = m
                continue
        located = None
        out.append(m)
    return out


def _left_group(doc: _Doc, ms: list[Mention], pos: int, types: frozenset[str] | None = None,
                max_gap: int = 160) -> list[Mention]:
    """The subject group before ``pos``: the nearest names of fitting type and the list they close.

    A list joined only by commas ("After leaving X, Y joined") is no list; a group that is the object
    of a preposition ("pleased by A and B") is passed over for an earlier one.
    """
    before = [m for m in ms if m.end <= pos and (types is None or m.type in types) and
              not _in_aside(doc.text, m, pos)]
    if types is None or "PLACE" in types:
        before = _actors_only(doc, before)
    for k in range(len(before) - 1, -1, -1):
        if pos - before[k].end > 320:
            break
        if _APPOSITION_TO.match(doc.text, before[k].end, pos):
            # "X's group, a faction led by a former Y commander, emerged …": the subject is X's group, not Y
            before = before[:k + 1]
            break
    while before:
        group = [before[-1]]
        for m in reversed(before[:-1]):
            between = doc.text[m.end:group[0].start]
            if re.match(r"\s*['\"]?\s*\)", between) or (
                    m.type == "PLACE" and re.search(r"\bin\s+(?:the\s+)?$", doc.text[max(0, m.start - 8):m.start])):
                continue  # a translation in a parenthesis, a place in a list: "A ('…') in Iran, B ('…'), and C"
            if _coordinated(between) or between.strip() == "(" or group[0].head == "alias":
                group.insert(0, m)
            else:
                break
        joined = [doc.text[a.end:b.start] for a, b in zip(group, group[1:], strict=False)]
        if len(group) > 1 and not any(re.search(r"\b(?:and|or)\b|&", j) for j in joined) and \
                not all(j.strip() in ("(", "") or ")" in j for j in joined):
            group = group[-1:]
        start = group[0].start
        if len(before) > len(group) and _PREP_BEFORE.search(doc.text[max(0, start - 12):start]) and \
                not _MEMBERS_OF.match(doc.text, group[-1].end):  # "many of the KF's fighters escaped"
            if len(group) > 1 and group[-1].type != group[0].type:
                group = group[-1:]  # "the formation of the KF and Ilyas Dorn supplied …": a new subject
                break
            before = before[:len(before) - len(group)]
            continue
        break
    if not before or ";" in doc.text[before[-1].end:pos] or (pos - before[-1].end > max_gap and len(
            _ASIDE.sub("", doc.text[before[-1].end:pos])) > max_gap):  # an aside in brackets adds no distance
        return []
    return [m for m in group if m.head != "alias"] or group[-1:]


def _head_person(doc: _Doc, ms: list[Mention], m: Mention) -> Mention:
    """In "KF Emir Mullah Tamer Vashti" the head of the phrase is the person, not the group."""
    nxt = next((x for x in ms if x.start >= m.end), None)
    if m.type == "ORG" and nxt is not None and nxt.type == "PERSON" and _ROLE_BETWEEN.match(doc.text[m.end:nxt.start]):
        return nxt
    return m


_IN_PLACE_TAIL = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}(?=\s*(?:,|and\b|or\b))")


def _coordinated(between: str) -> bool:
    """True when the text between two mentions joins them in a list ("A, B and C", "A (x) and B",
    "A ('…') in Iran, B")."""
    return bool(_COORD.match(_IN_PLACE_TAIL.sub("", _PAREN.sub("", between), count=1)))


def _right_group(doc: _Doc, ms: list[Mention], pos: int, max_gap: int = 45) -> list[Mention]:
    after = [m for m in ms if m.start >= pos]
    if not after:
        return []
    gap = doc.text[pos:after[0].start]
    lead = _GROUPS_INCLUDING.match(gap)
    if lead:  # "with a number of Central Asian groups including A, B and C"
        gap = gap[lead.end():]
    if len(gap) > max_gap or re.search(r"[;:.]|\b(?:and|but|while|which|who|after|when)\b", gap) or \
            _UNITS_WHERE.search(gap) or _EVENT_OF.search(gap):
        return []  # "… with other groups operating in Kenya": the place is where those groups are
    if len(after) > 1 and after[0].type == after[1].type == "ORG" and \
            re.fullmatch(r"['’]s\s+(?:[a-z-]+\s+){0,2}", doc.text[after[0].end:after[1].start]):
        after = after[1:]  # "a cadre of the KF's Dorn Shura": the part the possessive names
    group = [after[0]]
    skipped: Mention | None = None
    for m in after[1:]:
        if m.start < group[-1].end:
            continue  # a name inside the last one: "KF" and "Dovran Province" in "KF's faction in Dovran Province"
        if (m.type == "PLACE" or (m.entity >= 0 and doc.ext.entities[m.entity].name.lower() in countries())) and \
                group[0].type != "PLACE" and (
                re.fullmatch(r"\s+in\s+(?:the\s+)?", doc.text[group[-1].end:m.start]) or (
                    skipped is not None and _coordinated(doc.text[skipped.end:m.start]))):
            skipped = m  # "the Dovran Forces in the Hill Areas, and the Iron Council", "X in Iraq and Syria"
            continue
        between = doc.text[group[-1].end:m.start]
        if m.head == "alias" or re.fullmatch(r"\s*\(\s*", between) or (
                re.match(r"\s*\(", between) and ")" not in between):
            continue  # an alias, or a name inside a parenthesis: "Zabul (… with Kenya), North Tarvistan"
        if _coordinated(between) or (m.type == group[-1].type == "PLACE" and
                                     re.fullmatch(r"'s\s+|[-–]|\s+in\s+(?:the\s+)?", between)) or (
                m.type == group[-1].type == "PERSON" and _PERSON_AND.fullmatch(between)):
            group.append(m)
        else:
            break
    return group


def _country_level(name: str) -> bool:
    """A country, or a compass part of one ("northern Kenya")."""
    low = name.lower()
    return low in countries() or (_COMPASS_PART.match(low) is not None and low.split(" ", 1)[1] in countries())


_COMPASS_PART = re.compile(rf"(?:{COMPASS})\s")


def _fits(m: Mention, types: frozenset[str]) -> bool:
    return m.type in types


def _fallback_subject(doc: _Doc, sent: Sentence, pos: int, rel: str) -> Mention | None:
    head = doc.text[sent.start:pos]
    p = _PRONOUN.match(head)
    if not p:
        return None
    word = p.group("p").lower()
    if word in ("he", "his", "she", "her"):
        people = [m for m in doc.in_span(doc.s_starts[0] if doc.s_starts else 0, sent.start)
                  if m.type == "PERSON"]
        return people[-1] if people else None
    return _topic_mention(doc, sent)


_GROUP_REF = re.compile(r"\b(?:the group|the organi[sz]ation|the movement|the network|its|it|they|their)\b"
                        r"|^\s*(?:[A-Z][a-z]+ly\s+)?(?:based|active|located|stationed|centred|centered|led|founded|"
                        r"formed|established|operating)\b", re.I)


def _opening_end(doc: _Doc, sent: Sentence) -> int:
    """Where a sentence's opening clause ("Led by A and B,") ends: the comma before the main clause
    (a place's apposition, "in Zabul, Kenya,", stays in the clause), or -1 without one.
    Worked out once per sentence: every trigger and figure in it asks."""
    end = doc.openings.get(sent.start)
    if end is None:
        end = doc.openings[sent.start] = _find_opening_end(doc, sent)
    return end


def _find_opening_end(doc: _Doc, sent: Sentence) -> int:
    if not _OPENING.match(doc.text, sent.start):
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
        if nxt is None or nxt.type != "PLACE" or doc.text[comma + 1:nxt.start].strip() or \
                not doc.text.startswith(",", nxt.end):
            return comma
        comma = nxt.end
    return comma


def _topic_mention(doc: _Doc, sent: Sentence) -> Mention | None:
    """What "the group" means in ``sent``: the group the paragraph's last sentence opened with, else the
    paragraph's topic."""
    topic = doc.recent_subject(sent)
    if topic < 0:
        return None
    ent = doc.ext.entities[topic]
    return Mention(sent.start, sent.start, ent.name, ent.type, topic)


def _this_group(doc: _Doc, sent: Sentence, pos: int) -> Mention | None:
    """What "the group" / "this group" at ``pos`` stands for. "This group" points back to the last group
    the previous sentence named outside a prepositional phrase ("… being the 'Saut-al Dorn,' a splinter
    of Y. … this group remained …" → Saut-al Dorn); "the group" is the paragraph's topic."""
    if doc.text[pos:pos + 12].lstrip().lower().startswith("this "):
        i = bisect_right(doc.s_starts, sent.start) - 2
        if i >= 0 and doc.sents[i].paragraph == sent.paragraph:
            prev = doc.sents[i]
            named = [m for m in doc.in_span(prev.start, prev.end) if m.type == "ORG" and m.entity >= 0 and
                     not _PREP_BEFORE.search(doc.text[max(prev.start, m.start - 12):m.start]) and
                     not _STATE_ORGAN.search(doc.ext.entities[m.entity].name)]
            if named:
                return named[-1]
    return _topic_mention(doc, sent)


def _topic_fallback(doc: _Doc, sent: Sentence, pos: int) -> Mention | None:
    """The paragraph's topic when the clause speaks of "the group", "it", or opens with a participle."""
    if not _GROUP_REF.search(doc.text[sent.start:pos]):
        return None
    return _topic_mention(doc, sent)


def _make(doc: _Doc, sent: Sentence, s: Mention, rel: str, o: Mention | None, trig: tuple[int, int],
          value: str | None = None, component: str = "relations") -> Fact | None:
    if s.entity < 0 or (o is not None and (o.entity < 0 or o.entity == s.entity)):
        return None
    stypes, otypes = ARG_TYPES[rel]
    if s.type not in stypes or (o is not None and o.type not in otypes):
        return None
    if rel in _ACTOR_RELATIONS:
        for m in (s, o):
            if m is not None and m.type == "PLACE" and doc.ext.entities[m.entity].name.lower() not in countries():
                return None
    return Fact(s.entity, rel, o.entity if o is not None else None, (sent.start, sent.end), trig,
                value=value, component=component)


_BY = re.compile(r"(?:\s+(?:in|on|during|around|at|after|before)\s+(?:(?!\band\b|\bwas\b)[^;,.()]){1,30}?)?\s+by\b",
                 re.I)


def _trigger_facts(doc: _Doc, out: list[Fact]) -> None:
    taken: dict[str, list[tuple[int, int]]] = {}
    for trig in triggers():
        spans = taken.setdefault(trig.relation, [])
        matches = trig.lower.finditer(doc.lower) if doc.lower is not None else trig.pattern.finditer(doc.text)
        for m in matches:
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue
            if _NEGATED.search(doc.text, max(0, m.start() - 30), m.start()):
                continue  # "not based in X (as its name suggests)": the text says it is not so
            sent = doc.sentence_at(m.start())
            if sent is None:
                continue
            left_role, right_role = trig.left, trig.right
            end = m.end()
            passive = trig.active and _PASSIVE.search(doc.text[max(sent.start, m.start() - 30):m.start()])
            if passive:
                by = _BY.match(doc.text, m.end(), sent.end)
                if not by:
                    continue
                end = by.end()
                left_role, right_role = right_role, left_role
            ms = doc.in_span(sent.start, sent.end)
            value = _role_value(trig, m)
            made = _apply(doc, sent, ms, trig.relation, left_role, right_role, m.start(), end, value,
                          tight=trig.active and not passive)
            if made:
                out.extend(made)
                spans.append((m.start(), m.end()))


def _role_value(trig: Trigger, m: re.Match[str]) -> str | None:
    if trig.value == "$role":
        role = m.groupdict().get("role") or m.groupdict().get("role2")
        return role.lower() if role else "leader"
    return trig.value or None


def _apply(doc: _Doc, sent: Sentence, ms: list[Mention], rel: str, left_role: str, right_role: str,
           a: int, b: int, value: str | None, tight: bool = False) -> list[Fact]:
    stypes, otypes = ARG_TYPES[rel]
    left_types = stypes if left_role == "s" else otypes if left_role == "o" else None
    left = _left_group(doc, ms, a, left_types or None)
    if left and rel == "based_in" and not doc.text[left[-1].end:a].strip() and \
            _HELPED.search(doc.text, max(sent.start, left[0].start - 30), left[0].start):
        # "A and B supported Taliban operations in P": the helpers are there, as well as the helped
        helpers = _left_group(doc, ms, left[0].start - 1, left_types or None)
        left = helpers or left
    pron = _PRONOUN_BEFORE.search(doc.text[max(left[-1].end if left else sent.start, a - 30):a])
    if pron:
        # "X was formed when it broke away from Y": the pronoun stands for the sentence's subject
        first = [m for m in ms if m.end <= a and (left_types is None or m.type in left_types)
                 and not _PREP_BEFORE.search(doc.text[max(sent.start, m.start - 12):m.start])][:1]
        left = first if first and pron.group().split()[0].lower() in ("it", "they") else []
        if pron.group().lower().startswith("the "):
            left = []  # "the group" is the paragraph's topic, not the nearest name
    if left and left_role == "s" and re.search(r"\bto\s+(?:\w+\s+){0,2}$", doc.text[max(left[-1].end, a - 20):a]) and \
            re.search(r"\b(?:had|has|have)?\s*\w+ed\s+(?:the\s+)?$", doc.text[max(sent.start, left[-1].start - 25):
                                                                          left[-1].start]):
        # "A had abandoned B to form an alliance with …": the infinitive's subject is the clause's
        first = next((m for m in ms if m.end <= left[-1].start and (left_types is None or m.type in left_types)
                      and not _PREP_BEFORE.search(doc.text[max(sent.start, m.start - 12):m.start])), None)
        if first is not None:
            left = [first]
    if left and left_role == "s":
        said = _SAID_THAT.search(doc.text, left[-1].end, a)
        if said:  # "the Iron Council reported that leaders of X had pledged …": the source is not the subject
            inner = [m for m in ms if said.end() <= m.start and m.end <= a and
                     (left_types is None or m.type in left_types)]
            left = _left_group(doc, inner, a, left_types) if inner else []
    if left and left_role == "s" and _TRAILING_PARTICIPLE.search(doc.text, left[-1].end, b):
        # "X would join Y on 6 March, growing thanks to funding from Z": the participle's subject is the
        # main clause's, not the object before it
        opening = _opening_end(doc, sent)
        main = next((m for m in ms if m.start > opening and (left_types is None or m.type in left_types)), None)
        if main is not None and main.start < left[0].start and not _PREP_BEFORE.search(
                doc.text[max(sent.start, main.start - 12):main.start]):
            left = [main]
    who = _COMMON_WHO.search(doc.text, max(sent.start, a - 60), a) if left_role == "s" else None
    if who and not any(re.fullmatch(r"(?:'s)?\s+(?:[\w-]+\s+)?", doc.text[m.end:who.start("noun")]) for m in ms
                       if m.end <= who.start("noun")):
        return []  # "… to groups who have relations with X": whoever they are, they are not named
    if rel == "member_of" and _PLURAL_PEOPLE.search(doc.text, a, b) and (
            re.search(r"\b(?:from|among|with|to|against|by|for)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                      doc.text[max(sent.start, a - 30):a]) or len(left) < 2):
        return []  # "recruited from members of X", "143 fighters for X": people the sentence does not name
    if rel == "founded" and _FUNDS_TO.search(doc.text, max(sent.start, a - 50), a):
        return []  # "X supplied most of the funding to set up the organization": a funder, not a founder
    unnamed = False
    if rel == "based_in" and left_role == "s":
        # "Al-Qaida affiliates in A and B", "other groups operating in A": the place is the people's or the
        # groups' the noun names, so the subject is the name that qualifies that noun, or nobody named
        head = _UNIT_NOUN.match(doc.text, a, b) or _UNIT_NOUN_BEFORE.search(doc.text, max(sent.start, a - 40), a)
        if head:
            owner = [m for m in ms if m.end <= head.start("noun") and (left_types is None or m.type in left_types)
                     and _OWNER_GAP.fullmatch(doc.text, m.end, head.start("noun"))]
            if owner:
                left = owner[-1:]
            elif _OWN_PEOPLE.search(doc.text, max(sent.start, head.start("noun") - 100), head.start("noun")):
                left = []  # "its fighters in X": the group the sentence speaks of
            else:
                return []
    unnamed = False
    rc = _RELATIVE_BEFORE.search(doc.text, max(sent.start, left[0].start - 40), left[0].start) if left else None
    if rc and left_role == "s" and not re.search(r";|\b(?:which|who|that)\b", doc.text[left[-1].end:a]):
        # "Many of the fighters who later joined the Taliban fought alongside X": the name is the object of
        # a relative clause; its head, when it is a name, is the subject ("the KF, which joined Y, fought …")
        head = [m for m in ms if m.end <= rc.start() and (left_types is None or m.type in left_types)
                and re.fullmatch(r"\s*,?\s*", doc.text[m.end:rc.start()])]
        left = head[-1:]
        unnamed = not left
    if len(left) > 1 and rel == "leader_of" and left_role == "o" and not re.search(
            r"\b(?:were|are|both|all|respectively)\b", doc.text[left[0].start:b]):
        left = left[-1:]  # "the KF and the Iron Party led by P": the participle qualifies the nearest name
    if len(left) > 1 and _SINGULAR_VERB.match(doc.text, left[-1].end, b):
        left = left[-1:]  # "… backed by A, and the Republic of B was established": one subject, the last
    if left_role == "s":
        indef = _INDEFINITE.search(doc.text, max(left[-1].end if left else sent.start, a - 45), a)
        if indef and not (left and re.fullmatch(r"(?:'s)?\s*(?:[\w-]+\s+){0,2}",
                                                doc.text[left[-1].end:indef.start()])):
            left, unnamed = [], True  # "… or if others opted to remain loyal to X": someone unnamed
        elif left and rel in _GROUP_ACTS and (
                _PEOPLE_OF.search(doc.text, max(sent.start, left[0].start - 40), left[0].start) or (
                    _SHARE_OF.search(doc.text, max(sent.start, left[0].start - 40), left[0].start) and
                    _PEOPLE_AFTER.match(doc.text, left[-1].end))):
            # "leaders of the KF had defected and pledged allegiance to …", "a minority of KF fighters
            # opted to …": some of its people, not the group
            left, unnamed = [], True
        elif rel in _GROUP_ACTS and (some := _SOME_OF_ITS.search(doc.text, max(sent.start, a - 60), a)) and (
                not left or some.start() >= left[-1].end):
            left, unnamed = [], True  # "… while most of its members defected to …"
    opening = _opening_end(doc, sent)
    if left and left_role == "s" and a < opening and _OPENING.match(doc.text, sent.start) and \
            _PREP_BEFORE.search(doc.text[max(sent.start, left[-1].start - 12):left[-1].start]):
        left = []  # "Formed as a network within the Salt Brigade, centred around X, the group …": not the Salt Brigade
    if left and 0 <= opening < a and left[-1].end <= opening:
        # the names of an opening clause are not the subject of the main one: "Led by A and a KF
        # commander B, the group comprised …" speaks of the paragraph's group, not of the KF
        left = []
        if _GROUP_SUBJECT.match(doc.text, opening + 1) and left_role == "s":
            topic = _this_group(doc, sent, opening + 1)
            left = [topic] if topic is not None else []
    if left and left_role == "s" and _VP_AND.search(doc.text[left[-1].end:a]):
        # "X is supported by Iran and is allied with Y": X carries over the coordinated verb phrase
        first = next((m for m in ms if left_types is None or m.type in left_types), None)
        if first is not None and first.start < left[0].start:
            left = [first]
    right_gap = 8 if tight else 80 if rel in ("based_in", "founded_on") else 45  # "X founded Y", not "X founded a …"
    right = _right_group(doc, ms, b, right_gap) if right_role != "-" else []
    if rel == "splinter_of" and right and _TO_FORM.search(doc.text, b, right[0].start):
        return []  # "broke away from the organisation to form X": the pattern below reads it whole
    if not right and right_role in ("s", "o"):
        gm = _GROUP_OBJECT.match(doc.text, b, sent.end)
        topic = _topic_mention(doc, sent) if gm else None
        if topic is not None:  # "supplied most of the funding to set up the organization"
            right = [topic]
    if rel in SYMMETRIC and right and _LOCATIVE.match(doc.text, b, right[0].start):
        right = []  # "groups fighting in Syria": a place, not an opponent
    if rel == "based_in" and right and right[-1].type == "PLACE":
        # "centred around X near Y", "to Tarvistan, in the Hill Areas": the wider place holds too
        nxt = next((m for m in ms if m.start >= right[-1].end), None)
        if nxt is not None and nxt.type == "PLACE" and _PLACE_CHAIN.match(doc.text[right[-1].end:nxt.start]):
            right = right + [nxt]
    if rel in ("allegiance_to", "joined", "supported_by", "funded_by"):
        right = [_head_person(doc, ms, m) for m in right]
    if rel in SYMMETRIC and (re.match(r"\s*(?:between|among)\b", doc.text[b:b + 10])
                             or re.search(r"\b(?:between|among)$", doc.text[a:b])):
        pair = [m for m in right if m.type in stypes]
        return [f for x in pair[1:] if (f := _make(doc, sent, pair[0], rel, x, (a, b)))]
    if not left and left_role == "s" and ((opening != -1 and a < opening) or (
            opening == -1 and _PARTICIPLE_START.match(doc.text, sent.start))):
        # "Managing to keep receiving support from Y, the X …": the subject follows the opening clause
        comma = opening if opening >= b else doc.text.find(",", b, sent.end)
        after = [m for m in ms if comma != -1 and m.start > comma and m.type in stypes]
        if after and re.fullmatch(r"\s*(?:(?:in|on|by|during|around|from|since)\s+[^,;]{1,30},\s*)?(?:the\s+)?",
                                  doc.text[comma + 1:after[0].start]):
            left = [after[0]]  # "…, in mid-2014, the KF became"
        elif comma != -1 and _GROUP_SUBJECT.match(doc.text, comma + 1):
            topic = _this_group(doc, sent, comma + 1)
            left = [topic] if topic is not None and topic.type in stypes else []
    if not left and left_role in ("s", "o") and not unnamed:
        fb = _fallback_subject(doc, sent, a, rel) or _topic_fallback(doc, sent, a)
        if fb is not None and (left_types is None or fb.type in left_types):
            left = [fb]
    subj_side, obj_side = (left, right) if left_role == "s" else (right, left)
    subjects = [m for m in subj_side if m.type in stypes]
    if rel in SYMMETRIC and not obj_side:
        # "A and B clashed": the coordinated subjects pair up, when they are the verb's own subject
        group = [m for m in left if m.type in stypes]
        if group and (a - group[-1].end > 30 or re.search(r"\b(?:which|who|that|unlike|than|to|into)\b",
                                                          doc.text[group[-1].end:a])):
            return []
        return [f for x in group[1:] if (f := _make(doc, sent, group[0], rel, x, (a, b)))]
    if not otypes:
        if not subjects and rel == "founded_on" and a - sent.start < 3:
            # "Founded in 1998 by …, the X Network…": the subject follows the participle; "Established on
            # 13 July 2015 through the merger of A and B, the group …": the group is the paragraph's
            main = _MAIN_GROUP.search(doc.text, b, sent.end)
            topic = _topic_mention(doc, sent) if main else None
            subjects = [topic] if topic is not None else [m for m in ms if m.start > b and m.type == "ORG"][:1]
        return [f for s in subjects if (f := _make(doc, sent, s, rel, None, (a, b), value))]
    objects = [m for m in obj_side if m.type in otypes]
    if value == "@country":
        # "responsible for explosions in Bishkek, Kyrgyzstan": an attack's town says where it struck; the
        # country says where the group operates
        value = None
        objects = [m for m in objects if _country_level(doc.ext.entities[m.entity].name)]
    if rel == "killed":  # "killed 7 Miskito Indians": people counted are not a person
        subjects = [m for m in subjects if not _COUNTED.search(doc.text, max(sent.start, m.start - 25), m.start)]
    if rel == "killed" and not objects:
        by = _BY.match(doc.text, b, sent.end)
        if by:
            objects = [m for m in _right_group(doc, ms, by.end(), 20) if m.type in otypes][:1]
        strike = _STRIKE.match(doc.text, b, sent.end)
        if not objects and strike:  # "killed in a U.S. drone strike"
            objects = [m for m in ms if m.start >= strike.start("who") and m.end <= strike.end("who") + 1][:1]
        if not objects:
            return [f for s in subjects if (f := _make(doc, sent, s, rel, None, (a, b)))]
    if rel == "killed":
        return [f for s in subjects for o in objects[:1] if (f := _make(doc, sent, s, rel, o, (a, b)))]
    made = [f for s in subjects for o in objects if (f := _make(doc, sent, s, rel, o, (a, b), value))]
    if rel == "founded" and not made and left_role == "s":
        # "In 1930, Ho Chi Minh founded the X Party": whoever the founder is, the party was founded then
        made = [f for o in objects if (f := _make(doc, sent, o, "founded_on", None, (a, b), component="patterns"))]
    return made


def _pattern_facts(doc: _Doc, out: list[Fact]) -> None:
    for sent in doc.sents:
        ms = doc.in_span(sent.start, sent.end)
        for x, y in zip(ms, ms[1:], strict=False):
            between = doc.text[x.end:y.start]
            rm = _ROLE_BETWEEN.match(between)
            if rm and x.type == "ORG" and y.type == "PERSON":
                f = _make(doc, sent, y, "leader_of", x, (x.end, y.start), rm.group("role").lower(), "patterns")
                if f:
                    out.append(f)
                if re.search(r"\b(?:co-)?founder\b", between, re.I):  # "KF leader and founder Mullah Vashti"
                    f = _make(doc, sent, y, "founded", x, (x.end, y.start), None, "patterns")
                    if f:
                        out.append(f)
            if x.type == "ORG" and y.type == "PERSON" and re.fullmatch(r"\s*,\s*", between):
                rb = _ROLE_OF_BEFORE.search(doc.text, max(sent.start, x.start - 60), x.start)
                if rb and rb.end() == x.start:
                    f = _make(doc, sent, y, "leader_of", x, (rb.start(), x.start), rb.group("role").lower(),
                              "patterns")
                    if f:
                        out.append(f)
            am = _APPOS_ROLE.match(between)
            if am and x.type == "PERSON" and y.type == "ORG":
                role = am.group("role").lower()
                rel = "member_of" if role in ("member", "fighter", "militant", "operative") else "leader_of"
                f = _make(doc, sent, x, rel, y, (x.end, y.start), None if rel == "member_of" else role, "patterns")
                if f:
                    out.append(f)
            if x.type == "ORG" and y.type == "PLACE" and _ORG_IN_PLACE.fullmatch(between) and \
                    not re.search(r"\b(?:against|fought|fighting|fight)\s+(?:the\s+)?$",
                                  doc.text[max(sent.start, x.start - 20):x.start]):
                # (the enemy "fought against the Dorn Brigade in Kenya" is fought there, not based there)
                group = [y] + [m for m in _right_group(doc, ms, y.start, 0)[1:] if m.type == "PLACE"]
                for place in group:
                    f = _make(doc, sent, x, "based_in", place, (x.end, y.start), None, "patterns")
                    if f:
                        out.append(f)
            if x.type == "PERSON" and y.type == "ORG" and _BECAME.fullmatch(between):
                tail = _ROLE_AFTER.match(doc.text, y.end)
                if tail and doc.text[y.end:tail.start("role")].lstrip().startswith("'s"):
                    people = [x] + [m for m in reversed(ms[:ms.index(x)]) if m.type == "PERSON"
                                    and _COORD.match(doc.text[m.end:x.start])][:1]
                    for person in people:
                        f = _make(doc, sent, person, "leader_of", y, (x.end, tail.end()),
                                  tail.group("role").lower().rstrip("s"), "patterns")
                        if f:
                            out.append(f)
            pm = _PERSON_ORG_ROLE.fullmatch(between)
            if x.type == "PERSON" and y.type == "ORG" and pm:
                tail = _ROLE_AFTER.match(doc.text, y.end)
                if tail:
                    f = _make(doc, sent, x, "leader_of", y, (x.end, tail.end()), tail.group("role").lower(),
                              "patterns")
                    if f:
                        out.append(f)
            if x.type == "PERSON" and x.head and x.head.lower() in _LEAD_ROLES and y.type in ("ORG", "PLACE") \
                    and re.fullmatch(r"\s+of\s+(?:the\s+)?", between):
                ent = doc.ext.entities[y.entity]
                if ent.type == "ORG" or y.type == "PLACE":
                    f = Fact(x.entity, "leader_of", y.entity, (sent.start, sent.end), (x.start, y.start),
                             value=x.head.lower(), component="patterns")
                    out.append(f)
            if _AGAINST.fullmatch(between) and _ATTACKS_BY.search(doc.text[max(sent.start, x.start - 40):x.start]):
                f = _make(doc, sent, x, "rival_of", y, (x.end, y.start), None, "patterns")
                if f:
                    out.append(f)
            if re.fullmatch(r"'s\s+", between) and x.type == "ORG" and y.type == "ORG":
                # "the Taliban's Peshawar Shura and semi-autonomous Miran Shah Shura", "X's A and leadership
                # council (B)": every part the possessive governs
                parts = [y] + [m for m in _right_group(doc, ms, y.start, 0)[1:] if m.type == "ORG"]
                opening = _opening_end(doc, sent)
                if opening >= y.end:  # "Though he was a cadre of the KF's Dorn Shura, Khadim fell …": not a part
                    parts = [m for m in parts if m.end <= opening]
                tail = re.match(r"\s+and\s+(?:[a-z-]+\s+){1,3}(?:\(\s*)?", doc.text[y.end:sent.end])
                if tail:
                    nxt = next((m for m in ms if m.start == y.end + tail.end() and m.type == "ORG"), None)
                    if nxt is not None and nxt not in parts:
                        parts.append(nxt)
                for part in parts:
                    f = _make(doc, sent, part, "component_of", x, (x.end, y.start), None, "patterns")
                    if f:
                        out.append(f)
        if ms and ms[0].type == "PERSON" and _LED_BY_INITIAL.match(doc.text[sent.start:ms[0].start]):
            # "Led by P1 and later P2, the X Front …" / "Led by figures like P1 and P2, the group …":
            # the people of the opening clause lead the group the main clause names, or the paragraph's
            comma = doc.text.find(",", ms[-1].end if len(ms) == 1 else ms[0].end, sent.end)
            while comma != -1 and re.match(r",\s*(?:and|or)\b", doc.text[comma:comma + 6]):
                comma = doc.text.find(",", comma + 1, sent.end)
            people = [m for m in ms if m.type == "PERSON" and (comma == -1 or m.end <= comma)]
            org: Mention | None = None
            if comma != -1:
                nxt = next((m for m in ms if m.start > comma), None)
                if nxt is not None and nxt.type == "ORG" and re.fullmatch(
                        r"\s*(?:the\s+)?", doc.text[comma + 1:nxt.start]):
                    org = nxt
                elif _GROUP_SUBJECT.match(doc.text, comma + 1):
                    org = _topic_mention(doc, sent)
            if org is not None:
                for person in people:
                    f = _make(doc, sent, person, "leader_of", org, (sent.start, person.start), "leader",
                              "patterns")
                    if f:
                        out.append(f)
                for a_, b_ in zip(people, people[1:], strict=False):
                    if re.fullmatch(r"\s+and\s+(?:later|then|subsequently)\s+", doc.text[a_.end:b_.start]):
                        f = _make(doc, sent, b_, "successor_of", a_, (a_.end, b_.start), None, "patterns")
                        if f:  # "Led by A and later B": B followed A
                            out.append(f)
        if ms and ms[0].type == "PERSON" and _FOUNDED_BY_INITIAL.match(doc.text[sent.start:ms[0].start]):
            org = next((m for m in ms[1:] if m.type == "ORG"), None)
            if org is not None and re.fullmatch(r"\s*,\s*(?:the\s+)?", doc.text[ms[0].end:org.start]):
                f = _make(doc, sent, ms[0], "founded", org, (sent.start, ms[0].start), None, "patterns")
                if f:
                    out.append(f)
        for m in ms:
            asr = _AS_ROLE.match(doc.text, m.end)
            if m.type == "PERSON" and asr and re.search(r"\bwith\s+$", doc.text[max(sent.start, m.start - 6):m.start]):
                org = [x for x in ms if x.end <= m.start and x.type == "ORG"]
                if org:  # "the establishment of X with Y as wali"
                    f = _make(doc, sent, m, "leader_of", org[-1], (m.end, asr.end()), asr.group("role").lower(),
                              "patterns")
                    if f:
                        out.append(f)
        for k in _KILLING_OF.finditer(doc.text, sent.start, sent.end):
            victim = next((m for m in ms if m.start >= k.end() and m.type == "PERSON"
                           and m.start - k.end() < 30), None)
            if victim is None:
                continue
            by = _BY.match(doc.text, victim.end, sent.end)
            killer = next((m for m in ms if by and m.start >= by.end() and m.start - by.end() < 6), None)
            strike = _STRIKE.match(doc.text, victim.end, sent.end) if killer is None else None
            if strike:  # "the killing of X in a U.S. drone strike"
                killer = next((m for m in ms if m.start >= strike.start("who") and m.end <= strike.end("who") + 1),
                              None)
            f = _make(doc, sent, victim, "killed", killer, (k.start(), k.end()), None, "patterns")
            if f:
                out.append(f)
        for m in ms:
            dead = _DECEASED.match(doc.text, m.end) if m.type == "PERSON" else None
            if dead:  # the trigger is the remark itself: it carries no date of its own
                f = _make(doc, sent, m, "killed", None, (m.end, dead.end()), None, "patterns")
                if f:
                    out.append(f)
        for m in ms:
            if m.type != "ORG":
                continue
            dm = _DEMONYM_GROUP.match(doc.text, m.end)
            if dm and dm.group("adj").lower() in demonym_countries():
                country = demonym_countries()[dm.group("adj").lower()]
                place = next((x for x in doc.ext.mentions if x.type == "PLACE" and
                              doc.ext.entities[x.entity].name.lower() == country.lower()), None)
                if place is not None:
                    f = _make(doc, sent, m, "based_in", place, (dm.start("adj"), dm.end()), None, "patterns")
                    if f:
                        out.append(f)
        cue = _LIST_CUE.search(doc.text, sent.start, sent.end)
        if cue:
            head = doc.text[sent.start:cue.start()]
            place = [m for m in doc.in_span(sent.start, cue.start()) if m.type == "PLACE"]
            if place and re.match(r"\s*(?:In|Across|Within)\b|\s*\S+(?:\s+\S+){0,3}\s+(?:hosted|had|saw)\b",
                                  head + " "):
                for m in doc.in_span(cue.end(), sent.end):
                    f = _make(doc, sent, m, "based_in", place[0], (cue.start(), cue.end()), None, "patterns")
                    if f:
                        out.append(f)
        for x in ms:
            sa = _MEMBERS_SUCH_AS.match(doc.text, x.end, sent.end) if x.type == "ORG" and \
                x.text.split()[0].lower() not in demonym_countries() else None  # not "Kenyan Somali factions"
            if sa:  # "Kharan Front forces, such as A and B": the parts of a group
                for part in _right_group(doc, ms, sa.end(), 8):
                    f = _make(doc, sent, part, "component_of", x, (x.end, sa.end()), None, "patterns")
                    if f:
                        out.append(f)
        last_org: Mention | None = None
        for pr in _PAREN_ROLE.finditer(doc.text, sent.start, sent.end):
            m = next((x for x in ms if x.end <= pr.start() and not doc.text[x.end:pr.start()].strip()
                      and x.type == "PERSON"), None)
            # "A (emir of the Kharan Front), B (deputy emir), and C (senior commander
            # in Zabul)": each role in its parenthesis, the group named once for the list
            inner = [x for x in ms if pr.start("where") <= x.start < pr.end("where")] if pr.group("where") else []
            org = next((x for x in inner if x.type == "ORG"), None)
            place = next((x for x in inner if x.type == "PLACE"), None)
            group = org or last_org
            if group is not None and m is not None:
                f = _make(doc, sent, m, "leader_of", group, (pr.start(), pr.end()), pr.group("role").lower(),
                          "patterns")
                if f:
                    out.append(f)
                if place is not None and org is None:
                    f = _make(doc, sent, group, "based_in", place, (pr.start(), pr.end()), None, "patterns")
                    if f:
                        out.append(f)
            last_org = group
        im = _IN_PLACE_OPENING.match(doc.text, sent.start)
        if im:
            # "In regions like northern Kenya, the Kharan Front's forces …": the clause's group is there
            place = next((m for m in ms if im.end() <= m.start < im.end() + 3 and m.type == "PLACE"), None)
            comma = doc.text.find(",", place.end, sent.end) if place is not None else -1
            subject = next((m for m in ms if comma != -1 and m.start > comma and m.type == "ORG"), None)
            if subject is not None and re.fullmatch(r"\s*(?:the\s+)?", doc.text[comma + 1:subject.start]) and \
                    not doc.text[place.end:comma].strip():
                f = _make(doc, sent, subject, "based_in", place, (im.start(), comma), None, "patterns")
                if f:
                    out.append(f)
        for sm in _SPLINTERS_SUCH_AS.finditer(doc.text, sent.start, sent.end):
            # "others formed splinter groups such as A and B": splinters of the group being spoken of
            parent = next((m for m in ms if sm.group("of") and m.start >= sm.start("of") and m.type == "ORG"),
                          None) or _topic_mention(doc, sent)
            for part in _right_group(doc, ms, sm.end(), 8) if parent is not None else []:
                f = _make(doc, sent, part, "splinter_of", parent, (sm.start(), sm.end()), None, "patterns")
                if f:
                    out.append(f)
        for am in _APPOINTED.finditer(doc.text, sent.start, sent.end):
            # "X appointed P, an Afghan from Baghlan, to be the Kharan Front's special representative"
            person = next((m for m in ms if m.start >= am.end() and m.start - am.end() < 4 and m.type == "PERSON"),
                          None)
            tb = _TO_BE_ROLE.search(doc.text, person.end, sent.end) if person is not None else None
            org = next((m for m in ms if tb and m.start >= tb.end() and m.start - tb.end() < 4
                        and m.type == "ORG"), None)
            role = _ROLE_AFTER.match(doc.text, org.end) if org is not None else None
            if person is not None and org is not None and role and doc.text.startswith("'s", org.end):
                f = _make(doc, sent, person, "leader_of", org, (am.start(), role.end()),
                          role.group("role").lower(), "patterns")
                if f:
                    out.append(f)
        for bm in _BROKE_TO_FORM.finditer(doc.text, sent.start, sent.end):
            # "A group of KF fighters broke away from the organization to form the Salt Brigade"
            new = next((m for m in ms if m.start >= bm.end() and m.start - bm.end() < 6 and m.type == "ORG"), None)
            parent = next((m for m in ms if bm.start("from") <= m.start < bm.end("from") and m.type == "ORG"), None)
            if parent is None:
                before = [m for m in ms if m.end <= bm.start() and m.type == "ORG"]
                parent = before[-1] if before else _topic_mention(doc, sent)
            if new is not None and parent is not None:
                f = _make(doc, sent, new, "splinter_of", parent, (bm.start(), bm.end()), None, "patterns")
                if f:
                    out.append(f)
        _membership(doc, sent, ms, out)
        _un_listings(doc, sent, ms, out)
        _funding_shares(doc, sent, ms, out)
        _backing(doc, sent, ms, out)


_SHARE = re.compile(r"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+of\s+(?:(?P<own>its|their|the group's)|"
                    r"(?:the\s+)?(?P<whose>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*?)'s)\s+(?:\w+\s+)?(?:funding|funds|income|"
                    r"budget|revenue|financing|finances|money)", re.I)


def _funding_shares(doc: _Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
    """ "X provided 60% of its funding": a share on the funded_by fact of the sentence, or a new one."""
    for m in _SHARE.finditer(doc.text, sent.start, sent.end):
        funders = [x for x in ms if x.end <= m.start() and x.type in ("ORG", "PERSON", "PLACE")]
        if not funders:
            continue
        funder = funders[-1]
        if m.group("whose"):
            recipient = next((x for x in ms if x.start >= m.start("whose") and x.type == "ORG"), None)
        else:
            recipient = next((x for x in ms if x.type == "ORG" and x.entity != funder.entity), None)
        if recipient is None or recipient.entity == funder.entity:
            continue
        pct = m.group("pct")
        for f in out:
            if f.relation == "funded_by" and f.subject == recipient.entity and f.object == funder.entity \
                    and f.evidence == (sent.start, sent.end):
                f.value = pct
                break
        else:
            f = _make(doc, sent, recipient, "funded_by", funder, (m.start(), m.end()), pct, "patterns")
            if f:
                out.append(f)


_MEMBERS_SUCH_AS = re.compile(r"(?:'s)?\s+(?:component\s+|affiliated\s+|member\s+)?(?:forces|groups|factions|"
                              r"affiliates|components|units|branches|wings|cells)\s*,?\s+"
                              r"(?:such as|including|like|namely)\s+", re.I)
_WITH_BACKING = re.compile(r"(?:'s)?\s+(backing|support|sponsorship|help|funding|financing|assistance)\b", re.I)


def _backing(doc: _Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
    """ "the Iranian-backed faction X" and "X's funding sources included A, B" and "50% from A, 30% from B"."""
    for m in _BACKED.finditer(doc.text, sent.start, sent.end):
        backed = next((x for x in ms if x.start > m.end() and x.type == "ORG" and x.start - m.end() < 60), None)
        if backed is None:
            continue
        who = next((x for x in ms if x.start <= m.start("who") and x.end >= m.end("who") - 1), None)
        if who is None:
            country = demonym_countries().get(m.group("who").lower())
            who = next((x for x in doc.mentions if country and x.type == "PLACE"
                        and doc.ext.entities[x.entity].name.lower() == country.lower()), None)
        rel = "funded_by" if "fund" in m.group() or "financ" in m.group() else "supported_by"
        if who is not None:
            f = _make(doc, sent, backed, rel, who, (m.start(), m.end()), None, "patterns")
            if f:
                out.append(f)
    for x in ms:
        sm = _SOURCES.match(doc.text, x.end)
        if x.type == "ORG" and sm:
            for y in _right_group(doc, ms, sm.end(), 5):
                f = _make(doc, sent, x, "funded_by", y, (x.end, sm.end()), None, "patterns")
                if f:
                    out.append(f)
    for k, y in enumerate(ms):
        # "the Kharan Front (with Kenyan army backing)": the backer named inside "with … backing"; away
        # from its group ("X … fought on and later, (with Kenyan army backing), bombed …"), the backed
        # group is the sentence's subject
        wm = _WITH_BACKING.match(doc.text, y.end)
        if not wm or not k:
            continue
        before = re.search(r"\bwith\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?$", doc.text[max(sent.start, y.start - 30):y.start])
        if not before:
            continue
        x = ms[k - 1]
        if not re.fullmatch(r"\s*[(,]?\s*with\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?", doc.text[x.end:y.start]):
            x = next((m for m in ms if m.type == "ORG" and not _PREP_BEFORE.search(
                doc.text[max(sent.start, m.start - 12):m.start])), x)
        if x.type == "ORG":
            if wm:
                rel = "funded_by" if wm.group(1).lower().startswith(("fund", "financ")) else "supported_by"
                f = _make(doc, sent, x, rel, y, (y.start - len(before.group()), wm.end()), None, "patterns")
                if f:
                    out.append(f)
    shares = list(_SHARE_FROM.finditer(doc.text, sent.start, sent.end))
    if shares:
        first = next((x for x in ms if x.end <= shares[0].start() and x.type == "ORG"), None) \
            or _topic_fallback(doc, sent, shares[0].start())
        for m in shares:
            funder = next((x for x in ms if x.start >= m.end() and x.start - m.end() < 3), None)
            if first is not None and funder is not None:
                f = _make(doc, sent, first, "funded_by", funder, (m.start(), m.end()), m.group("pct"), "patterns")
                if f:
                    out.append(f)


def _number(text: str) -> float:
    t = text.replace(",", "").lower()
    mult = 1000 if "thousand" in t else 1_000_000 if "million" in t else 1
    return float(re.sub(r"[^\d.]", "", t)) * mult


def _membership(doc: _Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
    if not _DIGIT.search(doc.text, sent.start, sent.end):
        return  # every membership figure is written in digits
    for m in _MEMBERS.finditer(doc.text, sent.start, sent.end):
        if not (m.group("noun") or m.group("pre")):
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", m.group("num")):
            continue
        if _CASUALTY.search(doc.text[max(sent.start, m.start() - 40):m.start()]) or _CASUALTY_AFTER.match(
                doc.text, m.end(), sent.end) or _CASUALTY_LATER.match(doc.text, m.end(), sent.end):
            continue
        lo = _number(m.group("num"))
        hi = _number(m.group("hi")) if m.group("hi") else None
        if lo < 5:
            continue
        after = doc.text[m.end():m.end() + 12]
        subject = None
        if re.match(r"\s+(?:of|from|in|for|with)\s+(?:the\s+)?", after):
            right = _right_group(doc, ms, m.end(), 20)
            subject = next((x for x in right if x.type == "ORG"), None)
        opening = _opening_end(doc, sent)
        if subject is None and m.start() < opening:
            # "With a claimed membership of 400, the group comprised …": the main clause's group
            after = next((x for x in ms if x.start > opening), None)
            if after is not None and after.type == "ORG" and re.fullmatch(r"\s*(?:the\s+)?",
                                                                          doc.text[opening + 1:after.start]):
                subject = after
            elif _GROUP_SUBJECT.match(doc.text, opening + 1):
                subject = _topic_mention(doc, sent)
        if subject is None:
            left = [x for x in ms if x.end <= m.start() and x.type == "ORG"][-1:]
            if left and _NOT_OWNER.search(doc.text[max(sent.start, left[-1].start - 12):left[-1].start]):
                # "X, a group aligned with Y, joined …, bringing 700 members": X's, not Y's
                left = [x for x in ms if x.end <= m.start() and x.type == "ORG" and not _NOT_OWNER.search(
                    doc.text[max(sent.start, x.start - 12):x.start])][:1]
            if left and 0 <= opening < m.start() and left[-1].end <= opening:
                # "Led by A and a KF commander B, the group comprised 580 members": not the KF's
                left = []
                if not _GROUP_SUBJECT.match(doc.text, opening + 1):
                    continue
            subject = left[-1] if left else (_fallback_subject(doc, sent, m.start(), "membership")
                                             or _topic_fallback(doc, sent, m.start()))
        if subject is None:
            continue
        f = _make(doc, sent, subject, "membership", None, (m.start(), m.end()), _fmt(lo), "patterns")
        if f:
            f.value_high = _fmt(hi) if hi is not None and hi > lo else None
            out.append(f)


# UN sanctions lists: "X was listed on 6 July 2017 pursuant to paragraphs 3 and 5 of resolution 2253 (2015)".
# The listing body is not named in these summaries; by convention it is the UN Security Council, whose
# resolutions the listings cite.
_UN_LISTED = re.compile(r"\b(?:was|were|has been|had been|is|are)\s+(?:also\s+)?listed\s+on\b[^.;]{0,60}?"
                        r"\b(?:pursuant to|under|within the provisions of|in accordance with)\b[^.;]{0,80}?"
                        r"\bresolutions?\s+\d{3,4}\b")
_UN_LISTED_AS = re.compile(r"\s*,\s*(?:which\s+(?:is|was)\s+)?listed\s+as\s+[^()]{2,120}\(Q[DI]e\.\d+\)")
UN_SECURITY_COUNCIL = "United Nations Security Council"


def _listing_body(doc: _Doc) -> int:
    """The entity index of the UN Security Council in this extraction, added once when first needed."""
    for i, e in enumerate(doc.ext.entities):
        if e.name == UN_SECURITY_COUNCIL:
            return i
    doc.ext.entities.append(Entity(UN_SECURITY_COUNCIL, "ORG", {"UN Security Council", "UNSC"}))
    return len(doc.ext.entities) - 1


def _un_listings(doc: _Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
    for m in _UN_LISTED.finditer(doc.text, sent.start, sent.end):
        # the listed group is the sentence's subject: its first name that is not a preposition's object
        subject = next((x for x in ms if x.end <= m.start() and x.type == "ORG" and not _PREP_BEFORE.search(
            doc.text[max(sent.start, x.start - 12):x.start])), None) or _topic_fallback(doc, sent, m.start())
        if subject is not None and subject.type == "ORG" and subject.entity >= 0:
            out.append(Fact(subject.entity, "designated", _listing_body(doc), (sent.start, sent.end),
                            (m.start(), m.end()), component="patterns"))
    for x in ms:
        la = _UN_LISTED_AS.match(doc.text, x.end, sent.end) if x.type == "ORG" and x.entity >= 0 else None
        if la:  # "Islamic State in Iraq and the Levant, listed as Al-Qaida in Iraq (QDe.115)": undated
            out.append(Fact(x.entity, "designated", _listing_body(doc), (x.start, la.end()),
                            (la.start(), la.end()), component="patterns"))


def _fmt(x: float) -> str:
    return str(int(x)) if x.is_integer() else str(x)


_POSSESSIVE_GROUP = re.compile(r"^(?P<who>.+?)'s\s+(?:[a-z]+\s+){0,2}?(?:group|faction|network|men|followers|"
                               r"militia|loyalists|fighters|forces|outfit|movement)$")


_PART_IN = re.compile(r"^(?P<who>.+?)'s\s+(?:[a-z]+\s+){0,2}?(?:faction|wing|branch|unit|cell|chapter|group)"
                      r"(?:\s+in\s+(?P<place>.+))?$")


_PART_OF = re.compile(r"^.+?\s+(?:faction|wing|branch)\s+of\s+(?:the\s+)?(?P<who>.+)$(?P<place>)")


# "the KF Military Commission", "the KF Leadership Council": an organ named after its group
_ORGAN = re.compile(r"^(?P<who>.+?)\s+(?:(?:Military|Political|Leadership|Central|Media|Security|Finance|Sharia|"
                    r"Executive|Consultative|Supreme|Guidance|Judicial|Intelligence)\s+)?(?:Commission|Council|"
                    r"Committee|Shura|Wing|Command|Office|Directorate|Bureau|Department)$")


def _possessive_leaders(doc: _Doc, out: list[Fact]) -> None:
    """ "Sadiq Noor's group" is led by Sadiq Noor: a group named by its leader's possessive; "KF's faction
    in Dovran Province" is a part of the KF, based in Dovran Province."""
    people: dict[str, int] = {}
    named: dict[str, int] = {}
    for i, e in enumerate(doc.ext.entities):
        for n in {e.name, *e.aliases}:
            named.setdefault(n.lower(), i)
            if e.type == "PERSON":
                people.setdefault(n.lower(), i)
    parts_done: set[int] = set()
    for m in doc.mentions:
        if m.type != "ORG" or m.entity < 0:
            continue
        surface = doc.text[m.start:m.end]  # normalised typography: "KF’s" reads "KF's"
        part = _PART_IN.match(surface) or _PART_OF.match(surface) or _ORGAN.match(surface)
        whole = named.get(part.group("who").lower()) if part else None
        sent = doc.sentence_at(m.start)
        if part and whole is not None and doc.ext.entities[whole].type == "ORG" and whole != m.entity and \
                m.entity not in parts_done and sent is not None:
            parts_done.add(m.entity)
            out.append(Fact(m.entity, "component_of", whole, (sent.start, sent.end), (m.start, m.end),
                            component="patterns"))
            place = named.get((part.groupdict().get("place") or "").lower())
            if place is not None and doc.ext.entities[place].type == "PLACE":
                out.append(Fact(m.entity, "based_in", place, (sent.start, sent.end), (m.start, m.end),
                                component="patterns"))
        pm = _POSSESSIVE_GROUP.match(surface)
        who = people.get(pm.group("who").lower()) if pm else None
        sent = doc.sentence_at(m.start) if who is not None else None
        if who is None or sent is None:
            continue
        out.append(Fact(who, "leader_of", m.entity, (sent.start, sent.end), (m.start, m.end), value="leader",
                        component="patterns"))
        people.pop(pm.group("who").lower())  # once per group: its first mention is the evidence


def relations(ext: Extraction) -> Extraction:
    """Find the facts of every sentence, then drop repeats within the document."""
    doc = _Doc(ext)
    found: list[Fact] = []
    _trigger_facts(doc, found)
    _pattern_facts(doc, found)
    _possessive_leaders(doc, found)
    for f in list(found):
        if f.relation == "successor_of" and f.object is not None:
            # "Q was succeeded by P": P took Q's place at the head of the one group Q is said to lead
            led = sorted((g.evidence[0], g.object, g.value) for g in found
                         if g.relation == "leader_of" and g.subject == f.object and g.object is not None)
            before = [x for x in led if x[0] <= f.evidence[0]]
            pick = before[-1] if before else (led[0] if len({x[1] for x in led}) == 1 else None)
            if pick is not None and pick[1] != f.subject:
                found.append(Fact(f.subject, "leader_of", pick[1], f.evidence, f.trigger,
                                  value=pick[2] or "leader", component="patterns"))
    found = [f for f in found if not (f.relation == "founded_on" and not doc.times_in(*f.evidence))]
    for f in list(found):
        if f.relation == "founded" and f.object is not None and f.component == "relations" and \
                doc.times_in(*f.evidence):
            # "X formed Y in 2013": Y's founding date
            found.append(Fact(f.object, "founded_on", None, f.evidence, f.trigger, component="patterns"))
        if f.relation == "merged_into" and re.search(r"\bmerger of\b", doc.text[f.trigger[0]:f.trigger[1]], re.I):
            # the groups whose merger formed a group are its components
            found.append(Fact(f.subject, "component_of", f.object, f.evidence, f.trigger, component="patterns"))
    valued = {(f.subject, f.relation, f.object, f.evidence) for f in found if f.value is not None
              and f.relation == "funded_by"}
    found = [f for f in found if not (f.relation == "funded_by" and f.value is None
                                      and (f.subject, f.relation, f.object, f.evidence) in valued)]
    seen: set[tuple[object, ...]] = set()
    for f in sorted(found, key=lambda f: (f.evidence[0], f.trigger[0])):
        key = (f.subject, f.relation, f.object, f.value, f.evidence)
        if f.relation in SYMMETRIC and f.object is not None and f.object < f.subject:
            key = (f.object, f.relation, f.subject, f.value, f.evidence)
        if key in seen:
            continue
        seen.add(key)
        ext.facts.append(f)
    return ext
