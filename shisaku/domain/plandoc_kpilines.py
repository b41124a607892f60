"""Indicator rows printed as lines of their own, with no table label before them.

A strategy copied into a blog or a web page lists a goal's 数値目標 and a measure's KPIs as bare
lines, 「メロン出荷額：3億1,200万円 → 3億6,000万円」 or 「① 新規就農者数：1.2人/年 → 3人/年」: a
name, a colon, the baseline, an arrow (→, ⇒, 右矢印 in a screen reader's text) and the target.
The form alone says such a line is an indicator row, wherever it stands under a heading; the
plan builder puts it in the indicator table of the node it is read under.
"""

from __future__ import annotations

import re

_ARROW = r"(?:→|⇒|➡|⇨|右矢印)"
_KPI_LINE = re.compile(
    rf"^(?P<name>[^:：。→⇒➡⇨]{{2,60}}?)\s*[:：]\s*(?P<base>[^。→⇒➡⇨]{{0,30}}?)[\s、]*{_ARROW}"
    rf"[\s、]*(?P<target>[^。→⇒➡⇨]{{1,30}})$"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々]")
_DIGIT = re.compile(r"[0-9０-９]")


def is_kpi_line(text: str) -> bool:
    """Tell whether ``text`` is an indicator row 「名称：基準値 → 目標値」 by its form alone: a
    name in words, one colon and one arrow, and a figure on either side of the arrow."""
    m = _KPI_LINE.match(text.strip())
    if m is None or len(_CJK.findall(m["name"])) < 2:
        return False
    return bool(_DIGIT.search(m["base"]) or _DIGIT.search(m["target"]))
