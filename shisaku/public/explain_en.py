"""English for the sentences the grading and forecasting generate in Japanese.

The domain (pure Python, no gettext) explains each grade and forecast in Japanese built from
fixed phrases and numbers: 「達成率 71.4% → C（60%以上80%未満）」.  English pages read the same
explanation through :data:`RULES`, each a Japanese phrase pattern and its English msgid (the
Japanese catalogue carries the phrase back, so the pairs stay in one place).  What the rules
cannot turn wholly into English (a grade label a city typed, a place name) is not half
translated: :func:`english` returns None and the page shows the Japanese, counted in its notice
of untranslated content.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from shisaku.indicators.models import Figure

JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
N = r"[-+−]?[\d,.]+%?"  # a number as the domain prints it: 1,820 / +0.0350 / 71.4%

# Longer phrases before the words inside them; every pattern's named groups fill its msgid.
RULES: list[tuple[re.Pattern[str], Promise]] = [
    (
        re.compile(r"評価済みの指標のうち A・B の割合。未評価（X）は分母に含めない"),
        gettext_lazy(
            "Share of A and B among the assessed indicators; unassessed (X) ones are left out"
        ),
    ),
    (
        re.compile(r"最小二乗法による直線回帰（(?P<a>\d+)〜(?P<b>\d+)年度の(?P<n>\d+)時点）："),
        gettext_lazy("Least-squares line (FY%(a)s–FY%(b)s, %(n)s points): "),
    ),
    (re.compile(rf"傾き (?P<s>{N})/年"), gettext_lazy("slope %(s)s a year")),
    (
        re.compile(r"年平均成長率（(?P<a>\d+)→(?P<b>\d+)）"),
        gettext_lazy("Compound annual growth (%(a)s→%(b)s)"),
    ),
    (
        re.compile(r"年平均成長率：0以下の値を含むため計算できません"),
        gettext_lazy("Compound annual growth: not computed, a value is zero or less"),
    ),
    (re.compile(r"(?P<y>\d+)年度の推計値"), gettext_lazy("projection for FY%(y)s")),
    (
        re.compile(r"推計には(?P<n>\d+)時点以上の実績が必要です（(?P<k>\d+)時点）"),
        gettext_lazy("A projection needs actuals for at least %(n)s years (%(k)s given)"),
    ),
    (
        re.compile(r"定性的な目標は数値で推計できません"),
        gettext_lazy("A qualitative target cannot be projected in numbers"),
    ),
    (
        re.compile(rf"（目標 (?P<t>{N}) 以上が達成）"),
        gettext_lazy(" (the target is met at %(t)s or more)"),
    ),
    (
        re.compile(rf"（目標 (?P<t>{N}) 以下が達成）"),
        gettext_lazy(" (the target is met at %(t)s or less)"),
    ),
    (re.compile(r"達成困難見込み"), gettext_lazy("Unlikely to be met")),
    (re.compile(r"既に達成"), gettext_lazy("Already met")),
    (re.compile(r"達成見込み"), gettext_lazy("Likely to be met")),
    (re.compile(r"推計不能"), gettext_lazy("Cannot be projected")),
    (re.compile(r"未達成（0%）"), gettext_lazy("not met (0%%)")),
    (re.compile(r"達成（100%）"), gettext_lazy("met (100%%)")),
    (re.compile(r"(?P<a>\d+)%以上(?P<b>\d+)%未満"), gettext_lazy("%(a)s%% to under %(b)s%%")),
    (re.compile(r"(?P<a>\d+)%以上"), gettext_lazy("%(a)s%% or more")),
    (re.compile(r"(?P<a>\d+)%未満"), gettext_lazy("under %(a)s%%")),
    (re.compile(r"未評価"), gettext_lazy("Not assessed")),
    (re.compile(r"評価対象外"), gettext_lazy("Not graded")),
    (re.compile(r"(?P<y>\d+)年度の目標値"), gettext_lazy("Target for FY%(y)s")),
    (re.compile(r"按分進捗率"), gettext_lazy("Pro-rata progress")),
    (re.compile(r"達成率"), gettext_lazy("Achievement")),
    (re.compile(r"進捗率"), gettext_lazy("Progress")),
    (re.compile(r"年度目標"), gettext_lazy("year target")),
    (re.compile(r"増加（↑）"), gettext_lazy("Increase (↑)")),
    (re.compile(r"減少（↓）"), gettext_lazy("Decrease (↓)")),
    (re.compile(r"順位（小さいほど良い）"), gettext_lazy("Rank (smaller is better)")),
    (re.compile(r"基準値"), Figure.Kind.BASELINE.label),
    (re.compile(r"目標値"), Figure.Kind.TARGET.label),
    (re.compile(r"実績値"), Figure.Kind.ACTUAL.label),
    (re.compile(r"方向"), gettext_lazy("Direction")),
    (re.compile(r"実績"), gettext_lazy("actual")),
    (re.compile(r"目標"), gettext_lazy("target")),
    (re.compile(r"基準"), gettext_lazy("baseline")),
    (re.compile(r"、累計"), gettext_lazy(", cumulative")),
    (re.compile(r"なし"), gettext_lazy("none")),
]
# Japanese punctuation the phrases leave between numbers, as English writes it.
PUNCTUATION = str.maketrans({"（": " (", "）": ")", "、": ", ", "：": ": ", "。": ". "})


def _replace(template: Promise) -> Callable[[re.Match[str]], str]:
    """Return the substitution of one rule: its English with the numbers it matched."""
    return lambda match: str(template) % match.groupdict()


def english(text: str) -> str | None:
    """Return a generated Japanese sentence in English, or None when a part stays Japanese."""
    with translation.override("en"):
        return _english(text)


def _english(text: str) -> str | None:
    """Apply the rules in order (the active language is English)."""
    for pattern, template in RULES:
        text = pattern.sub(_replace(template), text)
    text = " ".join(text.translate(PUNCTUATION).split()).replace("( ", "(")
    return None if JAPANESE.search(text) else text[:1].upper() + text[1:]
