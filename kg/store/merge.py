"""Merging article graphs into one dataset: one named graph per article, nothing overwritten.

Each input becomes its own named graph ``dgr:graph/<stem>`` (a Turtle / N-Triples / JSON-LD file's
triples; the default-graph triples of a TriG / N-Quads file). The named graphs of a TriG / N-Quads input
are kept as they are, so a merged file can be merged again.

Entities are merged by their IRIs, which the builder already mints from what identifies them
(docs/DESIGN.md): a state is ``state/<ISO2>`` in every article; a person is ``person/<slug of the
normalized name>``, so two people with the same name are one node, and when the articles give him
different posts the node keeps every ``dg:holds`` (one node, two posts, all kept); people who only share a
surname have different IRIs and stay different nodes; a treaty is ``treaty/<parties>/<date or kind>``.

Conflicting facts are never resolved: two articles that give a treaty two signing dates each keep
theirs in their own named graph, and the union (what queries see) holds both.

Merging is idempotent: a graph name met again in a later input *replaces* the earlier one (the later
file is a newer version of the same article), so merging A with A, or merging a merged file with a
rebuilt A, changes nothing but A's graph. The output is sorted, so it is byte-identical across runs.

Blank nodes of different graphs never meet, and the same file always gives the same blank node labels
(:mod:`kg.store.graphfiles`, which reads the files).

The output, sorted so that it can be written a batch at a time:

* ``.nq``: every line, sorted (as bytes) and without repeats.
* ``.trig``: graph by graph (sorted by name), each graph's triples in the order of their N-Quads lines.
* ``.ttl``: the union of the graphs' triples, without repeats, in the order of their N-Triples lines.

How, so that memory stays near the size of the output and no Python code runs per triple (the work
is done by pyoxigraph and by bytes and list methods): pyoxigraph parses each file and writes it back as
N-Triples; the lines of a Turtle / N-Triples file without blank nodes get the graph name appended as
bytes (any other file goes through Python a quad at a time, for its blank nodes and graph names). Each graph's lines are sorted by runs and written,
in chunks, to a temporary file (the spool); a graph met again drops the earlier chunks. With ``jobs`` > 1,
forked workers read the files (the largest first), each into a spool of its own, and this process adds
their graphs in the order of the inputs. The output reads
the chunks back in the order of their first line and merges them a batch at a time: a line is written
once no chunk still unread can hold a smaller one (a chunk that overlaps no other is copied whole).
"""

from __future__ import annotations

import io
import tempfile
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, pairwise
from operator import attrgetter, eq
from pathlib import Path
from typing import IO, NamedTuple

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.graphfiles import _named_quads, graph_iri, rdf_format, syntax_message
from kg.workers import forks, in_order, job_count

WRITE_FORMATS = (".trig", ".nq", ".ttl")
QUAD_FORMATS = frozenset({ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS})
"""Formats with named graphs: an empty file of these adds no graph (any other adds an empty one)."""
TRIPLES_ONLY = frozenset({ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES})
"""Formats whose files are copied without a Python object per triple (when they have no blank node)."""

SLICE_BYTES = 1 << 22
"""The serializer's output is cut into lines by slices of about this many bytes."""
RUN_LINES = 1 << 16
"""Lines a file's graphs gather before they are sorted into chunks."""
CHUNK_LINES = 256
"""Lines per chunk: the unit the output reads back."""
BATCH_LINES = 1 << 14
"""Lines the output reads back before it writes those that are ready."""


