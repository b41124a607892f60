"""Section labels and table headers as plans print them.

A section label names a part of a node's narrative (現状と課題, めざす姿, 施策の方向 …), the list
of its initiatives (主な取組, 施策の展開 …) or its indicator table (成果指標, 数値目標, 重要業績評価
指標（KPI） …).  Plans dress labels in brackets, markers and numbers, letter-space them, or print
the table's column names on the same line; a screen reader's text spells 値 as 「ち」.  All of
that is undone here for matching only.
"""

from __future__ import annotations

import re

from shisaku.domain.plandoc_text import fold, match_key
from shisaku.domain.plandoc_valuecolumns import value_column

# Label → section key.  "initiatives" opens the list of 主な取組 groups and actions.
SECTION_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "現状と課題",
            "現状及び課題",
            "現状・課題",
            "現状と課題認識",
            "現況と課題",
            "現状",
            "課題",
            "施策の現状と課題",
            "施策を取り巻く現状と課題",
            "現状認識",
            "主な課題",
            "背景と課題",
            "現状と今後の課題",
        ),
        "situation",
    ),
    **dict.fromkeys(
        (
            "基本方向",
            "基本的方向",
            "基本方針",
            "施策の方向",
            "施策の方向性",
            "施策の基本方向",
            "施策の基本方針",
            "施策の概要",
            "取組の方向",
            "取組の方向性",
            "取組方針",
            "今後の方向性",
            "施策展開の方向",
            "基本的な方向",
            "施策の方針",
        ),
        "direction",
    ),
    **dict.fromkeys(
        (
            "めざす姿",
            "目指す姿",
            "施策が目指す姿",
            "施策がめざす姿",
            "施策のめざす姿",
            "施策の目指す姿",
            "めざすまちの姿",
            "目指すまちの姿",
            "10年後の姿",
            "5年後の姿",
            "将来像",
            "めざす将来像",
        ),
        "vision",
    ),
    **dict.fromkeys(("施策の体系", "施策体系", "体系図"), "diagram"),
    **dict.fromkeys(
        (
            "主な取組",
            "主な取組み",
            "主な取り組み",
            "主要な取組",
            "主な施策",
            "施策の展開",
            "本市の主な取組",
            "具体的な取組",
            "具体的な取り組み",
            "主な事業",
            "主要事業",
            "主な事務事業",
            "取組内容",
            "主な取組内容",
            "具体的な事業",
            "具体的内容",
            "施策の具体的内容",
            "具体的な取組内容",
            "重点的な取組",
        ),
        "initiatives",
    ),
    **dict.fromkeys(
        (
            "目標とする指標",
            "成果指標",
            "目標指標",
            "まちづくりの指標",
            "数値目標",
            "重要業績評価指標",
            "重要業績評価指標(KPI)",
            "重要業績指標",
            "KPI",
            "施策の成果指標",
            "成果指標と目標値",
            "基本目標指標",
            "全体目標指標",
            "評価指標",
            "施策指標",
            "めざす姿の成果指標",
            "数値目標(KPI)",
            "指標",
            "成果指標一覧",
            "指標一覧",
            "成果指標の一覧",
            "まちづくり指標の一覧",
            "目標",
            "成果目標",
        ),
        "indicators",
    ),
}
# Labels that mark a block of text that belongs to no section key: kept as a sub-heading.
OTHER_LABELS = frozenset(
    {
        "関連図表",
        "関連する個別計画",
        "関連計画",
        "関連する計画",
        "個別計画",
        "市民・地域の役割",
        "役割分担",
        "市民の役割",
        "協働の取組",
        "SDGsとの関係",
        "関連するSDGs",
        "SDGs",
        "ページの見方",
        "本書の見方",
        "計画の見方",
    }
)
DEPARTMENT_WORDS = ("主担当課", "担当課", "所管課", "担当部局", "担当部署", "主管課", "関係課")
# Column names of indicator tables, in their matching form.
HEADER_WORDS = frozenset(
    {
        "指標名",
        "指標",
        "指標名称",
        "指標の名称",
        "指標とその説明",
        "指標の説明",
        "成果指標",
        "項目",
        "KPI",
        "基準値",
        "現状値",
        "現況値",
        "現在値",
        "策定時",
        "策定時の値",
        "基準年度",
        "基準年",
        "目標値",
        "中間目標値",
        "中間目標",
        "掲載頁",
        "掲載ページ",
        "最終目標値",
        "目標年度",
        "目標年",
        "目標",
        "実績値",
        "単位",
        "方向性",
        "目指す方向",
        "めざす方向",
        "担当課",
        "出典",
        "算出方法",
        "数値目標",
        "基本目標指標",
        "全体目標指標",
        "達成状況",
    }
)
# Column names beside the values: a row number or a code in front of the name …
SIDE_CODE_WORDS = frozenset({"No", "No.", "NO", "番号", "施策", "施策番号", "コード", "施策コード"})
_CODE_ENDS = ("コード", "番号")  # 主要施策コード, 事業番号
# … and words of the text columns after them (reasons, reckoning, sources, notes).
SIDE_TEXT_WORDS = ("理由", "考え方", "積算", "根拠", "出典", "出所", "定義", "説明", "備考")
_SIDE_LIMIT = 20
# Column names that name the indicators themselves (the first column of a table).
NAME_COLUMNS = frozenset({"指標名", "指標", "指標名称", "指標の名称", "指標とその説明", "項目"})
# What a screen reader's text makes of column names (値 read as ち), and its arrow.
_SPOKEN = {
    "げんじょうち": "現状値",
    "もくひょうち": "目標値",
    "きじゅんち": "基準値",
    "じっせきち": "実績値",
}
_SPOKEN_CHI = re.compile(r"(現状|目標|基準|実績|現況|現在|中間目標|最終目標)ち")
_PREFIX = re.compile(
    r"^(?:[■□●○◆◇◎▪•・▶▷►]|\([0-9一二三四五六七八九十]+\)|[0-9]+[.、)]?|[①-⑳]|[ア-ン][.、)]|第[0-9]+節)"
)
_BRACKET_PAIRS = ("【】", "〈〉", "《》", "<>", "［］", "[]", "〔〕", "≪≫", "()")
_PAREN = re.compile(r"\(([^()]*)\)")
_TOKEN = re.compile(r"\S+")
_WIDE_GAP = re.compile(r"\s{2,}")


