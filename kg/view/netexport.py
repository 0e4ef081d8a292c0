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
from kg.view.states import KINDS, StateNetwork

__all__ = ["export_network", "export_state_network"]

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
    return _write(_network(graph), fmt)


def _write(net: Any, fmt: Literal["graphml", "gexf"]) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
        return buf.getvalue()
    if fmt == "gexf":
        nx.write_gexf(net, buf, encoding="utf-8", prettyprint=True)
        # networkx stamps today's date into <meta>: drop it so that the bytes depend on the graph only
        return _GEXF_DATE.sub(b"", buf.getvalue(), count=1)
    raise ValueError(f"unknown network format {fmt!r}: expected 'graphml' or 'gexf'")


def _state_network(net: StateNetwork) -> Any:
    import networkx as nx

    graph = nx.Graph()
    activity = dict.fromkeys(net.states, 0)
    for act in net.acts:
        for iso in {x for pair in act.pairs for x in pair}:
            activity[iso] += 1
    for iso, (en, idl) in net.states.items():
        graph.add_node(iso, label=en, label_en=en, label_id=idl or "", acts=activity[iso])
    for (a, b), indices in net.pairs().items():
        acts = [net.acts[i] for i in indices]
        kinds = {
            k: sum(1 for act in acts if KINDS[act.type] == k) for k in ("hostile", "cooperative", "neutral")
        }
        by_type: dict[str, int] = {}
        for act in acts:
            by_type[act.type] = by_type.get(act.type, 0) + 1
        dates = sorted(d for act in acts for d in act.dates)
        graph.add_edge(
            a, b, count=len(acts), **kinds, **dict(sorted(by_type.items())),
            first=dates[0] if dates else "", last=dates[-1] if dates else "",
        )  # fmt: skip
    return graph


def export_state_network(net: StateNetwork, fmt: Literal["graphml", "gexf"]) -> bytes:
    """The state-level network (``kg export --states``) as GraphML or GEXF: one node per state (id: ISO
    code; ``label``, ``label_en``, ``label_id``, ``acts``: the acts it takes part in), one undirected edge
    per related pair of states (``count``: its distinct acts; ``hostile``, ``cooperative``, ``neutral``:
    how many of each kind; one count per act type present, e.g. ``Protest``; ``first``, ``last``: the
    earliest and latest date, empty when none is dated). The counts are those of the ``relations``
    query, both directions together and a symmetric act once. Deterministic bytes."""
    return _write(_state_network(net), fmt)
