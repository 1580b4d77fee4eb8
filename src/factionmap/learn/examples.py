"""Training examples from annotated documents: the rule pipeline proposes, the annotation labels.

For each annotated document the rule stages find sentences, name mentions and entities exactly as
they do at run time; each proposed mention is matched to the annotated mention it overlaps most.
That gives

- a **type example** per proposed mention: its features and the annotated type (``NONE`` when no
  annotated name overlaps it, i.e. the rules proposed something that is not a name);
- a **pair example** per ordered pair of mentions of two entities in one sentence: its features
  and the relations the annotation states between their entities with evidence covering both
  mentions. A pair whose entities a fact links elsewhere in the text (one fact, one evidence) is
  left out of that relation's examples rather than taught as a negative.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from factionmap.annotations import SIGNATURES, AnnotatedDoc, evidence_span
from factionmap.learn.features import SentenceView, mention_features, pair_features, stem, words
from factionmap.lexicon import lower_words
from factionmap.model import SYMMETRIC, Extraction, Mention, Sentence

PAIR_RELATIONS = tuple(r for r, (_s, o) in SIGNATURES.items() if o)
MAX_PAIRS_PER_SENTENCE = 240


@dataclass
class DocExamples:
    """The examples of one document, and the rule extraction they came from."""

    doc: str
    type_x: list[list[str]] = field(default_factory=list)
    type_y: list[str] = field(default_factory=list)
    pair_x: list[list[str]] = field(default_factory=list)
    pair_y: list[set[str]] = field(default_factory=list)
    pair_skip: list[set[str]] = field(default_factory=list)
    pair_ents: list[tuple[int, int]] = field(default_factory=list)  # the two entities of each pair (the rules')
    trim_x: list[list[str]] = field(default_factory=list)
    trim_y: list[bool] = field(default_factory=list)
    death_x: list[list[str]] = field(default_factory=list)
    death_y: list[bool] = field(default_factory=list)
    weight: float = 1.0


def align(ext: Extraction, ad: AnnotatedDoc) -> list[str | None]:
    """The annotated entity id each proposed mention denotes (largest overlap), or None: None too when the
    annotated name covers less than half of the proposal and does not end it ("Dorn's wing" is not Dorn; "Emir Ali
    Bar" is Ali Bar with a title)."""
    gold = sorted(ad.mentions)
    out: list[str | None] = []
    j = 0
    for m in ext.mentions:
        while j < len(gold) and gold[j][1] <= m.start:
            j += 1
        best, best_overlap = None, 0
        k = j
        while k < len(gold) and gold[k][0] < m.end:
            overlap = min(m.end, gold[k][1]) - max(m.start, gold[k][0])
            if overlap > best_overlap and (2 * overlap >= m.end - m.start or gold[k][1] == m.end):
                best, best_overlap = gold[k][2], overlap
            k += 1
        out.append(best)
    return out


_STAND_IN = re.compile(
    r"\b(?:(?P<person>[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)|(?P<group>[Ii]ts|[Tt]heir|[Tt]hey|It|"
    r"[Tt]he (?:group|organi[sz]ation|movement|party|militia|army|front|network|faction|"
    r"alliance|coalition|insurgency|brigade)))\b"
)


_OPENER = re.compile(r"(?:[\W_]|\b(?:[Tt]he|[Aa]n?)\b)*")  # what may come before a sentence's first word that counts

STAND_INS = 3  # the stand-ins this code trains with (``stand_ins``); a model records the version it learned from


def stand_ins(ext: Extraction, version: int = STAND_INS) -> list[Mention]:
    """Mentions standing in for an entity a sentence speaks of without naming it; ``head`` says which reading
    proposed each one, a feature of its pairs.

    Version 3 (what models learn from now) is version 2 without the implicit stand-in in a sentence that opens
    (after "the", "a" or punctuation) with a named person or organisation of its own: "Ali Bar was killed by Vale
    forces." speaks of Ali Bar, not of the article's group. Version 2 (models trained before): every pronoun and
    "the group" of a sentence stands in for the person (for "he", "his") or organisation (for "it", "the group")
    named last in the earlier sentences of the paragraph and not in this one ("stand-in:last"), and for the first
    one of that type the document names, an article's subject ("stand-in:topic"), each entity once a sentence at the
    first word that may speak of it. A sentence with no such word and no mention of the document's subject (the
    first person or organisation it names) gets an empty stand-in for that subject at its start
    ("stand-in:implicit"): "Founded in 1990 by X, ..." and "China also provided munitions." speak of the article's
    group. Version 1 (models trained earlier): the first pronoun or "the group" of a sentence alone, for the last
    person or organisation of the paragraph.

    >>> from factionmap.pipeline import extract_rules
    >>> ext = extract_rules("The Dorn Front was founded in 1990. The Vale Army fought its men. Its chief was Ali Bar.")
    >>> [(m.text, ext.entities[m.entity].name, m.head) for m in stand_ins(ext)]  # doctest: +NORMALIZE_WHITESPACE
    [('its', 'Dorn Front', 'stand-in:last'), ('Its', 'Vale Army', 'stand-in:last'),
     ('Its', 'Dorn Front', 'stand-in:topic')]
    >>> ext = extract_rules("The Dorn Front was founded in 1990. Backed by the Vale Army, it grew.")
    >>> [(m.start, ext.entities[m.entity].name, m.head) for m in stand_ins(ext)]
    [(36, 'Dorn Front', 'stand-in:implicit')]
    >>> [(m.text, ext.entities[m.entity].name, m.head) for m in stand_ins(ext, version=1)]
    []
    >>> ext = extract_rules("The Dorn Front was founded in 1990. Ali Bar was killed by the Vale Army in 2006.")
    >>> [(m.start, ext.entities[m.entity].name, m.head) for m in stand_ins(ext, version=2)]
    [(36, 'Dorn Front', 'stand-in:implicit')]
    >>> stand_ins(ext)
    []
    """
    first: dict[str, int] = {}
    ordered = sorted((m for m in ext.mentions if m.entity >= 0), key=lambda m: m.start)
    for m in ordered:
        first.setdefault(ext.entities[m.entity].type, m.entity)
    subject = next((m.entity for m in ordered if ext.entities[m.entity].type in ("ORG", "PERSON")), None)
    out = []
    k = 0
    recent: dict[str, list[int]] = {}  # by type, the paragraph's entities, the latest named last
    para = -1
    for sent in ext.sentences:
        if sent.paragraph != para:
            para, recent = sent.paragraph, {}
        while k < len(ordered) and ordered[k].start < sent.start:
            e = ordered[k].entity
            seq = recent.setdefault(ext.entities[e].type, [])
            if e in seq:
                seq.remove(e)
            seq.append(e)
            k += 1
        named = set()
        q = k
        while q < len(ordered) and ordered[q].start < sent.end:
            named.add(ordered[q].entity)
            q += 1
        if version < 2:
            match = _STAND_IN.search(ext.analysis, sent.start, sent.end)
            if match is None:
                continue
            kind = "PERSON" if match.group("person") else "ORG"
            topic = recent[kind][-1] if recent.get(kind) else first.get(kind)
            if topic is not None and topic not in named:
                out.append(Mention(match.start(), match.end(), match.group(), ext.entities[topic].type, topic))
            continue
        done: set[int] = set()
        for match in _STAND_IN.finditer(ext.analysis, sent.start, sent.end):
            kind = "PERSON" if match.group("person") else "ORG"
            last = next((e for e in reversed(recent.get(kind, [])) if e not in named), None)
            for how, topic in (("last", last), ("topic", first.get(kind))):
                if topic is None or topic in named or topic in done:
                    continue
                done.add(topic)
                head = f"stand-in:{how}"
                out.append(Mention(match.start(), match.end(), match.group(), ext.entities[topic].type, topic, head))
        if subject is not None and subject not in named and subject not in done:
            if version >= 3 and _own_subject(ext, sent, ordered[k:q], subject):
                continue
            out.append(Mention(sent.start, sent.start, "", ext.entities[subject].type, subject, "stand-in:implicit"))
    return out


def _own_subject(ext: Extraction, sent: Sentence, mentions: list[Mention], subject: int) -> bool:
    """Whether a sentence opens (after "the", "a" or punctuation) with a named person or organisation other than
    the document's subject, ``mentions`` being its mentions in order: "Ali Bar was killed by Vale forces." speaks of
    Ali Bar, not of the article's group."""
    lead = _OPENER.match(ext.analysis, sent.start, sent.end)
    first = lead.end() if lead else sent.start
    for m in mentions:
        if m.start < first:
            continue
        if m.start > first:
            break
        if m.entity != subject and m.head != "adjective" and ext.entities[m.entity].type in ("PERSON", "ORG"):
            return True
    return False


def sentence_pairs(ext: Extraction, mentions: list[Mention]) -> list[tuple[int, list[tuple[int, int, int]]]]:
    """For each sentence, the ordered mention pairs ``(i, j, mentions between)`` of two entities.

    Mentions from index ``len(ext.mentions)`` on are stand-ins (``stand_ins``): never paired with each other."""
    out = []
    real = len(ext.mentions)
    ms = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    k = 0
    for si, sent in enumerate(ext.sentences):
        inside = []
        while k < len(ms) and mentions[ms[k]].start < sent.start:
            k += 1
        q = k
        while q < len(ms) and mentions[ms[q]].end <= sent.end:
            if mentions[ms[q]].entity >= 0:
                inside.append(ms[q])
            q += 1
        pairs = []
        for x, i in enumerate(inside):
            for y, j in enumerate(inside):
                if i != j and mentions[i].entity != mentions[j].entity and (i < real or j < real):
                    pairs.append((i, j, abs(y - x) - 1))
        out.append((si, pairs[:MAX_PAIRS_PER_SENTENCE]))
    return out


RuleIndex = dict[tuple[int, int, int], set[str]]
_ENDING = re.compile(r"[-‐](\w+)")


def rule_index(ext: Extraction) -> RuleIndex:
    """What the rule stages stated, by (subject entity, object entity, sentence): a model feature."""
    starts = sentence_starts(ext)
    out: RuleIndex = {}
    for f in ext.facts:
        if f.object is None:
            continue
        si = sentence_index(starts, f.evidence[0])
        out.setdefault((f.subject, f.object, si), set()).add(f.relation)
        if f.relation in SYMMETRIC:
            out.setdefault((f.object, f.subject, si), set()).add(f.relation)
    return out


def pair_feats(
    ext: Extraction,
    mentions: list[Mention],
    sent_index: int,
    i: int,
    j: int,
    between: int,
    types: list[str],
    view: SentenceView | None = None,
    rules: RuleIndex | None = None,
) -> list[str]:
    """The features of subject mention ``i`` and object mention ``j`` (``types`` by mention), with what the
    rules said of the two entities in this sentence."""
    sent = ext.sentences[sent_index]
    mi, mj = mentions[i], mentions[j]
    feats = pair_features(
        ext.analysis,
        (sent.start, sent.end),
        (mi.start, mi.end, types[i]),
        (mj.start, mj.end, types[j]),
        mi.start < mj.start,
        between,
        view,
    )
    if i >= len(ext.mentions):
        feats += ["stand-in", f"stand-in|{types[i]}>{types[j]}"] + ([f"{mi.head}|s"] if mi.head else [])
    if j >= len(ext.mentions):
        feats += ["stand-in-object", f"stand-in-object|{types[i]}>{types[j]}"] + ([f"{mj.head}|o"] if mj.head else [])
    if "adjective" in (mi.head, mj.head):  # "the Dorn-based Vale Army": what the adjective says, of the next name?
        view = view or SentenceView(ext.analysis, (sent.start, sent.end))
        near = "far" if view.between(min(mi.end, mj.end), max(mi.start, mj.start)) else "next"
        for side, m in (("s", mi), ("o", mj)):
            ending = _ENDING.match(ext.analysis, m.end) if m.head == "adjective" else None
            if ending:
                feats += [f"adj-{side}={ending.group(1).lower()}|{near}", f"adj-{side}|{near}"]
    if rules:
        for rel in sorted(rules.get((mi.entity, mj.entity, sent_index), ())):
            feats += [f"rule={rel}", f"rule={rel}|{types[i]}>{types[j]}"]
        for rel in sorted(rules.get((mj.entity, mi.entity, sent_index), ())):
            feats.append(f"rule-reversed={rel}")
    return feats


class Views:
    """The ``SentenceView`` of each sentence of a text, its names (``mentions`` with their ``types``) read as
    their types."""

    def __init__(self, ext: Extraction, mentions: list[Mention], types: list[str]) -> None:
        self.ext = ext
        real = len(ext.mentions)  # stand-ins ("he", "the group") stay words
        self.names = sorted((m.start, m.end, t) for m, t in zip(mentions[:real], types[:real], strict=True))
        self.starts = [n[0] for n in self.names]

    def view(self, si: int) -> SentenceView:
        """The view of sentence ``si``."""
        sent = self.ext.sentences[si]
        lo, hi = bisect_left(self.starts, sent.start), bisect_left(self.starts, sent.end)
        return SentenceView(self.ext.analysis, (sent.start, sent.end), self.names[lo:hi])


def mention_feats(ext: Extraction, m: Mention, sent: tuple[int, int], classes: bool = True) -> list[str]:
    """The features of one proposed mention (``classes``: with its words' classes)."""
    return mention_features(ext.analysis, sent, (m.start, m.end, m.type), classes)


_SHARED = ("pre0=", "post0=", "orgword", "placeword", "place-name", "honorific", "roleword", "allcaps")


def mentions_feats(ext: Extraction, spans: list[tuple[int, int]], classes: bool = True) -> list[list[str]]:
    """The features of every mention (``spans``: each one's sentence), each with what its entity's other
    mentions show ("e:pre0=the", "e:post0=fighters"): one clear context types every mention of a name.
    ``classes``: with the words' classes (what models trained from now learn; ``Extractor.word_classes``).

    >>> from factionmap.pipeline import extract_rules
    >>> ext = extract_rules("The Dorn Front fighters crossed over. Later Dorn Front withdrew.")
    >>> [sorted(f for f in fs if f.startswith("e:post0")) for fs in mentions_feats(ext, sentence_of(ext))]
    [['e:post0=fighters', 'e:post0=withdrew'], ['e:post0=fighters', 'e:post0=withdrew']]
    """
    own = [mention_feats(ext, m, sent, classes) for m, sent in zip(ext.mentions, spans, strict=True)]
    shared: dict[int, set[str]] = {}
    for m, feats in zip(ext.mentions, own, strict=True):
        if m.entity >= 0:
            shared.setdefault(m.entity, set()).update("e:" + f for f in feats if f.startswith(_SHARED))
    return [
        feats + sorted(shared[m.entity]) if m.entity >= 0 else feats for m, feats in zip(ext.mentions, own, strict=True)
    ]


def sentence_starts(ext: Extraction) -> list[int]:
    """Where each sentence starts, for ``sentence_index``."""
    return [s.start for s in ext.sentences]


def sentence_index(starts: list[int], pos: int) -> int:
    """The sentence an offset falls in.

    >>> sentence_index([0, 10, 25], 12)
    1
    """
    return max(0, bisect_right(starts, pos) - 1)


def sentence_of(ext: Extraction) -> list[tuple[int, int]]:
    """The sentence span of every mention."""
    out = []
    k = 0
    sents = ext.sentences
    for m in ext.mentions:
        while k + 1 < len(sents) and sents[k].end <= m.start:
            k += 1
        while k > 0 and sents[k].start > m.start:
            k -= 1
        out.append((sents[k].start, sents[k].end) if sents else (0, len(ext.text)))
    return out


def paired_mentions(
    ext: Extraction, ad: AnnotatedDoc, ids: list[str | None]
) -> tuple[list[Mention], list[str | None], list[str]]:
    """The mentions the relation model pairs on an annotated document — the proposed names, then the stand-ins —
    with the annotated entity each one denotes (``ids``: ``align``'s, for the names; a stand-in takes the one most
    of its entity's names denote) and its type: the annotated one where the mention is a name, as the entity model
    will say at run time.

    >>> from factionmap.annotations import AnnotatedDoc
    >>> from factionmap.pipeline import extract_rules
    >>> text = "The Dorn Front was founded in 1990. It grew."
    >>> ext = extract_rules(text)
    >>> ad = AnnotatedDoc("d", text, {"dorn": {"id": "dorn", "name": "Dorn Front", "type": "ORG"}}, [],
    ...                   [(4, 14, "dorn", "ORG")])
    >>> mentions, ids, types = paired_mentions(ext, ad, align(ext, ad))
    >>> [(m.text, i, t) for m, i, t in zip(mentions, ids, types)]
    [('Dorn Front', 'dorn', 'ORG'), ('It', 'dorn', 'ORG')]
    """
    ids = list(ids)
    types = [
        ad.entities[g]["type"] if g is not None else ext.entities[m.entity].type if m.entity >= 0 else m.type
        for m, g in zip(ext.mentions, ids, strict=True)
    ]
    votes: dict[int, dict[str, int]] = {}
    for m, g in zip(ext.mentions, ids, strict=True):
        if g is not None and m.entity >= 0:
            votes.setdefault(m.entity, {})[g] = votes.setdefault(m.entity, {}).get(g, 0) + 1
    extra = stand_ins(ext)
    for m in extra:
        vote = votes.get(m.entity)
        gid = max(sorted(vote), key=lambda g: vote[g]) if vote else None
        ids.append(gid)
        types.append(ad.entities[gid]["type"] if gid is not None else m.type)
    return ext.mentions + extra, ids, types


def doc_examples(ad: AnnotatedDoc, ext: Extraction, with_types: bool = True) -> DocExamples:
    """Label what the rule stages proposed on one annotated document (``ext``: ``pipeline.extract_rules`` of its
    text — the caller runs it, as this module is part of a stage the pipeline runs)."""
    ids = align(ext, ad)
    out = DocExamples(ad.doc)
    spans = sentence_of(ext)
    if with_types:
        for gid, feats in zip(ids, mentions_feats(ext, spans), strict=True):
            out.type_x.append(feats)
            out.type_y.append(ad.entities[gid]["type"] if gid is not None else "NONE")
        _trim_examples(ext, ad, out)
    stated = _stated(ad, ad.facts)
    wrong = _stated(ad, ad.rejected)
    mentions, ids, types = paired_mentions(ext, ad, ids)
    rules = rule_index(ext)
    views = Views(ext, mentions, types)
    for si, pairs in sentence_pairs(ext, mentions):
        view = views.view(si) if pairs else None
        for i, j, between in pairs:
            gi, gj = ids[i], ids[j]
            labels: set[str] = set()
            skip: set[str] = set()
            spoken = [m for m in (mentions[i], mentions[j]) if m.head != "stand-in:implicit"]
            lo = min(m.start for m in spoken)
            hi = max(m.end for m in spoken)
            if gi is not None and gj is not None and gi != gj:
                for rel in PAIR_RELATIONS:
                    spans_ = stated.get((gi, rel, gj))
                    if spans_ is None:
                        continue
                    if any(a - 2 <= lo and hi <= b + 2 for a, b in spans_):
                        labels.add(rel)
                    else:
                        skip.add(rel)
            if ad.partial:
                # an analyst's reviews: only the reviewed statements are known, right or wrong
                no = (
                    {
                        rel
                        for rel in PAIR_RELATIONS
                        if gi is not None
                        and gj is not None
                        and any(a - 2 <= lo and hi <= b + 2 for a, b in wrong.get((gi, rel, gj), ()))
                    }
                    if gi != gj
                    else set()
                )
                if not labels and not no:
                    continue
                skip = set(PAIR_RELATIONS) - labels - no
            out.pair_x.append(pair_feats(ext, mentions, si, i, j, between, types, view, rules))
            out.pair_y.append(labels)
            out.pair_skip.append(skip)
            out.pair_ents.append((mentions[i].entity, mentions[j].entity))
    if not ad.partial:
        _death_examples(ext, ad, mentions, ids, types, out)
    return out


_NAME_TOKEN = re.compile(r"\S+")


def leading_words(name: str) -> list[tuple[int, str]]:
    """The words of a name with their offsets in it."""
    return [(m.start(), m.group()) for m in _NAME_TOKEN.finditer(name)]


def trim_feats(name: str, k: int, etype: str) -> list[str]:
    """Features of the ``k``-th word of a name as a title or descriptor that is not part of the name."""
    toks = [w for _, w in leading_words(name)]
    word, rest = toks[k], toks[k + 1 :]
    low = word.lower().rstrip(".,")
    feats = [
        f"w={low}",
        f"type={etype}",
        f"k={k}",
        f"left={min(len(rest), 4)}",
        "cap" if word[:1].isupper() else "lower",
        f"suf={low[-3:]}",
    ]
    for lexicon in ("roles", "honorifics", "orgwords", "placewords"):
        if low in lower_words(lexicon) or low.split("-")[0] in lower_words(lexicon):
            feats.append(f"lex={lexicon}")
    if rest:
        feats.append(f"next={rest[0].lower()}")
    if "-" in word:
        feats.append("hyphen")
    return feats


def _trim_examples(ext: Extraction, ad: AnnotatedDoc, out: DocExamples) -> None:
    """Each leading word of a proposed name of two words or more: is it outside the annotated name?"""
    gold_by_end: dict[int, list[tuple[int, int, str, str]]] = {}
    for g in ad.mentions:
        gold_by_end.setdefault(g[1], []).append(g)
    for m in ext.mentions:
        if m.entity < 0:
            continue
        name = ext.analysis[m.start : m.end]
        words_ = leading_words(name)
        if len(words_) < 2:
            continue
        golds = [g for g in gold_by_end.get(m.end, []) if g[0] >= m.start]
        if not golds:
            continue
        g_start = golds[0][0] - m.start
        etype = ad.entities[golds[0][2]]["type"]
        for k, (offset, _word) in enumerate(words_[:-1]):
            if offset >= g_start or k > 2:
                if offset == g_start and k <= 2:
                    out.trim_x.append(trim_feats(name, k, etype))
                    out.trim_y.append(False)
                break
            out.trim_x.append(trim_feats(name, k, etype))
            out.trim_y.append(True)


def _death_examples(
    ext: Extraction,
    ad: AnnotatedDoc,
    mentions: list[Mention],
    ids: list[str | None],
    types: list[str],
    out: DocExamples,
) -> None:
    """A person's mention, labelled by whether the annotation says there that the person died."""
    died: dict[str, list[tuple[int, int]]] = {}
    for f in ad.facts:
        if f["r"] == "killed":
            died.setdefault(f["s"], []).append(evidence_span(ad, f))
    ruled = death_index(ext)
    for si, i in person_mentions(ext, mentions, types):
        m, gid = mentions[i], ids[i]
        spans = died.get(gid or "", [])
        said = any(a - 2 <= m.start and m.end <= b + 2 for a, b in spans)
        if spans and not said:
            continue  # the death is stated elsewhere: no lesson here
        out.death_x.append(death_feats(ext, mentions, si, i, ruled))
        out.death_y.append(said)


def person_mentions(ext: Extraction, mentions: list[Mention], types: list[str]) -> list[tuple[int, int]]:
    """``(sentence, mention)`` of every mention of a person (stand-ins included)."""
    starts = sentence_starts(ext)
    return [
        (sentence_index(starts, m.start), i)
        for i, m in enumerate(mentions)
        if m.entity >= 0 and types[i] == "PERSON" and m.head != "stand-in:implicit"
    ]


def death_index(ext: Extraction) -> set[tuple[int, int]]:
    """(person entity, sentence) of every death the rules stated."""
    starts = sentence_starts(ext)
    return {(f.subject, sentence_index(starts, f.evidence[0])) for f in ext.facts if f.relation == "killed"}


def death_feats(ext: Extraction, mentions: list[Mention], si: int, i: int, ruled: set[tuple[int, int]]) -> list[str]:
    """The words around a person's mention that may say the person died, and what the rules said."""
    sent = ext.sentences[si]
    m = mentions[i]
    text = ext.analysis
    left = words(text, max(sent.start, m.start - 80), m.start)[-6:]
    right = words(text, m.end, min(sent.end, m.end + 120))[:10]
    feats = [f"l{k}={w}" for k, w in enumerate(reversed(left))] + [f"r{k}={w}" for k, w in enumerate(right)]
    feats += [f"lw={stem(w)}" for w in left] + [f"rw={stem(w)}" for w in right]
    feats += [f"r01={right[0]}_{right[1]}" for _ in [0] if len(right) > 1]
    if (m.entity, si) in ruled:
        feats.append("rule=killed")
    if i >= len(ext.mentions):
        feats.append("stand-in")
    return feats


def _stated(ad: AnnotatedDoc, facts: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[tuple[int, int]]]:
    """Where each (subject, relation, object) is stated: its evidence spans (both orders if symmetric)."""
    stated: dict[tuple[str, str, str], list[tuple[int, int]]] = {}
    for f in facts:
        if f.get("o") is None or f["r"] not in PAIR_RELATIONS:
            continue
        span = evidence_span(ad, f)
        stated.setdefault((f["s"], f["r"], f["o"]), []).append(span)
        if f["r"] in SYMMETRIC:
            stated.setdefault((f["o"], f["r"], f["s"]), []).append(span)
    return stated


def summary(examples: list[DocExamples]) -> dict[str, Any]:
    """Counts of examples and positives per relation."""
    pos: dict[str, int] = {}
    for d in examples:
        for labels in d.pair_y:
            for r in labels:
                pos[r] = pos.get(r, 0) + 1
    pos["killed (no object)"] = sum(sum(d.death_y) for d in examples)
    return {
        "documents": len(examples),
        "pairs": sum(len(d.pair_y) for d in examples),
        "mentions": sum(len(d.type_y) for d in examples),
        "positives": dict(sorted(pos.items())),
    }
