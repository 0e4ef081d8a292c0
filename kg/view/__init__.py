"""Views for people and tools: the interactive HTML page and the GraphML / GEXF network exports. Both
take triples (an rdflib ``Graph`` or a set of triples), however they were read.

From the bottom up: :mod:`~kg.view.style` (``kg/data/style.toml``), :mod:`~kg.view.triples` (the triples
indexed, and what a view reads of them), :mod:`~kg.view.graphview` (the view's nodes and edges),
:mod:`~kg.view.layout` (their positions), :mod:`~kg.view.states` (the state-level network: the states
and the acts between them, the page's state view), :mod:`~kg.view.html` (the page, with its assets in
``kg/view/templates``) and :mod:`~kg.view.netexport` (GraphML, GEXF).

May import: the foundation (:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.workers`), the lexicons,
:mod:`kg.rdf` and :mod:`kg.store`. Nothing of :mod:`kg.extract`.
"""
