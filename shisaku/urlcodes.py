"""The codes that appear in URLs, as path converters registered once for every interface.

``town`` is a 6-digit 全国地方公共団体コード; ``node`` a plan node code (2-1-1, 2-1-1.1.2);
``indicator`` an indicator or programme code as the plan's files give it (anything but a slash
or a control character, which PostgreSQL would refuse); ``table`` a download format; ``pref``
a prefecture's two digits; ``common`` a common indicator code (``total-fertility-rate``).
"""

from __future__ import annotations

from django.urls import register_converter

from shisaku.domain.codes import CODE_PATTERN, INDICATOR_PATTERN


class TownConverter:
    """A 6-digit 全国地方公共団体コード."""

    regex = "[0-9]{6}"

    def to_python(self, value: str) -> str:
        """Return the code as given."""
        return value

    def to_url(self, value: str) -> str:
        """Return the code as given."""
        return value


class NodeConverter(TownConverter):
    """A plan node code such as 2-1-1, 2-1-1.1.2 or 1-(2) as a plan prints it (dots, dashes
    and round brackets allowed)."""

    regex = CODE_PATTERN  # the one rule for node codes (shisaku.domain.codes)


class IndicatorConverter(TownConverter):
    """An indicator or programme code (anything but a slash or a control character)."""

    regex = INDICATOR_PATTERN


class PrefectureConverter(TownConverter):
    """A prefecture's two-digit code (the first two digits of its municipalities' codes)."""

    regex = "[0-9]{2}"


class CommonCodeConverter(TownConverter):
    """A common indicator code (共通指標コード): lower-case words joined by dashes."""

    regex = "[a-z0-9]+(?:-[a-z0-9]+)*"


class TableConverter(TownConverter):
    """The format of a page's table as a download: csv or xlsx."""

    regex = "csv|xlsx"


register_converter(TownConverter, "town")
register_converter(NodeConverter, "node")
register_converter(IndicatorConverter, "indicator")
register_converter(TableConverter, "table")
register_converter(PrefectureConverter, "pref")
register_converter(CommonCodeConverter, "common")
