"""The comparison page's chart and the sentence summing it up, from the rows its table shows.

One bar per municipality with a latest actual holding a number (its year written after the
value, since municipalities publish different years), in the groups the table gives (a
prefecture is not ranked against a city, nor a fiscal year against a calendar year), and the
newest national value as a dashed reference line.  The summary ranks bars only within a group
of two or more.  The table below stays the accessible source.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from shisaku.domain.assessment_scales import infer_decimals
from shisaku.graphics import bars
from shisaku.public import dates, display
from shisaku.public.comparisons.pages import ComparePage, CompareRow, NationalRow, period_basis
from shisaku.public.indicators.chart import join, short_year


@dataclass(frozen=True)
class CompareChart:
    """The SVG, its legend and the summary sentence."""

    svg: SafeString
    summary: str
    legend: list[tuple[SafeString, str]]


def _town(row: CompareRow) -> str:
    """Return a row's municipality name in the active language."""
    return display.plain(row.plan.municipality_name_ja, row.plan.municipality_name_en)


def _bar(row: CompareRow) -> bars.Bar | None:
    """Return a row's bar, or None when it has no actual with a number."""
    latest = row.summary.latest
    if latest is None or latest.value is None:
        return None
    when = dates.period_label(latest.period)
    text = gettext("%(value)s (%(when)s)") % {"value": latest.raw, "when": when}
    return bars.Bar(_town(row), float(latest.value), text)


def _reference(national: list[NationalRow]) -> bars.Reference | None:
    """Return the newest national value as the reference line."""
    if not national:
        return None
    v = national[0].value
    year = short_year(v.period_end, period_basis(v.period) != "fiscal")
    label = gettext("National %(value)s (%(year)s)") % {"value": v.raw, "year": year}
    return bars.Reference(label, float(v.value))


def drawn(page: ComparePage) -> list[bars.BarGroup]:
    """Return the groups' bars (rows with an actual holding a number), in the table's order.

    Headings are given only when there is more than one group to tell apart.
    """
    found = [(g, tuple(b for b in map(_bar, g.rows) if b is not None)) for g in page.groups]
    found = [(g, shown) for g, shown in found if shown]
    headed = len(found) > 1
    return [bars.BarGroup(g.heading if headed else "", shown) for g, shown in found]


def chart(page: ComparePage) -> CompareChart | None:
    """Return the chart of a comparison, or None when no municipality has a number to draw."""
    shown = drawn(page)
    if not shown:
        return None
    reference = _reference(page.national)
    every = [b for g in shown for b in g.bars]
    values = [b.value for b in every] + ([reference.value] if reference else [])
    name = display.plain(page.common.name_ja, page.common.name_en)
    figure = bars.BarChart(
        title=gettext("Chart of %(name)s by municipality") % {"name": name},
        description=_describe(every, reference),
        groups=tuple(shown),
        reference=reference,
        unit=page.common.unit,
        decimals=infer_decimals(values),
    )
    samples = [
        (mark_safe(bars.legend_sample("bar")), gettext("Latest actual of each municipality"))
    ]
    if reference:
        samples.append((mark_safe(bars.legend_sample("reference")), gettext("National value")))
    # Safe: bars escapes every text it writes into the SVG.
    return CompareChart(mark_safe(bars.bar_chart(figure)), summary(page), samples)


def _describe(shown: list[bars.Bar], reference: bars.Reference | None) -> str:
    """Return every drawn value in words, for the chart's <desc>."""
    parts = [f"{b.label} {b.text}" for b in shown] + ([reference.label] if reference else [])
    return ("; " if display.english() else "、").join(parts)


def summary(page: ComparePage) -> str:
    """Return the sentence beside the chart: how many have an actual, and within each group of
    two or more the highest and the lowest (never a ranking of a single municipality)."""
    shown = drawn(page)
    count = sum(len(g.bars) for g in shown)
    if not count:
        return join([gettext("No municipality has published an actual yet."), _national(page)])
    text = gettext("%(count)s of %(total)s have an actual.") % {
        "count": count,
        "total": len(page.rows),
    }
    apart = (
        gettext("Only figures of the same kind of area and year are ranked together.")
        if len(page.groups) > 1
        else ""
    )
    return join([text, apart, *(_ranked(g) for g in shown), _national(page)])


def _ranked(group: bars.BarGroup) -> str:
    """Return the highest and the lowest of a group of two or more bars (nothing for one)."""
    if len(group.bars) < 2:
        return ""
    ranked = sorted(group.bars, key=lambda b: b.value)
    values = {
        "high": f"{ranked[-1].label} {ranked[-1].text}",
        "low": f"{ranked[0].label} {ranked[0].text}",
    }
    if group.heading:
        values["group"] = group.heading
        return gettext("%(group)s: highest %(high)s, lowest %(low)s.") % values
    return gettext("Highest %(high)s, lowest %(low)s.") % values


def _national(page: ComparePage) -> str:
    """Return the newest national value and where it is stated, or that none is held."""
    if not page.national:
        return gettext("The system holds no national value for this statistic.")
    n = page.national[0]
    return gettext("The national value is %(value)s (%(year)s), stated in %(where)s.") % {
        "value": n.value.raw,
        "year": dates.period_label(n.value.period),
        "where": n.stated_in,
    }
