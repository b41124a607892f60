"""shisaku publish stays inside its output folder: whatever the manifest says, whatever links
the folder holds (docs/publishing.md, "What publish does to its folder").

Data: the fictional 試験市 plan (999997) with invented indicators (tests/test_publish.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from shisaku.cli import main
from shisaku.indicators.models import Indicator
from shisaku.publishing.manifest import MANIFEST
from tests.test_publish import PLAN, files, run, testville  # noqa: F401 (fixture)

A2 = f"ja/{PLAN}indicators/A2"


def add_to_manifest(out: Path, *entries: str) -> None:
    """Add entries to the manifest as a hand (or a script) would, each like a real one."""
    manifest = out / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    like = next(iter(data["files"].values()))
    data["files"].update(dict.fromkeys(entries, like))
    manifest.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def victim(tmp_path) -> Path:
    """A file beside the output folder that no run may touch."""
    path = tmp_path / "victim.txt"
    path.write_text("keep me", encoding="utf-8")
    return path


def test_manifest_entries_outside_the_folder_delete_nothing_and_are_reported(
    testville,  # noqa: F811
    tmp_path,
    victim,
):
    out = tmp_path / "site"
    run(out)
    add_to_manifest(out, str(victim), "../victim.txt", "ja/../../victim.txt")
    report = run(out)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert report.deleted == 0
    assert len(report.warnings) == 1 and MANIFEST in report.warnings[0]
    assert "victim" not in (out / MANIFEST).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"schema": "other/1", "files": {}}',
        b'{"schema": "shisaku.publish-manifest/2", "files": {"ja/index.html": "zz"}}',
    ],
)
def test_a_manifest_that_does_not_verify_is_treated_as_absent_with_a_warning(
    testville,  # noqa: F811
    tmp_path,
    content,
):
    run(tmp_path)
    (tmp_path / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    (tmp_path / MANIFEST).write_bytes(content)
    report = run(tmp_path)
    assert len(report.warnings) == 1 and MANIFEST in report.warnings[0]
    assert (tmp_path / "robots.txt").exists()
    assert (report.written, report.deleted) == (0, 0)  # the files on disk are already right
    assert run(tmp_path).warnings == []  # the run wrote a manifest that verifies


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_linked_folder_inside_the_output_is_never_written_through(
    testville,  # noqa: F811
    tmp_path,
    jobs,
):
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    run(out)
    elsewhere.mkdir()
    shutil.rmtree(out / "ja" / "999997")
    (out / "ja" / "999997").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OSError, match="シンボリックリンク") as raised:
        run(out, jobs=jobs)
    assert raised.value.filename == str(out / "ja" / "999997")
    assert list(elsewhere.iterdir()) == []


def test_the_command_names_the_link_in_the_way_and_exits_2(
    testville,  # noqa: F811
    tmp_path,
    capsys,
):
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "ja").symlink_to(elsewhere, target_is_directory=True)
    assert main(["publish", str(out), "--language", "ja", "--jobs", "1"]) == 2
    assert f"{out / 'ja'}: 書き込めません（シンボリックリンク" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []


def test_deleting_never_goes_through_a_linked_folder(testville, tmp_path):  # noqa: F811
    out, kept = tmp_path / "site", tmp_path / "kept"
    run(out)
    shutil.move(out / A2, kept)
    (out / A2).symlink_to(kept, target_is_directory=True)
    Indicator.objects.filter(code="A2").delete()
    run(out)
    assert sorted(p.name for p in kept.iterdir()) == sorted(
        ["index.html", "index.json", "index.csv", "index.xlsx", "badge.svg", "share", "widget"]
    )


def test_a_listed_file_changed_since_the_run_wrote_it_is_left_with_a_warning(
    testville,  # noqa: F811
    tmp_path,
):
    run(tmp_path)
    page = tmp_path / A2 / "index.html"
    page.write_text("the city's own words", encoding="utf-8")
    Indicator.objects.filter(code="A2").delete()
    report = run(tmp_path)
    assert page.read_text(encoding="utf-8") == "the city's own words"
    assert report.deleted == 13 and report.warnings == [
        f"{A2}/index.html: 前回の書き出しの後に変更されているため消していません"
    ]


def test_a_linked_file_is_replaced_by_the_page_never_read_or_written_through(
    testville,  # noqa: F811
    tmp_path,
):
    out, outside = tmp_path / "site", tmp_path / "outside.html"
    run(out)
    page = out / "ja" / "index.html"
    outside.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(outside)
    report = run(out)
    assert report.written == 1
    assert not page.is_symlink() and page.read_bytes() == outside.read_bytes()
    run(tmp_path / "fresh")
    assert files(out) == files(tmp_path / "fresh")


def open_descriptors() -> int:
    """Return how many file descriptors this process holds (Linux)."""
    return len(list(Path("/proc/self/fd").iterdir()))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors in /proc")
def test_the_folder_keeps_only_the_folders_used_last_open_and_closes_them(tmp_path):
    from shisaku.publishing.folder import FOLDERS_KEPT, Folder

    before = open_descriptors()
    folder = Folder(tmp_path)
    names = [f"{language}/{n}/x/index.html" for n in range(FOLDERS_KEPT + 10) for language in "ab"]
    for name in names + names[:6]:  # in both languages in turn, then again
        folder.write(name, name.encode())
    assert open_descriptors() <= before + 1 + FOLDERS_KEPT
    assert all(folder.read(name) == name.encode() for name in names)
    assert all((tmp_path / name).read_bytes() == name.encode() for name in names)
    folder.close()
    assert open_descriptors() == before


def test_the_folder_holds_a_content_only_as_a_regular_file_of_exactly_it(tmp_path):
    from shisaku.publishing.folder import Folder

    (tmp_path / "a").mkdir()
    (tmp_path / "a/page.html").write_bytes(b"<p>same</p>")
    (tmp_path / "a/other.html").write_bytes(b"<p>diff</p>")
    (tmp_path / "a/link.html").symlink_to(tmp_path / "a/page.html")
    (tmp_path / "a/folder.html").mkdir()
    folder = Folder(tmp_path)
    try:
        assert folder.holds("a/page.html", b"<p>same</p>")
        assert not folder.holds("a/page.html", b"<p>same</p>\n")  # another size
        assert not folder.holds("a/other.html", b"<p>same</p>")  # the same size
        assert not folder.holds("a/link.html", b"<p>same</p>")  # a link is never read
        assert not folder.holds("a/folder.html", b"")
        assert not folder.holds("a/missing.html", b"")
        assert not folder.holds("missing/page.html", b"")
        assert folder.read("a/link.html") is None and folder.read("a/folder.html") is None
    finally:
        folder.close()


def test_a_temporary_left_behind_or_a_link_in_its_place_is_replaced_not_written_through(
    tmp_path, victim
):
    from shisaku.publishing.folder import Folder, temporary_name

    out = tmp_path / "site"
    (out / "a").mkdir(parents=True)
    (out / "a" / temporary_name("left.html")).write_bytes(b"half a run")
    (out / "a" / temporary_name("linked.html")).symlink_to(victim)
    folder = Folder(out)
    try:
        folder.write("a/left.html", b"whole")
        folder.write("a/linked.html", b"whole")
    finally:
        folder.close()
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in (out / "a").iterdir()) == ["left.html", "linked.html"]
    assert (out / "a/left.html").read_bytes() == (out / "a/linked.html").read_bytes() == b"whole"


def test_folder_put_writes_only_what_it_does_not_hold_and_notes_it_first(tmp_path):
    from shisaku.publishing.folder import Folder

    (tmp_path / "a").mkdir()
    (tmp_path / "a/page.html").write_bytes(b"<p>same</p>")
    noted: list[tuple[str, bool]] = []

    def noting(relative: str) -> None:  # what the journal sees: the file not yet touched
        noted.append((relative, (tmp_path / relative).exists()))

    folder = Folder(tmp_path)
    try:
        assert not folder.put("a/page.html", b"<p>same</p>", trusted=True, noting=noting)
        assert noted == []
        assert folder.put("a/page.html", b"<p>same</p>", trusted=False, noting=noting)
        assert folder.put("a/page.html", b"<p>new</p>", trusted=True, noting=noting)
        assert folder.put("b/c/new.html", b"new", trusted=True, noting=noting)  # folders made
        assert not folder.put("b/c/new.html", b"new", trusted=True, noting=noting)
    finally:
        folder.close()
    assert noted == [("a/page.html", True), ("a/page.html", True), ("b/c/new.html", False)]
    assert (tmp_path / "a/page.html").read_bytes() == b"<p>new</p>"
    assert (tmp_path / "b/c/new.html").read_bytes() == b"new"
