"""Rewrite the tables of EVALUATION.md from `kg eval` on the development, next and held-out sets.

Run from the repository root: ``KG_TODAY=2026-11-27 python -m tools.evaluation_report``.
Only the text between the ``<!-- tables -->`` markers is replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from kg.evaluation import Score, evaluate, report
from kg.lexicon.resources import load_resources

ROOT = Path(__file__).resolve().parent.parent
GOALS = [("states", 0.95), ("officials", 0.90), ("treaties", 0.80), ("protests", 0.80)]


def _goals(dev: Score, held: Score) -> str:
    lines = ["| goal (issue 3) | development | held-out |", "|---|---|---|"]
    for name, goal in GOALS:
        cells = [
            f"{s.tallies[name].f1:.3f}" + ("" if s.tallies[name].f1 >= goal else " (missed)")
            for s in (dev, held)
        ]
        lines.append(f"| {name} F1 ≥ {goal:.2f} | {cells[0]} | {cells[1]} |")
    acc = [sum(s.accuracy["officials.state"]) / len(s.accuracy["officials.state"]) for s in (dev, held)]
    cells = [f"{a:.3f}" + ("" if a >= 0.95 else " (missed)") for a in acc]
    lines.append(f"| officials with the right state ≥ 0.95 | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main() -> None:
    today = dt.date.fromisoformat(os.environ.get("KG_TODAY", dt.date.today().isoformat()))
    resources = load_resources()
    dev = evaluate(ROOT / "tests" / "corpus", resources, today)
    held = evaluate(ROOT / "tests" / "heldout", resources, today)
    nxt = evaluate(ROOT / "tests" / "corpus-next", resources, today)
    tables = (
        f"### Development corpus ({dev.articles} articles)\n\n{report(dev, details=False)}\n"
        f"### Next development articles ({nxt.articles} articles, `tests/corpus-next/`, not yet under the floors)"
        f"\n\n{report(nxt, details=False)}\n"
        f"### Held-out articles ({held.articles} articles, never tuned on)\n\n{report(held, details=False)}\n"
        f"### Against the goals\n\n{_goals(dev, held)}\n"
    )
    path = ROOT / "EVALUATION.md"
    text = path.read_text(encoding="utf-8")
    new = re.sub(
        r"<!-- tables -->.*<!-- /tables -->", f"<!-- tables -->\n{tables}<!-- /tables -->", text, flags=re.S
    )
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
