"""Writing outputs: graph serializations and atomic file writes. The I/O boundary for outputs.

A file is written to a temporary file in the same folder, flushed, then renamed over the target, so a
killed run leaves either the old file or the new one, never half of one. The temporary file is a
dot-file with the writer's process id in its name; the next write to the same file removes those of
processes that are gone, and never those of a run still going (two builds into one folder at once).
"""

from __future__ import annotations

import glob
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import OutputError
from kg.rdf.terms import KeptByIdentity

FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "jsonld": "json-ld"}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_BARE = {_XSD + "integer": re.compile(r"[+-]?[0-9]+"), _XSD + "boolean": re.compile(r"true|false")}

Triple = tuple[Node, Node, Node]


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _string(text: str) -> str:
    """A quoted string, escaped as canonical N-Triples does (also valid Turtle)."""
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def _iri(iri: str) -> str:
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def nt_term(term: Node) -> str:
    """A term in (canonical) N-Triples syntax."""
    if isinstance(term, Literal):
        if term.language:
            return f"{_string(str(term))}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{_string(str(term))}^^{_iri(str(term.datatype))}"
        return _string(str(term))  # RDF 1.1: a simple literal is an xsd:string
    if isinstance(term, BNode):
        return f"_:{term}"
    return _iri(str(term))


class _Texts:
    """The Turtle text of terms under one set of prefixes, kept across articles (a batch writes the
    same ontology terms, states, offsets and rule ids in every file). An IRI is kept by its text; a
    literal by its identity (:class:`kg.rdf.terms.KeptByIdentity`). Each table is emptied when it reaches
    ``limit`` entries (a few MB)."""

    def __init__(self, prefixes: tuple[tuple[str, str], ...], limit: int = 20_000) -> None:
        self.prefixes = {ns: prefix for prefix, ns in prefixes if ns.endswith(("#", "/"))}
        self.iris: dict[str, tuple[str, tuple[str, str] | None]] = {}
        self.literals: KeptByIdentity[Literal, tuple[str, tuple[str, str] | None]] = KeptByIdentity(limit)
        self.limit = limit

    def iri(self, iri: str) -> tuple[str, tuple[str, str] | None]:
        """An IRI's text, and the prefix it uses (``None``: written in full)."""
        found = self.iris.get(iri)
        if found is None:
            cut = max(iri.rfind("#"), iri.rfind("/")) + 1  # a plain local part has neither
            prefix = self.prefixes.get(iri[:cut])
            if prefix is not None and _LOCAL.fullmatch(iri, cut):
                found = (f"{prefix}:{iri[cut:]}", (prefix, iri[:cut]))
            else:
                found = (_iri(iri), None)
            if len(self.iris) >= self.limit:
                self.iris.clear()
            self.iris[iri] = found
        return found

    def literal(self, term: Literal) -> tuple[str, tuple[str, str] | None]:
        """A literal's text, and the prefix its datatype uses (``self.literals.get`` keeps it)."""
        text, used = str(term), None
        if term.language:
            text = f"{_string(text)}@{term.language}"
        elif term.datatype is None or str(term.datatype) == _XSD_STRING:
            text = _string(text)
        elif (bare := _BARE.get(str(term.datatype))) is None or not bare.fullmatch(text):
            datatype, used = self.iri(str(term.datatype))
            text = f"{_string(text)}^^{datatype}"
        return text, used


_TEXTS: dict[tuple[tuple[str, str], ...], _Texts] = {}


class _Names:
    """Prefixed names for IRIs (when the local part is plain), remembering which prefixes were used."""

    def __init__(self, prefixes: Iterable[tuple[str, str]]) -> None:
        key = tuple(prefixes)
        texts = _TEXTS.get(key)
        if texts is None:
            texts = _TEXTS[key] = _Texts(key)
        self.texts = texts
        self.iris = texts.iris
        self.used: set[tuple[str, str]] = set()

    def iri(self, iri: str) -> str:
        text, used = self.texts.iri(iri)
        if used is not None:
            self.used.add(used)
        return text

    def literal(self, term: Literal) -> str:
        text, used = self.texts.literals.get(term, self.texts.literal)
        if used is not None:
            self.used.add(used)
        return text

    def term(self, term: Node) -> str:
        if type(term) is URIRef:  # the common case first, without isinstance's ABC check or calls
            iri = str(term)
            text, used = self.iris.get(iri) or self.texts.iri(iri)
            if used is not None:
                self.used.add(used)
            return text
        if isinstance(term, Literal):
            return self.literal(term)
        if isinstance(term, BNode):
            return f"_:{term}"
        return self.iri(str(term))


def _predicate_key(p: Node) -> tuple[int, str]:
    return ({_RDF_TYPE: 0, _RDFS_LABEL: 1}.get(str(p), 2), str(p))


def _object_key(o: Node) -> tuple[int, str, str]:
    if type(o) is URIRef:
        return (0, str(o), "")
    if isinstance(o, Literal):
        return (2, str(o), f"{o.language or ''}|{o.datatype or ''}")
    return (1 if isinstance(o, BNode) else 0, str(o), "")


