"""Figures and backers: membership counts, funding shares and sources, "X-backed" and "with X backing",
and UN sanctions listings."""

from __future__ import annotations

import re

from factionmap.components.relations.document import (
    PREP_BEFORE,
    Doc,
    LowerCasePattern,
    fallback_subject,
    make_fact,
    opening_end,
    topic_fallback,
    topic_mention,
)
from factionmap.components.relations.groups import right_group
from factionmap.components.relations.triggers import GROUP_SUBJECT
from factionmap.lexicon import demonym_countries, people_nouns
from factionmap.model import Entity, Fact, Mention, Sentence

_BACKED = re.compile(r"(?P<who>[A-Z][\w'-]*)-(?:backed|sponsored|supported|funded|financed|trained|armed)\b")
_SHARE_FROM = re.compile(
    r"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(?:of\s+(?:its\s+|their\s+)?"
    r"(?:funding|funds|income|budget|revenue|financing)\s+)?(?:comes?\s+|came\s+)?from\s+"
    r"(?:the\s+)?",
    re.I,
)
_SOURCES = re.compile(
    r"'s\s+(?:main\s+|principal\s+|chief\s+)?(?:funding|financial)\s+(?:sources|backers|donors)"
    r"\s*,?\s*(?:which\s+)?(?:included|include|includes|including|were|are)\s+(?:the\s+)?",
    re.I,
)
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:thousand|million))?"
_MEMBERS = re.compile(
    rf"(?:(?P<pre>strength|membership|numbers?|ranks|size|(?:grew|expanded|swelled|increased|built up)\s+"
    rf"(?:his|her|its|their|the)\s+(?:organi[sz]ation|group|force|ranks|movement|network))\s+(?:\w+\s+){{0,2}}?"
    rf"(?:of|at|to|stood at|was|were|reached|grew to|swelled to)\s+)?"
    rf"(?:(?:about|around|approximately|nearly|almost|some|over|more than|up to|"
    rf"roughly|an estimated|at least|as many as|fewer than|less than|between|only|estimated)\s+)*"
    rf"(?P<num>{_NUM})(?:\s*(?:-|to|and)\s*(?P<hi>{_NUM}))?(?:\s+(?P<noun>(?:\w+\s+){{0,2}}?(?:members|fighters|"
    rf"militants|cadres|men|operatives|recruits|soldiers|combatants|followers|volunteers|jihadists|"
    rf"insurgents|personnel)))?",
    re.I,
)
_DIGIT = re.compile(r"\d")
_HEADCOUNT_WORD = LowerCasePattern(
    rf"\b(?:{people_nouns()})\b|strength|membership|ranks|numbers?|size|grew|"
    r"expanded|swelled|increased|built up"
)
_CASUALTY_AFTER = re.compile(
    r"\s+(?:had\s+|have\s+|has\s+)?(?:been\s+|were\s+|was\s+)?(?:killed|wounded|injured|"
    r"captured|arrested|executed|dead|died)\b",
    re.I,
)
# "Between 85 and 200 members of the X leadership and others, including P, were killed": the verb comes later
_CASUALTY_LATER = re.compile(
    r"[^.;]{0,150}?\b(?:were|was|had been|have been|are)\s+(?:\w+\s+)?(?:killed|"
    r"wounded|injured|captured|arrested|executed|detained|massacred)\b"
)
_CASUALTY = re.compile(
    r"\b(?:kill\w*|wound\w*|injur\w*|dead|deaths?|lost|captured|arrested|executed|"
    r"surrendered|casualties|died|salar\w+|\$)\W*(?:\w+\W+){0,3}$",
    re.I,
)
_NOT_OWNER = re.compile(r"\b(?:with|by|to|against|from|into)\s+(?:the\s+)?$", re.I)
_SHARE = re.compile(
    r"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+of\s+(?:(?P<own>its|their|the group's)|"
    r"(?:the\s+)?(?P<whose>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*?)'s)\s+(?:\w+\s+)?(?:funding|funds|income|"
    r"budget|revenue|financing|finances|money)",
    re.I,
)


