"""Every user error of the command line ends in one line naming the problem and a non-zero exit: bad
arguments, missing paths, a missing, broken or locked database, concurrent ingests of one folder."""

import json
import re
import sqlite3
import subprocess

from .conftest import BIN, CORPUS, run_cli, shared_corpus


def one_line(r: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The single error line of a failed command (and nothing that looks like a trace)."""
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout and "│" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_a_command_that_reads_a_database_that_does_not_exist_says_so_and_creates_nothing(tmp_path):
    db = tmp_path / "typo.db"
    expected = (
        f"error: no database at {db}: check --db (or $FACTIONMAP_DB), or build one with "
        f"`factionmap --db {db} ingest FOLDER`"
    )
    for args in (
        ["stats"],
        ["export"],
        ["export", "--format", "csv"],
        ["query", "asof", "2017"],
        ["query", "leaders", "RCF"],
        ["query", "search", "front"],
        ["review", "list"],
        ["figure", "timeline", "RCF", "-o", str(tmp_path / "t.svg")],
        ["serve", "--port", "1"],
        ["merge", "A", "B"],
        ["grade", "x.txt", "--reliability", "B"],
    ):
        assert one_line(run_cli(*args, db=db)) == expected, args
    assert list(tmp_path.iterdir()) == []


def test_a_broken_database_and_a_folder_given_as_database_are_one_line(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are notes, not a database\n" * 200)
    assert one_line(run_cli("stats", db=bad)) == f"error: {bad}: not a factionmap database (file is not a database)"
    assert one_line(run_cli("stats", db=tmp_path)) == f"error: {tmp_path} is a folder, not a database file"


def test_writing_into_a_folder_that_does_not_exist_is_one_line(tmp_path):
    db = tmp_path / "x.db"
    assert run_cli("ingest", str(CORPUS), db=db).returncode == 0
    missing = tmp_path / "no" / "such"
    assert one_line(run_cli("export", "-o", str(missing / "facts.jsonl"), db=db)) == (
        f"error: {missing / 'facts.jsonl'}: the folder {missing} does not exist (create it first)"
    )
    assert one_line(run_cli("figure", "timeline", "Northern Valley Front", "-o", str(missing / "t.svg"), db=db)) == (
        f"error: {missing / 't.svg'}: the folder {missing} does not exist (create it first)"
    )
    (tmp_path / "out.csv").mkdir()
    assert one_line(run_cli("export", "-f", "csv", "-o", str(tmp_path / "out.csv"), db=db)) == (
        f"error: {tmp_path / 'out.csv'}: is a folder, not a file"
    )
    assert not missing.exists()


def test_bad_arguments_are_one_line_naming_the_problem(tmp_path):
    db = tmp_path / "x.db"
    assert run_cli("ingest", str(CORPUS), db=db).returncode == 0
    cases = {
        ("stats", "--bogus"): "error: No such option: --bogus (see `factionmap stats --help`)",
        ("query", "asof"): "error: Missing argument 'date'. (see `factionmap query asof --help`)",
        ("query", "asof", "2017", "--depth", "two"): "error: Invalid value for '--depth': Input should be a valid "
        "integer, unable to parse string as an integer (see `factionmap query asof --help`)",
        ("export", "--format", "xlsx"): "error: unknown format 'xlsx': choose one of csv, csv-edges, csv-nodes, "
        "cypher, gexf, graphml, jsonl, jsonld",
        ("nosuchcommand",): "error: No such command 'nosuchcommand'. (see `factionmap --help`)",
    }
    for args, line in cases.items():
        assert one_line(run_cli(*args, db=db)) == line, args
    assert "'soon'" in one_line(run_cli("query", "asof", "soon", db=db))  # the date's wording is the query layer's
    r = run_cli("ingest", str(tmp_path / "nowhere"), db=db)
    assert (r.returncode, r.stderr.strip()) == (1, f"error: {tmp_path / 'nowhere'}: no such file or folder")
    # nothing to ingest into a database that does not exist: the same line, and no empty database left behind
    typo = tmp_path / "typo.db"
    r = run_cli("ingest", str(tmp_path / "nowhere"), db=typo)
    assert (r.returncode, r.stderr.strip(), r.stdout.strip()) == (
        1,
        f"error: {tmp_path / 'nowhere'}: no such file or folder",
        "0 added (0 facts), 0 skipped, 1 failed",
    )
    assert not typo.exists()
    assert run_cli(db=db).returncode == 2  # no command: the help, and a non-zero exit


def test_two_ingests_of_the_same_folder_at_once_lose_nothing_and_print_no_trace(tmp_path):
    folder = shared_corpus()
    db = tmp_path / "same.db"
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8", "FACTIONMAP_EXTRACTOR": "rules"}
    runs = [
        subprocess.Popen(
            [str(BIN / "factionmap"), "--db", str(db), "ingest", str(folder)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outs
    assert [err for _out, err in outs] == ["", ""]
    documents = sorted(f.name for f in folder.iterdir() if f.suffix == ".txt")
    added = [
        line.split()[1].rsplit("/", 1)[1] for out, _ in outs for line in out.splitlines() if line.startswith("added ")
    ]
    assert sorted(added) == documents  # each document stored once, by one of the two
    skipped = [line for out, _ in outs for line in out.splitlines() if line.startswith("skipped ")]
    assert len([s for s in skipped if "already ingested" in s]) == len(documents)
    assert json.loads(run_cli("stats", "--json", db=db).stdout)["documents"] == len(documents)


def test_a_locked_database_is_one_line_after_the_wait_and_nothing_is_lost(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("The Qorvan Hill Brigade joined the Tessaly Coast Alliance in March 2015.\n")
    db = tmp_path / "kb.db"
    assert run_cli("ingest", str(folder), db=db).returncode == 0
    before = run_cli("query", "asof", "2016", "--json", db=db)
    assert before.returncode == 0 and "Qorvan Hill Brigade" in before.stdout
    (folder / "b.txt").write_text("The Marrow Ridge Front was founded in 2012 by Ostrel Vann.\n")
    locked = (
        f"error: {db}: the database is locked by another process (waited 1 s for it to finish); nothing was "
        "changed: try again when that process is done"
    )
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        # another process writes (a write lock, BEGIN IMMEDIATE): a query reads what was committed; an ingest
        # waits the time it is given, then stops with one line, writing nothing
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'held', 'now')")
        assert run_cli("query", "asof", "2016", "--json", db=db).stdout == before.stdout
        assert one_line(run_cli("--lock-wait", "1", "ingest", str(folder), db=db)) == locked
        holder.execute("COMMIT")
        # an exclusive lock shuts out readers too: the query waits, then one line
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM schema_migrations WHERE version = 999")
        assert one_line(run_cli("--lock-wait", "1", "query", "asof", "2016", db=db)) == locked
        assert one_line(run_cli("--lock-wait", "1", "stats", db=db)) == locked
        holder.execute("COMMIT")
    finally:
        holder.close()
    # the holder's writes stand, the refused ingest left nothing behind, and it succeeds now
    check = sqlite3.connect(db)
    assert check.execute("SELECT COUNT(*) FROM schema_migrations WHERE version = 999").fetchone() == (0,)
    assert check.execute("SELECT name FROM documents").fetchall() == [("a.txt",)]
    check.close()
    again = run_cli("ingest", str(folder), db=db)
    assert again.returncode == 0, again.stderr
    assert json.loads(run_cli("stats", "--json", db=db).stdout)["documents"] == 2


def every_command() -> list[list[str]]:
    """The path of every command the ``factionmap`` program has (a new command is checked as soon as it exists)."""
    import typer

    from factionmap.cli import app

    def leaves(cmd, path):
        if hasattr(cmd, "commands"):
            for name, sub in sorted(cmd.commands.items()):
                yield from leaves(sub, [*path, name])
        else:
            yield path

    return list(leaves(typer.main.get_command(app), []))


# the arguments each command is given below: placeholders where it needs some ("X" for a name, a fact, a date)
ARGUMENTS = {
    ("add",): ["X", "joined", "--object", "Y", "--doc", "x.txt", "--quote", "X joined Y."],
    ("review", "edit"): ["X", "--certainty", "asserted"],
    ("figure",): ["timeline", "X", "-o", "t.svg"],
    ("serve",): ["--port", "1"],
}
# commands that read no database of the user's, or build it: ingest and demo create theirs, train reads the
# annotations in the repository, eval reads its gold before the database (and then says so, below)
BUILDS_OR_READS_NONE = {("ingest",), ("demo",), ("train",)}


def arguments(path: list[str], gold: str) -> list[str]:
    """What ``path`` is given: its entry in ARGUMENTS, the gold prefix for eval, else "X" for each argument it needs."""
    import typer

    from factionmap.cli import app

    if tuple(path) == ("eval",):
        return [gold]
    if tuple(path) in ARGUMENTS:
        return ARGUMENTS[tuple(path)]
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]
    return ["X" for p in cmd.params if type(p).__name__.endswith("Argument") and p.required]


def test_every_command_answers_an_unknown_option_a_missing_and_a_locked_database_with_one_line(tmp_path):
    commands = every_command()
    assert len(commands) >= 25 and ["query", "asof"] in commands and ["review", "edit"] in commands
    # an option no command has: one line naming it and the command's help, exit 2
    for path in commands:
        line = one_line(run_cli(*path, "--bogus", db=tmp_path / "any.db"))
        # (with click's suggestion when an option is spelled alike: "(Possible options: --corpus, --host)")
        help_hint = rf"\(see `factionmap {' '.join(path)} --help`\)"
        assert re.fullmatch(rf"error: No such option: --bogus (\(Possible options: [-, a-z]+\) )?{help_hint}", line), (
            path,
            line,
        )
    assert list(tmp_path.iterdir()) == []
    # a database that does not exist: every command that reads one says so and creates nothing
    (tmp_path / "gold.entities.json").write_text("[]\n")
    (tmp_path / "gold.facts.jsonl").write_text("")
    gold = str(tmp_path / "gold")
    db = tmp_path / "typo.db"
    missing = (
        f"error: no database at {db}: check --db (or $FACTIONMAP_DB), or build one with "
        f"`factionmap --db {db} ingest FOLDER`"
    )
    readers = [p for p in commands if tuple(p) not in BUILDS_OR_READS_NONE]
    for path in readers:
        assert one_line(run_cli(*path, *arguments(path, gold), db=db)) == missing, path
        assert not db.exists(), path
    # a database another process holds with an exclusive lock: every one of them waits, then one line
    built = tmp_path / "kb.db"
    assert run_cli("ingest", str(CORPUS), db=built).returncode == 0
    locked = (
        f"error: {built}: the database is locked by another process (waited 1 s for it to finish); nothing was "
        "changed: try again when that process is done"
    )

    def contents() -> list[tuple]:
        check = sqlite3.connect(built)
        rows = check.execute("SELECT key, status FROM facts ORDER BY key").fetchall()
        check.close()
        return rows

    before = contents()
    holder = sqlite3.connect(built, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM schema_migrations WHERE version = -1")
        for path in [["ingest"], *readers]:
            args = [str(CORPUS)] if path == ["ingest"] else arguments(path, gold)
            assert one_line(run_cli("--lock-wait", "1", *path, *args, db=built)) == locked, path
        holder.execute("COMMIT")
    finally:
        holder.close()
    assert contents() == before  # the writes among them changed nothing
