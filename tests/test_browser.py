"""The HTML view in a real headless Chromium (Playwright), opened from disk with the network cut off.

Needs /usr/bin/chromium (Debian's package) and the playwright Python package; never downloads a
browser. Without them these tests FAIL, unless KG_NO_BROWSER=1 is set, when they are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.view.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _no_browser(reason: str) -> None:
    if os.environ.get("KG_NO_BROWSER") == "1":
        pytest.skip(f"{reason} (KG_NO_BROWSER=1)")
    pytest.fail(
        f"{reason}: the browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium) "
        "and the playwright Python package; set KG_NO_BROWSER=1 to skip them",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _no_browser(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    page: Any
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_view(browser: Any, graph: Graph, path: Path, title: str = "view") -> Opened:
    path.write_text(render_html(graph, title=title), encoding="utf-8")
    return open_page(browser, path, "body[data-ready=true]")


def open_page(browser: Any, path: Path, ready: str) -> Opened:
    """Open a written page from disk, the network cut off, and wait for the ``ready`` selector."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    opened = Opened(page)

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            opened.blocked.append(r.request.url)
            r.abort()

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.route("**/*", route)
    page.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.console_errors.append(str(e)))
    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    # not wait_for_function: the page's Content-Security-Policy forbids eval, as it should
    page.wait_for_selector(ready, state="attached", timeout=60_000)
    return opened


def drawn(page: Any) -> tuple[int, int, int, int]:
    counts: list[int] = page.evaluate(
        "[kgNodeView.length, kgEdgeView.length,"
        " kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]"
    )
    return counts[0], counts[1], counts[2], counts[3]


def node_with(page: Any, cls: str) -> int:
    found: int = page.evaluate(
        "cls => kgNodes.get({filter: n => n.cls === cls}).map(n => n.id)[0]",
        cls,
    )
    return found


def hover(page: Any, node: int) -> None:
    x, y = page.evaluate(
        """id => { const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
                   const r = document.getElementById('kg-network').getBoundingClientRect();
                   return [r.left + p.x, r.top + p.y]; }""",
        node,
    )
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)


@pytest.fixture(scope="module")
def seed() -> Graph:
    return Graph().parse(FIXTURES / "view_small.ttl", format="turtle")


def test_browser_seed_view(browser: Any, seed: Graph, tmp_path: Path) -> None:
    from tests.test_html import expected_counts

    opened = open_view(browser, seed, tmp_path / "seed.html", "Seed 000_0aaf1fdda57b71fa")
    page = opened.page
    n_nodes, n_edges = expected_counts(seed)
    assert drawn(page) == (n_nodes, n_edges, n_nodes, n_edges)
    assert page.evaluate("kgNetwork.physics.physicsEnabled") is False  # settled, then stopped

    protest = node_with(page, "Protest")
    hover(page, protest)
    panel = page.locator("#kg-panel-body")
    panel.locator("mark").first.wait_for(timeout=5_000)
    assert "Kementerian Luar Negeri Korsel memanggil Dubes Rusia" in panel.inner_text()
    assert panel.locator("mark").all_inner_texts() == ["mengajukan protes"]
    assert "Protest" in panel.inner_text() and "South Korea" in panel.inner_text()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seed_view.png"))
    assert opened.console_errors == []
    assert opened.blocked == []
    page.close()


def test_browser_provenance_language_search_filter(browser: Any, seed: Graph, tmp_path: Path) -> None:
    opened = open_view(browser, seed, tmp_path / "seed.html")
    page = opened.page
    base = drawn(page)
    total = page.evaluate("[kgNodes.length, kgEdges.length]")

    page.click("#kg-toggle-extra")
    assert drawn(page)[:2] == (total[0], total[1])
    page.click("#kg-toggle-extra")
    assert drawn(page) == base

    page.click("#kg-toggle-lang")
    labels = page.evaluate("kgNodes.get({filter: n => !n.extra}).map(n => n.label)")
    assert "Korea Selatan" in labels and "South Korea" not in labels
    page.click("#kg-toggle-lang")

    page.fill("#kg-search", "putin")
    assert page.inner_text("#kg-search-status").startswith("1 match")
    assert page.evaluate("kgNetwork.getSelectedNodes().length") == 1
    assert "Vladimir Putin" in page.inner_text("#kg-panel-body")
    wd = page.locator("#kg-panel-body a")
    assert wd.get_attribute("href") == "http://www.wikidata.org/entity/Q7747"

    page.uncheck("#kg-legend input[data-class=State]")
    assert drawn(page)[0] == base[0] - 3
    page.check("#kg-legend input[data-class=State]")
    assert drawn(page) == base
    assert opened.console_errors == [] and opened.blocked == [] and opened.dialogs == []
    page.close()


