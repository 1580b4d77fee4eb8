"""The README's tour: it reads the database `make demo` builds, and every output it prints is what the command
prints today on that database (a line of "…" stands for lines left out)."""

import os
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import BIN, HERE, shared_corpus

pytestmark = pytest.mark.slow

ROOT = HERE.parent


def tour() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Five-minute tour")
    return text[start : text.index("\n## ", start + 1)]


def examples(section: str) -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of the section's code blocks with the lines printed under it (none for most)."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```\n(.*?)^```$", section, flags=re.S | re.M):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif out:
                out[-1][1].append(line)
    return out


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether ``printed`` is ``shown`` line for line, a line of "…" (or "…words…") standing for any lines."""
    if not shown:
        return not printed
    if re.fullmatch(r"…([^…]*…)?", shown[0]):
        return any(matches(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


def test_the_tour_uses_the_demos_database():
    section = tour()
    commands = [c for c, _ in examples(section)]
    assert len(commands) >= 20
    assert all(c.startswith("factionmap --db demo.db ") for c in commands), [
        c for c in commands if not c.startswith("factionmap --db demo.db ")
    ]
    assert "kb.db" not in (ROOT / "README.md").read_text(encoding="utf-8")
    # the database make demo builds, and the command the tour starts with builds the same
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/factionmap --db demo.db demo --corpus $(CORPUS)" in make
    assert commands[0] == "factionmap --db demo.db demo --no-serve"


def test_every_output_the_tour_prints_is_what_the_command_prints_today(tmp_path):
    assert shared_corpus().is_dir()
    db = tmp_path / "demo.db"
    # as make demo runs it: the extractor the program uses by default (the trained model), from the project's
    # folder (the tour's paths are relative to it)
    env = {k: v for k, v in os.environ.items() if k not in ("FACTIONMAP_EXTRACTOR", "FACTIONMAP_DB")}
    env.update(PATH=f"{BIN}:/usr/bin:/bin", COLUMNS="200", LANG="C.UTF-8")
    shown = [(c, lines) for c, lines in examples(tour()) if lines]
    assert len(shown) >= 5 and shown[0][0] == "factionmap --db demo.db demo --no-serve"
    for command, lines in shown:
        run = command.replace("--db demo.db", f"--db {db}", 1)
        r = subprocess.run(
            ["bash", "-c", run], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert r.returncode == 0 or "| head" in command, (command, r.stderr)
        printed = r.stdout.rstrip("\n").splitlines()
        if lines[0].startswith("{"):  # a JSON line, wrapped for the page: the same words, spacing aside
            assert " ".join(" ".join(lines).split()) == " ".join(" ".join(printed).split()), command
        else:
            assert matches(lines, printed), (command, lines, printed)
    assert Path(db).exists()


def test_the_tours_first_example_of_a_fact_is_one_its_documents_annotation_states(tmp_path):
    # the first fact the tour shows (the JSON line of export) is a right extraction: the gold annotation of its
    # document has that relation between those two entities, with that value, at that date
    import json

    _command, lines = next((c, lines) for c, lines in examples(tour()) if lines and lines[0].startswith("{"))
    fact = json.loads(" ".join(" ".join(lines).split()))
    doc = fact["evidence"][0]["doc"]
    prefix = shared_corpus().parent / "gold" / Path(doc).stem
    entities = json.loads(Path(f"{prefix}.entities.json").read_text(encoding="utf-8"))
    gold = [json.loads(x) for x in Path(f"{prefix}.facts.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]

    def ids(name, aliases):
        names = {name, *aliases}
        return {e["id"] for e in entities if names & {e["name"], *e.get("aliases", [])}}

    subject = ids(fact["subject"], fact["subject_aliases"])
    obj = ids(fact["object"], fact["object_aliases"])
    assert subject and obj
    when = fact["date"] or fact["start"]
    assert any(
        g["s"] in subject
        and g["r"] == fact["relation"]
        and g.get("o") in obj
        and g.get("value") == fact["value"]
        and when in (g.get("date"), g.get("start"))  # a leadership dated to its first day, or begun then
        for g in gold
    ), fact
