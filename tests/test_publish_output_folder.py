"""The folders a run makes: what is missing in them costs no look at the disk, and a link that
appears in one meanwhile is still never followed."""

from __future__ import annotations

import pytest

from shisaku.publishing.folder import Folder, LinkInTheWay


def test_a_folder_the_run_made_holds_only_what_it_wrote_there(tmp_path):
    folder = Folder(tmp_path)
    try:
        folder.write("a/b/x.html", b"x")
        assert folder.holds("a/b/x.html", b"x") and folder.read("a/b/x.html") == b"x"
        assert not folder.holds("a/b/y.html", b"") and folder.read("a/b/y.html") is None
        assert not folder.holds("a/c/z.html", b"")
        folder.write("a/c/z.html", b"z")
        assert folder.read("a/c/z.html") == b"z"
    finally:
        folder.close()
    assert (tmp_path / "a/b/x.html").read_bytes() == b"x"
    assert (tmp_path / "a/c/z.html").read_bytes() == b"z"


def test_a_file_put_meanwhile_in_a_folder_the_run_made_is_replaced(tmp_path):
    folder = Folder(tmp_path)
    try:
        folder.write("a/x.html", b"x")
        (tmp_path / "a/y.html").write_bytes(b"another process")
        folder.write("a/y.html", b"y")
    finally:
        folder.close()
    assert (tmp_path / "a/y.html").read_bytes() == b"y"


def test_a_link_put_meanwhile_in_a_folder_the_run_made_is_not_followed(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    out = tmp_path / "site"
    out.mkdir()
    folder = Folder(out)
    try:
        folder.write("a/x.html", b"x")
        (out / "a/sub").symlink_to(victim)
        with pytest.raises(LinkInTheWay):
            folder.write("a/sub/f.html", b"f")
        assert not folder.holds("a/sub/f.html", b"f")
    finally:
        folder.close()
    assert list(victim.iterdir()) == []


def test_a_file_put_in_blocks_is_written_recorded_and_left_when_the_same(tmp_path):
    from shisaku.publishing.manifest import MANIFEST, read_manifest
    from shisaku.publishing.output import Output, digest

    blocks = [b"a,b\n", b"1,2\n" * 1000, b"3,4\n"]
    for expected in (True, False):
        out = Output(tmp_path)
        try:
            assert out.put_blocks("data/t.csv", iter(blocks)) is expected
            out.finish()
        finally:
            out.close()
        assert (out.counts.written, out.counts.unchanged) == (expected, not expected)
    whole = b"".join(blocks)
    assert (tmp_path / "data/t.csv").read_bytes() == whole
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["t.csv"]
    assert read_manifest((tmp_path / MANIFEST).read_bytes()) == {"data/t.csv": digest(whole)}
    out = Output(tmp_path)
    try:
        assert out.put_blocks("data/t.csv", iter([b"other"]))
    finally:
        out.close()
    assert (tmp_path / "data/t.csv").read_bytes() == b"other"


def test_a_file_a_killed_run_noted_is_written_again_even_in_blocks(tmp_path):
    from shisaku.publishing.journal import JOURNAL
    from shisaku.publishing.output import Output

    (tmp_path / "t.csv").write_bytes(b"same")
    (tmp_path / JOURNAL).write_text("t.csv\n", encoding="utf-8")
    out = Output(tmp_path)
    try:
        assert out.put_blocks("t.csv", iter([b"sa", b"me"]))
        out.finish()
    finally:
        out.close()
    assert (tmp_path / "t.csv").read_bytes() == b"same" and not (tmp_path / JOURNAL).exists()


def test_a_folder_the_run_made_is_known_after_it_was_closed_while_among_the_last(
    tmp_path, monkeypatch
):
    from shisaku.publishing import folder as module

    monkeypatch.setattr(module, "FOLDERS_KEPT", 2)
    monkeypatch.setattr(module, "FOLDERS_KNOWN", 3)
    folder = Folder(tmp_path)
    try:
        folder.write("a/x.html", b"x")
        for n in range(3):  # "a" closed, still known
            folder.write(f"b{n}/x.html", b"")
        (tmp_path / "a/y.html").write_bytes(b"another process")
        assert folder.read("a/x.html") == b"x" and folder.read("a/y.html") is None
        for n in range(5):  # "a" closed and forgotten: what is there is read
            folder.write(f"c{n}/x.html", b"")
        assert folder.read("a/y.html") == b"another process"
        folder.write("a/y.html", b"y")
    finally:
        folder.close()
    assert (tmp_path / "a/y.html").read_bytes() == b"y"
