"""``kg build`` as a library call: articles in, validated graph files (and HTML views) out.

With ``jobs`` > 1 the articles are built by worker processes (forked where the platform allows, so the
resources, the ontology and the shapes are loaded once, in the parent), each article independently;
the parent writes the outputs in the order of the articles, so the files are byte-identical whatever
the number of jobs, and the first article that fails stops the build exactly as with one job: the
articles before it are written, none after it, and no file is ever half-written.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rdflib import Graph

from kg.errors import ValidationFailed
from kg.extract.pipeline import process
from kg.lexicon.resources import Resources
from kg.rdf.export import clean_stale_temp_files_in, serialize, sync_folder, write_atomic
from kg.rdf.graph import Triple, build_triples, graph_of
from kg.rdf.iri import mint
from kg.rdf.validation import load_ontology, prepare, validate_triples
from kg.read import find_articles, read_article
from kg.workers import forks, in_order, job_count


@dataclass(frozen=True, slots=True)
class Built:
    """What one article produced."""

    source: Path
    outputs: tuple[Path, ...]
    triples: int


@dataclass(frozen=True, slots=True)
class Options:
    """What every article of one build shares."""

    out: Path
    today: dt.date
    fmt: str = "ttl"
    published: dt.date | None = None
    validate: bool = True
    html: bool = True


@dataclass(frozen=True, slots=True)
class _Made:
    """One article's outputs, made but not written yet."""

    source: Path
    files: tuple[tuple[Path, bytes], ...]
    triples: int


def article_triples(
    path: Path, resources: Resources, today: dt.date, published: dt.date | None = None
) -> frozenset[Triple]:
    """Read one article and build its triples (not validated)."""
    article = read_article(path, published)
    return build_triples(process(article, resources, today), resources)


def article_graph(
    path: Path, resources: Resources, today: dt.date, published: dt.date | None = None
) -> Graph:
    """Read one article and build its graph (not validated)."""
    return graph_of(article_triples(path, resources, today, published))


def check_graph(graph: Graph | frozenset[Triple], name: str, shapes: tuple[Graph, Graph]) -> None:
    """Raise ValidationFailed, naming each failed shape and node, unless ``graph`` conforms."""
    report = validate_triples(graph, *shapes)
    if not report.conforms:
        lines = "\n".join(f"  {v}" for v in report.violations)
        raise ValidationFailed(f"{name}: graph does not conform to the shapes; not written\n{lines}")


def _make(path: Path, resources: Resources, shapes: tuple[Graph, Graph] | None, opts: Options) -> _Made:
    """Build, validate and serialize one article (nothing is written)."""
    triples = article_triples(path, resources, opts.today, opts.published)
    if shapes is not None:
        check_graph(triples, str(path), shapes)
    files = [(opts.out / f"{path.stem}.{opts.fmt}", serialize(triples, opts.fmt, mint("graph", path.stem)))]
    if opts.html:
        from kg.view.html import render_html

        page = render_html(triples, title=path.stem)
        files.append((opts.out / f"{path.stem}.html", page.encode("utf-8")))
    return _Made(path, tuple(files), len(triples))


def _write(made: _Made) -> Built:
    """Write one article's files (the folder was cleaned of stale temporary files by :func:`build`; it
    is synced once at the end)."""
    for path, data in made.files:
        write_atomic(path, data, clean=False, sync_folder=False)
    return Built(made.source, tuple(path for path, _ in made.files), made.triples)


# ------------------------------------------------------------------------------------------ workers

_WORKER: tuple[Resources, tuple[Graph, Graph] | None, Options] | None = None


def _init_worker(number: int, resources: Resources | None, opts: Options) -> None:
    """Per worker, once: the resources (inherited when forked) and the parsed, prepared shapes."""
    global _WORKER
    if resources is None:  # forked: the parent set _WORKER before starting the workers
        return
    shapes = load_ontology() if opts.validate else None
    if shapes is not None:
        prepare(*shapes)
    _WORKER = (resources, shapes, opts)


def _work(path: Path) -> _Made:
    """One article, in a worker; an error comes back to the parent as it is (:func:`kg.workers.in_order`)."""
    assert _WORKER is not None, "worker not initialized"
    return _make(path, *_WORKER)


def _parallel(
    paths: list[Path], jobs: int, resources: Resources, shapes: tuple[Graph, Graph] | None, opts: Options
) -> Iterator[_Made]:
    """The articles made by ``jobs`` workers, in the order of ``paths``; at most 4 per worker ahead."""
    global _WORKER
    if forks():
        _WORKER = (resources, shapes, opts)  # inherited by the forked workers: nothing is loaded again
    args = (None, opts) if forks() else (resources, opts)
    try:
        yield from in_order(_work, paths, jobs, init=_init_worker, init_args=args, window=4 * jobs)
    finally:
        _WORKER = None


def build(
    paths: Sequence[Path],
    out: Path,
    resources: Resources,
    *,
    today: dt.date,
    fmt: str = "ttl",
    published: dt.date | None = None,
    validate: bool = True,
    html: bool = True,
    progress: Callable[[Built], None] | None = None,
    jobs: int = 1,
) -> list[Built]:
    """Build every article under ``paths`` into ``out``: ``<stem>.<fmt>`` and ``<stem>.html``.

    ``jobs`` worker processes build the articles (1: in this process; 0: one per CPU); the outputs do
    not depend on it.
    """
    opts = Options(out, today, fmt, published, validate, html)
    articles = find_articles(list(paths))
    shapes = load_ontology() if validate else None
    jobs = job_count(jobs, len(articles))
    made: Iterator[_Made]
    if jobs > 1:
        if shapes is not None:
            prepare(*shapes)  # once, before the workers are forked
        made = _parallel(articles, jobs, resources, shapes, opts)
    else:
        made = (_make(path, resources, shapes, opts) for path in articles)
    built = []
    clean_stale_temp_files_in(out)  # once here, not once per file: that listing made a batch quadratic
    try:
        for item in made:
            result = _write(item)
            if progress is not None:
                progress(result)
            built.append(result)
    finally:
        close = getattr(made, "close", None)
        if close is not None:
            close()  # the workers stop now, not when the generator is collected
        if built:
            sync_folder(out)
    return built


class ProgressBar:
    """A one-line progress bar on ``stream`` (stderr), drawn only when ``stream`` is a terminal.

    ``clear()`` before printing anything else to the terminal, ``update()`` after.
    """

    def __init__(self, total: int, stream: TextIO | None = None, *, width: int = 30) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.total = total
        self.done = 0
        self.width = width
        self.started = time.monotonic()
        isatty: Any = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._drawn = False

    def clear(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def update(self, step: int = 1) -> None:
        self.done += step
        if not self.enabled:
            return
        filled = self.width * self.done // max(self.total, 1)
        rate = self.done / max(time.monotonic() - self.started, 1e-9)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} articles, {rate:.0f}/s")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        self.clear()
