"""Benchmark: the prefecture and comparison pages of ``shisaku publish`` alone, in N processes.

Rerun:  SHISAKU_HOME=<a home holding published data> .venv/bin/python \
            benchmarks/publish_comparisons.py OUT_DIR JOBS

Renders, as a publishing run does after the municipalities' pages, every prefecture and
comparison page with its twins and the sitemaps (ja and en) into a new ``OUT_DIR``, in
``JOBS`` processes (1: the run's own process, as before 1f6e230), and prints the pages, the
files, the wall seconds, the CPU seconds of this process and its workers, and the peak
resident memory of this process (``ru_maxrss``; with JOBS 1 the pages are made in it).
Two runs into two folders, then ``diff -r``, show the output is the same.  The data is
whatever the home holds: for the national set, the SQLite file ``benchmarks/national.py``
leaves in its ``/tmp/shisaku-bench-*`` folder.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    """Render the comparison pages into the folder given, in the processes given."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
    import django

    django.setup()
    from shisaku.evaluation.reads import Reads
    from shisaku.public.comparisons.views import comparison_pages
    from shisaku.publishing.render import Renderer
    from shisaku.publishing.run import SiteRun
    from shisaku.publishing.site import _comparison_pages, prepare
    from shisaku.publishing.workers import render_pages

    out_dir, jobs, languages = Path(sys.argv[1]), int(sys.argv[2]), ["ja", "en"]
    renderer = Renderer("http://localhost", Reads())
    with renderer.active():
        out = prepare(out_dir)
        run = SiteRun(renderer, out, languages, "http://localhost", None)
        pages = _comparison_pages(comparison_pages, None, languages, renderer)
        wall, cpu = time.perf_counter(), time.process_time()
        render_pages(run, pages, jobs, None, reading=True, size=1)
        wall = time.perf_counter() - wall
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time() - cpu + workers.ru_utime + workers.ru_stime
        out.finish()
        out.close()
    print(
        f"jobs {jobs}: {len(pages)} pages, {out.counts.written} files,"
        f" {wall:.1f} s wall, {cpu:.1f} CPU s,"
        f" peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
