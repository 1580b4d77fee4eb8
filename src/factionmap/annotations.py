"""The project's annotated corpus: read, check and complete it (``annotations/README.md``).

Each annotated document is three files under ``annotations/<folder>/<stem>``, where ``<folder>/<stem>.txt``
is the document's path under ``../shared``:

- ``.entities.json`` and ``.facts.jsonl`` in the format of ``../shared/gold/SCHEMA.md``;
- ``.mentions.json``: every occurrence of every entity's name or alias, ``[start, end, id, type]``,
  written by ``build`` (longest name first, case-sensitive, at word boundaries).

``annotations/manifest.json`` names every document with its sha256, its split (``train`` or
``validation``, fixed in ``annotations/splits.json`` before any training) and its counts.

    python -m factionmap.annotations check            # every annotated document; exit 1 on a problem
    python -m factionmap.annotations build [PREFIX…]  # write mentions and the manifest, then check

>>> text = "The Northern Front (NF) fought the Crescent. NF won."
>>> ents = {"nf": {"id": "nf", "name": "Northern Front", "type": "ORG", "aliases": ["NF"]}}
>>> [(s, e, i) for s, e, i, _ in find_mentions(text, ents)]
[(4, 18, 'nf'), (20, 22, 'nf'), (45, 47, 'nf')]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factionmap.model import CERTAINTIES, RELATIONS, TYPES

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = ROOT / "annotations"
SHARED = ROOT.parent / "shared"

NO_OBJECT = frozenset({"founded_on", "membership"})
OPTIONAL_OBJECT = frozenset({"killed"})
# (subject types, object types) each relation admits (SCHEMA.md's table).
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    r: (frozenset(s.split()), frozenset(o.split()))
    for r, s, o in (
        ("component_of", "ORG", "ORG"),
        ("joined", "ORG PERSON", "ORG"),
        ("merged_into", "ORG", "ORG"),
        ("splinter_of", "ORG", "ORG"),
        ("allegiance_to", "ORG PERSON", "ORG PERSON"),
        ("allied_with", "ORG", "ORG"),
        ("rival_of", "ORG", "ORG"),
        ("ceasefire_with", "ORG", "ORG"),
        ("funded_by", "ORG", "ORG PERSON PLACE"),
        ("supported_by", "ORG", "ORG PLACE"),
        ("leader_of", "PERSON", "ORG"),
        ("founded", "PERSON ORG", "ORG"),
        ("member_of", "PERSON", "ORG"),
        ("killed", "PERSON", "ORG PERSON"),
        ("successor_of", "PERSON", "PERSON"),
        ("based_in", "ORG", "PLACE"),
        ("founded_on", "ORG", ""),
        ("membership", "ORG", ""),
        ("designated", "ORG PERSON", "ORG"),
    )
}
DATE = re.compile(
    r"^(\d{4}|\d{3}X|\d{2}XX)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
    r"(-(early|mid|late|spring|summer|autumn|winter))?$"
)
FACT_FIELDS = {"s", "r", "o", "value", "value_high", "date", "start", "end", "certainty", "evidence", "note"}
ID = re.compile(r"^[a-z0-9_]+$")


@dataclass
class AnnotatedDoc:
    """One annotated document: its text, entities by id, facts, mention spans and split."""

    doc: str
    text: str
    entities: dict[str, dict[str, Any]]
    facts: list[dict[str, Any]]
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)
    split: str = "train"
    partial: bool = False  # only the facts listed are known (an analyst's reviews), not the whole text
    rejected: list[dict[str, Any]] = field(default_factory=list)  # facts an analyst said are wrong


def text_kind(ad: AnnotatedDoc) -> str:
    """Which kind of text an annotated document is, for figures by kind: a UN summary, or an article under or
    over 5 KB (the texts an extractor is judged on are mostly long articles).

    >>> text_kind(AnnotatedDoc("corpus-un/QDi.217.txt", "x" * 3000, {}, []))
    'UN summaries'
    >>> text_kind(AnnotatedDoc("corpus-wiki/fatah.txt", "x" * 20000, {}, []))
    'articles of 5 KB or more'
    """
    if ad.doc.startswith("corpus-un/"):
        return "UN summaries"
    return "articles of 5 KB or more" if len(ad.text.encode("utf-8")) >= 5000 else "articles under 5 KB"


def prefix_of(doc: str, root: Path = ANNOTATIONS) -> Path:
    """Where a document's annotation lives: ``corpus-wiki/fatah.txt`` → ``annotations/corpus-wiki/fatah``.

    >>> prefix_of("corpus-wiki/fatah.txt", Path("annotations")).as_posix()
    'annotations/corpus-wiki/fatah'
    """
    return root / Path(doc).with_suffix("")


def doc_of(prefix: Path, root: Path = ANNOTATIONS) -> str:
    """The shared document an annotation prefix stands for (inverse of :func:`prefix_of`)."""
    return prefix.resolve().relative_to(root.resolve()).as_posix() + ".txt"


def surface_forms(entity: dict[str, Any]) -> list[str]:
    """An entity's name and aliases, each once."""
    seen: list[str] = []
    for name in [entity.get("name", ""), *entity.get("aliases", [])]:
        if isinstance(name, str) and name and name not in seen:
            seen.append(name)
    return seen


