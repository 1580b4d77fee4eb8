"""Stage 5, relations: facts from lexical triggers and surface patterns, each with its sentence.

Triggers (``lexicon/triggers.tsv``) say which argument stands on which side; arguments are the
nearest mentions of fitting type, widened over coordinated lists ("A, B and C"), with the
paragraph's topic as subject when a sentence opens with "It", "The group" or "He". Surface
patterns add possessive leaders ("TTP leader X"), possessive components ("the A's B"), place
lists ("In Iran, groups included A and B"), membership figures and founding dates.
"""

from __future__ import annotations

import re

from factionmap.components.relations.document import Doc
from factionmap.components.relations.patterns import pattern_facts, possessive_leaders
from factionmap.components.relations.triggers import trigger_facts
from factionmap.model import SYMMETRIC, Extraction, Fact


def relations(ext: Extraction) -> Extraction:
    """Find the facts of every sentence, then drop repeats within the document."""
    doc = Doc(ext)
    found: list[Fact] = []
    trigger_facts(doc, found)
    pattern_facts(doc, found)
    possessive_leaders(doc, found)
    for f in list(found):
        if f.relation == "successor_of" and f.object is not None:
            # "Q was succeeded by P": P took Q's place at the head of the one group Q is said to lead
            led = sorted(
                (g.evidence[0], g.object, g.value)
                for g in found
                if g.relation == "leader_of" and g.subject == f.object and g.object is not None
            )
            before = [x for x in led if x[0] <= f.evidence[0]]
            pick = before[-1] if before else (led[0] if len({x[1] for x in led}) == 1 else None)
            if pick is not None and pick[1] != f.subject:
                found.append(
                    Fact(
                        f.subject,
                        "leader_of",
                        pick[1],
                        f.evidence,
                        f.trigger,
                        value=pick[2] or "leader",
                        component="rule:patterns",
                    )
                )
    found = [f for f in found if not (f.relation == "founded_on" and not doc.times_in(*f.evidence))]
    for f in list(found):
        if (
            f.relation == "founded"
            and f.object is not None
            and f.component == "rule:triggers"
            and doc.times_in(*f.evidence)
        ):
            # "X formed Y in 2013": Y's founding date
            found.append(Fact(f.object, "founded_on", None, f.evidence, f.trigger, component="rule:patterns"))
        if f.relation == "merged_into" and re.search(r"\bmerger of\b", doc.text[f.trigger[0] : f.trigger[1]], re.I):
            # the groups whose merger formed a group are its components
            found.append(Fact(f.subject, "component_of", f.object, f.evidence, f.trigger, component="rule:patterns"))
    valued = {
        (f.subject, f.relation, f.object, f.evidence)
        for f in found
        if f.value is not None and f.relation == "funded_by"
    }
    found = [
        f
        for f in found
        if not (
            f.relation == "funded_by" and f.value is None and (f.subject, f.relation, f.object, f.evidence) in valued
        )
    ]
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
