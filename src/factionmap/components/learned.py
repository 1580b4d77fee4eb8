"""Stage 6, learned: the trained models decide types and relations; the rules keep what they do best.

The rule stages propose names, entities, dates and figures. Here the entity model gives every
entity the type its mentions vote for (dropping proposals it judges not to be names at all), and
the relation model scores every ordered pair of mentions of two entities in a sentence. How each
relation is stated — by the model, by the rules, or by both — is part of the trained model, chosen
on the validation split. Every fact keeps what produced it (``component``) and a ``confidence``: the model's
probability, or for a rule's fact the mean of the rule's precision and the model's probability for that pair.
"""

from __future__ import annotations

import re
from functools import cache

from factionmap.annotations import SIGNATURES
from factionmap.components.relations.document import ordered_killing
from factionmap.components.relations.triggers import role_word
from factionmap.learn.examples import (
    Views,
    death_feats,
    death_index,
    leading_words,
    mentions_feats,
    pair_feats,
    person_mentions,
    rule_index,
    sentence_index,
    sentence_of,
    sentence_pairs,
    sentence_starts,
    stand_ins,
    trim_feats,
)
from factionmap.learn.linear import Extractor
from factionmap.lexicon import role_nouns
from factionmap.model import SYMMETRIC, Extraction, Fact, Mention

REQUIRES = ("sentences", "entities", "facts")
ASSIGNS = ("types", "facts")
NOT_A_NAME = 0.6  # mean probability of NONE over an entity's mentions above which it is dropped
MODEL_COMPONENT = "model:relations"
ACTOR_RELATIONS = frozenset({"allied_with", "rival_of", "ceasefire_with", "designated", "funded_by", "supported_by"})


def retype(ext: Extraction, extractor: Extractor) -> set[int]:
    """Set each entity's type by its mentions' vote; return the entities judged not to be names."""
    if extractor.types is None:
        return set()
    votes: dict[int, dict[str, float]] = {}
    counts: dict[int, int] = {}
    for m, feats in zip(ext.mentions, mentions_feats(ext, sentence_of(ext), extractor.word_classes), strict=True):
        if m.entity < 0:
            continue
        probs = extractor.types.probabilities(feats)
        acc = votes.setdefault(m.entity, {})
        for c, p in probs.items():
            acc[c] = acc.get(c, 0.0) + p
        counts[m.entity] = counts.get(m.entity, 0) + 1
    dropped: set[int] = set()
    for e, acc in votes.items():
        n = counts[e]
        if acc.get("NONE", 0.0) / n > NOT_A_NAME:
            dropped.add(e)
            continue
        best = max((c for c in acc if c != "NONE"), key=lambda c: (acc[c], c))
        ext.entities[e].type = best
    for m in ext.mentions:
        if m.entity >= 0:
            m.type = ext.entities[m.entity].type
    return dropped


# Who may fill each relation's places: SCHEMA.md's types, and a country (PLACE) wherever the schema asks for an
# organisation other than a person's group — texts name states as actors ("Pakistan backed X", "banned by
# Canada"), and SCHEMA.md's types are hints. The model's type features decide whether such a pair holds.
SLOTS = {
    rel: (
        s | {"PLACE"} if "ORG" in s and rel in ACTOR_RELATIONS else s,
        o | {"PLACE"} if "ORG" in o and rel in ACTOR_RELATIONS else o,
    )
    for rel, (s, o) in SIGNATURES.items()
}


_LINKS = frozenset({"of", "the", "de", "du", "des", "der", "al", "el", "bin", "ibn", "and", "for", "–", "-", "—"})


def untitle(ext: Extraction, extractor: Extractor, dropped: set[int]) -> None:
    """An entity named with a title or descriptor before its name ("Rabbi X", "Interior Minister Y") is named
    without it; the longer form stays an alias."""
    if extractor.titles is None:
        return
    threshold = extractor.titles.threshold["title"]
    for e, ent in enumerate(ext.entities):
        if e in dropped:
            continue
        words_ = leading_words(ent.name)
        least = 2 if ent.type == "PERSON" else 1  # "Chancellor Helmut Schmidt", never "Schmidt" alone
        cut = 0
        for k, (_offset, word) in enumerate(words_[:2]):
            if len(words_) - (k + 1) < least or not word[:1].isalpha() or word.lower() in _LINKS:
                break
            if extractor.titles.scores(trim_feats(ent.name, k, ent.type))["title"] < threshold:
                break
            cut = words_[k + 1][0]
        rest = next((w for o, w in words_ if o == cut), "")
        if cut and (rest.lower() in _LINKS or not rest[:1].isalnum()):
            cut = 0  # "Shah of Iran" is not Iran; "X – Wege" is a title
        if cut:
            ent.aliases.add(ent.name)
            ent.name = ent.name[cut:]
            ent.aliases.add(ent.name)


