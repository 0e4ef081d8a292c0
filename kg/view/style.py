"""The style of the HTML view: each class's colour, shape and legend label, the legend's order and the
relations' labels, read from ``kg/data/style.toml`` (:func:`load_style`)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from kg.errors import DataFileError

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class ClassStyle:
    """How one class of node looks: vis-network shape, colour, legend labels; extra = provenance/value."""

    key: str
    color: str
    shape: str
    en: str
    id: str
    extra: bool = False


@dataclass(frozen=True)
class Style:
    """The contents of ``kg/data/style.toml``."""

    classes: dict[str, ClassStyle]
    legend: tuple[str, ...]
    relations: dict[str, str]

    def of(self, key: str) -> ClassStyle:
        """The style of a class, or a grey dot for a dg: class the style file does not know yet."""
        found = self.classes.get(key)
        return found if found is not None else ClassStyle(key, "#9e9e9e", "dot", key, key)

    @property
    def node_classes(self) -> tuple[str, ...]:
        """The dg: classes (not the provenance kinds) that have a style, in legend order."""
        return tuple(k for k in self.legend if not self.classes[k].extra)


_SHAPES = frozenset(
    {"ellipse", "circle", "database", "box", "text", "diamond", "dot", "star"}
    | {"triangle", "triangleDown", "hexagon", "square"}
)


def _class_style(name: str, table: Any, extra: bool) -> ClassStyle:
    file = "kg/data/style.toml"
    if not isinstance(table, dict):
        raise DataFileError(file, name, "not a table")
    values = {k: table.get(k) for k in ("color", "shape", "en", "id")}
    for k, v in values.items():
        if not isinstance(v, str) or not v:
            raise DataFileError(file, name, f"missing or empty {k!r}")
    color = str(values["color"])
    if len(color) != 7 or color[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in color[1:]):
        raise DataFileError(file, name, f"colour {color!r} is not #rrggbb")
    if values["shape"] not in _SHAPES:
        raise DataFileError(file, name, f"unknown vis-network shape {values['shape']!r}")
    return ClassStyle(name, color.lower(), str(values["shape"]), str(values["en"]), str(values["id"]), extra)


@functools.cache
def load_style() -> Style:
    """Read and check ``kg/data/style.toml`` (cached); raises DataFileError when it is malformed."""
    file = "kg/data/style.toml"
    raw = tomllib.loads(resources.files("kg").joinpath("data/style.toml").read_text(encoding="utf-8"))
    classes: dict[str, ClassStyle] = {}
    for section, extra in (("classes", False), ("extra", True)):
        for name, table in dict(raw.get(section, {})).items():
            classes[name] = _class_style(name, table, extra)
    legend = raw.get("legend")
    if not isinstance(legend, list) or sorted(map(str, legend)) != sorted(classes):
        raise DataFileError(file, "legend", "must list every class of [classes] and [extra] once")
    relations = raw.get("relations", {})
    if not isinstance(relations, dict) or not all(isinstance(v, str) for v in relations.values()):
        raise DataFileError(file, "relations", "must map local names to strings")
    return Style(classes, tuple(str(x) for x in legend), {str(k): str(v) for k, v in relations.items()})
