"""What every command module shares: opening the database and turning library errors into exits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import typer

from factionmap.errors import FactionmapError

T = TypeVar("T")


def open_store() -> Any:
    """The database named by --db or $FACTIONMAP_DB."""
    from factionmap.cli import _store

    return _store()


def run_or_exit(fn: Callable[[], T]) -> T:
    """Call ``fn``; a FactionmapError becomes a one-line error and exit code 2."""
    try:
        return fn()
    except FactionmapError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
