"""diplograph: Indonesian diplomatic news to a linked, validated RDF knowledge graph.

The package is laid out by layer; each imports only the layers below it (``tests/test_layers.py`` checks
it, and that there is no import cycle):

- the foundation, at the top of the package: :mod:`kg.model` (the frozen records passed between the
  stages), :mod:`kg.errors` and :mod:`kg.workers` (worker processes); they import nothing of kg;
- :mod:`kg.lexicon`: the packaged data files, loaded and compiled;
- :mod:`kg.extract`: text to an extraction (records, no RDF);
- :mod:`kg.rdf`: an extraction to triples, serializations, validation (beside extract, not above it);
- :mod:`kg.store`: merging, the named queries, the embedded store and its views, remote stores;
- :mod:`kg.view`: the HTML page and network exports;
- the drivers, at the top of the package too: :mod:`kg.cli` (and ``__main__``), :mod:`kg.build` (the
  build of many articles), :mod:`kg.read` (reading articles), :mod:`kg.evaluation` (scoring against
  gold files) and :mod:`kg.realeval` (scoring real articles' YAML gold through the public contract, as
  the real corpus's score.py does); they may import every layer.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
