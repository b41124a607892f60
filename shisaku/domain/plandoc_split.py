"""Split a line that holds a whole page (an e-book's text, a web page pasted flat) into lines.

Some copies of a plan put a whole page on one line: 「17 基本目標3 住みたいまち <数値目標> 基本目標
指標 基準値 目標値 転出超過数 4,386人 … 【基本的方向】 ● 安全・安心な…」.  The reader needs one
heading, label, bullet or table per line, so a long line is cut before every token that starts
one: a bullet mark, a bracketed label, a numbering with a title, a section label, a run of table
column names, a footnote, and after a sentence's end.  Nothing is dropped or changed: the
pieces, joined with spaces, give back the line.
"""

from __future__ import annotations

import itertools
import re

from shisaku.domain.plandoc_lines import title_ok
from shisaku.domain.plandoc_numbering import read_numbering
from shisaku.domain.plandoc_sections import (
    DEPARTMENT_WORDS,
    SECTION_WORDS,
    header_word,
    other_label,
    section_key,
)

# Lines shorter than this are never split: ordinary text lines of a PDF are 30–60 characters.
MIN_LENGTH = 100
# A page glued into one run of characters is longer than any paragraph a plan prints.
GLUED_LENGTH = 200
_BULLETS = "●○◆◇■□◎▶▷►◯"
_OPENERS = "【<＜《〈≪〔［"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々]")
_TOKEN = re.compile(r"\S+")


def _starts_numbered(token: str, following: str) -> bool:
    """Tell whether ``token`` begins a numbered heading (「(3)楽しめる…」「基本目標3」「Ⅱ」)."""
    numbering = read_numbering(token)
    if numbering is None:
        return False
    if numbering.title:
        return len(_CJK.findall(numbering.title)) >= 2
    opens_title = bool(following) and not following[0].isdigit()
    return opens_title and (numbering.word != "" or numbering.style != "{}")


def _starts(token: str, following: str, previous: str) -> bool:
    """Tell whether a new line begins at ``token``."""
    if previous.endswith("。"):
        return True
    if token[0] in _BULLETS or (token[0] == "・" and len(token) > 1):
        return True
    if token[0] in _OPENERS and len(token) > 2:
        return True
    if token.startswith("※") and ("：" in token or ":" in token):
        return True
    if section_key(token) is not None:
        return True
    if header_word(token) and header_word(following) and not header_word(previous):
        return True
    if other_label(token) is not None or token.startswith(DEPARTMENT_WORDS):
        return True
    return _starts_numbered(token, following)


def _label_end(tokens: list[str], start: int) -> int:
    """Return where a section label or table header starting at ``start`` ends."""
    end = start + 1
    if section_key(tokens[start]) is None and not header_word(tokens[start]):
        return end
    while end < len(tokens) and header_word(tokens[end]):
        end += 1
    return end


_GLUED_LABELS = sorted((w for w in SECTION_WORDS if len(w) >= 4), key=len, reverse=True)
_LABEL = "(?:" + "|".join(map(re.escape, _GLUED_LABELS)) + ")"
# A label that a comma or a particle follows is named in running text (「現状と課題、施策の方向、
# …成果指標を掲載しています。」): it labels nothing.  Not と: 「数値目標と進捗状況」 is a label.
_IN_SENTENCE = "、，,。をにはがやでものへ"
_ISOLATE = re.compile(
    rf"【[^【】]{{1,30}}】|(?:後期|前期)?{_LABEL}(?:・{_LABEL})?(?![{_IN_SENTENCE}])"
)
_BREAKS = (
    (re.compile(r"。(?=\S)"), "。 "),  # after a sentence
    (re.compile(r"(?<=\S)(?=[〇●○◆■◎※])"), " "),  # before a bullet or a note
    (re.compile(r"(?<=[^0-9第【\s])(?=第[0-9０-９一二三四五六七八九十]+[章節項])"), " "),
    (re.compile(r"(?<=\s)([0-9０-９]{1,2})(?=[\u3040-\u30ff\u3400-\u9fff])"), r"\1 "),
)


