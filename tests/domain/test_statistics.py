"""Context statistics found in plan prose."""

from decimal import Decimal

import pytest

from shisaku.domain.statistics import Statistic, find_statistics

BIRTH = (
    "本市における合計特殊出生率は、2017年は1.40と国の1.43よりも低水準であり、また、非婚化・晩婚化の"
    "進展、若年層の市外流出による子どもを産む世代の減少などが相まって出生数が減少しています。"
)
AID = (
    "要保護及び準要保護児童生徒数は減少しているものの、2018年5月1日現在で、児童の19.4%、"
    "生徒の23.9%が就学援助を受けています。"
)


def test_it_finds_the_city_and_national_birth_rates_of_the_seed():
    assert find_statistics(BIRTH) == [
        Statistic("合計特殊出生率", "本市", "CY2017", "1.40", Decimal("1.40"), ""),
        Statistic("合計特殊出生率", "国", "CY2017", "1.43", Decimal("1.43"), ""),
    ]


def test_it_finds_the_school_aid_shares_of_the_seed_with_their_date():
    assert find_statistics(AID) == [
        Statistic(
            "就学援助を受けている児童の割合", "本市", "2018-05-01", "19.4%", Decimal("19.4"), "%"
        ),
        Statistic(
            "就学援助を受けている生徒の割合", "本市", "2018-05-01", "23.9%", Decimal("23.9"), "%"
        ),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "青森暮らしサポートセンターにまたは本市への移住相談者のうち、本市へ移住した人数は年間10数名程度と他都市より少ない状況となっています。",
        "2025年には第80回国民スポーツ大会が青森県で開催がされるなど、今後、スポーツに対する関心が高まっていくものと考えられます。",
        "校舎の築年数が30年以上の学校が大半を占めており、学校施設等の老朽化が進行しています。",
    ],
)
def test_it_leaves_numbers_no_rule_explains(sentence):
    assert find_statistics(sentence) == []


def test_it_reads_full_width_figures_and_fiscal_years():
    found = find_statistics(
        "本市における待機児童率は、2020年度は２．５％と国の３．１％よりも低い。"
    )
    assert [(s.area, s.period, s.raw, s.value, s.unit) for s in found] == [
        ("本市", "FY2020", "２．５％", Decimal("2.5"), "%"),
        ("国", "FY2020", "３．１％", Decimal("3.1"), "%"),
    ]