def turtle(triples: Iterable[Triple], prefixes: Iterable[tuple[str, str]]) -> str:
    """Turtle: the used prefixes, sorted; then one block per subject (sorted), ``a`` and labels first.

    Deterministic for the same set of triples, whatever their order; only IRIs whose local part is
    plain (letters, digits, ``_``, ``-``) are abbreviated, so nothing needs Turtle's local-name escapes.
    """
    names = _Names(prefixes)
    term = names.term
    by_subject: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    rank: dict[Node, tuple[int, str]] = {}  # a predicate's sort key and text, made once
    verb: dict[Node, str] = {}
    for p in {p for predicates in by_subject.values() for p in predicates}:
        rank[p] = _predicate_key(p)
        verb[p] = "a" if str(p) == _RDF_TYPE else term(p)
    subjects = list(by_subject)
    # IRIs alone sort as their text (what _object_key gives them), compared in C
    subjects.sort(key=str if all(type(s) is URIRef for s in subjects) else _object_key)
    blocks = []
    for s in subjects:
        predicates = by_subject[s]
        lines = []
        for p in sorted(predicates, key=rank.__getitem__):
            values = predicates[p]
            if len(values) == 1:
                objects = term(values[0])
            else:
                objects = ",\n        ".join(term(o) for o in sorted(set(values), key=_object_key))
            lines.append(f"{verb[p]} {objects}")
        blocks.append(f"{term(s)} " + " ;\n    ".join(lines) + " .\n")
    head = "".join(f"@prefix {prefix}: {_iri(ns)} .\n" for prefix, ns in sorted(names.used))
    return head + ("\n" if head and blocks else "") + "\n".join(blocks)


def ntriples_lines(triples: Iterable[Triple]) -> list[str]:
    """Canonical N-Triples lines, sorted, without duplicates."""
    return sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples})


def serialize(graph: Graph | Iterable[Triple], fmt: str, graph_name: URIRef) -> bytes:
    """Serialize triples as ``fmt`` (ttl, trig, nt, jsonld), byte-identical for the same triples."""
    if fmt == "ttl":
        from kg.rdf.vocab import PREFIXES

        prefixes = [(prefix, ns) for prefix, ns in PREFIXES.items() if prefix not in {"dgr", "dgsh"}]
        return turtle(graph, prefixes).encode("utf-8")
    if fmt == "nt":
        return "".join(ntriples_lines(graph)).encode("utf-8")
    if fmt == "trig":
        body = "".join(f"  {line}" for line in ntriples_lines(graph))
        return f"<{graph_name}> {{\n{body}}}\n".encode()
    if fmt == "jsonld":
        from kg.rdf.graph import graph_of

        rdf = graph if isinstance(graph, Graph) else graph_of(graph)
        return _sorted_copy(rdf).serialize(format="json-ld", sort_keys=True, indent=1).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def _sorted_copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, ns in graph.namespaces():
        copy.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(graph):
        copy.add(triple)
    return copy


TEMP_SUFFIX = ".tmp"


def temp_files(path: Path) -> list[Path]:
    """The temporary files of writes to ``path`` (``.<name>.<pid>.<random>.tmp``, dot-files), sorted."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9]+\.[^./]+{re.escape(TEMP_SUFFIX)}")
    try:
        return sorted(
            p for p in path.parent.glob(f".{glob.escape(path.name)}.*") if pattern.fullmatch(p.name)
        )
    except OSError:
        return []


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def clean_stale_temp_files(path: Path) -> list[Path]:
    """Remove the temporary files that killed writes to ``path`` left (their process is gone).

    A temporary file of a process that is still running (a concurrent ``kg build``) is kept.
    """
    return [
        tmp
        for tmp in temp_files(path)
        if _remove_if_writer_gone(tmp, int(tmp.name[len(path.name) + 2 :].split(".", 1)[0]))
    ]


def _remove_if_writer_gone(tmp: Path, pid: int) -> bool:
    """Remove the temporary file ``tmp`` of process ``pid`` if that process is gone; whether it was."""
    if pid == os.getpid() or _pid_alive(pid):
        return False
    try:
        tmp.unlink()
    except OSError:
        return False
    return True


_TEMP_NAME = re.compile(rf"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[^./]+{re.escape(TEMP_SUFFIX)}")


def clean_stale_temp_files_in(folder: Path) -> list[Path]:
    """:func:`clean_stale_temp_files` for every file of ``folder``, with one listing of it (a batch
    build cleans its output folder once, then writes each file with ``clean=False``)."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(TEMP_SUFFIX))
    except OSError:
        return []
    matches = [(folder / name, match) for name in names if (match := _TEMP_NAME.fullmatch(name))]
    return [tmp for tmp, match in matches if _remove_if_writer_gone(tmp, int(match.group("pid")))]


def sync_folder(folder: Path) -> None:
    """Make the renames into ``folder`` durable (what ``write_atomic(..., sync_folder=False)`` skipped)."""
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _why(exc: OSError) -> str:
    return exc.strerror or " ".join(str(exc).split()) or type(exc).__name__


def write_atomic(
    path: Path, data: bytes | Iterable[bytes], *, clean: bool = True, sync_folder: bool = True
) -> None:
    """Write ``data`` (bytes, or chunks of bytes, written as they come) to ``path`` through a temporary
    file and a rename. An error while the chunks are made leaves the old file, as a failed write does.

    The temporary file is a dot-file next to ``path`` (``.<name>.<pid>.<random>.tmp``); the temporary
    files that killed runs left for ``path`` are removed first (unless ``clean`` is false: the caller
    did it for the whole folder). The file is synced before the rename, the folder after it (unless
    ``sync_folder`` is false: the caller calls :func:`sync_folder` once after a batch of writes).
    Errors are one-line OutputErrors.
    """
    if path.is_dir():
        raise OutputError(f"{path}: cannot write: it is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{path.parent}: cannot write here: it is not a folder") from None
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write here: {_why(exc)}") from None
    if clean:
        clean_stale_temp_files(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write here: {_why(exc)}") from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes | bytearray | memoryview):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {_why(exc)}; the previous file is unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync_folder:
        _fsync_dir(path.parent)