def funding_shares(doc: Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
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
            if (
                f.relation == "funded_by"
                and f.subject == recipient.entity
                and f.object == funder.entity
                and f.evidence == (sent.start, sent.end)
            ):
                f.value = pct
                break
        else:
            made = make_fact(doc, sent, recipient, "funded_by", funder, (m.start(), m.end()), pct, "rule:patterns")
            if made:
                out.append(made)


_WITH_BACKING = re.compile(r"(?:'s)?\s+(backing|support|sponsorship|help|funding|financing|assistance)\b", re.I)


def backing_facts(doc: Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
    """ "the Iranian-backed faction X" and "X's funding sources included A, B" and "50% from A, 30% from B"."""
    for m in _BACKED.finditer(doc.text, sent.start, sent.end):
        backed = next((x for x in ms if x.start > m.end() and x.type == "ORG" and x.start - m.end() < 60), None)
        if backed is None:
            continue
        who = next((x for x in ms if x.start <= m.start("who") and x.end >= m.end("who") - 1), None)
        if who is None:
            country = demonym_countries().get(m.group("who").lower())
            who = next(
                (
                    x
                    for x in doc.mentions
                    if country and x.type == "PLACE" and doc.ext.entities[x.entity].name.lower() == country.lower()
                ),
                None,
            )
        rel = "funded_by" if "fund" in m.group() or "financ" in m.group() else "supported_by"
        if who is not None:
            f = make_fact(doc, sent, backed, rel, who, (m.start(), m.end()), None, "rule:patterns")
            if f:
                out.append(f)
    for x in ms:
        sm = _SOURCES.match(doc.text, x.end)
        if x.type == "ORG" and sm:
            for y in right_group(doc, ms, sm.end(), 5):
                f = make_fact(doc, sent, x, "funded_by", y, (x.end, sm.end()), None, "rule:patterns")
                if f:
                    out.append(f)
    for k, y in enumerate(ms):
        # "the Kharan Front (with Kenyan army backing)": the backer named inside "with … backing"; away
        # from its group ("X … fought on and later, (with Kenyan army backing), bombed …"), the backed
        # group is the sentence's subject
        wm = _WITH_BACKING.match(doc.text, y.end)
        if not wm or not k:
            continue
        before = re.search(
            r"\bwith\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?$", doc.text[max(sent.start, y.start - 30) : y.start]
        )
        if not before:
            continue
        x = ms[k - 1]
        if not re.fullmatch(r"\s*[(,]?\s*with\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?", doc.text[x.end : y.start]):
            x = next(
                (
                    m
                    for m in ms
                    if m.type == "ORG" and not PREP_BEFORE.search(doc.text[max(sent.start, m.start - 12) : m.start])
                ),
                x,
            )
        if x.type == "ORG":
            if wm:
                rel = "funded_by" if wm.group(1).lower().startswith(("fund", "financ")) else "supported_by"
                f = make_fact(doc, sent, x, rel, y, (y.start - len(before.group()), wm.end()), None, "rule:patterns")
                if f:
                    out.append(f)
    shares = list(_SHARE_FROM.finditer(doc.text, sent.start, sent.end))
    if shares:
        first = next((x for x in ms if x.end <= shares[0].start() and x.type == "ORG"), None) or topic_fallback(
            doc, sent, shares[0].start()
        )
        for m in shares:
            funder = next((x for x in ms if x.start >= m.end() and x.start - m.end() < 3), None)
            if first is not None and funder is not None:
                f = make_fact(
                    doc, sent, first, "funded_by", funder, (m.start(), m.end()), m.group("pct"), "rule:patterns"
                )
                if f:
                    out.append(f)


def _number(text: str) -> float:
    t = text.replace(",", "").lower()
    mult = 1000 if "thousand" in t else 1_000_000 if "million" in t else 1
    return float(re.sub(r"[^\d.]", "", t)) * mult


def membership_facts(doc: Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
    if not _DIGIT.search(doc.text, sent.start, sent.end) or not _HEADCOUNT_WORD.search(doc, sent.start, sent.end):
        return  # every membership figure is written in digits, and counts people or names a strength
    for m in _MEMBERS.finditer(doc.text, sent.start, sent.end):
        if not (m.group("noun") or m.group("pre")):
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", m.group("num")):
            continue
        if (
            _CASUALTY.search(doc.text[max(sent.start, m.start() - 40) : m.start()])
            or _CASUALTY_AFTER.match(doc.text, m.end(), sent.end)
            or _CASUALTY_LATER.match(doc.text, m.end(), sent.end)
        ):
            continue
        lo = _number(m.group("num"))
        hi = _number(m.group("hi")) if m.group("hi") else None
        if lo < 5:
            continue
        after = doc.text[m.end() : m.end() + 12]
        subject = None
        if re.match(r"\s+(?:of|from|in|for|with)\s+(?:the\s+)?", after):
            right = right_group(doc, ms, m.end(), 20)
            subject = next((x for x in right if x.type == "ORG"), None)
        opening = opening_end(doc, sent)
        if subject is None and m.start() < opening:
            # "With a claimed membership of 400, the group comprised …": the main clause's group
            main = next((x for x in ms if x.start > opening), None)
            if (
                main is not None
                and main.type == "ORG"
                and re.fullmatch(r"\s*(?:the\s+)?", doc.text[opening + 1 : main.start])
            ):
                subject = main
            elif GROUP_SUBJECT.match(doc.text, opening + 1):
                subject = topic_mention(doc, sent)
        if subject is None:
            left = [x for x in ms if x.end <= m.start() and x.type == "ORG"][-1:]
            if left and _NOT_OWNER.search(doc.text[max(sent.start, left[-1].start - 12) : left[-1].start]):
                # "X, a group aligned with Y, joined …, bringing 700 members": X's, not Y's
                left = [
                    x
                    for x in ms
                    if x.end <= m.start()
                    and x.type == "ORG"
                    and not _NOT_OWNER.search(doc.text[max(sent.start, x.start - 12) : x.start])
                ][:1]
            if left and 0 <= opening < m.start() and left[-1].end <= opening:
                # "Led by A and a KF commander B, the group comprised 580 members": not the KF's
                left = []
                if not GROUP_SUBJECT.match(doc.text, opening + 1):
                    continue
            subject = (
                left[-1] if left else (fallback_subject(doc, sent, m.start()) or topic_fallback(doc, sent, m.start()))
            )
        if subject is None:
            continue
        f = make_fact(doc, sent, subject, "membership", None, (m.start(), m.end()), _fmt(lo), "rule:patterns")
        if f:
            f.value_high = _fmt(hi) if hi is not None and hi > lo else None
            out.append(f)


# UN sanctions lists: "X was listed on 6 July 2017 pursuant to paragraphs 3 and 5 of resolution 2253 (2015)".
# The listing body is not named in these summaries; by convention it is the UN Security Council, whose
# resolutions the listings cite.
_UN_LISTED = re.compile(
    r"\b(?:was|were|has been|had been|is|are)\s+(?:also\s+)?listed\s+on\b[^.;]{0,60}?"
    r"\b(?:pursuant to|under|within the provisions of|in accordance with)\b[^.;]{0,80}?"
    r"\bresolutions?\s+\d{3,4}\b"
)
_UN_LISTED_AS = re.compile(r"\s*,\s*(?:which\s+(?:is|was)\s+)?listed\s+as\s+[^()]{2,120}\(Q[DI][ei]\.\d+\)")
UN_SECURITY_COUNCIL = "United Nations Security Council"


def _listing_body(doc: Doc) -> int:
    """The entity index of the UN Security Council in this extraction, added once when first needed."""
    for i, e in enumerate(doc.ext.entities):
        if e.name == UN_SECURITY_COUNCIL:
            return i
    doc.ext.entities.append(Entity(UN_SECURITY_COUNCIL, "ORG", {"UN Security Council", "UNSC"}))
    return len(doc.ext.entities) - 1


def un_listings(doc: Doc, sent: Sentence, ms: list[Mention], out: list[Fact]) -> None:
    for m in _UN_LISTED.finditer(doc.text, sent.start, sent.end):
        # the listed group is the sentence's subject: its first name that is not a preposition's object
        subject = next(
            (
                x
                for x in ms
                if x.end <= m.start()
                and x.type in ("ORG", "PERSON")
                and not PREP_BEFORE.search(doc.text[max(sent.start, x.start - 12) : x.start])
            ),
            None,
        ) or topic_fallback(doc, sent, m.start())
        if subject is not None and subject.type in ("ORG", "PERSON") and subject.entity >= 0:
            out.append(
                Fact(
                    subject.entity,
                    "designated",
                    _listing_body(doc),
                    (sent.start, sent.end),
                    (m.start(), m.end()),
                    component="rule:patterns",
                )
            )
    for x in ms:
        listable = x.type in ("ORG", "PERSON") and x.entity >= 0
        la = _UN_LISTED_AS.match(doc.text, x.end, sent.end) if listable else None
        if la:  # "Islamic State in Iraq and the Levant, listed as Al-Qaida in Iraq (QDe.115)": undated
            out.append(
                Fact(
                    x.entity,
                    "designated",
                    _listing_body(doc),
                    (x.start, la.end()),
                    (la.start(), la.end()),
                    component="rule:patterns",
                )
            )


def _fmt(x: float) -> str:
    return str(int(x)) if x.is_integer() else str(x)