def unglue(text: str) -> str:
    """Return a page printed with no separators at all with spaces where lines would break.

    Some e-book sites give a whole page as one run of characters (「…基本方針1子育ての…」):
    spaces go around bracketed labels and section labels, after each sentence, before
    bullets, notes and chapter numbers, and after the number of a numbered item, so that the
    page can be split like any other.
    """
    if len(text) < GLUED_LENGTH or text.count(" ") * 100 > len(text):
        return text
    if len(_ISOLATE.findall(text)) < 2:  # a long paragraph, not a page
        return text
    text = _ISOLATE.sub(lambda m: f" {m[0]} ", text)
    for pattern, replacement in _BREAKS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def split_page_line(text: str) -> list[str]:
    """Return the lines a long line holds (the line itself when it holds one)."""
    if len(text) < MIN_LENGTH:
        return [text]
    text = unglue(text)
    matches = list(_TOKEN.finditer(text))
    tokens = [m[0] for m in matches]
    starts = {0}
    for i, token in enumerate(tokens[1:], start=1):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _starts(token, following, tokens[i - 1]):
            starts.add(i)
    for i in sorted(starts):
        end = _label_end(tokens, i)
        label = section_key(tokens[i]) is not None
        if end < len(tokens) and (end > i + 1 or label):
            starts.add(end)
    cuts = sorted(starts)
    bounds = [matches[i].start() for i in cuts] + [len(text)]
    pieces = [text[a:b].strip() for a, b in itertools.pairwise(bounds)]
    pieces = [part for piece in pieces for part in _heading_and_text(piece)]
    return pieces if len(pieces) > 1 else [text]


def _heading_and_text(piece: str) -> list[str]:
    """Cut a numbered title from the sentences that follow it on the same line.

    「(1)妊娠期からの相談支援の充実 子育て世代…支えます。」 is a heading and its text.
    """
    numbering = read_numbering(piece)
    if numbering is None or "。" not in numbering.title or " " not in numbering.title:
        return [piece]
    title, _, rest = numbering.title.partition(" ")
    if "。" in title or len(_CJK.findall(title)) < 2 or len(title) > 40:
        return [piece]
    head = piece[: len(piece) - len(numbering.title)] + title
    return [head.strip(), rest.strip()]


_LEAD_LABEL = re.compile(r"^(?P<label>[^、：:\s]{2,20})[、：:]\s*(?P<rest>\S.*)$")
_BRACKET_LABEL = re.compile(r"^(?P<label>[【〔［\[][^】〕］\]]{2,20}[】〕］\]])\s*(?P<rest>\S.*)$")


def split_label(text: str) -> list[str]:
    """Cut a section label from the text that follows it on its line.

    A screen reader's text reads 「まちづくり指標、特定健康診査の受診率、38.6%、右矢印、50.0%」:
    the label opens the table, the rest is its first row.  A bracketed label heads any section:
    「【主な取り組み】創業塾の開催、空き店舗の活用支援」 opens the list its actions follow.
    """
    m = _BRACKET_LABEL.match(text)
    if m is not None and section_key(m["label"]) is not None:
        return [m["label"], m["rest"]]
    m = _LEAD_LABEL.match(text)
    if m is None:
        return [text]
    found = section_key(m["label"])
    return [m["label"], m["rest"]] if found is not None and found[0] == "indicators" else [text]


# An aim printed after a heading's title on its line ends as a sentence does (…支えます).
_AIM_END = re.compile(r"(?:ます|です|ません|。)$")
_GAP = re.compile(r"\s+")
MIN_AIM = 10  # an aim is a sentence, longer than a word or two


def split_aim(text: str) -> list[str]:
    """Cut the aim a heading prints after its title on the same line.

    「施策1 妊娠・出産期の支援  妊娠から産後まで、母と子の…支えます」 (a 施策の体系 or a page's
    head) is the heading 「施策1 妊娠・出産期の支援」 and its aim as text: the title ends at the
    first gap after which the rest of the line is a sentence.
    """
    numbering = read_numbering(text)
    if numbering is None or not numbering.numbers:
        return [text]
    title = numbering.title
    for gap in _GAP.finditer(title):
        head, rest = title[: gap.start()], title[gap.end() :]
        if _is_aim(rest) and _titled(head):
            cut = len(text) - len(title) + gap.start()
            return [text[:cut].rstrip(), rest]
    return [text]


# A title never ends in a particle or a verb's joining form: 「安心して」 is half a sentence.
_JOINING_END = frozenset("てでにをはがともやへしりきけみくぐば")


def _titled(head: str) -> bool:
    """Tell whether the words before an aim are a heading's title (not a quoted tag, not half
    a sentence)."""
    if not title_ok(head) or head[0] in "“「『\"'(（【" or head[-1] in _JOINING_END:
        return False
    return len(_CJK.findall(head)) >= 3


def _is_aim(rest: str) -> bool:
    """Tell whether the rest of a heading's line is a sentence: its aim."""
    return len(rest) >= MIN_AIM and bool(_AIM_END.search(rest))
