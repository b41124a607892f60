"""After an interrupted publish the next run leaves the folder as a fresh publish would: it
trusts what is on disk only when it is byte for byte the content, and repairs what a killed run
noted in its journal (docs/publishing.md, "A run that is interrupted").

Data: the fictional 試験市 plan (999997) with invented indicators (tests/test_publish.py).
"""

from __future__ import annotations

import json

import pytest

from shisaku.publishing.journal import JOURNAL
from shisaku.publishing.manifest import MANIFEST
from shisaku.publishing.output import Output
from shisaku.publishing.site import PublishError
from tests.test_publish import PLAN, run, testville  # noqa: F401 (fixture)
from tests.test_publish_killed import tree

PAGE = f"ja/{PLAN}indicators/A1/index.html"


def test_a_file_of_the_right_size_but_other_content_is_written_again(
    testville,  # noqa: F811
    tmp_path,
):
    run(tmp_path)
    page = tmp_path / PAGE
    right = page.read_bytes()
    page.write_bytes(right.replace(b"110", b"220"))  # what a killed run's worker left
    report = run(tmp_path)
    assert report.written == 1 and page.read_bytes() == right


def test_the_manifest_records_a_content_digest_for_every_file(testville, tmp_path):  # noqa: F811
    run(tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["schema"] == "shisaku.publish-manifest/2"
    entries = manifest["files"].values()
    assert entries and all(isinstance(e, str) and len(e) == 64 for e in entries)


def test_the_files_a_killed_run_noted_are_written_again_or_deleted(
    testville,  # noqa: F811
    tmp_path,
):
    out = tmp_path / "site"
    run(out)
    page, gone = out / PAGE, out / "ja" / PLAN / "indicators" / "GONE"
    page.write_bytes(page.read_bytes().replace(b"110", b"220"))
    gone.mkdir()
    (gone / "index.html").write_text("a page the killed run wrote", encoding="utf-8")
    (gone / ".index.json.shisaku-tmp").write_text("half a twin", encoding="utf-8")
    (out / f".{MANIFEST}.shisaku-tmp").write_text("half a manifest", encoding="utf-8")
    noted = [PAGE, f"ja/{PLAN}indicators/GONE/index.html", f"ja/{PLAN}indicators/GONE/index.json"]
    (out / JOURNAL).write_text("".join(f"{path}\n" for path in noted), encoding="utf-8")
    report = run(out)
    assert (report.written, report.deleted) == (1, 1)
    run(tmp_path / "fresh")
    assert tree(out) == tree(tmp_path / "fresh")


def test_a_run_into_a_folder_another_run_is_writing_into_stops_at_once(
    testville,  # noqa: F811
    tmp_path,
):
    other = Output(tmp_path)
    try:
        with pytest.raises(PublishError, match="別の publish がこのフォルダに書き出しています"):
            run(tmp_path)
    finally:
        other.close()
    assert not (tmp_path / "ja").exists()
    run(tmp_path)
    assert not (tmp_path / JOURNAL).exists()
