"""A measure's cost from its programmes: Decimal yen, personnel = staff-years × unit cost."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from shisaku.domain.costs import (
    AmountError,
    ProgrammeCost,
    check_amounts,
    read_amount,
    summarise,
)


@pytest.mark.parametrize(
    ("staff_years", "unit_cost", "personnel"),
    [
        (D("0.5"), D("8000000"), D("4000000")),
        (D("1.25"), D("7654321"), D("9567901")),  # 9,567,901.25 → 9,567,901
        (D("0.33"), D("7654321"), D("2525926")),  # 2,525,925.93 → 2,525,926
        (D("0.1"), D("5"), D("1")),  # 0.5 → 1: half up, not to even
        (D("0"), D("8000000"), D("0")),
        (None, D("8000000"), None),
        (D("0.5"), None, None),
    ],
)
def test_personnel_cost_is_staff_years_times_unit_cost_rounded_half_up_to_the_yen(
    staff_years, unit_cost, personnel
):
    cost = ProgrammeCost("P1", staff_years=staff_years, unit_cost=unit_cost)
    assert cost.personnel == personnel
    assert cost.personnel is None or isinstance(cost.personnel, D)


def test_full_cost_is_the_settlement_plus_personnel():
    cost = ProgrammeCost("P1", D("1200000"), D("1100000"), D("0.5"), D("8000000"))
    assert cost.full_cost == D("5100000")
    assert ProgrammeCost("P1", settlement=D("1100000")).full_cost is None


def test_a_measure_sums_its_programmes_exactly():
    summary = summarise(
        [
            ProgrammeCost("P1", D("1200000"), D("1100000"), D("0.5"), D("8000000")),
            ProgrammeCost("P2", D("300000.00"), D("250001"), D("0.1"), D("7000000")),
        ]
    )
    assert summary.programmes == 2
    assert summary.budget == D("1500000")
    assert summary.settlement == D("1350001")
    assert summary.staff_years == D("0.6")
    assert summary.personnel == D("4700000")
    assert summary.full_cost == D("6050001")
    assert summary.complete
    assert all(
        isinstance(v, D)
        for v in (summary.budget, summary.settlement, summary.personnel, summary.full_cost)
    )


def test_decimal_sums_do_not_drift_like_floats():
    rows = [
        ProgrammeCost(f"P{i}", settlement=D("0.1"), staff_years=D("0.1"), unit_cost=D("1"))
        for i in range(10)
    ]
    summary = summarise(rows)
    assert summary.settlement == D("1.0")
    assert summary.staff_years == D("1.0")


def test_a_missing_amount_is_named_not_counted_as_zero_silently():
    summary = summarise(
        [
            ProgrammeCost("P1", D("1000"), D("900"), D("0.5"), D("8000000")),
            ProgrammeCost("P2", D("500")),
        ]
    )
    assert summary.settlement == D("900")
    assert summary.personnel == D("4000000")
    assert summary.full_cost == D("4000900")
    assert not summary.complete
    assert summary.incomplete == ("P2: 決算額・従事職員数・人件費単価",)


def test_no_programmes_means_no_cost_rather_than_zero():
    summary = summarise([])
    assert (summary.programmes, summary.settlement, summary.personnel, summary.full_cost) == (
        0,
        None,
        None,
        None,
    )
    assert summary.complete


def test_a_measure_whose_programmes_lack_every_amount_has_no_full_cost():
    summary = summarise([ProgrammeCost("P1"), ProgrammeCost("P2")])
    assert summary.full_cost is None
    assert len(summary.incomplete) == 2


@pytest.mark.parametrize(
    ("amounts", "errors"),
    [
        ((D("1000"), D("900"), D("0.5"), D("8000000")), []),
        ((None, None, None, None), []),
        ((D("-1"), None, None, None), ["予算額が負の値です（-1）"]),
        ((None, None, D("-0.5"), None), ["従事職員数が負の値です（-0.5）"]),
        ((D("1000.5"), None, None, None), ["予算額は円単位の整数にしてください（1000.5）"]),
        (
            (None, None, D("0.25"), D("8000000.1")),
            ["人件費単価は円単位の整数にしてください（8000000.1）"],
        ),
    ],
)
def test_amounts_are_checked(amounts, errors):
    assert check_amounts(*amounts) == errors


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234,000", D("1234000")),
        ("1,234,000円", D("1234000")),
        ("１，２３４千円", D("1234000")),
        ("0.5人", D("0.5")),
        ("0.25人年", D("0.25")),
        ("△300", D("-300")),
        ("▲3", D("-3")),
        ("-", None),
        ("―", None),
        ("", None),
        ("なし", None),
    ],
)
def test_amount_cells_are_read_as_decimal(text, value):
    assert read_amount(text) == value


@pytest.mark.parametrize("text", ["約100万円", "abc", "1,000ドル", "1.2.3"])
def test_an_unreadable_amount_says_what_is_accepted(text):
    with pytest.raises(AmountError, match="1,234千円"):
        read_amount(text)
