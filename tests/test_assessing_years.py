"""Grading one plan in every year with the same views: each indicator is prepared once."""

import gc

import pytest

from shisaku.domain.assessment import Grade
from shisaku.indicators import assessing
from shisaku.indicators.assessing import assess_plan, grade_indicator, indicator_grade
from shisaku.indicators.queries import plan_indicators
from shisaku.plan import queries
from tests.factories import make_uda_plan

YEARS = range(2014, 2020)


@pytest.fixture
def uda(db, operator):
    make_uda_plan(operator)
    return queries.find_plan("292125")


def test_grading_every_year_with_the_same_views_gives_what_fresh_views_give(uda):
    views = plan_indicators(uda.id)
    shared = [repr(assess_plan(uda, year, views=views)) for year in YEARS]
    assert shared == [repr(assess_plan(uda, year)) for year in YEARS]


def test_the_forecast_is_worked_out_once_per_view_whatever_the_year(uda):
    views = plan_indicators(uda.id)
    first, later = (assess_plan(uda, year, views=views) for year in (2015, 2017))
    assert all(a.forecast is b.forecast for a, b in zip(first.results, later.results, strict=True))


def test_a_view_no_longer_used_is_forgotten(uda):
    gc.collect()
    before = len(assessing._prepared._found)
    assess_plan(uda, 2016)
    gc.collect()
    assert len(assessing._prepared._found) == before


def test_the_grade_alone_is_the_grade_of_each_indicator_in_every_year(uda):
    views = plan_indicators(uda.id)
    config = assess_plan(uda, views=views).config
    alone = [indicator_grade(v, year, config) for v in views for year in YEARS]
    graded = [grade_indicator(v, year, config).assessment for v in views for year in YEARS]
    assert alone == [Grade.of(a) for a in graded]
    assert {g.status for g in alone} >= {"graded", "no_actual"}
