"""Importing a plan document from the workspace: upload, preview, correct the reading, import.

Also the page count a long PDF reports while it is read (the workspace polls it; the command
line draws it as a bar).
"""

from __future__ import annotations

import io

from shisaku.cli.plan_commands import _PageBar
from shisaku.documents import read_document
from shisaku.documents.pdf import read_pdf
from shisaku.exchange.planfiles import read_plan_bytes, read_plan_file
from tests.conftest import FIXTURES

PLANS = FIXTURES / "plans"
TWO_COLUMN = PLANS / "pdf-two-column.pdf"


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


# --- the pages read, told as they are read -----------------------------------------------------


def test_a_pdf_tells_its_pages_as_they_are_read_and_reads_the_same():
    told: list[tuple[int, int]] = []
    assert read_pdf(TWO_COLUMN, progress=lambda done, total: told.append((done, total))) == (
        read_pdf(TWO_COLUMN)
    )
    assert told == [(0, 2), (1, 2), (2, 2)]


def test_worker_processes_tell_the_pages_of_each_share(monkeypatch):
    monkeypatch.setattr("shisaku.documents.pdf.PARALLEL_PAGES", 2)
    told: list[tuple[int, int]] = []
    found = read_pdf(TWO_COLUMN, workers=2, progress=lambda d, t: told.append((d, t)))
    assert found == read_pdf(TWO_COLUMN)
    assert told[0] == (0, 2) and told[-1] == (2, 2)


def test_a_word_file_and_a_text_file_tell_nothing_and_read_the_same():
    told: list[tuple[int, int]] = []
    docx = PLANS / "word-headings.docx"
    assert read_document(docx, lambda d, t: told.append((d, t))) == read_document(docx)
    text = PLANS / "kihon-kazamino-seisaku.txt"
    loaded = read_plan_file(text, progress=lambda d, t: told.append((d, t)))
    assert loaded.nodes == read_plan_file(text).nodes
    assert told == []


def test_an_uploaded_pdf_tells_its_pages_through_read_plan_bytes():
    told: list[tuple[int, int]] = []
    loaded = read_plan_bytes(
        TWO_COLUMN.name, TWO_COLUMN.read_bytes(), progress=lambda *p: told.append(p)
    )
    assert loaded.nodes == read_plan_file(TWO_COLUMN).nodes
    assert told == [(0, 2), (1, 2), (2, 2)]


def test_the_command_line_draws_the_pages_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr", terminal := _Terminal())
    bar = _PageBar()
    for done in range(4):
        bar(done, 3)
    drawn = terminal.getvalue()
    assert drawn.count("\r") == 3 and drawn.endswith("] 3/3\n")
    assert "PDF を読み取り中（ページ）" in drawn


def test_the_command_line_draws_nothing_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "1")
    monkeypatch.setattr("sys.stderr", terminal := _Terminal())
    bar = _PageBar()
    for done in range(3):
        bar(done, 2)
    assert terminal.getvalue() == ""
