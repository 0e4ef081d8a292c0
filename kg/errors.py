"""Errors raised by diplograph, and the exit codes the CLI maps them to.

The hierarchy::

    KgError                      any error the project raises on purpose (exit 2)
    ├── InputError               an article, sidecar or graph file that cannot be read
    ├── OutputError              an output file or folder that cannot be written (permission, disk full)
    ├── DataFileError            a packaged lexicon or pattern file that is malformed
    ├── QueryError               a SPARQL query that cannot be parsed or run, or an unknown name
    ├── ValidationFailed         a graph that does not conform to the shapes (exit 1)
    ├── StoreError               a SPARQL store that refused or failed a request
    └── WorkerDied               a worker process (--jobs) that ended without its result

Every message is one line, meant to be printed as it is on stderr. Anything else that escapes a command
is an internal error: the CLI prints one line (``kg: internal error: ...``) and exits with
``INTERNAL_EXIT`` (3); ``KG_DEBUG=1`` shows the traceback. An ``OSError`` that escapes is exit 2.
"""

from __future__ import annotations

INTERNAL_EXIT = 3
"""The exit code of an unexpected internal error (a bug)."""


class KgError(Exception):
    """Base class of every error diplograph raises on purpose."""

    exit_code = 2


class InputError(KgError):
    """An input file (article, sidecar, graph) that cannot be read or decoded."""


class OutputError(KgError):
    """An output file or folder that cannot be written: the message names it and says why."""


class DataFileError(KgError):
    """A packaged data file that is malformed; the message names the file and the entry."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        super().__init__(f"{file}: {entry}: {problem}")
        self.file = file
        self.entry = entry
        self.problem = problem

    def __reduce__(self) -> tuple[type[DataFileError], tuple[str, str, str]]:
        """Pickled as its three parts (a worker process hands its errors back to the parent)."""
        return DataFileError, (self.file, self.entry, self.problem)


class QueryError(KgError):
    """A query that cannot be parsed or run, or a named query that does not exist."""


class ValidationFailed(KgError):
    """A graph that does not conform to the SHACL shapes."""

    exit_code = 1


class StoreError(KgError):
    """A SPARQL store that refused or failed a request."""


class WorkerDied(KgError):
    """A worker process (``--jobs``) that ended without giving its result (killed, out of memory)."""
