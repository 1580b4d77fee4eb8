"""What every command module shares: the database the command line names, opening it, and turning library
errors into exits. The command modules import this one; it imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console

from factionmap.api import FactionmapError, Store, open_kb

T = TypeVar("T")
err = Console(stderr=True)


class CliState:
    """Options of the top-level command that every subcommand reads."""

    db: str = "factionmap.db"


state = CliState()


def open_store() -> Store:
    """The database named by --db or $FACTIONMAP_DB; a bad one is a one-line error and exit code 2."""
    try:
        return open_kb(state.db)
    except FactionmapError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def fail(exc: Exception, code: int = 2) -> typer.Exit:
    """Print ``exc`` as a one-line error and return the exit to raise."""
    err.print(f"error: {exc}", highlight=False, markup=False)
    return typer.Exit(code)


def run_or_exit(fn: Callable[[], T]) -> T:
    """Call ``fn``; a FactionmapError becomes a one-line error and exit code 2."""
    try:
        return fn()
    except FactionmapError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
