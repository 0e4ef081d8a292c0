"""Tests of the HTML view (kg.view.html) and the network export (kg.view.netexport), without a browser."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import math
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.view.html import PHYSICS_MAX_NODES, extract_view, layout, load_style, render_html, to_pyvis
from kg.view.netexport import export_network

FIXTURES = Path(__file__).parent / "fixtures"
DG = Namespace("https://w3id.org/diplograph/ontology#")
DGR = Namespace("https://w3id.org/diplograph/id/")

#: The dg: classes of docs/DESIGN.md whose instances can be nodes of the view.
DESIGN_NODE_CLASSES = (
    *("State", "Official", "Organization", "Ministry", "Embassy", "InternationalOrganization"),
    *("NewsAgency", "Post", "Role", "Place", "Treaty", "TreatyArticle", "ProtestForm", "TreatyStatus"),
    *("DiplomaticEvent", "Protest", "Demand", "Summons", "Accusation", "Warning", "Statement", "Signing"),
    *("Summit", "Meeting", "StateVisit", "PolicyReview", "Condemnation", "Recall", "Ratification"),
    *("Suspension", "Withdrawal", "Annulment"),
)

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_QUOTE = "</script><script>alert(1)</script>"


def load(name: str) -> Graph:
    return Graph().parse(FIXTURES / name, format="turtle")


def page_data(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "no kg-data script in the page"
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def expected_counts(g: Graph) -> tuple[int, int]:
    """Nodes: resources with a dg: type; edges: triples between two of them (not rdf:type)."""
    nodes = {s for s, o in g.subject_objects(RDF.type) if str(o).startswith(str(DG))}
    edges = {(s, p, o) for s in nodes for p, o in g.predicate_objects(s) if o in nodes and p != RDF.type}
    return len(nodes), len(edges)


@pytest.fixture(scope="module")
def seed() -> Graph:
    return load("view_small.ttl")


@pytest.fixture(scope="module")
def seed_html(seed: Graph) -> str:
    return render_html(seed, title="Seed 000_0aaf1fdda57b71fa")


def test_html_node_and_edge_counts_match_graph(seed: Graph, seed_html: str) -> None:
    data = page_data(seed_html)
    n_nodes, n_edges = expected_counts(seed)
    assert (n_nodes, n_edges) == (24, 39)
    assert sum(1 for n in data["nodes"] if not n["extra"]) == n_nodes
    assert sum(1 for e in data["edges"] if not e["extra"]) == n_edges
    assert data["counts"]["nodes"] == n_nodes and data["counts"]["edges"] == n_edges
    assert len({n["id"] for n in data["nodes"]}) == len(data["nodes"]) == len(data["info"])
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])


def test_html_edges_are_labelled_in_english(seed_html: str) -> None:
    data = page_data(seed_html)
    labels = {e["label"] for e in data["edges"] if not e["extra"]}
    assert {"signatory", "party", "holds", "actor", "target", "about", "accredited to"} <= labels
    assert all(e["arrows"] == "to" for e in data["edges"])


def test_html_parallel_edges_are_kept(seed_html: str) -> None:
    data = page_data(seed_html)
    info = data["info"]
    kim = next(i for i, x in enumerate(info) if x["en"] == "Kim Hong-kyun")
    stmt = next(i for i, x in enumerate(info) if x["cls"] == "Statement")
    rels = sorted(e["rel"] for e in data["edges"] if e["from"] == stmt and e["to"] == kim)
    assert rels == ["actor", "official"]


def test_html_has_no_remote_resources(seed_html: str) -> None:
    lower = seed_html.lower()
    assert not re.search(r"<script[^>]*\ssrc\s*=", lower)
    assert not re.search(r"<link\b", lower)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", lower)
    assert "@import" not in lower and not re.search(r"url\(\s*['\"]?(https?:)?//", lower)
    assert "bootstrap" not in lower and "cdn" not in lower
    assert "default-src 'none'" in seed_html.replace("&#39;", "'")


def test_html_output_is_deterministic(seed: Graph, seed_html: str) -> None:
    assert render_html(seed, title="Seed 000_0aaf1fdda57b71fa") == seed_html
    # the same triples parsed in another order give the same bytes
    lines = seed.serialize(format="nt").splitlines()
    shuffled = Graph().parse(data="\n".join(reversed(lines)), format="nt")
    assert render_html(shuffled, title="Seed 000_0aaf1fdda57b71fa") == seed_html


def test_html_nodes_have_class_colour_shape_and_position(seed_html: str) -> None:
    style = load_style()
    data = page_data(seed_html)
    for n in data["nodes"]:
        st = style.of(n["cls"])
        assert (n["color"], n["shape"]) == (st.color, st.shape)
        assert isinstance(n["x"], int) and isinstance(n["y"], int)
    legend = [c["key"] for c in data["classes"]]
    assert legend[:3] == ["State", "Official", "Post"]
    assert {"Protest", "Treaty", "Mention", "Sentence", "Article", "Value"} <= set(legend)


def test_html_every_node_class_has_a_style() -> None:
    style = load_style()
    classes = set(DESIGN_NODE_CLASSES)
    ontology = Path(__file__).parents[1] / "kg" / "ontology"
    for ttl in sorted(ontology.glob("*.ttl")):
        onto = Graph().parse(ttl, format="turtle")
        for cls in onto.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")):
            if str(cls).startswith(str(DG)):
                classes.add(str(cls)[len(str(DG)) :])
    missing = sorted(c for c in classes if c not in style.node_classes)
    assert not missing, f"no style in kg/data/style.toml for {missing}"
    assert len({(s.color, s.shape) for s in style.classes.values()}) == len(style.classes)


def test_html_labels_en_and_id(seed_html: str) -> None:
    info = page_data(seed_html)["info"]
    kr = next(x for x in info if x["iri"] == str(DGR["state/KR"]))
    assert (kr["en"], kr["id"], kr["wd"]) == (
        "South Korea",
        "Korea Selatan",
        "http://www.wikidata.org/entity/Q884",
    )
    putin = next(x for x in info if x["iri"] == str(DGR["person/vladimir-putin"]))
    assert putin["en"] == putin["id"] == "Vladimir Putin"


def test_html_evidence_highlights_the_mention(seed_html: str) -> None:
    info = page_data(seed_html)["info"]
    protest = next(x for x in info if x["cls"] == "Protest")
    [ev] = protest["evidence"]
    assert ev["text"].startswith("Kementerian Luar Negeri Korsel memanggil Dubes Rusia")
    [[b, e]] = ev["marks"]
    assert ev["text"][b:e] == "mengajukan protes"
    kr = next(x for x in info if x["iri"] == str(DGR["state/KR"]))
    assert [ev["text"][b:e] for ev in kr["evidence"] for b, e in ev["marks"]] == ["Korea Selatan", "Korsel"]


def test_html_event_panel_facts(seed_html: str) -> None:
    info = page_data(seed_html)["info"]
    stmt = next(x for x in info if x["cls"] == "Statement")
    facts = {f[0]: [v[0] for v in f[2]] for f in stmt["facts"]}
    assert facts["actor"] == ["Kim Hong-kyun"]
    assert facts["date"] == ["2024-06-21"]
    assert facts["quote"][0].startswith("Karena situasinya")
    protest = next(x for x in info if x["cls"] == "Protest")
    order = [f[0] for f in protest["facts"]]
    assert order[:4] == ["actor", "target", "about", "official"]


def test_html_hostile_fixture_appears_only_escaped() -> None:
    g = load("hostile.ttl")
    html = render_html(g, title=HOSTILE_NAME)
    assert HOSTILE_NAME not in html
    assert "<img" not in html.lower() and "<svg" not in html.lower() and "<b " not in html.lower()
    assert "alert(1)</script>" not in html
    assert html.lower().count("</script") == 3  # the data block, vis-network, the page's own script
    vis_js = (Path(__file__).parents[1] / "kg" / "view" / "templates" / "vis-network.min.js").read_text(
        encoding="utf-8"
    )
    assert html.replace(vis_js, "").lower().count("<script") == 3  # vis holds "<script>" in a JS string
    assert "<!-- <script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # title and heading, escaped by Jinja
    data = page_data(html)  # and the data round-trips exactly through the escaped JSON
    names = {x["en"] for x in data["info"]}
    assert HOSTILE_NAME in names
    stmt = next(x for x in data["info"] if x["cls"] == "Statement")
    assert [v[0] for f in stmt["facts"] if f[0] == "quote" for v in f[2]] == [HOSTILE_QUOTE]
    state = next(x for x in data["info"] if x["cls"] == "State")
    assert state["wd"] is None  # owl:sameAs <javascript:…> is not a Wikidata link


def test_html_json_is_escaped_for_script() -> None:
    from kg.view.html import embed_json

    text = embed_json({"a": "</script><!--&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!--&\u2028"}


def test_html_import_and_render_are_cheap() -> None:
    """Neither importing kg.view.html nor rendering a page loads pyvis, networkx, numpy, IPython or Jinja."""
    heavy = ("pyvis", "networkx", "numpy", "IPython", "jinja2")
    code = (
        "import sys; from rdflib import Graph; import kg.view.html\n"
        f"heavy = {heavy!r}\n"
        "before = sorted(m for m in heavy if m in sys.modules)\n"
        "g = Graph().parse(sys.argv[1], format='turtle')\n"
        "assert 'id=\"kg-data\"' in kg.view.html.render_html(g, title='t')\n"
        "print(before, sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURES / "view_small.ttl")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[] []"


def test_html_is_byte_identical_across_hash_seeds(seed_html: str) -> None:
    code = (
        "import sys, hashlib; from rdflib import Graph; from kg.view.html import render_html\n"
        "g = Graph().parse(sys.argv[1], format='turtle')\n"
        "print(hashlib.sha256(render_html(g, title=sys.argv[2]).encode()).hexdigest())"
    )
    title = "Seed 000_0aaf1fdda57b71fa"
    digests = {
        subprocess.run(
            [sys.executable, "-c", code, str(FIXTURES / "view_small.ttl"), title],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        ).stdout.strip()
        for hash_seed in ("1", "4242")
    }
    assert digests == {hashlib.sha256(seed_html.encode()).hexdigest()}


def test_html_layout_spreads_nodes_and_keeps_neighbours_close(seed_html: str) -> None:
    data = page_data(seed_html)
    core = {n["id"]: (n["x"], n["y"]) for n in data["nodes"] if not n["extra"]}
    apart = [math.dist(a, b) for a, b in itertools.combinations(core.values(), 2)]
    linked = [math.dist(core[e["from"]], core[e["to"]]) for e in data["edges"] if not e["extra"]]
    assert min(apart) >= 30  # pixels: no node drawn on top of another (they are 15-20 wide)
    assert statistics.mean(linked) < 0.6 * statistics.mean(apart)


def test_html_layout_puts_connected_groups_together() -> None:
    cliques = [range(8), range(8, 16)]
    edges = [pair for clique in cliques for pair in itertools.combinations(clique, 2)]
    pos = layout(16, edges)
    assert pos == layout(16, list(reversed(edges)))  # the order edges come in does not matter
    within = max(math.dist(pos[a], pos[b]) for a, b in edges)
    across = min(math.dist(pos[a], pos[b]) for a in cliques[0] for b in cliques[1])
    assert within < across
    path = layout(31, [(i, i + 1) for i in range(30)])
    assert min(math.dist(a, b) for a, b in itertools.combinations(path, 2)) > 30
    assert layout(1, []) == [(0.0, 0.0)] and layout(0, []) == []


def test_html_to_pyvis_is_the_page_network(seed: Graph, seed_html: str) -> None:
    data = page_data(seed_html)
    net = to_pyvis(seed)
    assert type(net).__module__ == "pyvis.network" and net.directed is True
    assert len(net.nodes) == len(data["nodes"]) and len(net.edges) == len(data["edges"])
    assert [n["id"] for n in net.nodes] == [n["id"] for n in data["nodes"]]
    assert net.get_nodes() == [n["id"] for n in data["nodes"]]
    assert [(e["from"], e["to"], e["id"]) for e in net.edges] == [
        (e["from"], e["to"], e["id"]) for e in data["edges"]
    ]
    assert net.nodes == data["nodes"] and net.edges == data["edges"]  # pyvis adds nothing
    nodes, edges, _, _, _, options = net.get_network_data()
    assert json.loads(options) == data["options"]
    assert nodes == data["nodes"] and edges == data["edges"]


def synthetic(n_states: int, n_people: int) -> Graph:
    g = Graph()
    for i in range(n_states):
        s = DGR[f"state/S{i:03d}"]
        g.add((s, RDF.type, DG.State))
        g.add((s, RDFS.label, Literal(f"State {i}", lang="en")))
    for i in range(n_people):
        p, post = DGR[f"person/p{i:05d}"], DGR[f"post/S{i % n_states:03d}/r{i}"]
        g.add((p, RDF.type, DG.Official))
        g.add((p, RDFS.label, Literal(f"Person {i}")))
        g.add((post, RDF.type, DG.Post))
        g.add((p, DG.holds, post))
        g.add((post, DG.postIn, DGR[f"state/S{i % n_states:03d}"]))
        if i % 3 == 0:
            g.add((p, DG.serves, DGR[f"state/S{(i * 7) % n_states:03d}"]))
    return g


def test_html_large_graph_starts_without_physics() -> None:
    g = synthetic(20, PHYSICS_MAX_NODES // 2 + 10)
    data = page_data(render_html(g, title="big"))
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert data["counts"]["nodes"] == expected_counts(g)[0] > PHYSICS_MAX_NODES
    xy = [(n["x"], n["y"]) for n in data["nodes"]]
    assert len(set(xy)) > 0.95 * len(xy)  # placed apart, not piled up


def test_html_small_graph_settles_with_physics(seed_html: str) -> None:
    data = page_data(seed_html)
    assert data["physics"] is True
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_html_view_extra_nodes(seed: Graph) -> None:
    view = extract_view(seed)
    kinds = {n.cls for n in view.nodes if n.extra}
    assert kinds == {"Mention", "Sentence", "Article", "Value"}
    assert all(0 <= e.source < len(view.nodes) and 0 <= e.target < len(view.nodes) for e in view.edges)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_html_export_network_parses_back(seed: Graph, fmt: str) -> None:
    data = export_network(seed, fmt)  # type: ignore[arg-type]
    assert data == export_network(seed, fmt)  # type: ignore[arg-type]
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    net = read(io.BytesIO(data))
    n_nodes, n_edges = expected_counts(seed)
    assert (net.number_of_nodes(), net.number_of_edges()) == (n_nodes, n_edges)
    kr = net.nodes[str(DGR["state/KR"])]
    assert kr["type"] == "State" and kr["label_en"] == "South Korea" and kr["label_id"] == "Korea Selatan"
    assert kr["wikidata"] == "http://www.wikidata.org/entity/Q884"
    treaty = str(DGR["treaty/KP-RU/2024-06-19"])
    rels = sorted(d["relation"] for _, _, d in net.out_edges(treaty, data=True))
    assert rels.count("signatory") == 2 and rels.count("party") == 2


def test_html_export_network_rejects_unknown_format(seed: Graph) -> None:
    with pytest.raises(ValueError, match="unknown network format"):
        export_network(seed, "dot")  # type: ignore[arg-type]


def test_a_set_of_triples_gives_the_page_of_its_graph(tmp_path: Path) -> None:
    """render_html takes an rdflib Graph or a set of triples (what kg build made, what kg view reads
    with kg.store.queries.load_triples): the same triples give the same bytes, whatever the container and the
    parser, in every format kg view reads."""
    from kg.store.queries import load_graphs, load_triples

    source = FIXTURES / "view_small.ttl"
    graph = Graph().parse(source, format="turtle")
    page = render_html(graph, title="t")
    assert render_html(set(graph), title="t") == page
    assert render_html(frozenset(graph), title="t") == page
    for fmt, suffix in (("nt", ".nt"), ("trig", ".trig"), ("nquads", ".nq"), ("json-ld", ".jsonld")):
        path = tmp_path / f"g{suffix}"
        lines = graph.serialize(format="nt")
        if fmt == "nquads":  # in a named graph: flattened, as load_graphs flattens it
            path.write_text(lines.replace(" .\n", " <http://example.org/g> .\n"), encoding="utf-8")
        elif fmt == "trig":
            path.write_text(f"<http://example.org/g> {{\n{lines}}}\n", encoding="utf-8")
        else:
            path.write_text(graph.serialize(format=fmt), encoding="utf-8")
        assert load_triples([path]) == set(load_graphs([path])), fmt
        assert render_html(load_triples([path]), title="t") == page, fmt


def test_kg_view_refuses_an_rdf_star_triple_term_in_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    star = tmp_path / "star.ttl"
    star.write_text(
        "<http://a/s> <http://a/p> << <http://a/x> <http://a/y> <http://a/z> >> .\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["view", str(star), "-o", str(tmp_path / "v.html")])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == f"kg: error: {star}: cannot read: not RDF 1.1: <http://a/x> <http://a/y> <http://a/z>"
    )
    assert not (tmp_path / "v.html").exists()