def _occurrences(text: str, form: str) -> Iterator[int]:
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            yield start
        start = text.find(form, start + 1)


def find_mentions(text: str, entities: dict[str, dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    """Every occurrence of every name or alias, longest form first, as ``(start, end, id, type)``."""
    forms = sorted(
        ((f, eid) for eid, e in entities.items() for f in surface_forms(e)), key=lambda x: (-len(x[0]), x[0], x[1])
    )
    taken = bytearray(len(text))
    found: list[tuple[int, int, str, str]] = []
    for form, eid in forms:
        for start in _occurrences(text, form):
            end = start + len(form)
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append((start, end, eid, entities[eid].get("type", "")))
    return sorted(found)


def read(prefix: Path, shared: Path = SHARED, root: Path = ANNOTATIONS) -> AnnotatedDoc:
    """Read one annotation and its document; raises ``ValueError`` with the file and line on bad JSON."""
    doc = doc_of(prefix, root)
    text = (shared / doc).read_text(encoding="utf-8")
    ent_path, fact_path = Path(f"{prefix}.entities.json"), Path(f"{prefix}.facts.jsonl")
    try:
        raw = json.loads(ent_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{ent_path}: not valid JSON ({exc})") from None
    if not isinstance(raw, list):
        raise ValueError(f"{ent_path}: expected a JSON list of entities")
    entities = {e["id"]: e for e in raw if isinstance(e, dict) and "id" in e}
    facts = []
    for n, line in enumerate(fact_path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                facts.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{fact_path}: line {n}: not valid JSON ({exc.msg})") from None
    mentions: list[tuple[int, int, str, str]] = []
    men_path = Path(f"{prefix}.mentions.json")
    if men_path.is_file():
        mentions = [tuple(m) for m in json.loads(men_path.read_text(encoding="utf-8"))]
    split = _splits(root).get(doc, "train")
    return AnnotatedDoc(doc, text, entities, facts, mentions, split)


def _splits(root: Path) -> dict[str, str]:
    path = root / "splits.json"
    if not path.is_file():
        return {}
    return {d: "validation" for d in json.loads(path.read_text(encoding="utf-8"))["validation"]}


def problems(prefix: Path, shared: Path = SHARED, root: Path = ANNOTATIONS) -> list[str]:
    """Everything wrong with one annotation, one line each (empty when it is right)."""
    name = prefix.name
    ent_path = Path(f"{prefix}.entities.json")
    try:
        raw_ents = json.loads(ent_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{name}.entities.json: not valid JSON ({exc})"]
    out: list[str] = []
    if not isinstance(raw_ents, list):
        return [f"{name}.entities.json: expected a JSON list"]
    try:
        ad = read(prefix, shared, root)
    except (ValueError, OSError) as exc:
        return [str(exc)]
    ids: set[str] = set()
    owner: dict[str, str] = {}
    for i, e in enumerate(raw_ents):
        if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not isinstance(e.get("name"), str):
            out.append(f"{name}.entities.json: entity {i} needs a string 'id' and 'name'")
            continue
        eid = e["id"]
        if eid in ids:
            out.append(f"{name}.entities.json: id {eid!r} is defined twice")
        ids.add(eid)
        if not ID.match(eid):
            out.append(f"{name}.entities.json: id {eid!r} is not a lowercase slug")
        if e.get("type") not in TYPES:
            out.append(f"{name}.entities.json: {eid}: type {e.get('type')!r} is not one of {TYPES}")
        if not isinstance(e.get("aliases", []), list) or not isinstance(e.get("not", []), list):
            out.append(f"{name}.entities.json: {eid}: 'aliases' and 'not' are lists")
            continue
        for form in surface_forms(e):
            if form != form.strip():
                out.append(f"{name}.entities.json: {eid}: name {form!r} has surrounding spaces")
            if not any(c.isupper() or c.isdigit() for c in form):
                out.append(f"{name}.entities.json: {eid}: {form!r} is not a name (no capital letter)")
            if form in owner and owner[form] != eid:
                out.append(f"{name}.entities.json: {form!r} is a name of both {owner[form]!r} and {eid!r}")
            owner.setdefault(form, eid)
        designator = any(f.get("o") == eid and f.get("r") == "designated" for f in ad.facts if isinstance(f, dict))
        if not designator and not any(True for f in surface_forms(e) for _ in _occurrences(ad.text, f)):
            out.append(f"{name}.entities.json: {eid}: none of its names occurs in the document")
    for n, f in enumerate(ad.facts, 1):
        out.extend(f"{name}.facts.jsonl: line {n}: {p}" for p in _fact_problems(f, ad))
    expected = find_mentions(ad.text, ad.entities)
    if ad.mentions != expected:
        out.append(
            f"{name}.mentions.json: out of date or edited ({len(ad.mentions)} spans, "
            f"{len(expected)} expected): run 'python -m factionmap.annotations build'"
        )
    for start, end, eid, _ in ad.mentions:
        if eid not in ad.entities or ad.text[start:end] not in surface_forms(ad.entities[eid]):
            out.append(f"{name}.mentions.json: [{start}, {end}] is not a name of {eid!r}")
            break
    return out


def _fact_problems(f: Any, ad: AnnotatedDoc) -> Iterator[str]:
    if not isinstance(f, dict):
        yield "a fact is a JSON object"
        return
    unknown = set(f) - FACT_FIELDS
    if unknown:
        yield f"unknown field(s) {sorted(unknown)}"
    rel = f.get("r")
    if rel not in RELATIONS:
        yield f"unknown relation {rel!r}"
        return
    s, o = f.get("s"), f.get("o")
    if s not in ad.entities:
        yield f"subject {s!r} is not a defined entity"
        return
    if o is not None and o not in ad.entities:
        yield f"object {o!r} is not a defined entity"
        return
    if rel in NO_OBJECT and o is not None:
        yield f"{rel} takes no object"
    if rel not in NO_OBJECT and rel not in OPTIONAL_OBJECT and o is None:
        yield f"{rel} needs an object"
    if o is not None and o == s:
        yield "subject and object are the same entity"
    s_types, o_types = SIGNATURES[rel]
    if ad.entities[s].get("type") not in s_types:
        yield f"{rel}: subject {s!r} is {ad.entities[s].get('type')}, expected {'/'.join(sorted(s_types))}"
    if o is not None and ad.entities[o].get("type") not in o_types:
        yield f"{rel}: object {o!r} is {ad.entities[o].get('type')}, expected {'/'.join(sorted(o_types))}"
    if rel == "membership" and not isinstance(f.get("value"), int | float):
        yield "membership needs a number as 'value'"
    if f.get("value_high") is not None and not isinstance(f.get("value_high"), int | float):
        yield "'value_high' is a number"
    if f.get("certainty") not in CERTAINTIES:
        yield f"certainty {f.get('certainty')!r} is not one of {CERTAINTIES}"
    for key in ("date", "start", "end"):
        if f.get(key) is not None and not (isinstance(f[key], str) and DATE.match(f[key])):
            yield f"{key} {f[key]!r} is not a date of SCHEMA.md (2015, 2015-02, 2015-02-09, 2015-early, 199X)"
    if f.get("date") and (f.get("start") or f.get("end")):
        yield "a fact has either 'date' or 'start'/'end'"
    ev = f.get("evidence")
    if not isinstance(ev, str) or not ev.strip():
        yield "no evidence"
    elif ev not in ad.text:
        yield f"evidence is not an exact substring of the document: {ev[:80]!r}"


def evidence_span(ad: AnnotatedDoc, fact: dict[str, Any]) -> tuple[int, int]:
    """Where a fact's evidence stands: the first occurrence naming both sides, else the first."""
    ev = fact["evidence"]
    first = ad.text.find(ev)
    start = first
    while start >= 0:
        end = start + len(ev)
        inside = {m[2] for m in ad.mentions if m[0] >= start and m[1] <= end}
        if fact["s"] in inside and (fact.get("o") is None or fact["o"] in inside):
            return start, end
        start = ad.text.find(ev, start + 1)
    return first, first + len(ev)


def all_prefixes(root: Path = ANNOTATIONS) -> list[Path]:
    """Every annotated document under ``root`` (not the double annotations in ``agreement/``)."""
    return sorted(
        p.with_name(p.name[: -len(".facts.jsonl")])
        for p in root.glob("*/*.facts.jsonl")
        if p.parent.name != "agreement"
    )


def build(prefixes: list[Path], shared: Path = SHARED, root: Path = ANNOTATIONS, manifest: bool = True) -> None:
    """Write the mention spans of each prefix, and (``manifest``) the manifest of every annotated document."""
    for prefix in prefixes:
        ad = read(prefix, shared, root)
        spans = find_mentions(ad.text, ad.entities)
        Path(f"{prefix}.mentions.json").write_text(
            "[\n" + ",\n".join(json.dumps(list(m), ensure_ascii=False) for m in spans) + "\n]\n", encoding="utf-8"
        )
    if manifest:
        write_manifest(shared, root)


def write_manifest(shared: Path = SHARED, root: Path = ANNOTATIONS) -> dict[str, Any]:
    """``annotations/manifest.json``: each document's sha256, split and counts, and the whole's hash."""
    docs = []
    for prefix in all_prefixes(root):
        ad = read(prefix, shared, root)
        docs.append(
            {
                "doc": ad.doc,
                "sha256": hashlib.sha256((shared / ad.doc).read_bytes()).hexdigest(),
                "split": ad.split,
                "entities": len(ad.entities),
                "facts": len(ad.facts),
                "mentions": len(ad.mentions),
            }
        )
    manifest = {"documents": docs, "annotations_sha256": annotations_hash(root)}
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def annotations_hash(root: Path = ANNOTATIONS) -> str:
    """One sha256 over every annotation file (entities, facts, mentions) and the split."""
    h = hashlib.sha256()
    files = sorted(
        p
        for p in root.glob("*/*")
        if p.parent.name != "agreement" and p.name.endswith((".entities.json", ".facts.jsonl", ".mentions.json"))
    )
    for p in [*files, root / "splits.json"]:
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def check_all(prefixes: list[Path], shared: Path = SHARED, root: Path = ANNOTATIONS) -> list[str]:
    """Problems of every given annotation, and of the manifest (sha256 of each document, counts)."""
    out: list[str] = []
    for prefix in prefixes:
        out.extend(problems(prefix, shared, root))
    manifest_path = root / "manifest.json"
    if manifest_path.is_file() and prefixes == all_prefixes(root):
        listed = {d["doc"]: d for d in json.loads(manifest_path.read_text(encoding="utf-8"))["documents"]}
        for prefix in prefixes:
            doc = doc_of(prefix, root)
            if doc not in listed:
                out.append(f"manifest.json: {doc} is not listed: run 'python -m factionmap.annotations build'")
            elif listed[doc]["sha256"] != hashlib.sha256((shared / doc).read_bytes()).hexdigest():
                out.append(f"manifest.json: {doc} has changed since it was annotated (sha256 differs)")
    return out


def main(argv: list[str]) -> int:
    """``check [PREFIX…]`` or ``build [PREFIX…]``; prefixes default to every annotated document."""
    if not argv or argv[0] not in ("check", "build"):
        print("usage: python -m factionmap.annotations check|build [annotations/FOLDER/STEM …]", file=sys.stderr)
        return 2
    named = [Path(p.removesuffix(".facts.jsonl").removesuffix(".entities.json")) for p in argv[1:]]
    outside = [p for p in named if not p.resolve().is_relative_to(ANNOTATIONS.resolve())]
    if outside:
        print(f"error: {outside[0]}: not under {ANNOTATIONS} (name annotations/FOLDER/STEM)", file=sys.stderr)
        return 2
    try:
        return _run(argv[0], named)
    except (OSError, ValueError) as exc:  # a missing document or file, malformed JSON
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run(command: str, named: list[Path]) -> int:
    prefixes = named or all_prefixes()
    agreement = [p for p in prefixes if "agreement" in p.resolve().relative_to(ANNOTATIONS.resolve()).parts]
    prefixes = [p for p in prefixes if p not in agreement]
    if command == "build":
        build(prefixes, manifest=not named)
        build(agreement, root=ANNOTATIONS / "agreement", manifest=False)
    found = check_all(prefixes) + [x for p in agreement for x in problems(p, root=ANNOTATIONS / "agreement")]
    prefixes += agreement
    for line in found[:200]:
        print(line)
    n_facts = 0
    for p in prefixes:
        try:
            n_facts += sum(
                1 for line in Path(f"{p}.facts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
            )
        except OSError:
            pass
    print(f"{len(prefixes)} document(s), {n_facts} facts: " + (f"{len(found)} problem(s)" if found else "no problems"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
