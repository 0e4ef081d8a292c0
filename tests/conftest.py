"""Session fixtures: the packaged resources, the ontology and shapes, and helpers to run the pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kg.extract.pipeline import process
from kg.lexicon.resources import Resources, load_resources
from kg.model import Article, Extraction
from kg.rdf.graph import build_graph
from kg.rdf.validation import load_ontology

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0aaf1fdda57b71fa.txt"
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="session")
def resources_no_people() -> Resources:
    return load_resources(people=False)


@pytest.fixture(scope="session")
def shapes() -> tuple[Graph, Graph]:
    return load_ontology()


@pytest.fixture(scope="session")
def extract(resources: Resources) -> Callable[..., Extraction]:
    def run(text: str, published: dt.date | None = None, stem: str = "t") -> Extraction:
        return process(Article(stem, text, published=published), resources, TODAY)

    return run


@pytest.fixture(scope="session")
def graph_of(resources: Resources) -> Callable[..., Graph]:
    def run(
        text: str, published: dt.date | None = None, stem: str = "t", res: Resources | None = None
    ) -> Graph:
        r = res or resources
        return build_graph(process(Article(stem, text, published=published), r, TODAY), r)

    return run


@pytest.fixture(scope="session")
def seed_graph(graph_of: Callable[..., Graph]) -> Graph:
    return graph_of(SEED.read_text(encoding="utf-8"), stem=SEED.stem)