def _deaths(
    ext: Extraction,
    extractor: Extractor,
    mentions: list[Mention],
    types: list[str],
    dropped: set[int],
    kept: list[Fact],
) -> list[Fact]:
    """The people the model reads as dead or killed, where no fact kept already says so in that sentence."""
    if extractor.deaths is None or extractor.mode("killed") == "rule":
        return []
    said = {(f.subject, f.evidence) for f in kept if f.relation == "killed"}
    ruled = death_index(ext)
    best: dict[tuple[int, int], tuple[float, int]] = {}
    threshold = extractor.deaths.threshold["killed"]
    for si, i in person_mentions(ext, mentions, types):
        e = mentions[i].entity
        if e in dropped:
            continue
        p = extractor.deaths.scores(death_feats(ext, mentions, si, i, ruled))["killed"]
        if p >= threshold and p > best.get((e, si), (0.0, -1))[0]:
            best[(e, si)] = (p, i)
    out = []
    for (e, si), (p, i) in sorted(best.items()):
        sent = ext.sentences[si]
        if (e, (sent.start, sent.end)) in said:
            continue
        m = mentions[i]
        if ordered_killing(ext.analysis, m.start):
            continue  # "approved the targeted killing of X": a decision, not his death
        out.append(
            Fact(
                e,
                "killed",
                None,
                (sent.start, sent.end),
                (m.start, m.end),
                component="model:deaths",
                confidence=round(p, 4),
            )
        )
    return out


