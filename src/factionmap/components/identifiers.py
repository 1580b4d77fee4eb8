"""Stage: identifiers a text writes right after a name, kept on the entity as cross-walk ids.

"Al-Qaida (QDe.004)" gives Al-Qaida the UN sanctions reference ``un:QDe.004``; "Radulan Sahiron (QDi.208)" a
person's; "Hezbollah (Q83150)" or "(Wikidata: Q83150)" a Wikidata id ``wikidata:Q83150``. A parenthesised
acronym may stand between ("Jemaah Islamiyah (JI) (QDe.092)"). Resolution across documents uses them: one
identifier joins, two of one registry keep apart.

>>> from factionmap.pipeline import extract_rules
>>> ext = extract_rules("The Sabil Brigade (QDe.901) fought the Salt Front (SF) (Q4242).")
>>> sorted((e.name, sorted(e.ids)) for e in ext.entities if e.ids)
[('Sabil Brigade', ['un:QDe.901']), ('Salt Front', ['wikidata:Q4242'])]
"""

from __future__ import annotations

import re

from factionmap.model import Extraction

_ID = re.compile(r"\s*\((?:(?P<un>QD[ei]\.\d{3})|(?:Wikidata:?\s*)?(?P<wd>Q[1-9]\d{1,9}))\)")
_PAREN = re.compile(r"\s*\([^()]{1,40}\)")


def identifiers(ext: Extraction) -> Extraction:
    """Give each entity the identifiers written right after one of its mentions."""
    text = ext.text
    ends: dict[int, int] = {}
    for m in ext.mentions:
        if m.entity >= 0:
            ends.setdefault(m.end, m.entity)
    for end, entity in sorted(ends.items()):
        found = _ID.match(text, end)
        if found is None:
            paren = _PAREN.match(text, end)
            if paren is not None:
                found = _ID.match(text, paren.end())
        if found is None:
            continue
        if found.group("un"):
            ext.entities[entity].ids.add(f"un:{found.group('un')}")
        else:
            ext.entities[entity].ids.add(f"wikidata:{found.group('wd')}")
    return ext
