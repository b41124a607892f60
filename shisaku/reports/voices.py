"""The consultations' published results in a year's report: per measure, the published opinions
(or their summaries) on it with the response, from the results published in the fiscal year.

Read through :func:`shisaku.voice.queries.result_rows`, the rows the consultation's page and its
downloads show, so the report never holds a hidden opinion, a name or contact details.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone, translation

from shisaku.reports.model import VoiceRow
from shisaku.voice import queries


def in_fiscal_year(published: date, year: int) -> bool:
    """Tell whether a day falls in the fiscal year ``year`` (April to March)."""
    return date(year, 4, 1) <= published <= date(year + 1, 3, 31)


def voices_by_measure(plan_id: int, year: int) -> dict[str, tuple[VoiceRow, ...]]:
    """Return, per measure code, the published results of the fiscal year on that measure."""
    found: dict[str, list[VoiceRow]] = {}
    with translation.override("ja"):
        for item in queries.published_results(plan_id):
            published = item.result_published_at
            if published is None or not in_fiscal_year(timezone.localdate(published), year):
                continue
            for row in queries.result_rows(item):
                voice = VoiceRow(
                    item.title_ja, row.opinion, row.response, row.reason, row.department
                )
                found.setdefault(row.measure, []).append(voice)
    return {code: tuple(rows) for code, rows in found.items()}