def test_browser_hostile_fixture_runs_nothing(browser: Any, tmp_path: Path) -> None:
    g = Graph().parse(FIXTURES / "hostile.ttl", format="turtle")
    opened = open_view(browser, g, tmp_path / "hostile.html", title="<img src=x onerror=alert(1)>")
    page = opened.page
    page.click("#kg-toggle-extra")
    page.click("#kg-toggle-lang")
    for cls in ("Official", "Statement", "State", "Mention", "Sentence", "Value"):
        page.evaluate("id => kgShowPanel(id)", node_with(page, cls))
        assert page.evaluate("document.querySelectorAll('img, svg image, iframe, object, embed').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
    official = node_with(page, "Official")
    page.evaluate("id => kgShowPanel(id)", official)
    text = page.inner_text("#kg-panel-body")
    assert "<img src=x onerror=alert(1)>" in text
    assert page.locator("#kg-panel-body mark").all_inner_texts() == ["<img src=x onerror=alert(1)>"]
    assert page.locator("#kg-panel-body a").count() == 1  # the Wikidata link, built with DOM APIs
    page.evaluate("id => kgShowPanel(id)", node_with(page, "State"))
    assert page.locator("#kg-panel-body a").count() == 0  # owl:sameAs <javascript:…> gives no link
    assert page.title() == "<img src=x onerror=alert(1)>"
    page.wait_for_timeout(300)
    assert opened.dialogs == []
    assert opened.console_errors == []
    assert opened.blocked == []
    page.close()


# ---------------------------------------------------------------------------- the state view (issue #19)

DG = "https://w3id.org/diplograph/ontology#"
DGR = "https://w3id.org/diplograph/id/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seed and the first 20 articles of tests/corpus, built."""
    from kg.build import build
    from kg.lexicon.resources import load_resources

    from .conftest import ROOT, SEED, TODAY

    out = tmp_path_factory.mktemp("states")
    texts = [SEED, *sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:20]]
    build(texts, out, load_resources(), today=TODAY, html=False, validate=False, jobs=2)
    return sorted(out.glob("*.ttl"))


def open_states(browser: Any, html: str, path: Path, *, click: bool = True) -> Opened:
    path.write_text(html, encoding="utf-8")
    opened = open_page(browser, path, "body[data-ready=true]")
    if click:
        opened.page.click("[data-view=states]")
    opened.page.wait_for_selector("body[data-states-ready=true]", state="attached", timeout=60_000)
    return opened


def state_drawn(page: Any) -> tuple[set[str], set[str]]:
    """The ids of the nodes and edges the state network draws (vis' own lists, not our data sets)."""
    nodes, edges = page.evaluate(
        "[kgStates.network().body.nodeIndices.slice(), kgStates.network().body.edgeIndices.slice()]"
    )
    return set(nodes), set(edges)


def pairs_of(rows: list[list[str]]) -> set[str]:
    return {"|".join(sorted((r[0], r[1]))) for r in rows}


#: The (actor, target, type) counts of the page's acts, computed in the page from its data.
DIRECTED_COUNTS = """() => {
  const d = kgStates.data, out = {};
  d.acts.forEach(act => {
    for (let p = 0; p < act[2].length; p += 2) {
      const key = [d.states[act[2][p]][0], d.states[act[2][p + 1]][0], d.types[act[0]][0]].join(" ");
      out[key] = (out[key] || 0) + 1;
    }
  });
  return out;
}"""


def test_browser_state_view_agrees_with_relations(browser: Any, articles: list[Path], tmp_path: Path) -> None:
    from kg.store.embedded import query_files
    from kg.store.queries import load_triples, named_query

    _, rows = query_files(articles, named_query("relations"))
    assert len(rows) > 20
    opened = open_states(browser, render_html(load_triples(articles), title="corpus"), tmp_path / "c.html")
    page = opened.page
    graph_counts = drawn(page)
    nodes, edges = state_drawn(page)
    assert nodes == {r[0] for r in rows} | {r[1] for r in rows}
    assert edges == pairs_of(rows)
    assert page.evaluate(DIRECTED_COUNTS) == {f"{a} {t} {ty}": int(c) for a, t, ty, c, _, _ in rows}
    assert page.inner_text("#kg-stats") == f"{len(nodes)} states, {len(edges)} pairs"
    assert page.locator("#kg-network").is_hidden() and page.locator("#kg-states").is_visible()
    # the per-article graph is one click away, as it was
    page.click("[data-view=graph]")
    assert page.locator("#kg-network").is_visible() and page.locator("#kg-states").is_hidden()
    assert drawn(page) == graph_counts
    page.click("[data-view=states]")
    assert state_drawn(page) == (nodes, edges)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "state_view.png"))
    assert opened.console_errors == [] and opened.blocked == [] and opened.dialogs == []
    page.close()


