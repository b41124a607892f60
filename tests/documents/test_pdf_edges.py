"""The PDF reader on small PDFs written here: refusals, unreadable pages, margins, parallel reading.

Most are drawn with reportlab; the page whose font has no character map is written by hand
(reportlab always writes one), and the radical characters go through WeasyPrint, whose fonts
have their glyphs.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas

from shisaku.documents import DocumentError
from shisaku.documents.pdf import NO_TEXT, read_pdf
from shisaku.documents.pdf_chars import unify_radicals, unreadable_share
from shisaku.documents.pdf_margins import is_page_number
from tests.fixtures.plans.make_pdfs import GOTHIC, MIN, paragraph, register_fonts

Draw = Callable[[Canvas, int], None]


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    """Register reportlab's Japanese CID fonts once."""
    register_fonts()


def draw_pdf(path: Path, pages: int, draw: Draw, **options: Any) -> Path:
    """Write a PDF of ``pages`` pages, each drawn by ``draw(canvas, page number)``."""
    canvas = Canvas(str(path), pagesize=(595, 842), **options)
    for number in range(1, pages + 1):
        draw(canvas, number)
        canvas.showPage()
    canvas.save()
    return path


def texts(path: Path, **options: int) -> list[tuple[int, str]]:
    """Return the (page, text) of every line read from ``path``."""
    return [(line.page, line.text) for line in read_pdf(path, **options).lines]


# ---------------------------------------------------------------- refusals


def test_a_pdf_without_any_text_layer_is_refused_with_the_ocr_hint(tmp_path: Path) -> None:
    def scan(c: Canvas, n: int) -> None:
        c.setFillGray(0.8)
        c.rect(60, 100, 470, 640, fill=1)  # a scanned page: pictures, no characters

    path = draw_pdf(tmp_path / "scan.pdf", 2, scan)
    with pytest.raises(DocumentError) as caught:
        read_pdf(path)
    assert str(caught.value) == f"scan.pdf: {NO_TEXT}"
    assert NO_TEXT == (
        "文字情報のない PDF です（画像だけの PDF は読めません。OCR（tesseract-ocr-jpn など）で"
        "文字を付けてからお試しください）"
    )


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    def page(c: Canvas, n: int) -> None:
        c.setFont(MIN, 12)
        c.drawString(72, 700, "秘密の計画")

    path = draw_pdf(tmp_path / "locked.pdf", 1, page, encrypt="secret")
    with pytest.raises(DocumentError) as caught:
        read_pdf(path)
    assert str(caught.value) == (
        "locked.pdf: パスワードで保護された PDF です（保護を外した PDF を用意してください）"
    )


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\nthis is not really a PDF", "計画書.txt の中身".encode(), b""],
    ids=["header-only", "text", "empty"],
)
def test_a_broken_file_is_refused_with_a_reason(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_pdf(path)
    assert caught.value.source == "broken.pdf"
    assert caught.value.reason.startswith(
        "PDF として読めません（壊れているか、PDF ではないファイルです）"
    )


def test_a_page_tree_without_a_media_box_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nobox.pdf"
    path.write_bytes(pdf_with_unmapped_page().replace(b"/MediaBox [0 0 595 842] ", b""))
    with pytest.raises(DocumentError) as caught:
        read_pdf(path)
    assert caught.value.reason.startswith("PDF のページ構成が壊れています")


def test_a_cut_short_file_is_refused(tmp_path: Path) -> None:
    whole = (Path(__file__).parents[1] / "fixtures/plans/pdf-overprint.pdf").read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DocumentError, match=r"^half\.pdf: PDF として読めません"):
        read_pdf(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"^none\.pdf: ファイルが見つかりません$"):
        read_pdf(tmp_path / "none.pdf")


# ---------------------------------------------------------------- pages that give nothing


def _obj(number: int, body: bytes) -> bytes:
    """Return one indirect object."""
    return b"%d 0 obj\n%s\nendobj\n" % (number, body)


def _stream(data: bytes) -> bytes:
    """Return a compressed stream object body."""
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)


