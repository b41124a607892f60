"""How well plan documents in other cities' layouts are read: node precision, recall, parents, rows.

Every document of the corpus in ``tests/fixtures/plans/`` (text, PDF, Word) is read through the
same path as ``shisaku import-plan`` (``read_plan_file``) and compared with its hand-written
expected tree (``*.expected.yaml``, format in that folder's README):

- **node precision / recall**: nodes whose title matches (NFKC, white space and ※ marks ignored;
  a title that holds the other and is at least 60 % of its length counts too) over the nodes
  read / the nodes expected; nodes without a title are transparent;
- **parent accuracy**: of the matched nodes, the share whose parent matches the expected parent;
- **indicator rows**: expected rows found on the matched node with the same name, and of those
  with every value and period exact;
- **invented values**: figures read whose text is not in the document (must be 0).

The ``heldout-*`` documents are a held-out batch: layouts written to measure honestly how the
reader does on plans it was never tuned on, and never used to tune it (their misses are reported,
not fixed against them). The ``overall`` line counts every document; a second line, ``overall
(held-out)``, counts the held-out documents alone.

Run: ``.venv/bin/python benchmarks/plan_accuracy.py`` (``--pdf-pages 50,100,200`` adds the time
and peak memory of reading generated PDFs of those sizes through the whole reader, each in a
fresh process; ``--only NAME`` one document; ``--verbose`` lists what was missed).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.plantree import Node
from shisaku.exchange.planfiles import PlanFileError, read_plan_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "plans"
sys.path.insert(0, str(ROOT))  # benchmarks.pdf_pages, when this file is run as a script
_MARKS = re.compile(r"[※＊*][0-9０-９]*")
HELD_OUT = "heldout-"  # the name prefix of the held-out documents (never tuned on)


def key(title: str) -> str:
    """Return the matching form of a title: NFKC, no white space, no note marks."""
    text = unicodedata.normalize("NFKC", title)
    return "".join(_MARKS.sub("", text).split())


@dataclass
class Flat:
    """A node flattened: its title key, its parent's key and its indicator rows."""

    key: str
    parent: str
    indicators: list[Any]


def flatten_expected(nodes: list[dict[str, Any]], parent: str = "") -> list[Flat]:
    """Flatten the expected tree (untitled nodes pass their children to their parent)."""
    out: list[Flat] = []
    for node in nodes:
        title = key(str(node.get("title") or ""))
        if title:
            out.append(Flat(title, parent, node.get("indicators") or []))
        out.extend(flatten_expected(node.get("children") or [], title or parent))
    return out


def flatten_read(nodes: list[Node], parent: str = "") -> list[Flat]:
    """Flatten the tree read (nodes of unknown title pass their children to their parent)."""
    out: list[Flat] = []
    for node in nodes:
        title = key(node.title) if node.title_known else ""
        if title:
            out.append(Flat(title, parent, node.indicators))
        out.extend(flatten_read(node.children, title or parent))
    return out


def _similar(a: str, b: str) -> bool:
    """Tell whether two title keys name the same node (equal, or one holds most of the other)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and short in long and len(short) >= 0.6 * len(long)


def match(expected: list[Flat], read: list[Flat]) -> dict[int, int]:
    """Return expected index → read index, exact titles first, in document order."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for i, e in enumerate(expected):
            if i in pairs:
                continue
            for j, r in enumerate(read):
                same = e.key == r.key if exact else _similar(e.key, r.key)
                if j not in used and same:
                    pairs[i] = j
                    used.add(j)
                    break
    return pairs