def set_range(page: Any, selector: str, value: int) -> None:
    page.eval_on_selector(
        selector,
        "(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', {bubbles: true})); }",
        value,
    )


def test_browser_state_view_filters(browser: Any, articles: list[Path], tmp_path: Path) -> None:
    from kg.store.queries import load_triples
    from kg.view.states import state_network

    triples = load_triples(articles)
    net = state_network(triples)
    rows = net.relations()
    opened = open_states(browser, render_html(triples, title="corpus"), tmp_path / "f.html")
    page = opened.page
    every = state_drawn(page)
    # act types: protests only
    for t in sorted({r[2] for r in rows} - {"Protest"}):
        page.uncheck(f"#kg-states-types input[data-act-type={t}]")
    protests = [r for r in rows if r[2] == "Protest"]
    assert state_drawn(page) == ({r[0] for r in protests} | {r[1] for r in protests}, pairs_of(protests))
    for t in sorted({r[2] for r in rows} - {"Protest"}):
        page.check(f"#kg-states-types input[data-act-type={t}]")
    assert state_drawn(page) == every
    # a time range: the dates of the middle of the slider, undated acts left out
    dates: list[str] = page.evaluate("kgStates.data.dates")
    lo, hi = len(dates) // 4, len(dates) // 2
    set_range(page, "#kg-states-from", lo)
    set_range(page, "#kg-states-to", hi)
    page.uncheck("#kg-states-undated")
    inside = [a for a in net.acts if a.date and dates[lo] <= a.date <= dates[hi]]
    assert inside and len(inside) < len(net.acts)
    expected = {"|".join(sorted(p)) for a in inside for p in a.pairs}
    assert state_drawn(page)[1] == expected
    assert page.inner_text("#kg-states-range") == f"{dates[lo]} – {dates[hi]}"
    set_range(page, "#kg-states-from", 0)
    set_range(page, "#kg-states-to", len(dates) - 1)
    page.check("#kg-states-undated")
    assert state_drawn(page) == every
    # only the lines of at least two acts
    busy = {"|".join(pair) for pair, acts in net.pairs().items() if len(acts) >= 2}
    assert 0 < len(busy) < len(every[1])
    set_range(page, "#kg-states-min", 2)
    assert state_drawn(page) == ({x for key in busy for x in key.split("|")}, busy)
    assert page.inner_text("#kg-states-min-value") == "2"
    set_range(page, "#kg-states-min", 1)
    assert state_drawn(page) == every
    # one state's neighbourhood
    busiest = max(net.states, key=lambda iso: (sum(1 for r in rows if iso in r[:2]), iso))
    page.select_option("#kg-states-pick", busiest)
    partners = {r[1] if r[0] == busiest else r[0] for r in rows if busiest in r[:2]}
    nodes, edges = state_drawn(page)
    assert nodes == partners | {busiest} and len(partners) >= 2
    assert edges == {"|".join(sorted((busiest, p))) for p in partners}
    assert page.get_attribute("#kg-panel-body", "data-shown") == f"state:{busiest}"
    page.select_option("#kg-states-pick", "")
    assert state_drawn(page) == every
    assert opened.console_errors == [] and opened.dialogs == []
    page.close()


def hover_edge(page: Any) -> str:
    """Move the mouse onto the middle of an edge that nothing else covers there; its id."""
    found: list[Any] = page.evaluate(
        """() => {
          const net = kgStates.network();
          const r = document.getElementById('kg-states').getBoundingClientRect();
          for (const id of kgStates.edges.getIds().sort()) {
            const e = kgStates.edges.get(id);
            const a = net.getPosition(e.from), b = net.getPosition(e.to);
            const dom = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
            if (dom.x < 5 || dom.y < 5 || dom.x > r.width - 5 || dom.y > r.height - 5) continue;
            if (net.getNodeAt(dom) !== undefined || net.getEdgeAt(dom) !== id) continue;
            return [id, r.left + dom.x, r.top + dom.y];
          }
          return null;
        }"""
    )
    assert found is not None, "no edge to hover"
    edge, x, y = found
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    return str(edge)


