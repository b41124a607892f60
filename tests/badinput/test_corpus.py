"""The corpus itself: as big as promised, small on disk, and exactly what make_corpus.py writes."""

from __future__ import annotations

from tests.badinput.cases import CASES, FILES, counts
from tests.badinput.make_corpus import write_corpus
from tests.badinput.model import CORPUS


def test_there_are_at_least_150_cases_over_every_channel():
    assert len(CASES) >= 150
    assert set(counts()) == {"import-plan", "import-indicators", "staff-upload", "api"}
    assert min(counts().values()) >= 30


def test_every_case_has_a_unique_name_and_says_what_to_expect():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert all(c.expect or c.outcome == "nothing" for c in CASES)
    assert all(c.status >= 400 for c in CASES if c.channel == "api")


def test_every_committed_file_is_used_and_every_case_has_its_file():
    committed = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file()}
    assert committed == {f.path for f in FILES}
    assert {c.file for c in CASES if c.make is None} <= committed
    assert not {c.file for c in CASES if c.make is not None} & committed


def test_the_committed_corpus_is_what_make_corpus_writes(tmp_path):
    written = write_corpus(tmp_path)
    for path in written:
        relative = path.relative_to(tmp_path)
        assert (CORPUS / relative).read_bytes() == path.read_bytes(), relative


def test_the_corpus_stays_under_2_mb():
    assert sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()) < 2 * 1024 * 1024