class _Spool:
    """A temporary file that holds chunks, so that they take page cache, not this process's memory.

    One process writes it: this one, or the forked worker that took it (the open file is inherited, and
    an anonymous temporary file leaves nothing behind, even when the merge is killed). Everything is
    written before anything is read back (reading frees nothing, so memory would otherwise hold the
    chunks and the output at once).
    """

    def __init__(self, index: int = 0) -> None:
        self.index = index
        """Where the merge keeps this spool in its list (``_Chunk.spool``)."""
        self._file: IO[bytes] | None = None
        self._size = 0

    def open(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (open until close())

    def put(self, data: bytes) -> tuple[int, int, int]:
        """Append ``data``: where it is (``spool, offset, size``)."""
        self.open()
        assert self._file is not None
        self._file.seek(self._size)
        self._file.write(data)
        offset = self._size
        self._size += len(data)
        return self.index, offset, len(data)

    def flush(self) -> None:
        """Hand what was written to the file (a worker's chunks are read by the parent process)."""
        if self._file is not None:
            self._file.flush()

    def get(self, offset: int, size: int) -> bytes:
        assert self._file is not None
        self._file.seek(offset)
        return self._file.read(size)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class _Chunk(NamedTuple):
    """Sorted N-Quads lines without repeats, in the spool."""

    first: bytes
    last: bytes
    spool: int
    offset: int
    size: int
    lines: int


@dataclass
class _Graph:
    """The lines of one graph: sorted runs, written to a spool in chunks."""

    end: bytes
    """What follows each triple on the graph's N-Quads lines: ``b" <graph> .\\n"``."""
    chunks: list[_Chunk] = field(default_factory=list)
    pending: list[bytes] = field(default_factory=list)
    """Triples (N-Triples lines without their ``" .\\n"``) not yet sorted into chunks."""

    def flush(self, spool: _Spool) -> None:
        """Sort the pending triples into a run of chunks of N-Quads lines."""
        triples = self.pending
        if not triples:
            return
        self.pending = []
        triples.sort()  # the order of the lines: they all end with the same graph
        triples = _unique(triples)
        for start in range(0, len(triples), CHUNK_LINES):
            part = triples[start : start + CHUNK_LINES]
            first, last = part[0] + self.end, part[-1] + self.end
            part.append(b"")
            self.chunks.append(_Chunk(first, last, *spool.put(self.end.join(part)), len(part) - 1))


class _Reader:
    """The graphs of one file, filled with triples by graph."""

    def __init__(self, spool: _Spool) -> None:
        self.spool = spool
        self.graphs: dict[str, _Graph] = {}
        self.pending = 0

    def add(self, graph: ox.NamedNode | ox.BlankNode, triples: list[bytes]) -> None:
        found = self.graphs.get(graph.value)
        if found is None:
            found = self.graphs[graph.value] = _Graph(f" {graph} .\n".encode())
        found.pending += triples
        self.pending += len(triples)
        if self.pending >= RUN_LINES:
            self.flush()

    def flush(self) -> None:
        for graph in self.graphs.values():
            graph.flush(self.spool)
        self.pending = 0


class _LineSink(io.BytesIO):
    """A file for ``pyoxigraph.serialize`` that hands its output on in whole lines, a slice at a time."""

    def __init__(self, take: Callable[[bytes], None]) -> None:
        super().__init__()
        self._take = take
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, data: bytes, /) -> int:  # type: ignore[override]
        self._parts.append(data)
        self._size += len(data)
        if self._size >= SLICE_BYTES:
            self._hand_on(final=False)
        return len(data)

    def finish(self) -> None:
        self._hand_on(final=True)

    def _hand_on(self, *, final: bool) -> None:
        data = b"".join(self._parts)
        end = len(data) if final else data.rfind(b"\n") + 1
        self._parts = [data[end:]] if end < len(data) else []
        self._size = len(data) - end
        if end:
            self._take(data if end == len(data) else data[:end])


def _triples(lines: bytes) -> list[bytes]:
    """The triples of N-Triples lines, each without its ``" .\\n"`` (which ends lines, nothing else)."""
    triples = lines.split(b" .\n")
    triples.pop()  # the empty rest after the last line
    return triples


class _BlankNodeFound(Exception):
    """Stops copying a Turtle / N-Triples file with blank nodes: they need labels (``_read_quads``)."""


def _read_triples(path: Path, fmt: ox.RdfFormat, reader: _Reader) -> bool:
    """Copy a Turtle / N-Triples file into its graph, in Rust; False (unfinished) if it has blank nodes."""
    graph = ox.NamedNode(graph_iri(path))

    def take(lines: bytes) -> None:
        if b"_:" in lines:  # maybe a blank node (or "_:" in a literal, which the other way keeps)
            raise _BlankNodeFound
        reader.add(graph, _triples(lines))

    sink = _LineSink(take)
    try:
        ox.serialize(ox.parse(path=str(path), format=fmt), sink, ox.RdfFormat.N_TRIPLES)
        sink.finish()
    except _BlankNodeFound:
        return False
    return True