def test_browser_state_view_hover_shows_the_evidence(
    browser: Any, articles: list[Path], tmp_path: Path
) -> None:
    from kg.store.queries import load_triples
    from kg.view.states import state_network

    triples = load_triples(articles)
    net = state_network(triples)
    opened = open_states(browser, render_html(triples, title="corpus"), tmp_path / "h.html")
    page = opened.page
    edge = hover_edge(page)
    panel = page.locator("#kg-panel-body")
    page.wait_for_selector(f'#kg-panel-body[data-shown="edge:{edge}"]', state="attached", timeout=5_000)
    text = panel.inner_text()
    a, b = edge.split("|")
    acts = [net.acts[i] for i in net.pairs()[(a, b)]]
    assert f"{len(acts)} act" in text
    for act in acts[:3]:
        assert act.type in text
        for e in act.evidence:
            assert e.text in text
            assert net.articles[e.article].label in text
    assert panel.locator(".act").count() == min(len(acts), 100)
    assert panel.locator("mark").count() >= 1
    # the first act in the graph of the articles: one click
    first = sorted(acts, key=lambda act: (act.date or "~", act.type))[0]
    panel.locator(".act .graph-link").first.click()
    assert page.locator("#kg-network").is_visible() and page.locator("#kg-states").is_hidden()
    selected = page.evaluate("kgNetwork.getSelectedNodes()")
    assert len(selected) == 1
    assert page.evaluate("id => kgData.info[id].iri", selected[0]) in {a.iri for a in acts}
    assert first.type in page.inner_text("#kg-panel-body")
    assert opened.console_errors == [] and opened.dialogs == []
    page.close()


HOSTILE = "<img src=x onerror=alert(1)>"


def hostile_graph() -> Graph:
    """Two states and a protest between them, every text of it script-like."""
    from rdflib import RDF, RDFS, XSD, Literal, URIRef

    g = Graph()
    article = URIRef(DGR + "article/evil")
    for iso in ("AA", "BB"):
        s = URIRef(DGR + f"state/{iso}")
        g.add((s, RDF.type, URIRef(DG + "State")))
        g.add((s, URIRef(DG + "iso2"), Literal(iso)))
        g.add((s, RDFS.label, Literal(f"{HOSTILE}{iso}", lang="en")))
    text = f"Protes </script><script>alert(1)</script> {HOSTILE} di sini."
    sentence = URIRef(DGR + "article/evil#char=0,60")
    mention = URIRef(DGR + "article/evil#char=0,6")
    g.add((sentence, URIRef(NIF + "anchorOf"), Literal(text)))
    g.add((sentence, URIRef(NIF + "beginIndex"), Literal(0)))
    g.add((mention, URIRef(NIF + "sentence"), sentence))
    g.add((mention, URIRef(NIF + "beginIndex"), Literal(0)))
    g.add((mention, URIRef(NIF + "endIndex"), Literal(6)))
    g.add((mention, URIRef(NIF + "referenceContext"), article))
    g.add((article, URIRef("http://purl.org/dc/terms/title"), Literal(f"<script>alert(2)</script>{HOSTILE}")))
    g.add(
        (
            article,
            URIRef("http://purl.org/dc/terms/source"),
            Literal("javascript:alert(3)", datatype=XSD.anyURI),
        )
    )
    event = URIRef(DGR + "event/protest/evil")
    g.add((event, RDF.type, URIRef(DG + "Protest")))
    g.add((event, URIRef(DG + "actor"), URIRef(DGR + "state/AA")))
    g.add((event, URIRef(DG + "target"), URIRef(DGR + "state/BB")))
    g.add((event, URIRef(DG + "date"), Literal("2024-01-02", datatype=XSD.date)))
    g.add((event, URIRef("http://groundedannotationframework.org/gaf#denotedBy"), mention))
    return g


