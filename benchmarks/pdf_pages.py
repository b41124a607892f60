"""Benchmark: read an N-page plan PDF with read_pdf; print seconds, pages/s and peak memory.

Rerun:  .venv/bin/python benchmarks/pdf_pages.py [--pages 200] [--also 50,100] [--workers 2]

The PDF is made with WeasyPrint from HTML of plan-like text about a fictional town (two text
columns, running heads and page numbers in the margins, a ruled indicator table under every
measure, about one every page) and kept in the temporary directory for the next run.  Each
size is read in a fresh child process, which reports its own time and peak resident memory
(``resource.getrusage``: the process itself and, if read_pdf used worker processes, the
largest of them), so that making the PDF does not count.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = (
    "町の人口は{a}年前と比べて{b}%ほど減り、地区によっては高齢化率が4割を超えています。",
    "住民アンケートでは、{c}%の人がこの分野の取組に満足していると答えました。",
    "事業者や地域の団体と役割を分け合い、限られた予算で成果の上がる進め方を探ります。",
    "国や県の制度を生かしながら、町の実情に合った支援の仕組みを{a}年度までに整えます。",
    "担い手の不足が続いており、若い世代が関わりやすい活動の形を考える必要があります。",
    "利用者の声を毎年たずね、結果を公表して次の年度の事業の見直しにつなげます。",
)
CSS = """
@page { size: A4; margin: 22mm 17mm 20mm 17mm;
  @top-left { content: "ベンチ町総合計画"; font-size: 7.5pt; }
  @top-right { content: string(chapter); font-size: 7.5pt; }
  @bottom-center { content: "- " counter(page) " -"; font-size: 8.5pt; } }
body { font-family: "Noto Serif CJK JP"; font-size: 9.5pt; line-height: 1.65; }
h1 { string-set: chapter content(); font-size: 16pt; column-span: all; }
h2, h3 { font-family: "Noto Sans CJK JP"; font-weight: bold; }
.cols { columns: 2; column-gap: 9mm; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 0.6pt solid #333; padding: 1pt 3pt; }
"""


def _measure(n: int) -> str:
    """Return the HTML of one plan-like measure (about a page of two-column text)."""
    text = "".join(
        SENTENCES[(n + i) % len(SENTENCES)].format(a=5 + n % 9, b=3 + n % 17, c=40 + n % 50)
        for i in range(9)
    )
    rows = "".join(
        f"<tr><td>指標{n}-{i}の値</td><td>件</td><td>{100 + n + i}</td><td>{150 + n + i}</td></tr>"
        for i in range(1, 4)
    )
    return (
        f"<h2>{n}　施策その{n}の推進</h2><h3>(1) 現状と課題</h3><p>{text}</p>"
        f"<p>・{SENTENCES[n % 6].format(a=3, b=4, c=5)}</p><h3>(2) 施策の方向</h3><p>{text}</p>"
        "<table><tr><th>指標名</th><th>単位</th><th>現状値</th><th>目標値</th></tr>"
        f"{rows}</table>"
    )


def plan_html(measures: int) -> str:
    """Return the HTML of a plan of ``pages`` measures, a chapter every ten measures."""
    chapters = []
    for c in range(0, measures, 10):
        body = "".join(_measure(n) for n in range(c + 1, min(c + 10, measures) + 1))
        title = f"第{c // 10 + 1}章　分野{c // 10 + 1}のまちづくり"
        chapters.append(f'<h1>{title}</h1><div class="cols">{body}</div>')
    return (
        f"<html lang='ja'><head><style>{CSS}</style></head><body>{''.join(chapters)}</body></html>"
    )


def write_pdf(pages: int, path: Path) -> None:
    """Write the benchmark PDF of about ``pages`` pages (two measures a page) to ``path``."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    HTML(string=plan_html(2 * pages)).write_pdf(path)


def make_pdf(pages: int) -> Path:
    """Return the path of the benchmark PDF of about ``pages`` pages, making it if missing.

    WeasyPrint runs in a child process: a process's peak memory passes on to the processes
    it starts, and the reader's figure must not include WeasyPrint's.
    """
    path = Path(tempfile.gettempdir()) / f"shisaku-bench-plan-{pages}p.pdf"
    if not path.exists():
        t0 = time.perf_counter()
        script = (
            f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from pathlib import Path\nfrom benchmarks.pdf_pages import write_pdf\n"
            f"write_pdf({pages}, Path({str(path)!r}))\n"
        )
        subprocess.run([sys.executable, "-c", script], check=True)
        print(f"made {path} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return path


def read_in_child(path: Path, workers: int | None) -> dict[str, float]:
    """Read ``path`` with read_pdf in a new process; return its figures."""
    code = (
        "import json, resource, sys, time; from pathlib import Path\n"
        "from shisaku.documents.pdf import read_pdf\n"
        "kw = {} if sys.argv[2] == 'default' else {'workers': int(sys.argv[2])}\n"
        "t = time.perf_counter(); doc = read_pdf(Path(sys.argv[1]), **kw)\n"
        "t = time.perf_counter() - t\n"
        "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': t, 'pages': doc.pages, 'lines': len(doc.lines),"
        " 'notices': len(doc.notices), 'rss': me, 'workers_rss': kids}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(workers or "default")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


HEADER = (
    "| asked | pages | lines | s | pages/s | ms/page | peak MiB reader | peak MiB worker |\n"
    "|---|---|---|---|---|---|---|---|"
)


def measure(pages: int, workers: int | None = None, *, header: bool = True) -> dict[str, float]:
    """Make (or reuse) a PDF of about ``pages`` pages, read it in a child, print a table row."""
    f = read_in_child(make_pdf(pages), workers)
    if header:
        print(HEADER)
    print(
        f"| {pages} | {f['pages']:.0f} | {f['lines']:.0f} | {f['seconds']:.2f} "
        f"| {f['pages'] / f['seconds']:.1f} | {1000 * f['seconds'] / f['pages']:.0f} "
        f"| {f['rss']:.0f} | {f['workers_rss']:.0f} |"
    )
    return f


def main() -> None:
    """Make and read the PDFs; print one row per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the largest PDF")
    parser.add_argument("--also", default="50,100", help="smaller sizes, comma-separated")
    parser.add_argument("--workers", type=int, help="reading processes (default: read_pdf's)")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.also.split(",") if s} | {args.pages})
    for n, size in enumerate(sizes):
        measure(size, args.workers, header=n == 0)
    print(f"\nworkers: {args.workers or 'read_pdf default (1: this process)'}")
    print("Rerun: .venv/bin/python benchmarks/pdf_pages.py --pages 200 --also 50,100 [--workers 2]")


if __name__ == "__main__":
    main()
