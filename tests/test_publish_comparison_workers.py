"""shisaku publish --jobs N: the prefecture and comparison pages are rendered by the workers,
each reading the database through a connection of its own (none of the run's: see
tests/test_publish_worker_connections.py), one page (in every language) a batch; inside a
transaction, whose writes other connections cannot see, by the run itself.

Data: the fictional 試験市 plan (999997, tests/conftest.py) with invented indicators, its
indicator A1 carrying the common code ``births``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test.signals import template_rendered

from shisaku.indicators.models import Indicator
from tests.test_publish import files, run, testville  # noqa: F401 (a fixture)

COMPARE_TEMPLATES = {"public/prefectures.html", "public/prefecture.html", "public/compare.html"}


def rendered_by(out: Path, **options) -> set[int]:
    """Publish into ``out``; return the processes that rendered a prefecture or comparison page
    (Django's test signal, sent in every process: each appends its pid to a file)."""
    record = out.parent / f"{out.name}.pids"

    def note(sender, template, **kwargs) -> None:
        if template.name in COMPARE_TEMPLATES:
            with record.open("a") as f:
                f.write(f"{os.getpid()}\n")

    template_rendered.connect(note, dispatch_uid="compare-pids")
    try:
        run(out, **options)
    finally:
        template_rendered.disconnect(dispatch_uid="compare-pids")
    return {int(line) for line in record.read_text().split()}


@pytest.mark.django_db(transaction=True)
def test_the_workers_render_the_comparison_pages_as_one_process(testville, tmp_path):  # noqa: F811
    Indicator.objects.filter(code="A1").update(common_code="births")
    one = rendered_by(tmp_path / "one")
    two = rendered_by(tmp_path / "two", jobs=2)
    assert one == {os.getpid()}
    assert two and os.getpid() not in two
    assert files(tmp_path / "two") == files(tmp_path / "one")
    assert (tmp_path / "two" / "en" / "compare" / "births" / "index.xlsx").is_file()


def test_in_a_transaction_the_run_renders_the_comparisons_itself(testville, tmp_path):  # noqa: F811
    Indicator.objects.filter(code="A1").update(common_code="births")
    assert rendered_by(tmp_path / "two", jobs=2) == {os.getpid()}
    assert (tmp_path / "two" / "ja" / "prefectures" / "index.html").is_file()
