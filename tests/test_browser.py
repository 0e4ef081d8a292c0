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
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
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
