"""A self-contained interactive HTML view of a diplograph graph (issue #4).

``render_html(graph, title=...)`` returns one HTML page that works opened from disk, offline: the
vis-network library (vendored from pyvis, see ``kg/view/templates/NOTICE.md``) and the page's own script are
inlined, a Content-Security-Policy forbids every network request and every script but those two, and
the graph travels as JSON inside a ``<script type="application/json">`` element, escaped so that no
``</script>`` or other markup in the data can leave it. The page builds every tooltip and panel with
DOM APIs and ``textContent`` only.

The view is extracted in one pass over the graph's triples. The vis-network node and edge dicts are
built directly: they are the ones a directed pyvis ``Network`` (which keeps parallel edges) makes, and
``to_pyvis(graph)`` gives notebook users that ``Network``, importing pyvis only then. Positions come
from a small pure-Python Fruchterman-Reingold layout started from a fixed ``random.Random`` seed, so the
same graph always gives byte-identical HTML. The page is ``kg/view/templates/view.html`` filled in with
``string.Template``. Rendering imports neither pyvis, networkx, numpy nor Jinja: together they cost a
cold ``kg build`` about half a second. pyvis' own templates are not used: they fetch bootstrap from a
CDN and execute HTML found in headings, node ids and titles.

This module makes the page and the network; the view it draws is :mod:`kg.view.graphview` (read from the
triples by :mod:`kg.view.triples`), laid out by :mod:`kg.view.layout`, styled by :mod:`kg.view.style`.
The page's second view, the states and the acts between them, is :mod:`kg.view.states`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import string
from importlib import resources
from typing import TYPE_CHECKING, Any

from kg.errors import DataFileError
from kg.view.graphview import View, ViewEdge, ViewNode, _Builder, _without_gc, canvas_label, extract_view
from kg.view.layout import LAYOUT_SEED, _place_extra, layout
from kg.view.states import StateNetwork, indexed_state_network, state_page_data
from kg.view.style import ClassStyle, Style, load_style
from kg.view.triples import Triples

if TYPE_CHECKING:
    from pyvis.network import Network

__all__ = [
    "ClassStyle",
    "Style",
    "View",
    "ViewEdge",
    "ViewNode",
    "embed_json",
    "extract_view",
    "load_style",
    "render_html",
    "render_states_html",
    "to_pyvis",
]


#: Above this many visible nodes the page starts with physics off and keeps the Python layout.
PHYSICS_MAX_NODES = 800


# ------------------------------------------------------------------------------------------ network


def _network(view: View, style: Style) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network node and edge dicts, laid out.

    They are the dicts a directed pyvis ``Network`` makes with ``add_node(index, label=..., shape=...,
    color=..., **options)`` and ``add_edge(source, target, **options)`` (pyvis adds ``arrows: "to"``
    and uses the id as label when the label is empty); ``to_pyvis`` turns them back into one.
    """
    core_edges = [(e.source, e.target) for e in view.core_edges]
    pos = dict(enumerate(layout(len(view.core_nodes), core_edges)))
    offsets = _place_extra(view, pos)
    nodes: list[dict[str, Any]] = []
    for node in view.nodes:
        st = style.of(node.cls)
        x, y = pos[node.index]
        d: dict[str, Any] = {
            "id": node.index,
            "label": canvas_label(node.label_en) or node.index,
            "shape": st.shape,
            "color": st.color,
            "cls": node.cls,
            "extra": node.extra,
            "x": round(x),
            "y": round(y),
        }
        if node.extra:
            ox, oy = offsets[node.index]
            d.update(owner=node.owner, depth=node.depth, ox=ox, oy=oy, size=10)
            d["font"] = {"size": 11, "color": "#222222"}
        else:
            d["size"] = 20 if st.shape == "star" else 15
        nodes.append(d)
    edges: list[dict[str, Any]] = []
    for i, e in enumerate(view.edges):
        d = {"id": i, "from": e.source, "to": e.target, "label": e.label_en, "rel": e.relation}
        d.update(extra=e.extra, arrows="to")
        if e.extra:
            d.update(dashes=True, color={"color": "#b0b0b0"})
        edges.append(d)
    return nodes, edges


def _info(node: ViewNode) -> dict[str, Any]:
    return {
        "cls": node.cls,
        "en": node.label_en,
        "id": node.label_id,
        "iri": node.iri,
        "wd": node.wikidata,
        "text": node.text,
        "evidence": node.evidence,
        "facts": node.facts,
    }