def spoken_to_written(text: str) -> str:
    """Return ``text`` with a screen reader's spellings of column names written out."""
    for spoken, written in _SPOKEN.items():
        text = text.replace(spoken, written)
    return _SPOKEN_CHI.sub(r"\1値", text)


_PAGE_REFERENCE = re.compile(r"(?:→|⇒|\(|（)?(?:p|P|ページ)\.?[0-9]+(?:参照)?(?:\)|）)?$")


def _bare(text: str) -> str:
    """Return a label without markers, numbering, brackets, colons, spaces and a page
    reference after it (成果指標 →p.78); a label that begins with its own number (5年後の姿)
    keeps it."""
    key = _PAGE_REFERENCE.sub("", match_key(spoken_to_written(text))).rstrip(":：")
    whole = _unbracketed(key)
    if whole in SECTION_WORDS:
        return whole
    return _unbracketed(_PREFIX.sub("", key, count=1).rstrip(":："))


def _unbracketed(key: str) -> str:
    """Return a label without the pair of brackets around it (【成果指標】 → 成果指標)."""
    for pair in _BRACKET_PAIRS:
        if len(key) > 2 and key[0] == pair[0] and key[-1] == pair[1]:
            return key[1:-1].strip()
    return key


def header_word(token: str) -> bool:
    """Tell whether ``token`` names an indicator table's column (現状値（R1） included)."""
    key = match_key(spoken_to_written(token))
    return key in HEADER_WORDS or _PAREN.sub("", key) in HEADER_WORDS


def side_column(cell: str) -> bool:
    """Tell whether a header cell names a column beside the indicator's values: a row number
    or code (No, 施策) or a short text column of reasons, reckoning or sources
    (指標として設定する理由, 目標値の考え方・積算など, 指標の出典・定義など)."""
    key = match_key(cell)
    if key in SIDE_CODE_WORDS or key.endswith(_CODE_ENDS):
        return True
    short = len(key) <= _SIDE_LIMIT and "。" not in key
    return short and any(w in key for w in SIDE_TEXT_WORDS)


def header_columns(line: str) -> tuple[str, ...]:
    """Return a table header's column names, or () when ``line`` is not a header.

    Two column names or more (or one that names the indicators, with two value columns named
    otherwise: 成果指標 | 令和元年 | 令和3年実績 | 5か年目標), and at least half of the cells
    column names, side
    columns (a No or 施策 code in front, reasons and sources behind: see :func:`side_column`)
    or value columns (see :func:`value_column`).
    """
    cells = _cells(line)
    words = [c for c in cells if header_word(c)]
    if not words:
        return ()
    values = sum(value_column(c) and not header_word(c) for c in cells)
    named = len(words) == 1 and names_indicators(words[0]) and values >= 2
    known = sum(header_word(c) or side_column(c) or value_column(c) for c in cells)
    if (len(words) < 2 and not named) or known * 2 < len(cells):
        return ()
    return tuple(cells)


