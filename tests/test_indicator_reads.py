"""Reading figures: the plain views are exactly what Django's own conversions give."""

from datetime import UTC

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services
from shisaku.indicators.models import Figure
from shisaku.indicators.queries import (
    FIGURE_FIELDS,
    HISTORY_ORDER,
    FigureView,
    plan_figure_history,
    plan_indicators,
)
from shisaku.plan.models import Plan
from tests.factories import figure

# Cells of every shape: qualifiers, parts, ranks, markers, text, signs, many decimals, zero.
CELLS = [
    "約2,600名",
    "45.10（見込）",
    "国語： 5地区 算数： 2地区",
    "13位",
    "―",
    "策定",
    "△3.25",
    "1,234,567,890.123456",
    "0.000001",
    "0",
    "1.40",
]


def record(operator, small_plan, cells):
    """Record each cell as the actual of one year of indicator K1 (again: a new revision)."""
    batch = IndicatorBatch(
        definitions=[IndicatorDefinition("999997", "2024-2028", "K1", "件数", "increase")],
        figures=[
            figure("999997", "2024-2028", "K1", "actual", f"{2015 + i}年度", cell)
            for i, cell in enumerate(cells)
        ],
    )
    services.apply_batch(actor=operator, batch=batch)


def plan_id():
    """Return the id of the fictional plan."""
    return Plan.objects.get(municipality__code="999997").id


def django_views(plan_id):
    """Return the plan's figures as Django's converters give them (the reference)."""
    rows = Figure.objects.filter(indicator__plan_id=plan_id).order_by(
        "indicator_id", *HISTORY_ORDER
    )
    return [FigureView(*values) for values in rows.values_list(*FIGURE_FIELDS)]


def test_a_history_holds_what_djangos_conversions_give_value_for_value(small_plan, operator):
    record(operator, small_plan, CELLS)
    record(operator, small_plan, list(reversed(CELLS)))  # revisions of every year
    read = [f for views in plan_figure_history(plan_id()).values() for f in views]
    assert repr(read) == repr(django_views(plan_id()))
    assert any(f.components for f in read) and any(f.revision == 2 for f in read)


def test_values_keep_six_decimals_and_time_stamps_are_aware_in_utc(small_plan, operator):
    record(operator, small_plan, CELLS)
    (view,) = plan_indicators(plan_id())
    numbers = [f.value for f in view.figures if f.value is not None]
    assert numbers and all(v.as_tuple().exponent == -6 for v in numbers)
    assert all(f.entered_at.tzinfo == UTC for f in view.figures)


def test_a_view_of_a_row_equals_the_view_built_field_by_field():
    values = ["actual", "FY2024", 2024, 2024, "", "1", "number", None, "", "", "", [], "", ""]
    values += [1, True, "cli:test", None]
    assert FigureView.of_row(values) == FigureView(*values)
    assert repr(FigureView.of_row(values)) == repr(FigureView(*values))
