"""Surface patterns without a trigger verb: possessive leaders and parts ("TTP leader X", "the A's B"),
appositions of roles, groups named after their leader, place lists, and the figures of each sentence."""

from __future__ import annotations

import re

from factionmap.components.relations.document import (
    Doc,
    LowerCasePattern,
    make_fact,
    opening_end,
    ordered_killing,
    topic_mention,
)
from factionmap.components.relations.figures import backing_facts, funding_shares, membership_facts, un_listings
from factionmap.components.relations.groups import COORD, ROLE_BETWEEN, right_group
from factionmap.components.relations.triggers import BY_AGENT, GROUP_SUBJECT, STRIKE, role_word
from factionmap.lexicon import demonym_countries, role_nouns
from factionmap.model import Fact, Mention

_LED_BY_INITIAL = re.compile(r"^\s*(?:Led|Headed|Commanded)\s+by\s+(?:[\w-]+\s+){0,3}$")
_FOUNDED_BY_INITIAL = re.compile(r"^\s*(?:Founded|Established|Formed|Created|Set up)\b[^,;]{0,40}?\bby\s+$")
_AS_ROLE = re.compile(
    r"\s+as\s+(?:its\s+|the\s+|their\s+)?(?:(?:new|first|acting|interim|deputy|chief)\s+)?"
    r"(?P<role>" + role_nouns() + r")\b",
    re.I,
)
_KILLING_OF = re.compile(r"\b(?:killing|assassination|execution|murder)\s+of\s+", re.I)
# "The leader of X, P": the role before the group, the person in apposition after it
_ROLE_OF_BEFORE = re.compile(
    r"\b(?:the|its|their)\s+(?:(?:former|then|new|current|first|deputy|top|senior|overall|supreme|military|"
    r"founding|late|acting|chief)\s+)*(?P<role>" + role_nouns() + r")\s+of\s+(?:the\s+)?$",
    re.I,
)
_APPOS_ROLE = re.compile(
    r"^\s*,\s*(?:the|a|an|its)\s+(?:(?:former|then|new|current|first|deputy|top|senior|prominent|overall|"
    r"supreme|military|founding|late|[A-Z][a-z]+(?:ian|ese|ish|i|an))\s+)*(?P<role>" + role_nouns() + r"|secretary|"
    r"minister|director|president|member|fighter|militant|operative)"
    r"\s+(?:of|in|for|with)\s+(?:the\s+)?$",
    re.I,
)
_ORG_IN_PLACE = re.compile(
    r"(?:['\"]?\)|\s+(?:leadership|command|fighters|militants|forces)"
    r"|'s\s+(?:\w+\s+){0,2}?(?:branch|branches|faction|wing|cell|presence|forces|"
    r"fighters|members|operations|headquarters|base|bases|emirs?|chapter|affiliate))?"
    r"\s+(?:in|of)\s+(?:the\s+)?(?:[\w]+-(?:majority|dominated|populated|held|controlled)\s+)?",
    re.I,
)
_BECAME = re.compile(
    r"\s*,?\s*(?:who\s+)?(?:would\s+|later\s+|then\s+)?(?:become|became|was|were|is|are|"
    r"served\s+as|remains?|remained)\s+(?:the\s+|its\s+)?",
    re.I,
)
_PERSON_ORG_ROLE = re.compile(
    r"\s*,\s*(?:the|a|an|its)\s+(?:(?:former|then|new|current|first|prominent|senior|top|"
    r"deputy|overall|supreme|military|founding|late|local)\s+)*(?:the\s+)?",
    re.I,
)
_ROLE_AFTER = re.compile(
    r"(?:'s)?\s+(?:(?:former|then|new|current|first|deputy|top|senior|overall|supreme|"
    r"military|chief|provincial|special|regional)\s+)*(?P<role>" + role_nouns() + r")s?\b",
    re.I,
)
_LEAD_ROLES = {
    "commander",
    "emir",
    "amir",
    "wali",
    "general",
    "president",
    "governor",
    "chief",
    "leader",
    "founder",
    "spokesman",
    "spokesperson",
    "deputy",
    "king",
    "prince",
    "sultan",
    "chairman",
    "director",
    "prime minister",
    "minister",
}
_DECEASED = re.compile(r"\s*\((?:deceased|died|killed|dead|d\.|†)[^)]{0,30}\)", re.I)
_DEMONYM_GROUP = re.compile(
    r"(?:\s*\([^()]{0,80}\))?\s+(?:is|was|are|were)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<adj>[A-Z][a-z]+)\s+(?:[\w-]+\s+){0,4}?(?:group|organi[sz]ation|movement|"
    r"network|faction|militia|party|front|outfit|insurgency)\b"
)
_ATTACKS_BY = re.compile(
    r"\b(?:attacks?|strikes?|raids?|offensives?|operations?|campaigns?|war|bombings?|"
    r"assaults?|killings?|fighting)\s+(?:carried out\s+|launched\s+|waged\s+)?(?:by|from)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_AGAINST = re.compile(r"\s+(?:against|on|targeting)\s+(?:the\s+)?", re.I)
_LIST_CUE = re.compile(
    r"\b(?:groups|organi[sz]ations|factions|outfits|militias|movements)\s+(?:\w+\s+)?"
    r"(?:included|including|such as|like|namely|formed|emerged|operated|existed|were active)\b",
    re.I,
)
_BROKE_TO_FORM = re.compile(
    r"\b(?:broke|split|splintered|seceded|defected)\s+(?:away\s+|off\s+)?from\s+"
    r"(?P<from>[^.;]{1,80}?)\s+to\s+(?:form|found|create|establish|launch|set\s+up)\s+",
    re.I,
)
_ABSORBED_INTO = LowerCasePattern(
    r"\b(?:absorption|integration|incorporation|merger|merging|folding|"
    r"amalgamation)\s+of\s+(?:the\s+)?"
)
_INTO = re.compile(r"\s+into\s+(?:the\s+)?", re.I)
# a tie said as a noun between two named sides: "a ceasefire agreement between A and B", "clashes between
# A and the B", "an alliance between A and B": the relation of the noun, between the two
_BETWEEN_SIDES = re.compile(
    r"\b(?:(?P<ceasefire>cease-?fires?|truces?|armistices?|peace\s+(?:deal|agreement|accord|treaty|talks))"
    r"|(?P<allied>alliances?|partnerships?|cooperation|coalition)"
    r"|(?P<rival>clashes|fighting|hostilities|conflict|war|rivalry|feud|infighting))"
    r"(?:\s+(?:agreements?|deals?))?\s+between\s+(?:the\s+)?",
    re.I,
)
_AND_THE = re.compile(r"\s+and\s+(?:the\s+)?")
_APPOINTED = re.compile(r"\b(?:appointed|named|designated|nominated|installed|made)\s+(?:the\s+)?", re.I)
_TO_BE_ROLE = re.compile(r"\b(?:to\s+be|as)\s+(?:the\s+|its\s+)?", re.I)
_SPLINTERS_SUCH_AS = re.compile(
    r"\bsplinter\s+(?:groups|factions|organi[sz]ations|movements)\s*"
    r"(?P<of>(?:of|from)\s+(?:the\s+)?\S+(?:\s+[A-Z]\S*){0,3}\s*)?,?\s*"
    r"(?:such as|including|like|namely)\s+",
    re.I,
)
_IN_PLACE_OPENING = re.compile(
    r"\s*(?:In|Across|Throughout)\s+(?:(?:specific|certain|some|several|many)\s+)?"
    r"(?:(?:regions|areas|provinces|parts|districts)\s+(?:like|such as)\s+)?"
)
_PAREN_ROLE = re.compile(
    r"\s*\(\s*(?:(?:former|then|deputy|senior|top|chief|military|acting|overall|supreme)\s+)*"
    r"(?P<role>" + role_nouns() + r")\s*(?:(?:of|in|for)\s+(?:the\s+)?(?P<where>[^()]{1,60}?))?\s*\)",
    re.I,
)


def pattern_facts(doc: Doc, out: list[Fact]) -> None:
    for sent in doc.sents:
        ms = doc.in_span(sent.start, sent.end)
        for x, y in zip(ms, ms[1:], strict=False):
            between = doc.text[x.end : y.start]
            rm = ROLE_BETWEEN.match(between)
            if rm and x.type == "ORG" and y.type == "PERSON":
                f = make_fact(doc, sent, y, "leader_of", x, (x.end, y.start), role_word(rm), "rule:patterns")
                if f:
                    out.append(f)
                if re.search(r"\b(?:co-)?founder\b", between, re.I):  # "KF leader and founder Mullah Vashti"
                    f = make_fact(doc, sent, y, "founded", x, (x.end, y.start), None, "rule:patterns")
                    if f:
                        out.append(f)
            if x.type == "ORG" and y.type == "PERSON" and re.fullmatch(r"\s*,\s*", between):
                rb = _ROLE_OF_BEFORE.search(doc.text, max(sent.start, x.start - 60), x.start)
                if rb and rb.end() == x.start:
                    f = make_fact(doc, sent, y, "leader_of", x, (rb.start(), x.start), role_word(rb), "rule:patterns")
                    if f:
                        out.append(f)
            am = _APPOS_ROLE.match(between)
            if am and x.type == "PERSON" and y.type == "ORG":
                role = role_word(am)
                rel = "member_of" if role in ("member", "fighter", "militant", "operative") else "leader_of"
                f = make_fact(
                    doc, sent, x, rel, y, (x.end, y.start), None if rel == "member_of" else role, "rule:patterns"
                )
                if f:
                    out.append(f)
            if (
                x.type == "ORG"
                and y.type == "PLACE"
                and _ORG_IN_PLACE.fullmatch(between)
                and not re.search(
                    r"\b(?:against|fought|fighting|fight)\s+(?:the\s+)?$",
                    doc.text[max(sent.start, x.start - 20) : x.start],
                )
            ):
                # (the enemy "fought against the Dorn Brigade in Kenya" is fought there, not based there)
                group = [y] + [m for m in right_group(doc, ms, y.start, 0)[1:] if m.type == "PLACE"]
                for place in group:
                    f = make_fact(doc, sent, x, "based_in", place, (x.end, y.start), None, "rule:patterns")
                    if f:
                        out.append(f)
            if x.type == "PERSON" and y.type == "ORG" and _BECAME.fullmatch(between):
                tail = _ROLE_AFTER.match(doc.text, y.end)
                if tail and doc.text[y.end : tail.start("role")].lstrip().startswith("'s"):
                    people = [x] + [
                        m
                        for m in reversed(ms[: ms.index(x)])
                        if m.type == "PERSON" and COORD.match(doc.text[m.end : x.start])
                    ][:1]
                    for person in people:
                        f = make_fact(
                            doc,
                            sent,
                            person,
                            "leader_of",
                            y,
                            (x.end, tail.end()),
                            role_word(tail).rstrip("s"),
                            "rule:patterns",
                        )
                        if f:
                            out.append(f)
            pm = _PERSON_ORG_ROLE.fullmatch(between)
            if x.type == "PERSON" and y.type == "ORG" and pm:
                tail = _ROLE_AFTER.match(doc.text, y.end)
                if tail:
                    f = make_fact(doc, sent, x, "leader_of", y, (x.end, tail.end()), role_word(tail), "rule:patterns")
                    if f:
                        out.append(f)
            if (
                x.type == "PERSON"
                and x.head
                and x.head.lower() in _LEAD_ROLES
                and y.type in ("ORG", "PLACE")
                and re.fullmatch(r"\s+of\s+(?:the\s+)?", between)
            ):
                ent = doc.ext.entities[y.entity]
                if ent.type == "ORG" or y.type == "PLACE":
                    f = Fact(
                        x.entity,
                        "leader_of",
                        y.entity,
                        (sent.start, sent.end),
                        (x.start, y.start),
                        value=x.head.lower(),
                        component="rule:patterns",
                    )
                    out.append(f)
            if _AGAINST.fullmatch(between) and _ATTACKS_BY.search(doc.text[max(sent.start, x.start - 40) : x.start]):
                f = make_fact(doc, sent, x, "rival_of", y, (x.end, y.start), None, "rule:patterns")
                if f:
                    out.append(f)
            if re.fullmatch(r"'s\s+", between) and x.type == "ORG" and y.type == "ORG":
                # "the Taliban's Peshawar Shura and semi-autonomous Miran Shah Shura", "X's A and leadership
                # council (B)": every part the possessive governs
                parts = [y] + [m for m in right_group(doc, ms, y.start, 0)[1:] if m.type == "ORG"]
                opening = opening_end(doc, sent)
                if opening >= y.end:  # "Though he was a cadre of the KF's Dorn Shura, Khadim fell …": not a part
                    parts = [m for m in parts if m.end <= opening]
                tail = re.match(r"\s+and\s+(?:[a-z-]+\s+){1,3}(?:\(\s*)?", doc.text[y.end : sent.end])
                if tail:
                    nxt = next((m for m in ms if m.start == y.end + tail.end() and m.type == "ORG"), None)
                    if nxt is not None and nxt not in parts:
                        parts.append(nxt)
                for part in parts:
                    f = make_fact(doc, sent, part, "component_of", x, (x.end, y.start), None, "rule:patterns")
                    if f:
                        out.append(f)
        if ms and ms[0].type == "PERSON" and _LED_BY_INITIAL.match(doc.text[sent.start : ms[0].start]):
            # "Led by P1 and later P2, the X Front …" / "Led by figures like P1 and P2, the group …":
            # the people of the opening clause lead the group the main clause names, or the paragraph's
            comma = doc.text.find(",", ms[-1].end if len(ms) == 1 else ms[0].end, sent.end)
            while comma != -1 and re.match(r",\s*(?:and|or)\b", doc.text[comma : comma + 6]):
                comma = doc.text.find(",", comma + 1, sent.end)
            people = [m for m in ms if m.type == "PERSON" and (comma == -1 or m.end <= comma)]
            org: Mention | None = None
            if comma != -1:
                nxt = next((m for m in ms if m.start > comma), None)
                if (
                    nxt is not None
                    and nxt.type == "ORG"
                    and re.fullmatch(r"\s*(?:the\s+)?", doc.text[comma + 1 : nxt.start])
                ):
                    org = nxt
                elif GROUP_SUBJECT.match(doc.text, comma + 1):
                    org = topic_mention(doc, sent)
            if org is not None:
                for person in people:
                    f = make_fact(
                        doc, sent, person, "leader_of", org, (sent.start, person.start), "leader", "rule:patterns"
                    )
                    if f:
                        out.append(f)
                for a_, b_ in zip(people, people[1:], strict=False):
                    if re.fullmatch(r"\s+and\s+(?:later|then|subsequently)\s+", doc.text[a_.end : b_.start]):
                        f = make_fact(doc, sent, b_, "successor_of", a_, (a_.end, b_.start), None, "rule:patterns")
                        if f:  # "Led by A and later B": B followed A
                            out.append(f)
        if ms and ms[0].type == "PERSON" and _FOUNDED_BY_INITIAL.match(doc.text[sent.start : ms[0].start]):
            org = next((m for m in ms[1:] if m.type == "ORG"), None)
            if org is not None and re.fullmatch(r"\s*,\s*(?:the\s+)?", doc.text[ms[0].end : org.start]):
                f = make_fact(doc, sent, ms[0], "founded", org, (sent.start, ms[0].start), None, "rule:patterns")
                if f:
                    out.append(f)
        for m in ms:
            asr = _AS_ROLE.match(doc.text, m.end)
            if (
                m.type == "PERSON"
                and asr
                and re.search(r"\bwith\s+$", doc.text[max(sent.start, m.start - 6) : m.start])
            ):
                orgs = [x for x in ms if x.end <= m.start and x.type == "ORG"]
                if orgs:  # "the establishment of X with Y as wali"
                    f = make_fact(
                        doc, sent, m, "leader_of", orgs[-1], (m.end, asr.end()), role_word(asr), "rule:patterns"
                    )
                    if f:
                        out.append(f)
        for k in _KILLING_OF.finditer(doc.text, sent.start, sent.end):
            victim = next((m for m in ms if m.start >= k.end() and m.type == "PERSON" and m.start - k.end() < 30), None)
            if victim is None or ordered_killing(doc.text, victim.start):
                continue
            by = BY_AGENT.match(doc.text, victim.end, sent.end)
            killer = next((m for m in ms if by and m.start >= by.end() and m.start - by.end() < 6), None)
            strike = STRIKE.match(doc.text, victim.end, sent.end) if killer is None else None
            if strike:  # "the killing of X in a U.S. drone strike"
                killer = next(
                    (m for m in ms if m.start >= strike.start("who") and m.end <= strike.end("who") + 1), None
                )
            f = make_fact(doc, sent, victim, "killed", killer, (k.start(), k.end()), None, "rule:patterns")
            if f:
                out.append(f)
        for m in ms:
            dead = _DECEASED.match(doc.text, m.end) if m.type == "PERSON" else None
            if dead:  # the trigger is the remark itself: it carries no date of its own
                f = make_fact(doc, sent, m, "killed", None, (m.end, dead.end()), None, "rule:patterns")
                if f:
                    out.append(f)
        for m in ms:
            if m.type != "ORG":
                continue
            dm = _DEMONYM_GROUP.match(doc.text, m.end)
            if dm and dm.group("adj").lower() in demonym_countries():
                country = demonym_countries()[dm.group("adj").lower()]
                home = next(
                    (
                        x
                        for x in doc.ext.mentions
                        if x.type == "PLACE" and doc.ext.entities[x.entity].name.lower() == country.lower()
                    ),
                    None,
                )
                if home is not None:
                    f = make_fact(doc, sent, m, "based_in", home, (dm.start("adj"), dm.end()), None, "rule:patterns")
                    if f:
                        out.append(f)
        cue = _LIST_CUE.search(doc.text, sent.start, sent.end)
        if cue:
            head = doc.text[sent.start : cue.start()]
            places = [m for m in doc.in_span(sent.start, cue.start()) if m.type == "PLACE"]
            if places and re.match(
                r"\s*(?:In|Across|Within)\b|\s*\S+(?:\s+\S+){0,3}\s+(?:hosted|had|saw)\b", head + " "
            ):
                for m in doc.in_span(cue.end(), sent.end):
                    f = make_fact(doc, sent, m, "based_in", places[0], (cue.start(), cue.end()), None, "rule:patterns")
                    if f:
                        out.append(f)
        for x in ms:
            sa = (
                _MEMBERS_SUCH_AS.match(doc.text, x.end, sent.end)
                if x.type == "ORG" and x.text.split()[0].lower() not in demonym_countries()
                else None
            )  # not "Kenyan Somali factions"
            if sa:  # "Kharan Front forces, such as A and B": the parts of a group
                for part in right_group(doc, ms, sa.end(), 8):
                    f = make_fact(doc, sent, part, "component_of", x, (x.end, sa.end()), None, "rule:patterns")
                    if f:
                        out.append(f)
        last_org: Mention | None = None
        for pr in _PAREN_ROLE.finditer(doc.text, sent.start, sent.end):
            holder = next(
                (
                    x
                    for x in ms
                    if x.end <= pr.start() and not doc.text[x.end : pr.start()].strip() and x.type == "PERSON"
                ),
                None,
            )
            # "A (emir of the Kharan Front), B (deputy emir), and C (senior commander
            # in Zabul)": each role in its parenthesis, the group named once for the list
            inner = [x for x in ms if pr.start("where") <= x.start < pr.end("where")] if pr.group("where") else []
            named_org = next((x for x in inner if x.type == "ORG"), None)
            where = next((x for x in inner if x.type == "PLACE"), None)
            their_group = named_org or last_org
            if their_group is not None and holder is not None:
                f = make_fact(
                    doc, sent, holder, "leader_of", their_group, (pr.start(), pr.end()), role_word(pr), "rule:patterns"
                )
                if f:
                    out.append(f)
                if where is not None and named_org is None:
                    f = make_fact(
                        doc, sent, their_group, "based_in", where, (pr.start(), pr.end()), None, "rule:patterns"
                    )
                    if f:
                        out.append(f)
            last_org = their_group
        im = _IN_PLACE_OPENING.match(doc.text, sent.start)
        if im:
            # "In regions like northern Kenya, the Kharan Front's forces …": the clause's group is there
            region = next((m for m in ms if im.end() <= m.start < im.end() + 3 and m.type == "PLACE"), None)
            comma = doc.text.find(",", region.end, sent.end) if region is not None else -1
            subject = next((m for m in ms if comma != -1 and m.start > comma and m.type == "ORG"), None)
            if (
                region is not None
                and subject is not None
                and re.fullmatch(r"\s*(?:the\s+)?", doc.text[comma + 1 : subject.start])
                and not doc.text[region.end : comma].strip()
            ):
                f = make_fact(doc, sent, subject, "based_in", region, (im.start(), comma), None, "rule:patterns")
                if f:
                    out.append(f)
        for sm in _SPLINTERS_SUCH_AS.finditer(doc.text, sent.start, sent.end):
            # "others formed splinter groups such as A and B": splinters of the group being spoken of
            parent = next(
                (m for m in ms if sm.group("of") and m.start >= sm.start("of") and m.type == "ORG"), None
            ) or topic_mention(doc, sent)
            for part in right_group(doc, ms, sm.end(), 8) if parent is not None else []:
                f = make_fact(doc, sent, part, "splinter_of", parent, (sm.start(), sm.end()), None, "rule:patterns")
                if f:
                    out.append(f)
        for am in _APPOINTED.finditer(doc.text, sent.start, sent.end):
            # "X appointed P, an Afghan from Baghlan, to be the Kharan Front's special representative"
            appointee = next(
                (m for m in ms if m.start >= am.end() and m.start - am.end() < 4 and m.type == "PERSON"), None
            )
            tb = _TO_BE_ROLE.search(doc.text, appointee.end, sent.end) if appointee is not None else None
            org = next(
                (m for m in ms if tb and m.start >= tb.end() and m.start - tb.end() < 4 and m.type == "ORG"), None
            )
            role_m = _ROLE_AFTER.match(doc.text, org.end) if org is not None else None
            if appointee is not None and org is not None and role_m and doc.text.startswith("'s", org.end):
                f = make_fact(
                    doc,
                    sent,
                    appointee,
                    "leader_of",
                    org,
                    (am.start(), role_m.end()),
                    role_word(role_m),
                    "rule:patterns",
                )
                if f:
                    out.append(f)
        for bm in _BROKE_TO_FORM.finditer(doc.text, sent.start, sent.end):
            # "A group of KF fighters broke away from the organization to form the Salt Brigade"
            new = next((m for m in ms if m.start >= bm.end() and m.start - bm.end() < 6 and m.type == "ORG"), None)
            parent = next((m for m in ms if bm.start("from") <= m.start < bm.end("from") and m.type == "ORG"), None)
            if parent is None:
                before = [m for m in ms if m.end <= bm.start() and m.type == "ORG"]
                parent = before[-1] if before else topic_mention(doc, sent)
            if new is not None and parent is not None:
                f = make_fact(doc, sent, new, "splinter_of", parent, (bm.start(), bm.end()), None, "rule:patterns")
                if f:
                    out.append(f)
        for im in _ABSORBED_INTO.finditer(doc, sent.start, sent.end):
            # "the absorption of the Salt Brigade into the KF": a merger said as a noun
            absorbed = next((m for m in ms if m.start == im.end() and m.type == "ORG"), None)
            into = _INTO.match(doc.text, absorbed.end, sent.end) if absorbed is not None else None
            whole = next((m for m in ms if into and m.start == into.end() and m.type == "ORG"), None)
            if absorbed is not None and into is not None and whole is not None:
                f = make_fact(
                    doc, sent, absorbed, "merged_into", whole, (im.start(), into.end()), None, "rule:patterns"
                )
                if f:
                    out.append(f)
        for bm in _BETWEEN_SIDES.finditer(doc.text, sent.start, sent.end):
            one = next((m for m in ms if m.start == bm.end() and m.type == "ORG"), None)
            joint = _AND_THE.match(doc.text, one.end, sent.end) if one is not None else None
            other = next((m for m in ms if joint and m.start == joint.end() and m.type == "ORG"), None)
            if one is not None and other is not None and one.entity != other.entity:
                rel = "ceasefire_with" if bm.group("ceasefire") else "allied_with" if bm.group("allied") else "rival_of"
                f = make_fact(doc, sent, one, rel, other, (bm.start(), other.end), None, "rule:patterns")
                if f:
                    out.append(f)
        membership_facts(doc, sent, ms, out)
        un_listings(doc, sent, ms, out)
        funding_shares(doc, sent, ms, out)
        backing_facts(doc, sent, ms, out)


_MEMBERS_SUCH_AS = re.compile(
    r"(?:'s)?\s+(?:component\s+|affiliated\s+|member\s+)?(?:forces|groups|factions|"
    r"affiliates|components|units|branches|wings|cells)\s*,?\s+"
    r"(?:such as|including|like|namely)\s+",
    re.I,
)
_POSSESSIVE_GROUP = re.compile(
    r"^(?P<who>.+?)'s\s+(?:[a-z]+\s+){0,2}?(?:group|faction|network|men|followers|"
    r"militia|loyalists|fighters|forces|outfit|movement)$"
)
_PART_IN = re.compile(
    r"^(?P<who>.+?)'s\s+(?:[a-z]+\s+){0,2}?(?:faction|wing|branch|unit|cell|chapter|group)"
    r"(?:\s+in\s+(?P<place>.+))?$"
)
_PART_OF = re.compile(r"^.+?\s+(?:faction|wing|branch)\s+of\s+(?:the\s+)?(?P<who>.+)$(?P<place>)")
# "the KF Military Commission", "the KF Leadership Council": an organ named after its group
_ORGAN = re.compile(
    r"^(?P<who>.+?)\s+(?:(?:Military|Political|Leadership|Central|Media|Security|Finance|Sharia|"
    r"Executive|Consultative|Supreme|Guidance|Judicial|Intelligence)\s+)?(?:Commission|Council|"
    r"Committee|Shura|Wing|Command|Office|Directorate|Bureau|Department)$"
)


def possessive_leaders(doc: Doc, out: list[Fact]) -> None:
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
        surface = doc.text[m.start : m.end]  # normalised typography: "KF’s" reads "KF's"
        part = _PART_IN.match(surface) or _PART_OF.match(surface) or _ORGAN.match(surface)
        whole = named.get(part.group("who").lower()) if part else None
        sent = doc.sentence_at(m.start)
        if (
            part
            and whole is not None
            and doc.ext.entities[whole].type == "ORG"
            and whole != m.entity
            and m.entity not in parts_done
            and sent is not None
        ):
            parts_done.add(m.entity)
            out.append(
                Fact(
                    m.entity, "component_of", whole, (sent.start, sent.end), (m.start, m.end), component="rule:patterns"
                )
            )
            place = named.get((part.groupdict().get("place") or "").lower())
            if place is not None and doc.ext.entities[place].type == "PLACE":
                out.append(
                    Fact(
                        m.entity, "based_in", place, (sent.start, sent.end), (m.start, m.end), component="rule:patterns"
                    )
                )
        pm = _POSSESSIVE_GROUP.match(surface)
        who = people.get(pm.group("who").lower()) if pm else None
        sent = doc.sentence_at(m.start) if who is not None else None
        if pm is None or who is None or sent is None:
            continue
        out.append(
            Fact(
                who,
                "leader_of",
                m.entity,
                (sent.start, sent.end),
                (m.start, m.end),
                value="leader",
                component="rule:patterns",
            )
        )
        people.pop(pm.group("who").lower())  # once per group: its first mention is the evidence