@dataclass
class _Run:
    graph: ox.NamedNode | ox.BlankNode
    count: int


def _read_quads(path: Path, fmt: ox.RdfFormat, reader: _Reader) -> None:
    """Read any graph file into its graphs (a Python object per quad: blank nodes, graph names)."""
    runs: deque[_Run] = deque()  # the graph of each triple given to the serializer, by runs

    def triples() -> Iterator[ox.Triple]:
        for quad in _named_quads(path, fmt):
            graph = quad.graph_name
            assert not isinstance(graph, ox.DefaultGraph)  # _named_quads names every graph
            if runs and runs[-1].graph == graph:
                runs[-1].count += 1
            else:
                runs.append(_Run(graph, 1))
            yield quad.triple

    def take(block: bytes) -> None:
        lines = _triples(block)
        start = 0
        while start < len(lines):
            run = runs[0]
            stop = min(start + run.count, len(lines))
            reader.add(run.graph, lines[start:stop])
            run.count -= stop - start
            if not run.count:
                runs.popleft()
            start = stop

    sink = _LineSink(take)
    ox.serialize(triples(), sink, ox.RdfFormat.N_TRIPLES)
    sink.finish()


def _read(path: Path, spool: _Spool) -> dict[str, _Graph]:
    """The graphs of a file, by name (in the order first met). Raises InputError naming the file."""
    fmt = rdf_format(path)
    reader = _Reader(spool)
    try:
        if fmt not in TRIPLES_ONLY or not _read_triples(path, fmt, reader):
            reader = _Reader(spool)
            _read_quads(path, fmt, reader)
    except SyntaxError as exc:
        raise InputError(syntax_message(path, fmt, exc)) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    reader.flush()
    if not reader.graphs and fmt not in QUAD_FORMATS:
        name = graph_iri(path)
        reader.graphs[name] = _Graph(f" {ox.NamedNode(name)} .\n".encode())
    return reader.graphs


def _unique(lines: list[bytes]) -> list[bytes]:
    """Sorted lines without repeats."""
    # whether there is a repeat at all (seldom) is checked without a bytecode per line
    if not any(map(eq, lines, islice(lines, 1, None))):
        return lines
    unique = [line for line, following in pairwise(lines) if line != following]
    unique.append(lines[-1])
    return unique


def _sorted_lines(graphs: Sequence[_Graph], spools: Sequence[_Spool]) -> Iterator[tuple[list[bytes], int]]:
    """The lines of ``graphs``, sorted and without repeats, by batches: ``(parts, lines)``, where the
    parts joined are the next ``lines`` lines (a line each, or a whole chunk).

    The chunks are read in the order of their first line. A chunk that overlaps no other is copied as
    it is; the others are split into lines and sorted by batches, and after each batch the lines below
    the first line of the next chunk are final (every line still unread is at least that one). Empties
    the graphs.
    """
    chunks = deque(sorted((chunk for graph in graphs for chunk in graph.chunks), key=attrgetter("first")))
    for graph in graphs:
        graph.chunks = []
    pending: list[bytes] = []
    high = b""  # the last line of the chunks split so far: every pending line is at most this one
    while chunks:
        head = chunks[0]
        if not pending and (len(chunks) == 1 or head.last < chunks[1].first):
            chunks.popleft()
            yield [spools[head.spool].get(head.offset, head.size)], head.lines
            continue
        loaded = 0
        while chunks and loaded < BATCH_LINES and not (pending and chunks[0].first > high):
            chunk = chunks.popleft()
            pending += spools[chunk.spool].get(chunk.offset, chunk.size).splitlines(keepends=True)
            loaded += chunk.lines
            high = max(high, chunk.last)
        pending.sort()
        cut = bisect_left(pending, chunks[0].first) if chunks else len(pending)
        ready = _unique(pending[:cut])
        del pending[:cut]
        if ready:
            yield ready, len(ready)


