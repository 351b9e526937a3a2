"""Every exception chipmap raises on purpose.

::

    ChipmapError
     ├── InputError          one source could not be read or decoded
     │    └── EmptyInput      the source holds no text
     ├── ConfigError         a setting is wrong (bad model name, bad URL)
     ├── AtlasError          the atlas data do not load or do not validate
     ├── StoreError          the database cannot be opened or written
     │    └── MissingDatabase a read names a database that holds no graph
     ├── ReviewError         a review verdict cannot be applied (two atlas entries, a gone entity)
     └── NotFound            a name or id matches nothing (carries suggestions)

The CLI maps them to exit codes; the server maps them to 4xx responses.
"""

from __future__ import annotations

from collections.abc import Sequence


class ChipmapError(Exception):
    """Base of every error chipmap raises deliberately."""


class InputError(ChipmapError):
    """A source could not be turned into an article; names the source and why."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class EmptyInput(InputError):
    """The source decoded fine but holds no text to read."""


class ConfigError(ChipmapError):
    """A setting has a value chipmap cannot use."""


class AtlasError(ChipmapError):
    """The atlas (bundled or overlay) fails to load or validate."""


class StoreError(ChipmapError):
    """The database cannot be opened, migrated or written."""


class MissingDatabase(StoreError):
    """A read names a database with no chipmap graph in it (reads never create one)."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(
            f"no chipmap graph at {url}. Build one first: 'chipmap build SOURCES --db {url}' "
            "(or 'chipmap demo' for the sample graph), or point --db / CHIPMAP_DB at an existing one."
        )


class ReviewError(ChipmapError):
    """A reviewer's verdict cannot be carried out; says which entities and why."""


class NotFound(ChipmapError):
    """Nothing matches a name or id; ``suggestions`` lists near matches."""

    def __init__(self, what: str, query: str, suggestions: Sequence[str] = ()) -> None:
        self.what = what
        self.query = query
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No {what} matches {query!r}.{hint}")