def learned(ext: Extraction, extractor: Extractor | None) -> Extraction:
    """Retype entities, keep the rule facts of the relations the rules state, add the model's."""
    if extractor is None:
        return ext
    rules = rule_index(ext)  # what the rules said, before the model decides: one of its features
    dropped = retype(ext, extractor)
    untitle(ext, extractor, dropped)
    kept: list[Fact] = []
    for f in ext.facts:
        if f.subject in dropped or (f.object is not None and f.object in dropped):
            continue
        if extractor.mode(f.relation) == "model":
            continue
        f.confidence = extractor.rule_confidence.get(f.relation, 0.75)
        kept.append(f)
    ruled = {(f.subject, f.relation, f.object, f.evidence): f for f in kept}
    mentions = ext.mentions + stand_ins(ext, extractor.stand_ins)
    types = [ext.entities[m.entity].type if m.entity >= 0 else m.type for m in mentions]
    model = extractor.relations
    wanted = [r for r in model.names if extractor.mode(r) != "rule"]
    best: dict[tuple[int, str, int, int], tuple[float, int, int]] = {}
    sentence_at = {(sent.start, sent.end): si for si, sent in enumerate(ext.sentences)}
    opinion: dict[tuple[int, str, int | None, int], float] = {  # what the model makes of each rule fact's pair
        (f.subject, f.relation, f.object, sentence_at.get(f.evidence, -1)): -1.0 for f in kept if f.object is not None
    }
    asked = wanted + sorted({key[1] for key in opinion} & set(model.names) - set(wanted))
    views = Views(ext, mentions, types)
    reach = source_reach(ext.analysis, mentions)
    for si, pairs in sentence_pairs(ext, mentions):
        if not pairs:
            continue
        view = views.view(si)
        scored: dict[tuple[int, int], dict[str, float]] = {}
        for i, j, between in pairs:
            ei, ej = mentions[i].entity, mentions[j].entity
            if ei in dropped or ej in dropped:
                continue
            if not extractor.adjectives and "adjective" in (mentions[i].head, mentions[j].head):
                continue  # a model that never learned what "Dorn-based" says leaves the names inside adjectives alone
            if reach.get(i, mentions[j].end) < mentions[j].end or reach.get(j, mentions[i].end) < mentions[i].end:
                continue  # "According to the Vale Institute, it is led by X": the source says it, it is no party to it
            scored[(i, j)] = model.scores(pair_feats(ext, mentions, si, i, j, between, types, view, rules))
        for (i, j), probs in scored.items():
            ei, ej = mentions[i].entity, mentions[j].entity
            for rel in asked:
                s_types, o_types = SLOTS[rel]
                if types[i] not in s_types or types[j] not in o_types:
                    continue
                p = probs[rel]
                if rel in SYMMETRIC and i < len(ext.mentions):
                    if (j, i) not in scored or mentions[i].start > mentions[j].start:
                        continue
                    p = (p + scored[(j, i)][rel]) / 2
                for key in ((ei, rel, ej, si), (ej, rel, ei, si)) if rel in SYMMETRIC else ((ei, rel, ej, si),):
                    if key in opinion:
                        opinion[key] = max(opinion[key], p)
                if rel not in wanted or p < model.threshold[rel]:
                    continue
                key = (ei, rel, ej, si)
                if key not in best or p > best[key][0]:
                    best[key] = (p, i, j)
    lists = {
        si: [[k for k in run if mentions[k].entity not in dropped] for run in runs]
        for si, runs in coordinated(ext, mentions, types).items()
    }
    share_with_list(best, lists, mentions)
    # A rule's fact is as sure as halfway between the rule's precision on the training documents and what the model,
    # which read the rule's output, makes of its pair there: the precision alone reads about 0.15 too sure on unseen
    # articles (bench/extraction.py prints the bands), the model alone too unsure where it disagrees with a rule.
    for f in kept:
        seen = opinion.get((f.subject, f.relation, f.object, sentence_at.get(f.evidence, -1)), -1.0)
        if seen >= 0.0:
            f.confidence = round((f.confidence + seen) / 2, 4)
    added: list[Fact] = _deaths(ext, extractor, mentions, types, dropped, kept)
    for (ei, rel, ej, si), (p, i, j) in sorted(best.items(), key=lambda kv: (kv[0][3], kv[0][0], kv[0][1], kv[0][2])):
        sent = ext.sentences[si]
        evidence = (sent.start, sent.end)
        same = ruled.get((ei, rel, ej, evidence))
        if same is not None:  # the rules said it too: one fact, as sure as the surer of the two
            same.confidence = max(same.confidence, round(p, 4))
            continue
        a, b = sorted((mentions[i], mentions[j]), key=lambda m: m.start)
        trigger = (a.end, b.start) if a.end < b.start else (a.start, b.end)
        added.append(
            Fact(
                ei,
                rel,
                ej,
                evidence,
                trigger,
                value=role_between(ext.analysis, a.end, b.start) if rel == "leader_of" else None,
                component=MODEL_COMPONENT,
                confidence=round(p, 4),
            )
        )
    ext.facts = sorted(kept + added, key=lambda f: (f.evidence[0], f.trigger[0], f.relation))
    return ext


_AND = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&)\s*", re.I)


def coordinated(ext: Extraction, mentions: list[Mention], types: list[str]) -> dict[int, list[list[int]]]:
    """The lists of names each sentence coordinates ("A, B and C"): runs of names of one type with nothing but a
    comma, "and" or "or" between them, by sentence.

    >>> from factionmap.pipeline import extract_rules
    >>> ext = extract_rules("Its members included Ali Bar, Sam Dorn and Omar Vale. Then Ali Bar left.")
    >>> runs = coordinated(ext, ext.mentions, [m.type for m in ext.mentions])
    >>> {si: [[ext.mentions[i].text for i in run] for run in found] for si, found in runs.items()}
    {0: [['Ali Bar', 'Sam Dorn', 'Omar Vale']]}
    """
    order = sorted((m.start, k) for k, m in enumerate(mentions[: len(ext.mentions)]) if m.entity >= 0)
    starts = sentence_starts(ext)
    out: dict[int, list[list[int]]] = {}
    run: list[int] = []
    for (_, k), (_, nxt) in zip(order, order[1:] + [(-1, -1)], strict=True):
        run = run or [k]
        a, b = mentions[k], mentions[nxt] if nxt >= 0 else None
        si = sentence_index(starts, a.start)
        if (
            b is not None
            and types[nxt] == types[k]
            and b.start >= a.end
            and _AND.fullmatch(ext.analysis, a.end, b.start)
            and sentence_index(starts, b.start) == si
        ):
            run.append(nxt)
            continue
        if len({mentions[i].entity for i in run}) > 1:
            out.setdefault(si, []).append(run)
        run = []
    return out


