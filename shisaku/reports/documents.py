"""The report as a document: one Django template, printed to PDF by WeasyPrint or saved as HTML.

The templates live under ``shisaku/reports/templates/reports/`` and are rendered by an engine
of their own (autoescaping on, the filters of :mod:`shisaku.reports.formatting` built in):
a document needs no request, no context processor and no site template, and the reports
package works without being an installed app. Everything the document needs is inside it
(CSS in a ``<style>``, charts as inline SVG); the PDF renderer may not fetch anything. The
font is Noto Sans CJK JP (Debian's fonts-noto-cjk): WeasyPrint embeds the glyphs used.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from django.template import Context, Engine
from django.utils.safestring import mark_safe

from shisaku.reports.indicators import legend
from shisaku.reports.model import NO_INDICATORS, NO_SHEET, NO_TEXT, NOT_ENTERED, Report

TEMPLATES = Path(__file__).resolve().parent / "templates"
Medium = Literal["pdf", "html"]


class FetchRefused(ValueError):
    """A report document asked for an outside resource; it must be self-contained."""


@cache
def engine() -> Engine:
    """Return the engine of the report documents."""
    return Engine(
        dirs=[str(TEMPLATES)],
        builtins=["shisaku.reports.formatting"],
        autoescape=True,
    )


def render_document(report: Report, *, medium: Medium) -> str:
    """Return the report as HTML: for WeasyPrint (``pdf``) or for a browser to print (``html``)."""
    context: dict[str, Any] = {
        "report": report,
        "medium": medium,
        # Safe: shisaku.graphics.charts escapes every text it writes into the SVG.
        "legend": [(mark_safe(svg), name) for svg, name in legend()],
        "NO_SHEET": NO_SHEET,
        "NO_INDICATORS": NO_INDICATORS,
        "NO_TEXT": NO_TEXT,
        "NOT_ENTERED": NOT_ENTERED,
    }
    return engine().get_template("reports/document.html").render(Context(context))


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Refuse every fetch: a report never loads anything from outside."""
    raise FetchRefused(f"レポートは外部の資源を読み込みません: {url}")


PDF_VARIANT = "pdf/ua-1"  # tagged (PDF/UA): headings, tables and reading order for screen readers


def to_pdf(report: Report) -> bytes:
    """Return the report as an A4 PDF/UA document (tagged, its language and title set) with page
    numbers and the Japanese font embedded."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy import: only when used

    document = HTML(string=render_document(report, medium="pdf"), url_fetcher=_refuse)
    data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return data


def to_html(report: Report) -> bytes:
    """Return the report as one printable HTML file (UTF-8, self-contained)."""
    return render_document(report, medium="html").encode("utf-8")
