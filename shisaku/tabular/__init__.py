"""Tables as files: CSV (UTF-8, with a BOM for Excel by default) and xlsx workbooks.

The one writer of each format in the code base: the public site's downloads and the indicator
exchange files both come through here, so both get the same formula-injection guard.

Pure: the standard library and openpyxl, plus :mod:`shisaku.domain` (to tell a plain number
such as 「-5」 from text a spreadsheet would run).  No Django, no other layer.
"""

from __future__ import annotations

from shisaku.tabular.csvout import csv_text, to_csv
from shisaku.tabular.guard import guard, needs_guard, unguard
from shisaku.tabular.xlsxout import Sheet, display_width, sheet_name, to_xlsx

__all__ = [
    "Sheet",
    "csv_text",
    "display_width",
    "guard",
    "needs_guard",
    "sheet_name",
    "to_csv",
    "to_xlsx",
    "unguard",
]