def share_with_list(
    stated: dict[tuple[int, str, int, int], tuple[float, int, int]],
    lists: dict[int, list[list[int]]],
    mentions: list[Mention],
) -> None:
    """What the model states of one name of a list ("X's members included A, B and C": ``lists`` by sentence, as
    ``coordinated`` finds them) it states of every name of the list: each other name takes the surest one's
    probability and its pair of mentions (whose words state it), on either side. ``stated``: the model's facts,
    (subject, relation, object, sentence) → (probability, subject mention, object mention).

    >>> ms = [Mention(0, 1, "X", "ORG", 0), Mention(2, 3, "A", "PERSON", 1), Mention(4, 5, "B", "PERSON", 2)]
    >>> found = {(1, "member_of", 0, 0): (0.7, 1, 0)}
    >>> share_with_list(found, {0: [[1, 2]]}, ms)
    >>> sorted(found.items())
    [((1, 'member_of', 0, 0), (0.7, 1, 0)), ((2, 'member_of', 0, 0), (0.7, 1, 0))]
    """
    member = {(si, i): run for si, runs in lists.items() for run in runs for i in run}
    if not member:
        return
    for (ei, rel, ej, si), (p, i, j) in sorted(stated.items()):
        for side, ends, other in ((0, member.get((si, i), ()), j), (1, member.get((si, j), ()), i)):
            if other in ends:
                continue  # the other name is in the same list: "A, B and C" says nothing of A and B
            for k in ends:
                e = mentions[k].entity
                key = (e, rel, ej, si) if side == 0 else (ei, rel, e, si)
                if e in (ei, ej) or stated.get(key, (0.0,))[0] >= p:
                    continue
                stated[key] = (p, i, j)  # the words that say it are those between the pair that did


_SOURCE = re.compile(r"\baccording to\b[^,:;.]*", re.I)


def source_reach(text: str, mentions: list[Mention]) -> dict[int, int]:
    """The mentions inside a phrase citing the text's source ("according to X of Y"), each with where that phrase
    ends (the first comma, colon, semicolon or period): what lies beyond is what the source reports, and the source
    is no party to it.

    >>> from factionmap.pipeline import extract_rules
    >>> text = "According to Sam Dorn of the Vale Institute, the Salt Front is led by Ali Bar."
    >>> ext = extract_rules(text)
    >>> {ext.mentions[i].text: end for i, end in source_reach(ext.analysis, ext.mentions).items()}
    {'Sam Dorn': 43, 'Vale Institute': 43}
    >>> text = "According to the Salt Front's deputy chief, Ali Bar, the front has 900 men."
    >>> ext = extract_rules(text)
    >>> {ext.mentions[i].text: end for i, end in source_reach(ext.analysis, ext.mentions).items()}
    {'Salt Front': 51, 'Ali Bar': 51}
    """
    starts = {m.start: m.end for m in mentions if m.end > m.start}
    phrases = []
    for found in _SOURCE.finditer(text):
        end = found.end()
        named = starts.get(end + 2) if text.startswith(", ", end) else None
        if named is not None and text.startswith(",", named):
            end = named  # "according to the Front's deputy, Ali Bar, ...": the source's name is part of it
        phrases.append((found.start(), end))
    out = {}
    for k, m in enumerate(mentions):
        for a, b in phrases:
            if a <= m.start < b and m.end > m.start:
                out[k] = b
    return out


NEAR = 60  # characters between two mentions within which a role word is theirs


@cache
def _role() -> re.Pattern[str]:
    return re.compile(r"\b(?P<role>" + role_nouns() + r")s?\b", re.I)


def role_between(text: str, start: int, end: int) -> str:
    """The role a leader_of fact's own words name between its two mentions, else "leader".

    >>> role_between("Abu Saif, the deputy governor of the Reed Front, was killed.", 8, 34)
    'deputy governor'
    >>> role_between("the Reed Front's emir Abu Saif", 14, 22)
    'emir'
    >>> role_between("Abu Saif led the Reed Front", 8, 16)
    'leader'
    """
    if end - start > NEAR:
        return "leader"
    found = [m for m in _role().finditer(text, start, end)]
    for m in found:
        if m.group("role").lower() != "deputy":
            return role_word(m)
    return role_word(found[0]) if found else "leader"
