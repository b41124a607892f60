"""Read a Word file (.docx) into a :class:`SourceDocument`, one source line per paragraph.

The body is walked in document order, paragraphs and tables interleaved (also inside content
controls such as a table of contents).  Each line reads as a person sees it in Word:

- **Numbering** Word draws outside the text (「第１章」「1-1」「（１）」「①」「ア」, bullets) is
  computed (:mod:`shisaku.documents.word_numbering`) and put in front, followed by the level's
  suffix: a tab is written as a full-width space 「　」, a space as " ".
- **Soft line breaks** split a paragraph into several lines, except in a heading (a paragraph
  with an outline level), whose pieces are joined with 「　」 into one line: one heading, one
  line.  Tabs inside a paragraph stay tabs.  Empty paragraphs give empty lines.
- ``outline`` is the level of 「見出し 1」/"Heading 1"…, or of a ``w:outlineLvl`` on the
  paragraph or its styles; ``bold`` tells whether most of the characters are bold; ``size`` is
  the largest run size (the style's for an empty paragraph); ``page`` is 0.
- **Tables** give one line per row with ``cells`` (merged cells: see
  :mod:`shisaku.documents.word_tables`); a cell's paragraphs are joined without a separator,
  with a space only between two ASCII words; a table inside a cell is read into that cell.
- **Text boxes** are read where their anchor sits: before the anchoring paragraph's line when
  the drawing comes before its text (a side label), after it otherwise.  SmartArt and charts
  are reported as ``figure_text`` notices.
- Headers and footers are not read: each one with text is a ``running_head`` notice.  Notices
  of kind ``other`` say that footnotes were left out, that tracked changes were read as if
  accepted, and which number formats were shown in decimal for want of support.
- Not read at all: the text of footnotes, comments, equations (OMML), SmartArt and charts;
  picture bullets (a level with ``w:lvlPicBulletId`` and no text shows nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from shisaku.documents.word_numbering import Numbering
from shisaku.documents.word_package import open_docx
from shisaku.documents.word_styles import Styles
from shisaku.documents.word_tables import row_grid, table_rows
from shisaku.documents.word_text import ParagraphText, Stats, read_paragraph
from shisaku.documents.word_xml import Element, attr, child, int_val, is_w, iter_blocks, w
from shisaku.domain.plandoc_source import NoticeCode, SourceDocument, SourceLine, SourceNotice

__all__ = ["read_docx"]

_HEAD_KINDS = {"header": "ヘッダー", "footer": "フッター"}


def join_cell_text(parts: list[str]) -> str:
    """Join the paragraphs of a table cell: no separator, a space between two ASCII words."""
    out = ""
    for raw in parts:
        part = raw.replace("\t", " ").strip()
        if out and part and out[-1].isascii() and part[0].isascii():
            out += " "
        out += part
    return out


class _Walker:
    """Walk a document body and collect its source lines and notices."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[SourceLine] = []
        self.notices: list[SourceNotice] = []

    def notice(self, code: NoticeCode, text: str) -> None:
        """Record something the reader left out."""
        self.notices.append(SourceNotice(0, code, text))

    def blocks(self, container: Element) -> None:
        """Read the paragraphs and tables of a body, cell or text box."""
        for block in iter_blocks(container):
            if is_w(block, "p"):
                self.paragraph(block)
            else:
                self.table(block)

    def paragraph(self, element: Element) -> None:
        """Read one paragraph, with the text boxes anchored in it around its lines."""
        found = self.read(element)
        for box in found.before:
            self.blocks(box)
        self._emit_paragraph(element, found)
        for box in found.after:
            self.blocks(box)

    def read(self, element: Element) -> ParagraphText:
        """Return a paragraph's text with its list number in front; note its figures."""
        found = read_paragraph(element, self.styles)
        label = self._label(child(element, "pPr"), found.style)
        found.pieces[0].text = label + found.pieces[0].text
        for kind in found.figures:
            self.notice(
                "figure_text",
                f"{len(self.lines) + 1} 行目付近の図（{kind}）の中の文字は読み込んでいません",
            )
        return found

    def _label(self, ppr: Element | None, style: str) -> str:
        """Count the paragraph in its list, if any; return the number Word shows for it."""
        num_pr = child(ppr, "numPr")
        own_id, level = int_val(num_pr, "numId"), int_val(num_pr, "ilvl")
        if own_id is not None:  # numId 0 means "no numbering", also over a style's
            return self.numbering.label(own_id, level or 0) if own_id else ""
        num_id, style_level = self.styles.numbering(style)
        if not num_id:
            return ""
        if level is None:  # the style's level, or the level that names the style
            level = style_level
        if level is None:
            level = self.numbering.level_for_style(num_id, style)
        return self.numbering.label(num_id, level)

    def _emit_paragraph(self, element: Element, found: ParagraphText) -> None:
        """Add the lines of a paragraph: one per soft line, or one for a heading."""
        outline = self.styles.outline(child(element, "pPr"), found.style)
        if outline:
            text = "\u3000".join(p.text.strip() for p in found.pieces if p.text.strip())
            self._emit(text, found.stats(), found.style, outline)
            return
        for piece in found.pieces:
            self._emit(piece.text, piece.stats, found.style)

    def _emit(
        self, text: str, stats: Stats, style: str, outline: int = 0, cells: tuple[str, ...] = ()
    ) -> None:
        """Add one source line; an empty line takes the size of its paragraph style."""
        size = stats.size or (self.styles.size(None, style) if style else 0.0)
        number = len(self.lines) + 1
        line = SourceLine(number, text, 0, size, stats.bold, outline, cells)
        self.lines.append(line)

    def table(self, element: Element) -> None:
        """Add one line per table row, with its cells."""
        for row in table_rows(element):
            stats = Stats()
            cells = tuple(
                "" if cell is None else self._cell_text(cell, stats)
                for cell in row_grid(element, row)
            )
            self._emit("\t".join(cells), stats, "", cells=cells)

    def _cell_text(self, cell: Element, stats: Stats) -> str:
        """Return the text of a table cell, counting its weight and size into ``stats``."""
        parts: list[str] = []
        self._cell_parts(cell, parts, stats)
        return join_cell_text(parts)

    def _cell_parts(self, container: Element, parts: list[str], stats: Stats) -> None:
        """Collect the texts of a cell's paragraphs, text boxes and inner tables, in order."""
        for block in iter_blocks(container):
            if is_w(block, "tbl"):
                self._inner_table_parts(block, parts, stats)
                continue
            found = self.read(block)
            for box in found.before:
                self._cell_parts(box, parts, stats)
            parts.extend(piece.text for piece in found.pieces)
            stats.merge(found.stats())
            for box in found.after:
                self._cell_parts(box, parts, stats)

    def _inner_table_parts(self, table: Element, parts: list[str], stats: Stats) -> None:
        """Collect the texts of a table inside a cell, cell by cell, row by row."""
        for row in table_rows(table):
            for cell in row_grid(table, row):
                if cell is not None:  # (an lxml element's truth is its number of children)
                    self._cell_parts(cell, parts, stats)


