"""The positions of the HTML view's nodes: a small pure-Python Fruchterman-Reingold layout started from a
fixed ``random.Random`` seed (:func:`layout`), so the same graph always gets the same positions; above
``SPRING_MAX_NODES`` only a skeleton of the best connected nodes is laid out and the rest are placed around
their neighbours. Provenance and value nodes are placed around the node they belong to."""

from __future__ import annotations

import math
import random
from collections import deque
from typing import TYPE_CHECKING

from kg.view.graphview import View

if TYPE_CHECKING:
    pass


#: Up to this many nodes the whole graph gets a spring layout; above, only a skeleton of the best
#: connected nodes does, and the rest are placed around their neighbours.
SPRING_MAX_NODES = 400
LAYOUT_SEED = 4


#: Iterations of the spring layout; the step size cools linearly to zero over them.
SPRING_ITERATIONS = 50
#: The four neighbouring grid cells "after" a cell: with the cell itself they cover each pair once.
_HALF_NEIGHBOURHOOD = ((1, -1), (1, 0), (1, 1), (0, 1))


def _repel(xs: list[float], ys: list[float], dx: list[float], dy: list[float], k: float) -> None:
    """Add Fruchterman-Reingold repulsion (k²/d) between nodes closer than 2k, found with a 2k grid."""
    reach = 2.0 * k
    reach2, k2 = reach * reach, k * k
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        key = (math.floor(x / reach), math.floor(y / reach))
        members = cells.get(key)
        if members is None:
            cells[key] = [i]
        else:
            members.append(i)
    for (cx, cy), members in cells.items():
        others = [j for ox, oy in _HALF_NEIGHBOURHOOD for j in cells.get((cx + ox, cy + oy), ())]
        for a, i in enumerate(members):
            xi, yi = xs[i], ys[i]
            fx = fy = 0.0
            for j in members[a + 1 :] + others:
                ddx, ddy = xi - xs[j], yi - ys[j]
                d2 = ddx * ddx + ddy * ddy
                if d2 >= reach2:
                    continue
                if d2 < 1e-12:  # on top of each other: push apart along a fixed, index-given direction
                    ddx, ddy, d2 = 1e-6 * (1 + i % 7), 1e-6 * (1 + j % 5), 1e-12
                f = k2 / d2
                ddx, ddy = ddx * f, ddy * f
                fx += ddx
                fy += ddy
                dx[j] -= ddx
                dy[j] -= ddy
            dx[i] += fx
            dy[i] += fy


def _spring(n: int, edges: list[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    """A Fruchterman-Reingold layout of nodes 0..n-1 in [-1, 1]², the same for the same input.

    Starts from uniform random positions of a ``random.Random(seed)``; runs SPRING_ITERATIONS steps
    of attraction d²/k along edges and repulsion k²/d between nodes closer than 2k (the grid variant
    of the paper), each node moving at most the temperature, which cools linearly from 0.1.
    """
    if n == 1:
        return [(0.0, 0.0)]
    rng = random.Random(seed)
    xs = [rng.random() for _ in range(n)]
    ys = [rng.random() for _ in range(n)]
    pairs = sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b})
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    cooling = temperature / SPRING_ITERATIONS
    for _ in range(SPRING_ITERATIONS):
        dx = [0.0] * n
        dy = [0.0] * n
        _repel(xs, ys, dx, dy, k)
        for a, b in pairs:
            ddx, ddy = xs[a] - xs[b], ys[a] - ys[b]
            f = math.sqrt(ddx * ddx + ddy * ddy) / k
            ddx, ddy = ddx * f, ddy * f
            dx[a] -= ddx
            dy[a] -= ddy
            dx[b] += ddx
            dy[b] += ddy
        for i in range(n):
            length = math.hypot(dx[i], dy[i])
            if length > temperature:
                s = temperature / length
                xs[i] += dx[i] * s
                ys[i] += dy[i] * s
            else:
                xs[i] += dx[i]
                ys[i] += dy[i]
        temperature -= cooling
    mx, my = sum(xs) / n, sum(ys) / n
    half = max(max(abs(x - mx) for x in xs), max(abs(y - my) for y in ys)) or 1.0
    return [((x - mx) / half, (y - my) / half) for x, y in zip(xs, ys, strict=True)]


def _neighbours(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    adj: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    return [sorted(s) for s in adj]


def _ring(center: tuple[float, float], k: int, radius: float) -> tuple[float, float]:
    """The k-th point of a sunflower spiral around center (golden angle), never on top of another."""
    angle = k * 2.399963229728653
    r = radius * (1.0 + 0.35 * math.sqrt(k))
    return (center[0] + r * math.cos(angle), center[1] + r * math.sin(angle))


def layout(n: int, edges: list[tuple[int, int]], *, seed: int = LAYOUT_SEED) -> list[tuple[float, float]]:
    """Deterministic positions (pixels) for nodes 0..n-1.

    Small graphs get a spring layout (``_spring``). Big ones get it for a skeleton of the
    SPRING_MAX_NODES best-connected nodes; every other node is then put on a spiral around its first
    placed neighbour (breadth first), and nodes of components without a skeleton node around a root
    placed on an outer ring.
    """
    if n == 0:
        return []
    scale = 90.0 * math.sqrt(n) + 100.0
    if n <= SPRING_MAX_NODES:
        return [(x * scale, y * scale) for x, y in _spring(n, edges, seed)]
    adj = _neighbours(n, edges)
    skeleton = sorted(range(n), key=lambda i: (-len(adj[i]), i))[:SPRING_MAX_NODES]
    local = {v: i for i, v in enumerate(skeleton)}
    sk_edges = [(local[a], local[b]) for a, b in edges if a in local and b in local]
    sk = _spring(len(skeleton), sk_edges, seed)
    placed: dict[int, tuple[float, float]] = {
        v: (sk[i][0] * scale, sk[i][1] * scale) for v, i in local.items()
    }
    children = [0] * n
    queue = deque(skeleton)
    roots = 0
    for start in range(n + 1):
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if v not in placed:
                    placed[v] = _ring(placed[u], children[u], 60.0)
                    children[u] += 1
                    queue.append(v)
        if start < n and start not in placed:
            angle = roots * 2.399963229728653
            placed[start] = (1.25 * scale * math.cos(angle), 1.25 * scale * math.sin(angle))
            roots += 1
            queue.append(start)
    return [placed[i] for i in range(n)]


def _place_extra(view: View, pos: dict[int, tuple[float, float]]) -> dict[int, tuple[int, int]]:
    """Offsets of provenance/value nodes from their owner, and their absolute positions in pos."""
    children: dict[int, int] = {}
    offsets: dict[int, tuple[int, int]] = {}
    for node in sorted((n for n in view.nodes if n.extra), key=lambda n: (n.depth, n.index)):
        owner = node.owner if node.owner is not None else 0
        k = children.get(owner, 0)
        children[owner] = k + 1
        ox, oy = _ring((0.0, 0.0), k + 1, 70.0)
        offsets[node.index] = (round(ox), round(oy))
        base = pos.get(owner, (0.0, 0.0))
        pos[node.index] = (base[0] + ox, base[1] + oy)
    return offsets
