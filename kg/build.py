"""``kg build`` as a library call: articles in, validated graph files (and HTML views) out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.errors import ValidationFailed
from kg.export import serialize, write_atomic
from kg.graph import build_graph
from kg.iri import mint
from kg.pipeline import process
from kg.read import find_articles, read_article
from kg.resources import Resources
from kg.validation import load_ontology, validate_graph


@dataclass(frozen=True, slots=True)
class Built:
    """What one article produced."""

    source: Path
    outputs: tuple[Path, ...]
    triples: int


def article_graph(
    path: Path, resources: Resources, today: dt.date, published: dt.date | None = None
) -> Graph:
    """Read one article and build its graph (not validated)."""
    article = read_article(path, published)
    return build_graph(process(article, resources, today), resources)


def check_graph(graph: Graph, name: str, shapes: tuple[Graph, Graph]) -> None:
    """Raise ValidationFailed, naming each failed shape and node, unless ``graph`` conforms."""
    report = validate_graph(graph, *shapes)
    if not report.conforms:
        lines = "\n".join(f"  {v}" for v in report.violations)
        raise ValidationFailed(f"{name}: graph does not conform to the shapes; not written\n{lines}")


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
) -> list[Built]:
    """Build every article under ``paths`` into ``out``: ``<stem>.<fmt>`` and ``<stem>.html``."""
    shapes = load_ontology() if validate else None
    built = []
    for path in find_articles(list(paths)):
        graph = article_graph(path, resources, today, published)
        if shapes is not None:
            check_graph(graph, str(path), shapes)
        outputs = [out / f"{path.stem}.{fmt}"]
        write_atomic(outputs[0], serialize(graph, fmt, mint("graph", path.stem)))
        if html:
            from kg.html import render_html

            outputs.append(out / f"{path.stem}.html")
            write_atomic(outputs[1], render_html(graph, title=path.stem).encode("utf-8"))
        result = Built(path, tuple(outputs), len(graph))
        if progress is not None:
            progress(result)
        built.append(result)
    return built
