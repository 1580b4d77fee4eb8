"""What every command module shares: the database the command line names, opening it, and turning library
errors into exits. The command modules import this one; it imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console

from factionmap.api import FactionmapError, Store, open_kb

T = TypeVar("T")
err = Console(stderr=True)


class CliState:
    """Options of the top-level command that every subcommand reads."""

    db: str = "factionmap.db"
    lock_wait: float = 60.0


state = CliState()


def open_store(create: bool = False) -> Store:
    """The database named by --db or $FACTIONMAP_DB. Only the commands that build one (ingest, demo) may create
    it: any other stops with one line when it does not exist, so a mistyped --db never leaves an empty
    database. A bad one is a one-line error and exit code 2."""
    path = Path(state.db)
    if not create and not path.exists():
        err.print(
            f"error: no database at {state.db}: check --db (or $FACTIONMAP_DB), or build one with "
            f"`factionmap --db {state.db} ingest FOLDER`",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    if path.is_dir():
        err.print(f"error: {state.db} is a folder, not a database file", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(2)
    try:
        return open_kb(state.db, timeout=state.lock_wait)
    except FactionmapError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(2) from None


def write_file(output: Path, write: Callable[[Any], T], binary: bool = False) -> T:
    """Open ``output`` for writing and hand it to ``write``; a missing folder or a file that cannot be
    written is one line naming the path, never a trace."""
    if not output.parent.is_dir():
        raise FactionmapError(f"{output}: the folder {output.parent} does not exist (create it first)")
    try:
        if binary:
            with output.open("wb") as fh:
                return write(fh)
        with output.open("w", encoding="utf-8", newline="") as fh:
            return write(fh)
    except IsADirectoryError:
        raise FactionmapError(f"{output}: is a folder, not a file") from None
    except OSError as exc:
        raise FactionmapError(f"{output}: cannot write: {exc.strerror}") from None


def fail(exc: Exception, code: int = 2) -> typer.Exit:
    """Print ``exc`` as a one-line error and return the exit to raise."""
    err.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
    return typer.Exit(code)


def run_or_exit(fn: Callable[[], T]) -> T:
    """Call ``fn``; a FactionmapError becomes a one-line error and exit code 2."""
    try:
        return fn()
    except FactionmapError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