def pdf_with_unmapped_page() -> bytes:
    """Return a two-page PDF: page 1 in Helvetica, page 2 in a CID font with no character map."""
    cid_font = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Mystery /DW 1000 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
    )
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 7 0 R >> >> >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (Plan text page) Tj ET"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
        b"/Resources << /Font << /F2 8 0 R >> >> >>",
        _stream(b"BT /F2 12 Tf 72 720 Td <0102030405060708090a0b0c> Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Mystery /Encoding /Identity-H "
        b"/DescendantFonts [9 0 R] >>",
        cid_font,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += _obj(number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def test_a_page_of_unmapped_glyphs_is_flagged_and_gives_no_lines(tmp_path: Path) -> None:
    path = tmp_path / "cid.pdf"
    path.write_bytes(pdf_with_unmapped_page())
    doc = read_pdf(path)
    assert [(line.page, line.text) for line in doc.lines] == [(1, "Plan text page")]
    assert [(n.page, n.code) for n in doc.notices] == [(2, "garbage_text")]
    assert doc.notices[0].text.startswith("文字を読み取れないページです")


def test_a_pdf_whose_every_page_is_unreadable_is_refused(tmp_path: Path) -> None:
    data = pdf_with_unmapped_page().replace(
        b"/Kids [3 0 R 5 0 R] /Count 2", b"/Kids [5 0 R] /Count 1"
    )
    path = tmp_path / "cid-only.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match="どのページの文字も読み取れません"):
        read_pdf(path)


def test_unreadable_share_counts_cid_runs_and_private_use_glyphs() -> None:
    chars = [{"text": t} for t in ["(cid:12)", "\ue001", "計", "画", " "]]
    assert unreadable_share(chars) == 0.5


def test_a_scanned_page_among_others_is_noted(tmp_path: Path) -> None:
    def page(c: Canvas, n: int) -> None:
        if n == 2:
            c.rect(60, 100, 470, 640, fill=1)
            return
        c.setFont(MIN, 12)
        c.drawString(72, 700, f"第{n}章の本文です。")

    doc = read_pdf(draw_pdf(tmp_path / "mixed.pdf", 3, page))
    assert [(line.page, line.text) for line in doc.lines] == [
        (1, "第1章の本文です。"),
        (3, "第3章の本文です。"),
    ]
    assert [(n.page, n.code, n.text) for n in doc.notices] == [
        (2, "no_text", "文字情報のないページです（画像だけのページは OCR が必要です）")
    ]
    assert doc.pages == 3


# ---------------------------------------------------------------- margins


def test_a_heading_near_the_top_of_one_page_is_not_a_running_head(tmp_path: Path) -> None:
    def page(c: Canvas, n: int) -> None:
        c.setFont(MIN, 8)
        c.drawString(56, 812, "霧島台町総合計画")  # running head, every page
        c.drawRightString(539, 30, f"{n}/3")
        if n == 2:
            c.setFont(GOTHIC, 14)
            c.drawString(56, 790, "第2章　まちの将来像")  # in the head margin, set apart, once
        paragraph(c, f"本文{n}の一行目です。続く文章があります。", 56, 700, 480)

    doc = read_pdf(draw_pdf(tmp_path / "heads.pdf", 3, page))
    assert [(line.page, line.text) for line in doc.lines] == [
        (1, "本文1の一行目です。続く文章があります。"),
        (2, "第2章 まちの将来像"),
        (2, "本文2の一行目です。続く文章があります。"),
        (3, "本文3の一行目です。続く文章があります。"),
    ]
    assert [(n.page, n.code) for n in doc.notices] == [
        (1, "running_head"),
        (1, "page_number"),
        (2, "running_head"),
        (2, "page_number"),
        (3, "running_head"),
        (3, "page_number"),
    ]


@pytest.mark.parametrize(
    "text", ["12", "- 12 -", "－１２－", "12/80", "12 / 80", "P.12", "p12", "(12)", "― 3 ―"]
)
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["第12章", "12月", "令和7年", "1 子育て支援の充実", "P.12 参照"])
def test_what_is_not_a_page_number(text: str) -> None:
    assert not is_page_number(text)


# ---------------------------------------------------------------- characters


def test_radical_characters_read_as_the_kanji_they_stand_for(tmp_path: Path) -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]

    path = tmp_path / "radicals.pdf"
    html = '<p style="font-family: Noto Sans CJK JP">\u2ed1期計画と\u2f47本の\u2ea0間活力</p>'
    HTML(string=html).write_pdf(path)
    assert texts(path) == [(1, "長期計画と日本の民間活力")]