@dataclass
class Merged:
    """A merged dataset: graph IRI -> its lines (in ``spools``); which graphs a later input replaced.

    Close it (or use it in a ``with``) to remove the spools' temporary files.
    """

    graphs: dict[str, _Graph] = field(default_factory=dict)
    replaced: list[tuple[str, Path]] = field(default_factory=list)
    spools: list[_Spool] = field(default_factory=lambda: [_Spool(0)])
    """The first is this process's; the others, one per worker (:func:`merge_files` with ``jobs``)."""

    def add_file(self, path: Path) -> None:
        """Add the graphs of a file, read in this process (see :meth:`add`)."""
        self.add(path, _read(path, self.spools[0]))

    def add(self, path: Path, graphs: dict[str, _Graph]) -> None:
        """Add the graphs read from ``path``; a graph already present is replaced by this file's version."""
        for name, graph in graphs.items():
            if name in self.graphs:
                self.replaced.append((name, path))
            self.graphs[name] = graph

    def close(self) -> None:
        for spool in self.spools:
            spool.close()

    def __enter__(self) -> Merged:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def merge_files(paths: Sequence[Path], jobs: int = 1) -> Merged:
    """Merge graph files, in order, into named graphs (see the module docstring).

    With ``jobs`` > 1 (0: one per CPU), worker processes read the files, the largest first, each into
    its own spool; the graphs are added in the order of ``paths`` all the same, so the result does not
    depend on ``jobs``. Workers are forked: where processes cannot be forked, the files are read here.
    """
    merged = Merged()
    try:
        jobs = job_count(jobs, len(paths))
        if jobs < 2 or not forks():
            for path in paths:
                merged.add_file(path)
        else:
            spools = [_Spool(len(merged.spools) + i) for i in range(jobs)]
            merged.spools += spools
            read = _read_in_workers(paths, spools)
            try:
                for path, graphs in zip(paths, read, strict=True):
                    merged.add(path, graphs)
            finally:
                read.close()  # the workers stop now, not when the generator is collected
    except BaseException:
        merged.close()
        raise
    return merged


_WORKER_SPOOL: _Spool | None = None
"""The spool of this worker process (set when it starts)."""


def _init_worker(number: int, spools: list[_Spool]) -> None:
    """Per worker, once: take its spool (opened by the parent, inherited through the fork)."""
    global _WORKER_SPOOL
    _WORKER_SPOOL = spools[number]


def _read_in_worker(path: Path) -> dict[str, _Graph]:
    assert _WORKER_SPOOL is not None, "worker not initialized"
    try:
        return _read(path, _WORKER_SPOOL)
    finally:
        _WORKER_SPOOL.flush()  # the parent reads the chunks once every file is read


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the worker that reads it says why


def _read_in_workers(paths: Sequence[Path], spools: list[_Spool]) -> Generator[dict[str, _Graph], None, None]:
    """The graphs of each file, in the order of ``paths``, read by one forked worker per spool (close it
    to stop the workers early).

    The largest files are handed out first, so that a big one (a background graph) does not start last
    and keep one worker busy after the other is done. The first file (in order) that fails stops the
    merge with its error, as it does in one process.
    """
    for spool in spools:
        spool.open()  # before the fork: each worker inherits the file it writes
    largest_first = sorted(range(len(paths)), key=lambda i: -_size(paths[i]))
    return in_order(
        _read_in_worker, paths, len(spools), init=_init_worker, init_args=(spools,), hand_out=largest_first
    )


def _prefixes() -> dict[str, str]:
    from kg.rdf.vocab import PREFIXES

    # no dgr: its local names (article/x#char=1,2) would need escapes; resources are written in full
    return {prefix: ns for prefix, ns in sorted(PREFIXES.items()) if prefix not in {"dgr", "dgsh"}}


