"""diplograph: Indonesian diplomatic news to a linked, validated RDF knowledge graph."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