def test_unify_radicals_keeps_everything_else_verbatim() -> None:
    assert unify_radicals("⻑期（R1）ＡＢＣ　１２③") == "長期（R1）ＡＢＣ　１２③"


def test_text_drawn_off_the_page_is_not_read(tmp_path: Path) -> None:
    def page(c: Canvas, n: int) -> None:
        c.setFont(MIN, 12)
        c.drawString(72, 700, "見える本文です。")
        c.drawString(-400, 700, "ページの外の文字")
        c.drawString(72, 900, "上の外の文字")

    assert texts(draw_pdf(tmp_path / "off.pdf", 1, page)) == [(1, "見える本文です。")]


def test_characters_stacked_at_one_x_read_as_one_vertical_line(tmp_path: Path) -> None:
    def page(c: Canvas, n: int) -> None:
        c.setFont(MIN, 11)
        for i, char in enumerate("主な取組"):
            c.drawString(40, 700 - 12 * i, char)  # one character per line, as a Word text box
        paragraph(c, "一つめの文です。" * 6, 70, 700, 200)

    lines = texts(draw_pdf(tmp_path / "stack.pdf", 1, page))
    assert lines[:2] == [(1, "主な取組"), (1, "一つめの文です。一つめの文です。一つめの文")]


def test_wrapped_cells_join_japanese_lines_directly_and_ascii_words_with_a_space(
    tmp_path: Path,
) -> None:
    cells = [
        [["指標名"], ["区分"], ["目標値"]],
        [["Free", "Wi-Fi"], ["公衆", "無線LAN"], ["LAN", "整備"]],
    ]

    def page(c: Canvas, n: int) -> None:
        c.setFont(MIN, 10)
        for r, row in enumerate(cells):
            for k, lines in enumerate(row):
                for i, text in enumerate(lines):
                    c.drawString(64 + 150 * k, 712 - 40 * r - 13 * i, text)
        for y in (724, 684, 644):
            c.line(60, y, 510, y)
        for x in (60, 210, 360, 510):
            c.line(x, 724, x, 644)

    doc = read_pdf(draw_pdf(tmp_path / "cells.pdf", 1, page))
    assert [line.cells for line in doc.lines] == [
        ("指標名", "区分", "目標値"),
        ("Free Wi-Fi", "公衆無線LAN", "LAN整備"),
    ]
    assert doc.lines[1].text == "Free Wi-Fi\t公衆無線LAN\tLAN整備"


def test_a_framed_heading_ruled_onto_a_table_is_a_plain_line(tmp_path: Path) -> None:
    def page(c: Canvas, n: int) -> None:
        c.setFont(GOTHIC, 14)
        c.drawString(66, 732, "施策1-1　子育て支援の充実")
        c.setFont(MIN, 10)
        c.drawString(66, 706, "担当課")
        c.drawString(216, 706, "こども未来課")
        c.rect(60, 724, 450, 26)  # the frame of the heading, its bottom the table's top rule
        for y in (724, 698):
            c.line(60, y, 510, y)
        for x in (60, 210, 510):
            c.line(x, 724, x, 698)

    doc = read_pdf(draw_pdf(tmp_path / "framed.pdf", 1, page))
    assert [(line.text, line.cells) for line in doc.lines] == [
        ("施策1-1 子育て支援の充実", ()),
        ("担当課\tこども未来課", ("担当課", "こども未来課")),
    ]


# ---------------------------------------------------------------- parallel reading


def test_reading_in_two_processes_gives_the_same_document(tmp_path: Path) -> None:
    def page(c: Canvas, n: int) -> None:
        c.setFont(MIN, 8)
        c.drawString(56, 812, "並列町総合計画")
        c.drawCentredString(297, 30, f"- {n} -")
        c.setFont(GOTHIC, 14)
        c.drawString(56, 760, f"施策{n}　ページ{n}の施策")
        paragraph(c, f"ページ{n}の本文です。" * 8, 56, 730, 480)

    path = draw_pdf(tmp_path / "long.pdf", 26, page)
    one, two = read_pdf(path, workers=1), read_pdf(path, workers=2)
    assert one == two
    assert [line.page for line in two.lines] == sorted(line.page for line in two.lines)
    assert len(two.notices) == 52
    assert read_pdf(path) == one  # the default: in this process