def _numbering(document: Any, styles: Styles) -> Numbering:
    """Return the numbering definitions of a document (none when it has no numbering part)."""
    try:
        element = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        element = None
    links = {
        style_id: num_id
        for style_id, style in styles.by_id.items()
        if attr(style, "type") == "numbering" and (num_id := styles.numbering(style_id)[0])
    }
    return Numbering(element, links)


def _part_text(part_element: Element, styles: Styles) -> str:
    """Return the text of a header or footer part, its paragraphs joined by 「 / 」."""
    texts: list[str] = []
    for paragraph in part_element.iter(w("p")):
        pieces = read_paragraph(paragraph, styles).pieces
        text = " ".join(p.text.strip() for p in pieces if p.text.strip())
        if text and text not in texts:
            texts.append(text)
    return " / ".join(texts)


def _head_parts(document: Any) -> list[tuple[str, Any]]:
    """Return (kind, part) of each header and footer part once: headers first, in part order."""
    found: dict[str, tuple[str, Any]] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if not rel.is_external and kind in _HEAD_KINDS:
            found[str(rel.target_part.partname)] = (kind, rel.target_part)
    return [found[name] for name in sorted(found, key=lambda n: (found[n][0] != "header", n))]


def _running_heads(document: Any, styles: Styles) -> list[SourceNotice]:
    """Return one notice per header or footer that has text."""
    notices = []
    for kind, part in _head_parts(document):
        if text := _part_text(part.element, styles):
            said = f"{_HEAD_KINDS[kind]}「{text}」は本文ではないため読み込んでいません"
            notices.append(SourceNotice(0, "running_head", said))
    return notices


def _body_notices(body: Element, numbering: Numbering) -> list[SourceNotice]:
    """Return the notices about footnotes, tracked changes and unsupported number formats."""
    said: list[str] = []
    notes = sum(1 for _ in body.iter(w("footnoteReference"), w("endnoteReference")))
    if notes:
        said.append(f"脚注・文末脚注 {notes} 件は読み込んでいません（本文中の注番号も除きました）")
    if next(body.iter(w("ins"), w("del"), w("moveFrom")), None) is not None:
        said.append(
            "変更履歴が残っています。すべて承諾した状態（挿入は残し、削除は除く）で読みました"
        )
    said.extend(
        f"番号の書式 {fmt} には対応していないため、算用数字で示しました"
        for fmt in numbering.unknown_formats
    )
    return [SourceNotice(0, "other", text) for text in said]


def _title(document: Any) -> str:
    """Return the title of the core properties, "" when the file has none."""
    try:  # without the part, python-docx would make one titled "Word Document"
        document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:
        return ""
    return str(document.core_properties.title or "").strip()


def read_docx(path: Path) -> SourceDocument:
    """Return the source lines of the Word file at ``path``; raise DocumentError if unreadable."""
    document = open_docx(path, path.name)
    styles = Styles(document.styles.element)
    walker = _Walker(styles, _numbering(document, styles))
    body = document.element.body
    walker.blocks(body)
    notices = (
        *walker.notices,
        *_running_heads(document, styles),
        *_body_notices(body, walker.numbering),
    )
    title = _title(document)
    return SourceDocument(path.name, tuple(walker.lines), 0, notices, title)