def _vis_options(physics: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#8a8a8a", "highlight": "#333333", "hover": "#333333"},
            "font": {"size": 11, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "smooth": {"enabled": True, "type": "dynamic"} if physics else False,
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": not physics},
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "nodes": {"font": {"size": 16, "color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3500,
                "centralGravity": 0.4,
                "springLength": 110,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": physics, "iterations": 400, "updateInterval": 50, "fit": True},
        },
    }


@_without_gc
def page_data(graph: Triples) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data."""
    style = load_style()
    builder = _Builder(graph, style)  # extract_view, keeping the index of the triples for the states
    view = builder.build()
    nodes, edges = _network(view, style)
    physics = len(view.core_nodes) <= PHYSICS_MAX_NODES
    counts: dict[str, int] = {}
    for n in view.nodes:
        counts[n.cls] = counts.get(n.cls, 0) + 1
    order = [k for k in style.legend if k in counts] + sorted(k for k in counts if k not in style.classes)
    classes = [
        {
            "key": k,
            "en": s.en,
            "id": s.id,
            "color": s.color,
            "shape": s.shape,
            "extra": s.extra,
            "count": counts[k],
        }
        for k in order
        for s in [style.of(k)]
    ]
    edge_labels = {e.relation: e.label_id for e in view.edges if e.label_id}
    return {
        "nodes": nodes,
        "edges": edges,
        "info": [_info(n) for n in view.nodes],
        "classes": classes,
        "edgeLabelsId": edge_labels,
        "physics": physics,
        "options": _vis_options(physics),
        "counts": {
            "nodes": len(view.core_nodes),
            "edges": len(view.core_edges),
            "extraNodes": len(view.nodes) - len(view.core_nodes),
            "extraEdges": len(view.edges) - len(view.core_edges),
        },
        "graph": True,
        "states": _states(builder.out, view),
    }


def _states(out: Any, view: View) -> dict[str, Any]:
    """The state view's data (from the triples as the view indexed them: no second pass over them),
    with the node of each act in the graph view (-1 when it has none)."""
    net = indexed_state_network(out)
    data = state_page_data(net)
    nodes = {n.iri: n.index for n in view.core_nodes if n.iri is not None}
    data["graphNodes"] = [nodes.get(act.iri, -1) for act in net.acts]
    return data


class _IdList(list[Any]):
    """pyvis keeps node ids in a list and tests membership for every node and edge: make that O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def to_pyvis(graph: Triples) -> Network:
    """The page's network as a directed pyvis ``Network``, for notebooks and pyvis' own tools.

    Its nodes, edges (directed: parallel edges are kept) and vis-network options are those of
    ``render_html``'s page, positions included. pyvis is imported here only; note that pyvis' own
    templates (``Network.show``, ``write_html``) load their scripts from CDNs, unlike the page.
    """
    from pyvis.network import Network

    data = page_data(graph)
    net = Network(directed=True)
    net.node_ids = _IdList()
    for node in data["nodes"]:
        options = dict(node)
        net.add_node(options.pop("id"), **options)
    for edge in data["edges"]:
        options = dict(edge)
        net.add_edge(options.pop("from"), options.pop("to"), **options)
    net.options = data["options"]
    return net


# --------------------------------------------------------------------------------------------- page


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embed_json(data: Any, *, sort_keys: bool = True) -> str:
    """JSON that is safe inside a <script> element: no <, >, & or line separators appear literally.

    The page's own data is embedded with ``sort_keys=False`` (sorting is ~15% of the time it takes to
    encode a big view): it is built in a fixed order, so the output is just as deterministic.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"), allow_nan=False)
    for c, escaped in _JSON_ESCAPES.items():
        if c in text:
            text = text.replace(c, escaped)
    return text


@functools.cache
def _asset(name: str) -> str:
    text = resources.files("kg.view").joinpath("templates", name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "<!--" in text:
        raise DataFileError(
            f"kg/view/templates/{name}", "text", "contains </script or <!-- and cannot be inlined"
        )
    return text


@functools.cache
def _csp_hash(script: str) -> str:
    import base64

    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
    )


#: What Jinja's autoescape (markupsafe) does to text put into HTML, for the same bytes.
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _escape(text: str) -> str:
    return text.translate(_HTML_ESCAPES)


@functools.cache
def _page() -> string.Template:
    """``kg/view/templates/view.html``: plain HTML with ``$name`` placeholders (stdlib ``string.Template``:
    the page needs no more, and Jinja would cost a cold ``kg build`` ~20 ms of imports)."""
    return string.Template(
        resources.files("kg.view").joinpath("templates", "view.html").read_text(encoding="utf-8")
    )


def render_html(graph: Triples, *, title: str) -> str:
    """One self-contained, offline HTML page showing the graph; the same graph gives the same bytes.

    The page opens on the graph of the articles; its control ``data-view="states"`` shows the state
    view (:mod:`kg.view.states`: the states and the acts that passed between them)."""
    return _render(page_data(graph), title)


def render_states_html(net: StateNetwork, *, title: str) -> str:
    """A page with the state view alone (``kg view --states``), for many articles, whose whole graph
    would make too big a page; the same network gives the same bytes."""
    empty = {"nodes": 0, "edges": 0, "extraNodes": 0, "extraEdges": 0}
    data = {
        "nodes": [], "edges": [], "info": [], "classes": [], "edgeLabelsId": {},
        "physics": False, "options": _vis_options(False), "counts": empty,
        "graph": False, "states": state_page_data(net),
    }  # fmt: skip
    return _render(data, title)


def _render(data: dict[str, Any], title: str) -> str:
    # one script of ours: the graph view, then the state view (which reads window.kgData)
    vis_js, app_js = _asset("vis-network.min.js"), _asset("view.js") + "\n" + _asset("states.js")
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; base-uri 'none'; form-action 'none'"
    )
    counts = data["counts"]
    return _page().substitute(
        title=_escape(title),
        csp=_escape(csp),
        nodes=counts["nodes"],
        edges=counts["edges"],
        vis_js=vis_js,  # vendored file, checked by _asset to hold no </script
        app_js=app_js,  # our own script, same check
        data_json=embed_json(data, sort_keys=False),  # escaped by embed_json: no <, > or & left
    )
