"""Export the entity/event network of a graph as GraphML or GEXF (for Gephi, Cytoscape, yEd …).

The nodes and edges are those the HTML view draws by default (``kg.view.graphview.extract_view``): every
resource typed with a dg: class, and the object properties between them. Node attributes: ``type``
(dg: class local name), ``label_en``, ``label_id``, ``wikidata`` (empty string when unknown, as
GraphML has no null) and ``iri``; edge attributes: ``relation`` (English label), ``predicate`` (IRI).
Node ids are the resources' IRIs. The bytes are deterministic: the same graph gives the same file.
networkx is imported lazily.
"""

from __future__ import annotations

import io
import re
from typing import Any, Literal

from rdflib import Graph

from kg.view.graphview import extract_view

__all__ = ["export_network"]

_GEXF_DATE = re.compile(rb'\s+lastmodifieddate="[0-9-]*"')


def _network(graph: Graph) -> Any:
    import networkx as nx

    view = extract_view(graph)
    net = nx.MultiDiGraph()
    ids: dict[int, str] = {}
    for node in view.core_nodes:
        ids[node.index] = node.key
        net.add_node(
            node.key,
            type=node.cls,
            label_en=node.label_en,
            label_id=node.label_id or "",
            wikidata=node.wikidata or "",
            iri=node.iri or "",
            label=node.label_en,
        )
    for edge in view.core_edges:
        net.add_edge(
            ids[edge.source],
            ids[edge.target],
            key=edge.relation,
            relation=edge.label_en,
            predicate=edge.predicate,
        )
    return net


def export_network(graph: Graph, fmt: Literal["graphml", "gexf"]) -> bytes:
    """The graph's entity/event network as GraphML or GEXF (UTF-8 XML bytes, deterministic)."""
    import networkx as nx

    net = _network(graph)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
        return buf.getvalue()
    if fmt == "gexf":
        nx.write_gexf(net, buf, encoding="utf-8", prettyprint=True)
        # networkx stamps today's date into <meta>: drop it so that the bytes depend on the graph only
        return _GEXF_DATE.sub(b"", buf.getvalue(), count=1)
    raise ValueError(f"unknown network format {fmt!r}: expected 'graphml' or 'gexf'")