@pytest.mark.parametrize("alone", [False, True], ids=["with-graph", "states-only"])
def test_browser_state_view_hostile_article_runs_nothing(browser: Any, tmp_path: Path, alone: bool) -> None:
    from kg.view.html import render_states_html
    from kg.view.states import state_network

    g = hostile_graph()
    title = HOSTILE
    html = render_states_html(state_network(g), title=title) if alone else render_html(g, title=title)
    opened = open_states(browser, html, tmp_path / "evil.html", click=not alone)
    page = opened.page
    assert state_drawn(page) == ({"AA", "BB"}, {"AA|BB"})
    assert page.locator("[data-view=graph]").is_hidden() == alone
    page.evaluate("kgStates.showEdge('AA|BB')")
    text = page.inner_text("#kg-panel-body")
    assert "</script><script>alert(1)</script>" in text and f"{HOSTILE}AA" in text
    assert f"<script>alert(2)</script>{HOSTILE}" in text  # the article's title, as text
    assert page.locator("#kg-panel-body a").count() == 0  # a javascript: url is no link
    assert page.locator("#kg-panel-body mark").all_inner_texts() == ["Protes"]
    page.evaluate("kgStates.showState('AA')")
    assert f"{HOSTILE}BB" in page.inner_text("#kg-panel-body")
    hover_edge(page)
    page.click("#kg-toggle-lang")
    assert page.evaluate("document.querySelectorAll('img, svg image, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    page.wait_for_timeout(300)
    assert opened.dialogs == [] and opened.console_errors == [] and opened.blocked == []
    page.close()


def many_states() -> Graph:
    """150 states and 900 protests and signings between them, at random (a fixed seed)."""
    import random

    from rdflib import RDF, RDFS, XSD, Literal, URIRef

    rng = random.Random(19)
    g = Graph()
    isos = [f"{a}{b}" for a in "ABCDEFGHIJKLM" for b in "ABCDEFGHIJKL"][:150]
    for iso in isos:
        s = URIRef(DGR + f"state/{iso}")
        g.add((s, RDF.type, URIRef(DG + "State")))
        g.add((s, URIRef(DG + "iso2"), Literal(iso)))
        g.add((s, RDFS.label, Literal(f"State {iso}", lang="en")))
    weights = [1.0 / (i + 1) for i in range(len(isos))]  # a few states in most acts
    for k in range(900):
        a, b = rng.choices(isos, weights, k=2)
        event = URIRef(DGR + f"event/{k}")
        g.add((event, RDF.type, URIRef(DG + ("Protest" if k % 3 else "Signing"))))
        g.add((event, URIRef(DG + "actor"), URIRef(DGR + f"state/{a}")))
        g.add((event, URIRef(DG + "target"), URIRef(DGR + f"state/{b}")))
        g.add((event, URIRef(DG + "date"), Literal(f"{2000 + k % 20}-01-01", datatype=XSD.date)))
    return g


def test_browser_state_view_hub_labels_always_others_on_zoom(browser: Any, tmp_path: Path) -> None:
    from kg.view.html import render_states_html
    from kg.view.states import HUBS, state_network

    net = state_network(many_states())
    opened = open_states(browser, render_states_html(net, title="many"), tmp_path / "m.html", click=False)
    page = opened.page
    shown = """() => { const net = kgStates.network();
      return kgStates.nodes.getIds().filter(id => net.body.nodes[id].labelModule.visible()).sort(); }"""
    hubs = sorted(page.evaluate("kgStates.data.hubs.map(i => kgStates.data.states[i][0])"))
    assert len(hubs) == HUBS
    assert page.evaluate("kgStates.network().getScale()") < 0.5  # the whole network on screen: small
    assert page.evaluate(shown) == hubs  # the most connected states' names only
    for scale in (0.1, 2.0):
        page.evaluate("s => { kgStates.network().moveTo({scale: s}); kgStates.relabel(); }", scale)
        labelled = page.evaluate(shown)
        assert labelled == (hubs if scale < 1 else sorted(page.evaluate("kgStates.nodes.getIds()")))
    # signings only: the names drawn are those of the states with the most partners in signings
    page.evaluate("kgStates.network().moveTo({scale: 0.3})")
    page.uncheck("#kg-states-types input[data-act-type=Protest]")
    partners: dict[str, int] = {}
    for a, b in {tuple(sorted(p)) for act in net.acts if act.type == "Signing" for p in act.pairs}:
        partners[a] = partners.get(a, 0) + 1
        partners[b] = partners.get(b, 0) + 1
    signing_hubs = sorted(sorted(partners, key=lambda iso: (-partners[iso], iso))[:HUBS])
    assert signing_hubs != hubs
    assert page.evaluate(shown) == signing_hubs
    assert opened.console_errors == []
    page.close()