@dataclass
class Score:
    """The counts of one document (or of the whole corpus, summed)."""

    expected: int = 0
    read: int = 0
    matched: int = 0
    parents: int = 0
    rows: int = 0
    rows_named: int = 0
    rows_exact: int = 0
    invented: int = 0
    seconds: float = 0.0
    missed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another document's counts."""
        for name in ("expected", "read", "matched", "parents", "rows", "rows_named"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rows_exact += other.rows_exact
        self.invented += other.invented
        self.seconds += other.seconds

    def ratios(self) -> tuple[float, float, float, float, float]:
        """Return precision, recall, parent accuracy, row recall (named) and row recall (exact)."""
        return (
            self.matched / self.read if self.read else 1.0,
            self.matched / self.expected if self.expected else 1.0,
            self.parents / self.matched if self.matched else 1.0,
            self.rows_named / self.rows if self.rows else 1.0,
            self.rows_exact / self.rows if self.rows else 1.0,
        )


def _figure_ok(expected: dict[str, Any] | None, read: DocFigure | None) -> bool:
    """Tell whether a figure read has the expected value and period."""
    if expected is None:
        return read is None or read.reading is None or not read.reading.is_known()
    if read is None or read.reading is None:
        return False
    period = read.period.key() if read.period is not None else None
    return _same_value(str(expected.get("value")), read.value_text()) and period == expected.get(
        "period"
    )


def _same_value(expected: str, read: str) -> bool:
    """Tell whether two values are the same number (1.40 = 1.4) or the same text."""
    try:
        return float(expected) == float(read)
    except ValueError:
        return key(expected) == key(read)


def _rows(expected: Flat, read: Flat | None, score: Score) -> None:
    """Count the expected rows of a node found on the matched node read."""
    found: list[DocIndicator] = list(read.indicators) if read else []
    for row in expected.indicators:
        score.rows += 1
        name = key(str(row.get("name", "")))
        hit = next((i for i in found if _similar(name, key(i.name))), None)
        if hit is None:
            score.missed.append(f"row {row.get('name')}")
            continue
        score.rows_named += 1
        if _figure_ok(row.get("baseline"), hit.baseline) and _figure_ok(
            row.get("target"), hit.target
        ):
            score.rows_exact += 1
        else:
            score.missed.append(f"values of {row.get('name')}: {_show(hit)}")


def _show(indicator: DocIndicator) -> str:
    """Return a row read, for the verbose list."""

    def one(f: DocFigure | None) -> str:
        if f is None:
            return "—"
        period = f.period.key() if f.period else None
        return f"{f.value_text() if f.reading else '?' + f.raw} {period}"

    return f"{one(indicator.baseline)} → {one(indicator.target)}"


def _invented(read: list[Flat], text: str) -> int:
    """Count figures read whose text is not in the document (a value and the period printed
    under it are looked for apart)."""
    body = key(text)
    figures = [f for r in read for i in r.indicators for f in (i.baseline, *i.targets) if f]
    pieces = [[p for p in re.split(r"[()（）]", key(f.raw)) if p] for f in figures]
    return sum(any(p not in body for p in parts) for parts in pieces)


def _command_period(spec: dict[str, Any]) -> tuple[int, int] | None:
    """Return the --period the expected file's command gives (2021-2025), or None."""
    text = str((spec.get("command") or {}).get("period") or "")
    start, _, end = text.partition("-")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


def score_document(expected_path: Path) -> Score:
    """Read one corpus document and score it against its expected file."""
    spec = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
    document = expected_path.parent / spec["document"]
    started = time.perf_counter()
    try:
        nodes = read_plan_file(document, period=_command_period(spec)).nodes
        failure = ""
    except PlanFileError as error:  # a refused document reads nothing
        nodes, failure = [], str(error).split("\n")[0]
    score = Score(seconds=time.perf_counter() - started)
    if failure:
        score.missed.append(f"refused: {failure}")
    expected, read = flatten_expected(spec["tree"]), flatten_read(nodes)
    pairs = match(expected, read)
    score.expected, score.read, score.matched = len(expected), len(read), len(pairs)
    index = {i: read[j].key for i, j in pairs.items()}
    for i, e in enumerate(expected):
        j = pairs.get(i)
        if j is None:
            score.missed.append(f"node {e.key}")
        parent_ok = e.parent == "" and read[j].parent == "" if j is not None else False
        parent_ok = parent_ok or (j is not None and _parent_matches(e, read[j], expected, index))
        score.parents += parent_ok
        _rows(e, read[j] if j is not None else None, score)
    source = "\n".join(line.text for line in _document_lines(document))
    score.invented = _invented(read, source)
    return score


def _parent_matches(e: Flat, r: Flat, expected: list[Flat], index: dict[int, str]) -> bool:
    """Tell whether a matched node's parent read is the match of its expected parent."""
    parents = [i for i, x in enumerate(expected) if x.key == e.parent]
    return any(index.get(i) == r.parent for i in parents) or (not e.parent and not r.parent)


def _document_lines(path: Path) -> list[Any]:
    """Return the source lines of a document (for the invented-value check)."""
    from shisaku.exchange.planfiles import source_document

    return list(source_document(path, path.read_bytes()).lines)


_CHILD = (
    "import json, resource, sys, time; from pathlib import Path\n"
    "from shisaku.exchange.planfiles import read_plan_file\n"
    "t = time.perf_counter(); loaded = read_plan_file(Path(sys.argv[1]))\n"
    "t = time.perf_counter() - t\n"
    "from shisaku.domain.plantree import walk\n"
    "nodes = list(walk(loaded.nodes)); rows = sum(len(n.indicators) for n in nodes)\n"
    "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "print(json.dumps({'seconds': t, 'nodes': len(nodes), 'rows': rows, 'rss': rss}))\n"
)


def read_big_pdf(pages: int) -> None:
    """Read a generated plan PDF of about ``pages`` pages the way import-plan does (the PDF
    reader and the plan reader), in a fresh process; print its time and peak memory."""
    from benchmarks.pdf_pages import make_pdf

    path = make_pdf(pages)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    f = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"{pages}-page PDF: {f['seconds']:.1f} s ({1000 * f['seconds'] / pages:.0f} ms a page), "
        f"peak {f['rss']:.0f} MiB, {f['nodes']} nodes, {f['rows']} indicator rows"
    )


