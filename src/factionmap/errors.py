"""Named errors. Every message says what was wrong, where, and what to do about it."""

from __future__ import annotations


class FactionmapError(Exception):
    """Base class of every error factionmap raises on purpose."""


class InputError(FactionmapError):
    """A document or data file that cannot be read; ``path`` names it."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class GoldError(FactionmapError):
    """A gold annotation file that is missing or malformed."""


class UnknownFormatError(FactionmapError):
    """An export format factionmap does not write."""

    def __init__(self, fmt: str, known: list[str]) -> None:
        super().__init__(f"unknown format {fmt!r}: choose one of {', '.join(known)}")


class StoreError(FactionmapError):
    """The database cannot be opened or is of an unknown schema version."""


class DatabaseLocked(StoreError):
    """Another process held the database's write lock for longer than the wait allowed."""

    def __init__(self, path: str, waited: float) -> None:
        self.path = path
        self.waited = waited
        super().__init__(
            f"{path}: the database is locked by another process (waited {waited:g} s for it to finish); "
            "nothing was changed: try again when that process is done"
        )


class DateError(FactionmapError):
    """A date that is not valid EDTF as factionmap writes it."""


class DuplicateDocument(FactionmapError):
    """A document whose content is stored already (another ingest stored it first); ``name`` is the stored one."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"same content as {name} (already ingested)")
