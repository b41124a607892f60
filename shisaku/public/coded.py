"""Coded values (directions, figure kinds, grading methods, areas …) with the labels the pages
show: each coded value's label has one home, its model's choices, and this module only picks."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, gettext_lazy

from shisaku.indicators.assessing import PlanAssessment
from shisaku.indicators.models import Figure, Indicator


class Labels(dict[str, Promise]):
    """The labels of some coded values, each translated once per language: pages show them by
    the thousand, and a lazy label is translated anew each time it is shown."""

    def __init__(self, labels: Mapping[str, Promise]) -> None:
        super().__init__(labels)
        self._shown: dict[str | None, dict[str, str]] = {}

    def shown(self) -> dict[str, str]:
        """Return every label in the active language."""
        language = get_language()
        found = self._shown.get(language)
        if found is None:
            found = self._shown[language] = {key: str(text) for key, text in self.items()}
        return found


# Coded values with the labels their models give them (one home each).
DIRECTIONS = Labels(dict(Indicator.Direction.choices))
ACCUMULATIONS = Labels(dict(Indicator.Accumulation.choices))
TIME_BASES = Labels(dict(Indicator.TimeBasis.choices))
SOURCE_KINDS = Labels(dict(Indicator.SourceKind.choices))
FIGURE_KINDS = Labels(dict(Figure.Kind.choices))
LIKELIHOODS = Labels(
    {
        "already_met": gettext_lazy("Already met"),
        "likely": gettext_lazy("Likely to be met"),
        "unlikely": gettext_lazy("Unlikely to be met"),
        "insufficient_data": gettext_lazy("Insufficient data"),
    }
)
METHODS = Labels(
    {
        "ratio_to_target": gettext_lazy("Ratio of the actual to the final target"),
        "ratio_to_year_target": gettext_lazy("Ratio of the actual to that year's target"),
        "progress_from_baseline": gettext_lazy("Progress from the baseline to the target"),
        "pro_rata": gettext_lazy("Progress against the share of the plan period elapsed"),
        "band": gettext_lazy("Band around the baseline"),
        "points": gettext_lazy("Points by achievement ratio"),
        "expectation": gettext_lazy("Expectation of meeting the target"),
        "growth_rate": gettext_lazy("Actual growth against the growth required"),
    }
)
# Areas named in the plans' prose (「本市」「国」), as the pages name them.
AREAS = Labels(
    {
        "本市": gettext_lazy("This city"),
        "国": gettext_lazy("National"),
    }
)


def label(labels: dict[str, Promise], key: str) -> str:
    """Return the label of ``key`` in the active language (the key itself if unknown)."""
    if isinstance(labels, Labels):
        return labels.shown().get(key, key)
    return str(labels[key]) if key in labels else key


def area_label(area: str) -> str:
    """Return an area named in the prose (本市, 国) in the active language."""
    return label(AREAS, area) if area else gettext("Not given")


def method_name(done: PlanAssessment) -> str:
    """Return the name of the plan's grading method in the active language."""
    return label(METHODS, done.config.method)