def _pct(x: float) -> str:
    """Return a ratio as a percentage."""
    return f"{100 * x:5.1f}%"


def _print_total(label: str, total: Score) -> None:
    """Print a total line of the table."""
    p, r, a, n, x = total.ratios()
    print(
        f"{label:34} {total.expected:5} {_pct(p)} {_pct(r)} {_pct(a)} {total.rows:4} "
        f"{_pct(n)} {_pct(x)} {total.invented:8} {total.seconds:5.2f}"
    )


def main() -> None:
    """Score the corpus and print a table per document and overall."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="score one document (its name, without extension)")
    parser.add_argument("--verbose", action="store_true", help="list what was missed")
    parser.add_argument(
        "--pdf-pages", default="", help="also read generated PDFs of these page counts (50,100,200)"
    )
    args = parser.parse_args()
    total, held_out = Score(), Score()
    print(f"{'document':34} nodes  prec  recall parents rows named exact invented  secs")
    for path in sorted(CORPUS.glob("*.expected.yaml")):
        name = path.name.removesuffix(".expected.yaml")
        if args.only and args.only != name:
            continue
        score = score_document(path)
        total.add(score)
        if name.startswith(HELD_OUT):
            held_out.add(score)
        p, r, a, n, x = score.ratios()
        print(
            f"{name:34} {score.expected:5} {_pct(p)} {_pct(r)} {_pct(a)} {score.rows:4} "
            f"{_pct(n)} {_pct(x)} {score.invented:8} {score.seconds:5.2f}"
        )
        if args.verbose:
            print("\n".join(f"    - {m}" for m in score.missed))
    _print_total("overall", total)
    if held_out.expected:
        _print_total("overall (held-out)", held_out)
    for pages in sorted({int(n) for n in args.pdf_pages.split(",") if n}):
        read_big_pdf(pages)


if __name__ == "__main__":
    main()
