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
from pathlib import Path

from rdflib import Graph, URIRef

from kg.errors import OutputError

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
    removed = []
    for tmp in temp_files(path):
        pid = int(tmp.name[len(path.name) + 2 :].split(".", 1)[0])
        if pid == os.getpid() or _pid_alive(pid):
            continue
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed


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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The temporary file is a dot-file next to ``path`` (``.<name>.<pid>.<random>.tmp``); the temporary
    files that killed runs left for ``path`` are removed first. Errors are one-line OutputErrors.
    """
    if path.is_dir():
        raise OutputError(f"{path}: cannot write: it is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{path.parent}: cannot write here: it is not a folder") from None
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write here: {_why(exc)}") from None
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
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {_why(exc)}; the previous file is unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
