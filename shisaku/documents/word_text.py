"""The text of one Word paragraph as Word shows it, cut at its soft line breaks.

Runs are read in order through hyperlinks, content controls, simple fields and tracked
insertions; tracked deletions, field instructions and hidden text are left out, as Word leaves
them out of the page.  A ``<w:tab/>`` stays a tab.  Text boxes met in a run (DrawingML
``wps:txbx`` or VML ``v:textbox``; the VML fallback copy of a DrawingML box is skipped) are
handed back with the side of the text they sit on, so that the caller reads them where their
anchor is; SmartArt and charts keep their text in other parts and are only named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shisaku.documents.word_formats import symbol_char
from shisaku.documents.word_styles import Styles
from shisaku.documents.word_xml import Element, attr, child, is_w, local_name, mc

# Inline wrappers whose runs are part of the paragraph's text.
_RUN_WRAPPERS = (
    "hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "moveTo",
    "dir", "bdo",
)  # fmt: skip
_LINE_BREAKS = (None, "textWrapping")  # page and column breaks do not start a new line
_FIGURES = {"diagram": "SmartArt", "chart": "グラフ", "chartex": "グラフ"}


@dataclass
class Stats:
    """How much of some text is bold, and its largest font size."""

    chars: int = 0  # characters other than white space
    bold_chars: int = 0
    size: float = 0.0

    def add(self, text: str, *, bold: bool, size: float) -> None:
        """Count ``text`` written in a run of the given weight and size."""
        count = sum(not c.isspace() for c in text)
        self.chars += count
        self.bold_chars += count if bold else 0
        self.size = max(self.size, size) if count else self.size

    def merge(self, other: Stats) -> None:
        """Count ``other``'s text as part of this."""
        self.chars += other.chars
        self.bold_chars += other.bold_chars
        self.size = max(self.size, other.size)

    @property
    def bold(self) -> bool:
        """Tell whether most of the text is bold."""
        return self.bold_chars * 2 > self.chars


@dataclass
class Piece:
    """The text of a paragraph between two soft line breaks."""

    text: str = ""
    stats: Stats = field(default_factory=Stats)


@dataclass
class ParagraphText:
    """What one paragraph holds: its pieces, the text boxes anchored in it, its figures."""

    style: str
    pieces: list[Piece] = field(default_factory=lambda: [Piece()])
    before: list[Element] = field(default_factory=list)  # boxes anchored before any text
    after: list[Element] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    def add(self, text: str, *, bold: bool, size: float) -> None:
        """Append text written in one run."""
        self.pieces[-1].text += text
        self.pieces[-1].stats.add(text, bold=bold, size=size)

    def stats(self) -> Stats:
        """Return the statistics of the whole paragraph."""
        total = Stats()
        for piece in self.pieces:
            total.merge(piece.stats)
        return total


def iter_runs(container: Element) -> list[Element]:
    """Return the runs of a paragraph that Word shows, in order."""
    runs: list[Element] = []
    for item in container:
        if is_w(item, "r"):
            runs.append(item)
        elif is_w(item, *_RUN_WRAPPERS):
            runs.extend(iter_runs(item))
    return runs


def scan_drawing(element: Element, found: ParagraphText, *, before: bool) -> None:
    """Collect the text boxes and figures inside a drawing, shape or picture element."""
    stack = [element]
    while stack:
        item = stack.pop()
        if is_w(item, "txbxContent"):
            (found.before if before else found.after).append(item)
        elif item.tag != mc("Fallback"):  # the VML copy of a box already read in mc:Choice
            if local_name(item) == "graphicData":
                kind = _FIGURES.get((item.get("uri") or "").rsplit("/", 1)[-1])
                found.figures.extend([kind] if kind else [])
            stack.extend(reversed(list(item)))


def _symbol(item: Element) -> str:
    """Return the character of a ``w:sym`` (a symbol-font code point)."""
    try:
        code = int(attr(item, "char") or "", 16)
    except ValueError:
        return ""
    return symbol_char(chr(code + 0xF000 if code < 0x100 else code))


def _inline(item: Element) -> str | None:
    """Return the text a run's child shows, "\\n" for a line break, None for no text."""
    if is_w(item, "t"):
        return str(item.text or "")
    if is_w(item, "tab", "ptab"):
        return "\t"
    if is_w(item, "noBreakHyphen"):
        return "-"
    if is_w(item, "sym"):
        return _symbol(item)
    if is_w(item, "cr") or (is_w(item, "br") and attr(item, "type") in _LINE_BREAKS):
        return "\n"
    return None


def _read_run(run: Element, found: ParagraphText, styles: Styles) -> None:
    """Add one run's text, line breaks and drawings to ``found``."""
    rpr = child(run, "rPr")
    if styles.hidden(rpr, found.style):
        return
    bold, size = styles.bold(rpr, found.style), styles.size(rpr, found.style)
    for item in run:
        text = _inline(item)
        if text == "\n":
            found.pieces.append(Piece())
        elif text is not None:
            found.add(text, bold=bold, size=size)
        elif is_w(item, "drawing", "pict", "object") or item.tag == mc("AlternateContent"):
            has_text = any(piece.text.strip() for piece in found.pieces)
            scan_drawing(item, found, before=not has_text)


def read_paragraph(paragraph: Element, styles: Styles) -> ParagraphText:
    """Return the text, soft-line pieces, text boxes and figures of a ``w:p``."""
    found = ParagraphText(style=styles.paragraph_style(child(paragraph, "pPr")))
    for run in iter_runs(paragraph):
        _read_run(run, found, styles)
    return found
