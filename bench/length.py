"""Issue #18: what one long article costs. A length-scaling curve of ``kg build FILE --out DIR --no-html``.

Four kinds of input, each at several lengths, each point a fresh process (its wall time and its peak
resident set, from ``resource.getrusage(RUSAGE_CHILDREN)`` after a ``wait4``: one child per point):

- ``article``: an article of 10 KB to 2 MB made of the sentences of the project's own articles
  (``tests/corpus/*.txt`` and ``seeds/*.txt``), repeated and shuffled by sentence (seeded, so the same
  bytes each run) into paragraphs of four sentences;
- ``officials``: one sentence of 1 KB to 300 KB, a list of officials joined by commas ("Menteri Luar
  Negeri Rusia Sergei Lavrov, Menteri Pertahanan Korsel Shin Won-sik, ..."): titles and states from
  ``kg/data``, names from the gold files;
- ``capitals``: one sentence of 1 KB to 300 KB, a run of capitalized words drawn from titles and state
  names, with quoted runs ("...", “...”) and no full stop;
- ``acts``: one sentence of 1 KB to 300 KB, one clause of an act of diplomacy after another (protests,
  summons, recalls only planned or conditional, condemnations with demands, a denied expulsion, a
  signing): hundreds of triggers in one sentence.

For each kind: the log-log slope between successive points and from the first point to the last
(1.00 = linear), the time of each tenfold step of the length (goal: "ten times the length costs at most
fifteen times the time"), and the goals of issue #18 (a 2 MB article ≤ 20 s and ≤ 500 MB, a 300 KB
sentence ≤ 5 s). Nothing here is a test: the goals are judged in BENCHMARKS.md.

    python -m bench.length [--quick] [--only article|officials|capitals|acts ...] [--write] [--inputs DIR] [--cap S]

``--write`` rewrites the ``<!-- bench:length -->`` table of BENCHMARKS.md; ``--inputs DIR`` keeps the
generated articles there (``python -m bench.length --inputs DIR --make-only`` only writes them);
``--quick`` stops the article at 500 KB and the sentences at 100 KB; ``--cap S`` stops a point after S
seconds (300 by default) and leaves out the longer ones of its kind.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "KG_TODAY": "2026-11-27", "PYTHONHASHSEED": "0"}
KB = 1000
MAX_BYTES = 1_990_000  # just under kg.read.MAX_ARTICLE_BYTES (2,000,000): the longest article kg build takes
ARTICLE_SIZES = (10 * KB, 20 * KB, 50 * KB, 100 * KB, 200 * KB, 500 * KB, 1000 * KB, MAX_BYTES)
SENTENCE_SIZES = (1 * KB, 3 * KB, 10 * KB, 30 * KB, 100 * KB, 300 * KB)
CAP = 300.0  # seconds: a point that takes longer is stopped and reported as over the cap
SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“(]?[A-Z0-9])")


# ------------------------------------------------------------------------------------------- inputs


def corpus_sentences() -> list[str]:
    """The sentences of the project's own articles (tests/corpus and seeds), in file order."""
    sentences = []
    for path in sorted([*(ROOT / "tests" / "corpus").glob("*.txt"), *(ROOT / "seeds").glob("*.txt")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(s for s in (part.strip() for part in SPLIT.split(line)) if s)
    return sentences


def article(size: int, seed: int = 18) -> str:
    """An article of ``size`` bytes (UTF-8, at most), paragraphs of four sentences from the corpus,
    drawn in a shuffled order, the whole corpus again after each pass."""
    pool = corpus_sentences()
    rng = random.Random(f"article:{seed}")
    paragraphs: list[str] = []
    paragraph: list[str] = []
    used = 0
    order: list[str] = []
    while True:
        if not order:
            order = pool[:]
            rng.shuffle(order)
        sentence = order.pop()
        cost = len(sentence.encode()) + 1
        if used + cost > size:
            break
        paragraph.append(sentence)
        used += cost
        if len(paragraph) == 4:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    return "\n".join(paragraphs) + "\n"


def _titles_and_states() -> tuple[list[str], list[str]]:
    titles = tomllib.loads((ROOT / "kg" / "data" / "titles.toml").read_text(encoding="utf-8"))
    forms = sorted({form for t in titles["title"] for form in t["forms"] if form[:1].isupper()})
    states = tomllib.loads((ROOT / "kg" / "data" / "states.toml").read_text(encoding="utf-8"))
    names = sorted({s["id"] for s in states["state"] if s.get("kind") == "state"})
    return forms, names


def _people() -> list[str]:
    people = set()
    for path in (ROOT / "tests" / "corpus").glob("*.gold.toml"):
        for official in tomllib.loads(path.read_text(encoding="utf-8")).get("official", []):
            people.add(official["name"])
    return sorted(people)


def _fill(head: str, items: list[str], sep: str, size: int, tail: str) -> str:
    out, used = [head], len(head.encode()) + len(tail.encode())
    for i, item in enumerate(items):
        cost = len(item.encode()) + (len(sep.encode()) if i else 0)
        if used + cost > size:
            break
        out.append((sep if i else "") + item)
        used += cost
    return "".join(out) + tail


def officials(size: int, seed: int = 18) -> str:
    """One sentence of ``size`` bytes: "Pertemuan itu dihadiri TITLE STATE NAME, TITLE STATE NAME, ..."."""
    forms, states = _titles_and_states()
    people = _people()
    rng = random.Random(f"officials:{seed}")
    items = [f"{rng.choice(forms)} {rng.choice(states)} {rng.choice(people)}" for _ in range(size // 10 + 10)]
    return _fill("JAKARTA - Pertemuan itu dihadiri ", items, ", ", size, " di Jakarta.\n")


def capitals(size: int, seed: int = 18) -> str:
    """One sentence of ``size`` bytes: capitalized words of titles and state names, some runs in quotes,
    no full stop until the end."""
    forms, states = _titles_and_states()
    words = sorted({w for phrase in [*forms, *states] for w in phrase.split() if w[:1].isupper()})
    rng = random.Random(f"capitals:{seed}")
    items = []
    for _ in range(size // 4 + 10):
        word = rng.choice(words)
        roll = rng.random()
        if roll < 0.05:
            word = f'"{word}'
        elif roll < 0.10:
            word = f'{word}"'
        elif roll < 0.13:
            word = f"“{word}”"
        elif roll < 0.16:
            word = f"{word},"
        items.append(word)
    return _fill("Menurut ", items, " ", size, " kemarin.\n")


_ACTS = (
    "{a} memprotes {b} atas insiden itu",
    "{a} akan memanggil pulang duta besarnya dari {b} jika insiden itu terulang",
    "Kemlu {a} memanggil Duta Besar {b} atas pernyataan itu",
    "{a} mengecam keras {b} dan mendesak agar {b} menarik pasukannya",
    "{a} tidak mengusir diplomat {b}",
    "{a} dan {b} menandatangani perjanjian perdagangan",
)


def acts(size: int, seed: int = 18) -> str:
    """One sentence of ``size`` bytes, a clause of an act of diplomacy after another ("A memprotes B atas
    insiden itu, C akan memanggil pulang duta besarnya dari D jika ..., ..."): hundreds of triggers, each
    read with its subject, its target and its modality, in one sentence."""
    _, states = _titles_and_states()
    rng = random.Random(f"acts:{seed}")
    items = [
        rng.choice(_ACTS).format(a=rng.choice(states), b=rng.choice(states)) for _ in range(size // 20 + 10)
    ]
    return _fill("JAKARTA - Pekan ini ", items, ", ", size, " kata pejabat itu.\n")


KINDS = {"article": (article, ARTICLE_SIZES), "officials": (officials, SENTENCE_SIZES),
         "capitals": (capitals, SENTENCE_SIZES), "acts": (acts, SENTENCE_SIZES)}  # fmt: skip


# -------------------------------------------------------------------------------------------- runs


@dataclass
class Point:
    kind: str
    size: int
    wall: float  # seconds; inf when stopped at the cap
    peak_mb: float
    code: int


def build_point(path: Path, out: Path, cap: float) -> tuple[float, float, int]:
    """``kg build PATH --out OUT --no-html`` in a fresh process: wall time, peak RSS (MB), exit code."""
    cmd = [sys.executable, "-m", "kg", "build", str(path), "--out", str(out), "--no-html"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return float("inf"), 0.0, -9
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    # ru_maxrss of the children: the largest of the children waited for so far, in KB on Linux. Each
    # point runs in a process of its own (``measure``) so that it is this child's.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak, proc.returncode


def measure(path: Path, out: Path, cap: float) -> tuple[float, float, int]:
    """One point, from a fresh helper process, so that RUSAGE_CHILDREN's peak is this build's alone."""
    code = (
        "import sys; from pathlib import Path; from bench.length import build_point; "
        "w, m, c = build_point(Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])); print(w, m, c)"
    )
    r = subprocess.run([sys.executable, "-c", code, str(path), str(out), str(cap)], cwd=ROOT, env=ENV,
                       capture_output=True, text=True, check=True)  # fmt: skip
    wall, peak, rc = r.stdout.split()
    return float(wall), float(peak), int(rc)


def slope(a: Point, b: Point) -> float:
    if not (math.isfinite(a.wall) and math.isfinite(b.wall)):
        return float("nan")
    return math.log(b.wall / a.wall) / math.log(b.size / a.size)


def fmt_size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} KB"


def fmt_s(seconds: float, cap: float = CAP) -> str:
    if seconds == float("inf"):
        return f"> {cap:.0f} s (stopped)"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(points: list[Point], cap: float = CAP) -> str:
    rows = [
        "| input | size | wall | peak memory | slope from the point before | goal | |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        mine = [p for p in points if p.kind == kind]
        for i, p in enumerate(mine):
            s = f"{slope(mine[i - 1], p):.2f}" if i else ""
            goal, ok = "", None
            if kind == "article" and p.size == MAX_BYTES:
                goal, ok = "≤ 20 s, ≤ 500 MB", p.wall <= 20 and p.peak_mb <= 500
            elif kind != "article" and p.size == SENTENCE_SIZES[-1]:
                goal, ok = "≤ 5 s", p.wall <= 5
            verdict = "" if ok is None else "**met**" if ok else "**missed**"
            mem = f"{p.peak_mb:.0f} MB" if p.peak_mb else "—"
            rows.append(
                f"| {kind} | {fmt_size(p.size)} | {fmt_s(p.wall, cap)} | {mem} | {s} | {goal} | {verdict} |"
            )
    lines = ["\n".join(rows), ""]
    for kind in KINDS:
        mine = [p for p in points if p.kind == kind and math.isfinite(p.wall)]
        if len(mine) < 2:
            continue
        whole = slope(mine[0], mine[-1])
        # every tenfold step of the curve: (10 KB, 100 KB), (20 KB, 200 KB), ... the goal is read on each
        decades = [(a, b) for a in mine for b in mine if 9.5 <= b.size / a.size <= 10.5]
        ratios = [(b.wall / a.wall, a, b) for a, b in decades]
        worst = max(ratios, key=lambda r: r[0], default=None)
        steps = ", ".join(f"{fmt_size(a.size)} → {fmt_size(b.size)}: ×{r:.1f}" for r, a, b in ratios)
        verdict = "" if worst is None else "**met**" if worst[0] <= 15 else "**missed**"
        lines.append(
            f"- `{kind}`: log-log slope {whole:.2f} from {fmt_size(mine[0].size)} to {fmt_size(mine[-1].size)} "
            f"(1.00 = linear; the first points are mostly the start of Python and the lexicon). Ten times "
            f"the length, times the time: {steps or 'no tenfold step measured'} (goal ≤ ×15): {verdict}"
        )
    return "\n".join(lines)


def rewrite(markdown: Path, body: str) -> None:
    text = markdown.read_text(encoding="utf-8")
    start, end = "<!-- bench:length -->", "<!-- /bench:length -->"
    if start not in text:
        raise SystemExit(f"{markdown}: no {start} marker")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    markdown.write_text(f"{head}{start}\n{body}\n{end}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="The length-scaling curve of issue #18.")
    parser.add_argument("--quick", action="store_true", help="article up to 500 KB, sentences to 100 KB")
    parser.add_argument("--only", choices=list(KINDS), action="append")
    parser.add_argument("--inputs", type=Path, help="keep the generated articles in this folder")
    parser.add_argument("--make-only", action="store_true", help="write the inputs and stop")
    parser.add_argument("--write", action="store_true", help="rewrite the table of BENCHMARKS.md")
    parser.add_argument(
        "--cap", type=float, default=CAP, help=f"seconds a point may take (default {CAP:.0f})"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-length-"))
    inputs = args.inputs or work / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    points: list[Point] = []
    try:
        for kind in args.only or list(KINDS):
            make, sizes = KINDS[kind]
            if args.quick:
                sizes = tuple(s for s in sizes if s <= (500 * KB if kind == "article" else 100 * KB))
            for size in sizes:
                path = inputs / f"{kind}-{size}.txt"
                path.write_text(make(size), encoding="utf-8")
                if args.make_only:
                    continue
                wall, peak, code = measure(path, work / "out", args.cap)
                if code not in (0, -9):
                    raise SystemExit(f"kg build {path} failed ({code})")
                points.append(Point(kind, size, wall, peak, code))
                print(
                    f"{kind} {fmt_size(size)}: {fmt_s(wall, args.cap)}, {peak:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
                if code == -9:
                    break  # the longer points would be stopped too
        if args.make_only:
            return
        command = "python -m bench.length" + (" --quick" if args.quick else "")
        command += f" --cap {args.cap:.0f}" if args.cap != CAP else ""
        command += "".join(f" --only {k}" for k in args.only or [])
        body = f"Command: `{command}`; run on {time.strftime('%Y-%m-%d')}, {time.perf_counter() - started:.0f} s in all.\n\n"
        body += table(points, args.cap)
        print(body)
        if args.write:
            rewrite(ROOT / "BENCHMARKS.md", body)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
