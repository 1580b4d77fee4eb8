"""Load the word lists of this folder and the place names of pycountry, once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# compass words that head a region's name ("northern Kenya", "south-east Dovran"), lower-case
COMPASS = (
    r"north|south|east|west|central|northern|southern|eastern|western|north-east|north-west|south-east|"
    r"south-west|north-eastern|north-western|south-eastern|south-western|northeast|northwest|southeast|"
    r"southwest|northeastern|northwestern|southeastern|southwestern|south-central|north-central"
)


# the words that make "Afghan government", "Iraqi security forces" a state's organ, longest first, lower-case
STATE_ORGANS = (
    r"government forces|government troops|security forces|armed forces|special forces|intelligence agencies|"
    r"intelligence agency|intelligence services|intelligence service|secret police|federal police|national guard|"
    r"government|forces|army|military|police|intelligence|authorities|regime|troops|air force|navy|marines|"
    r"monarchy|gendarmerie"
)

# Arabic, Persian and Turkic words for "province" that open a name ("Wilayat Dovran" is "Dovran Province")
PROVINCE_WORDS = r"wilayat|wilayah|wilaya|vilayat|velayat|vilayet"


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``name``.txt, one a line, comments and blanks dropped."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip())


@cache
def word_classes() -> dict[str, tuple[str, str]]:
    """Each lower-case English word's class, fine and coarse: k-means clusters of its GloVe vector
    (``wordclasses.tsv.gz``, built by ``bench/wordclasses.py``). Words of one class are used alike.

    >>> word_classes()["pledged"] == word_classes()["vowed"]
    True
    """
    import gzip

    raw = resources.files(__package__).joinpath("wordclasses.tsv.gz").read_bytes()
    out = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line.startswith("#"):
            word, fine, coarse = line.split("\t")
            out[word] = (fine, coarse)
    return out


@cache
def lower_words(name: str) -> frozenset[str]:
    """The entries of ``name``.txt, lower-cased."""
    return frozenset(w.lower() for w in words(name))


@cache
def places() -> frozenset[str]:
    """Lower-cased names of countries, their common and official names, subdivisions and regions."""
    import pycountry

    out: set[str] = set(countries())
    stop = lower_words("stopcaps") | lower_words("orgwords")
    for s in pycountry.subdivisions:
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", s.name).strip()
        if len(name) >= 4 and name.lower() not in stop:
            out.add(name.lower())
    out |= lower_words("regions")
    out |= lower_words("countries_short")
    out |= {_unaccent(n) for n in out}
    return frozenset(out)


_VOWELS = frozenset("aeiouy")


@cache
def _place_skeletons() -> frozenset[str]:
    """Every one-word place name of eight letters or more with one inner vowel masked, each way."""
    return frozenset(
        n[:i] + "?" + n[i + 1 :]
        for n in places()
        if " " not in n and len(n) >= 8
        for i in range(1, len(n) - 1)
        if n[i] in _VOWELS
    )


def near_place(word: str) -> bool:
    """True when ``word`` (one word, eight letters or more) is a known place name but for one inner vowel:
    "Baluchistan" for "Balochistan", "Kassarine" for "Kasserine"; not "Benedict" (for "Benedikt") nor
    "Argentino" (a last letter is a word's ending, not its spelling)."""
    low = word.lower()
    if len(low) < 8 or " " in low:
        return False
    skeletons = _place_skeletons()
    return any(low[:i] + "?" + low[i + 1 :] in skeletons for i in range(1, len(low) - 1) if low[i] in _VOWELS)


def _unaccent(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def demonym_countries() -> dict[str, str]:
    """Lower-cased adjectives of nationality (Afghan, Pakistani, Syrian…) → the country's common name."""
    import pycountry

    out: dict[str, str] = {}
    names = {getattr(c, "common_name", None) or c.name.split(",")[0] for c in pycountry.countries}
    names |= set(words("countries_short"))
    for name in sorted(names):
        low = name.lower()
        forms = {low + "n"} if " " in low else {low + "n", low + "an", low + "ian", low + "i", low + "ese", low + "ish"}
        if " " not in low:
            if low.endswith("a"):
                forms |= {low[:-1] + "ese", low[:-1] + "an"}
            if low.endswith(("e", "o", "y")):
                forms |= {low[:-1] + "ian", low[:-1] + "ese", low[:-1] + "an", low[:-1] + "i"}
            if low.endswith("on"):
                forms.add(low[:-2] + "ese")
            if low.endswith("istan"):
                forms.add(low[: -len("istan")])
            if low.endswith("stan"):
                forms.add(low[:-4] + "i")
            if low.endswith("land"):
                forms |= {low[:-4] + "ish", low[:-4] + "ic"}
        for f in forms - {"man", "ian", "i"}:
            out.setdefault(f, name)
    for entry in words("demonyms_extra"):
        adjective, _, country = entry.partition("->")
        if country.strip():
            out[adjective.strip().lower()] = country.strip()
    return out


@cache
def demonyms() -> frozenset[str]:
    """Lower-cased adjectives of nationality, people and region (Afghan, Pakistani, Syrian, Baloch…)."""
    return frozenset(demonym_countries()) | {w.split("->")[0].strip() for w in lower_words("demonyms_extra")}


@cache
def place_synonyms() -> dict[str, str]:
    """Each word of ``place_synonyms.txt`` mapped to one name of its place (the first alphabetically):
    "sham" and "syria" to "levant"."""
    out: dict[str, str] = {}
    for line in lower_words("place_synonyms"):
        names = line.split()
        out.update((n, min(names)) for n in names)
    return out


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``name``.tsv (tab-separated, ``#`` comments dropped)."""
    text = resources.files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def countries() -> frozenset[str]:
    """Lower-cased names of countries only (no provinces or regions)."""
    import pycountry

    out: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                out.add(value.lower())
                out.add(value.split(", ")[0].lower())
    return frozenset(out | lower_words("countries_short"))


@cache
def role_nouns() -> str:
    """The role nouns of a leader_of fact (role_nouns.txt) as a regex alternation, in the file's order."""
    text = resources.files(__package__).joinpath("role_nouns.txt").read_text(encoding="utf-8")
    entries = [line.split("#", 1)[0].strip().lower() for line in text.splitlines()]
    return "|".join(re.escape(w) for w in entries if w)


@cache
def people_nouns() -> str:
    """The plural nouns for a group's people (people.txt) as a regex alternation, longest first."""
    return "|".join(sorted(lower_words("people"), key=lambda w: (-len(w), w)))