def _with_prefixes(items: Iterable[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """Turtle or TriG whose @prefix block is sorted (the serializer's order is not promised)."""
    out = io.BytesIO()
    ox.serialize(items, out, fmt, prefixes=_prefixes())
    data = out.getvalue()  # the buffer itself, not a copy
    end = 0
    while data.startswith(b"@prefix ", end):
        end = data.index(b"\n", end) + 1
    head = data[:end].splitlines(keepends=True)
    if head == sorted(head):
        return data
    return b"".join([*sorted(head), memoryview(data)[end:]])


def _nquads(merged: Merged) -> tuple[bytes, int]:
    out = io.BytesIO()
    count = Counter()
    out.writelines(_nquad_chunks(merged, count))
    return out.getvalue(), count.n  # the buffer itself, not a copy


@dataclass
class Counter:
    """How many lines went by."""

    n: int = 0


def _nquad_chunks(merged: Merged, count: Counter) -> Iterator[bytes]:
    """The sorted N-Quads, chunk by chunk, as they are merged (memory: one batch, not the output)."""
    for parts, lines in _sorted_lines(list(merged.graphs.values()), merged.spools):
        count.n += lines
        yield parts[0] if len(parts) == 1 else b"".join(parts)  # one write per batch, not per line


def _trig(merged: Merged) -> tuple[bytes, int]:
    count = 0

    def quads() -> Iterator[ox.Quad]:
        nonlocal count
        for name in sorted(merged.graphs):
            for parts, lines in _sorted_lines([merged.graphs[name]], merged.spools):
                count += lines
                yield from ox.parse(input=b"".join(parts), format=ox.RdfFormat.N_QUADS)

    return _with_prefixes(quads(), ox.RdfFormat.TRIG), count


def _turtle(merged: Merged) -> tuple[bytes, int]:
    count = 0

    def triples() -> Iterator[ox.Quad]:
        nonlocal count
        last = b""
        for parts, lines in _sorted_lines(list(merged.graphs.values()), merged.spools):
            count += lines
            bodies = []
            for line in b"".join(parts).splitlines():  # by triple, then graph: a triple's lines are together
                body = line[: line.rindex(b" ", 0, len(line) - 2)]  # without " <graph> ."
                if body != last:
                    bodies.append(body)
                    last = body
            if bodies:
                bodies.append(b"")
                yield from ox.parse(input=b" .\n".join(bodies), format=ox.RdfFormat.N_TRIPLES)

    return _with_prefixes(triples(), ox.RdfFormat.TURTLE), count


def serialize_merged(merged: Merged, suffix: str) -> tuple[bytes, int]:
    """The merged dataset as ``.trig`` or ``.nq`` (named graphs kept) or ``.ttl`` (the union only).

    Returns the bytes and the number of triples in the graphs (each graph's, without repeats). The
    graphs are emptied as they are written.
    """
    if suffix == ".nq":
        return _nquads(merged)
    if suffix == ".trig":
        return _trig(merged)
    if suffix == ".ttl":
        return _turtle(merged)
    raise InputError(
        f"cannot write {suffix or 'a file without extension'}; use one of {', '.join(WRITE_FORMATS)}"
    )


@dataclass(frozen=True)
class MergeReport:
    """What ``merge`` wrote."""

    output: Path
    graphs: int
    triples: int
    replaced: list[tuple[str, Path]]


def merge(paths: Sequence[Path], output: Path, jobs: int = 1) -> MergeReport:
    """Merge graph files and write the result atomically to ``output`` (format by its extension);
    ``jobs`` worker processes read the files (see :func:`merge_files`): the output does not depend on it."""
    from kg.rdf.export import write_atomic

    suffix = output.suffix.lower()
    if suffix not in WRITE_FORMATS:
        raise InputError(f"{output}: cannot write this format; use one of {', '.join(WRITE_FORMATS)}")
    with merge_files(paths, jobs) as merged:
        if suffix == ".nq":  # streamed straight into the file
            count = Counter()
            write_atomic(output, _nquad_chunks(merged, count))
            triples = count.n
        else:
            data, triples = serialize_merged(merged, suffix)
            write_atomic(output, data)
    return MergeReport(output, len(merged.graphs), triples, merged.replaced)
