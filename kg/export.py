"""Writing outputs: graph serializations and atomic file writes. The I/O boundary for outputs.

A file is written to a temporary file in the same folder, flushed, then renamed over the target, so a
killed run leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph, URIRef

from kg.errors import InputError

FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "jsonld": "json-ld"}


def _sorted_copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, ns in graph.namespaces():
        copy.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(graph):
        copy.add(triple)
    return copy


def serialize(graph: Graph, fmt: str, graph_name: URIRef) -> bytes:
    """Serialize ``graph`` as ``fmt`` (ttl, trig, nt, jsonld), byte-identical for the same triples."""
    if fmt == "ttl":
        return graph.serialize(format="turtle").encode("utf-8")
    if fmt == "nt":
        lines = sorted(set(graph.serialize(format="nt").splitlines()))
        return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")
    if fmt == "trig":
        lines = sorted(set(graph.serialize(format="nt").splitlines()))
        body = "".join(f"  {line}\n" for line in lines if line.strip())
        return f"<{graph_name}> {{\n{body}}}\n".encode()
    if fmt == "jsonld":
        return _sorted_copy(graph).serialize(format="json-ld", sort_keys=True, indent=1).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot write here: {exc.strerror}") from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