def names_indicators(cell: str) -> bool:
    """Tell whether a column name names the indicators (成果指標, 指標名, KPI)."""
    key = match_key(cell)
    return "指標" in key or "KPI" in key or key in NAME_COLUMNS


def _cells(line: str) -> list[str]:
    """Return a header's cells: tab-separated, else separated by spaces outside parentheses
    (letters of a letter-spaced name joined again: 指 標 名 → 指標名).  Where wider gaps part
    the columns (指 標 名　　基 準 値), letters are joined only within a column."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t") if c.strip()]
    joined = re.sub(r"\s*([(（])", r"\1", fold(line).strip())
    columns = _WIDE_GAP.split(joined)
    if len(columns) > 1 and any(len(c.split()) > 1 for c in columns):
        return [cell for column in columns for cell in _letters_joined(column)]
    return _letters_joined(joined)


def _letters_joined(text: str) -> list[str]:
    """Return the words of ``text``, runs of one-letter words joined (指 標 名 → 指標名)."""
    cells: list[str] = []
    single = False
    for token in _TOKEN.findall(spoken_to_written(text)):
        if single and len(token) == 1 and cells:
            cells[-1] += token
        else:
            cells.append(token)
        single = len(token) == 1
    return cells


def _label_key(bare: str) -> str | None:
    """Return the key of a bare label: itself, without its parenthesis, what the parenthesis
    names (基本目標（数値目標） → indicators), or its first part (後期施策の方向・基本方針)."""
    bare = bare.removeprefix("後期").removeprefix("前期")
    key = SECTION_WORDS.get(bare) or SECTION_WORDS.get(_PAREN.sub("", bare))
    if key is None and "・" in bare:
        key = SECTION_WORDS.get(bare.split("・")[0])
    if key is None:
        inner = _PAREN.search(bare)
        key = SECTION_WORDS.get(inner[1]) if inner and bare.endswith(")") else None
    return key


_INDICATOR_LABEL = re.compile(r"^[^0-9。、]{2,16}(?:指標|KPI|\(KPI\)|数値目標)$")


def section_key(line: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Return (key, label, header columns) of a section label line, or None.

    Besides the known labels, a short line that ends in 指標 or KPI (政策の達成度を測る指標)
    names an indicator table.
    """
    bare = _bare(line)
    key = _label_key(bare) or ("indicators" if _INDICATOR_LABEL.match(bare) else None)
    if key is not None:
        return key, bare, ()
    return _label_with_header(line)


def _label_with_header(line: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Return an indicator label followed by its table's column names on the same line.

    A label that is also a column name (成果指標, 数値目標) is a label only when the columns
    after it name the indicators themselves (成果指標 指標名 基準値 目標値).
    """
    cells = _cells(line)
    if len(cells) < 3:
        return None
    label = _bare(cells[0])
    rest = cells[1:]
    if _indicator_key(label) is None or sum(header_word(c) for c in rest) < 2:
        return None
    if header_word(cells[0]) and _bare(rest[0]) not in NAME_COLUMNS:
        return None
    return "indicators", label, tuple(rest)


def _indicator_key(label: str) -> str | None:
    """Return "indicators" when a bare label names an indicator table, else None."""
    key = SECTION_WORDS.get(label) or SECTION_WORDS.get(_PAREN.sub("", label))
    return "indicators" if key == "indicators" or _INDICATOR_LABEL.match(label) else None


def other_label(line: str) -> str | None:
    """Return a label that heads text outside any section key (関連図表), or None."""
    bare = _bare(line)
    return bare if bare in OTHER_LABELS else None


def department(line: str) -> str | None:
    """Return the department a 「担当課：子育て支援課」 line names, or None."""
    text = fold(line).strip()
    for word in DEPARTMENT_WORDS:
        for form in (f"【{word}】", f"[{word}]", f"<{word}>", f"〈{word}〉", f"({word})", word):
            if text.startswith(form):
                rest = text[len(form) :].strip(" :：")
                return rest if 0 < len(rest) <= 100 and "。" not in rest else None
    return None
