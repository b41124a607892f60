"""Published evaluations (施策評価) on a measure's public page and in its JSON twin.

Data: the fictional 試験市 (999997) of tests/test_evaluation_setup.py with FY2024–FY2026
opened; measure 1-1-1 is published for FY2024 and FY2025 and with the committee for FY2026.
"""

from __future__ import annotations

import re

import pytest

from shisaku.evaluation import services
from shisaku.evaluation.transitions import transition
from tests.test_evaluation_setup import SLUG, TOWN, build_town

PAGE = f"/ja/{TOWN}/{SLUG}/1-1-1/"
EN_PAGE = f"/en/{TOWN}/{SLUG}/1-1-1/"
STEPS = [
    ("kosodate", "submit", ""),
    ("kacho", "approve", "成果は概ね順調"),
    ("kikaku", "review", "方向性は妥当"),
    ("kikaku", "refer", ""),
    ("iin", "comment", "市民への周知を一層進められたい"),
    ("kikaku", "publish", ""),
]


def evaluation(town, year):
    return town.evaluation("1-1-1", year)


def fill(town, year, **changes):
    row = evaluation(town, year)
    services.update_evaluation(
        actor=town["kikaku"], evaluation_id=row.pk, expected_version=row.version, changes=changes
    )


def walk(town, year, until="published"):
    for who, action, comment in STEPS:
        row = evaluation(town, year)
        if row.status == until:
            return
        transition(
            actor=town[who],
            evaluation_id=row.pk,
            action=action,
            comment=comment,
            expected_version=row.version,
        )


@pytest.fixture(name="town")
def town_fixture(db, operator):
    made = build_town(operator, open_years=(2024, 2025, 2026))
    fill(
        made,
        2025,
        results_ja="相談件数が150件に増えた。",
        results_en="Consultations rose to 150.",
        issues_ja="夜間の相談体制が十分でない。",
        direction="expand",
    )
    walk(made, 2025)
    fill(made, 2024, results_ja="相談窓口を開設した。", direction="maintain")
    walk(made, 2024)
    fill(made, 2026, results_ja="まだ外部評価中の成果")
    walk(made, 2026, until="committee")
    return made


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def section(html: str) -> str:
    start = html.index('<section class="evaluations"')
    return html[start : html.index("</section>", start)]


def test_the_measure_page_lists_published_evaluations_newest_first(client, town):
    html = section(client.get(PAGE).content.decode())
    text = plain(html)
    assert text.startswith("施策評価 担当課・所属長・企画課・外部評価委員会による毎年度の評価です")
    assert text.index("2025年度（令和7年度）") < text.index("2024年度（令和6年度）")
    latest = text[text.index("2025年度（令和7年度）") : text.index("2024年度（令和6年度）")]
    assert "今後の方向性 拡充 主管課 子育て支援課 公開日" in latest
    assert "2025年度（令和7年度）の指標の評価（評価の承認時に確定）" in latest
    assert "試験指標K1 150 C 60%以上80%未満" in latest
    assert "成果 相談件数が150件に増えた。" in latest
    assert "課題 夜間の相談体制が十分でない。" in latest
    assert "外部評価の意見 市民への周知を一層進められたい" in latest
    earlier = text[text.index("2024年度（令和6年度）") :]
    assert "今後の方向性 維持" in earlier
    assert "成果 相談窓口を開設した。" in earlier
    assert 'href="/ja/999997/2024-2028/indicators/K1/?year=2025"' in html


def test_only_published_evaluations_are_public(client, town):
    html = client.get(PAGE).content.decode()
    assert "まだ外部評価中の成果" not in html
    assert "2026年度（令和8年度）" not in section(html)


def test_a_reopened_evaluation_leaves_the_public_page(client, town):
    row = evaluation(town, 2025)
    transition(
        actor=town["kikaku"],
        evaluation_id=row.pk,
        action="reopen",
        comment="数値を訂正する",
        expected_version=row.version,
    )
    html = section(client.get(PAGE).content.decode())
    assert "相談件数が150件に増えた。" not in html
    assert "相談窓口を開設した。" in html


def test_english_pages_show_english_texts_and_tag_japanese_ones(client, town):
    html = section(client.get(EN_PAGE).content.decode())
    text = plain(html)
    assert text.startswith("Evaluations of this measure")
    latest = text[text.index("FY2025 (Reiwa 7)") : text.index("FY2024 (Reiwa 6)")]
    assert "Direction for the coming years Expand" in latest
    assert "Results Consultations rose to 150." in latest
    assert "Issues 夜間の相談体制が十分でない。" in latest
    assert '<div lang="ja"><p>夜間の相談体制が十分でない。</p></div>' in html
    assert "(Japanese only)" not in html
    assert "Direction for the coming years Maintain" in text


def test_other_pages_have_no_evaluation_section(client, town):
    html = client.get(f"/ja/{TOWN}/{SLUG}/1-1/").content.decode()
    assert 'class="evaluations"' not in html
    html = client.get(f"/ja/{TOWN}/{SLUG}/1-1-2/").content.decode()
    assert 'class="evaluations"' not in html


def test_the_json_twin_gives_the_published_evaluations(client, town):
    data = client.get(PAGE + "index.json").json()
    years = [e["fiscal_year"] for e in data["evaluations"]]
    assert years == [2025, 2024]
    latest = data["evaluations"][0]
    frozen_at = latest["grades"]["frozen_at"]
    assert {k: v for k, v in latest.items() if k not in ("published_at", "grades")} == {
        "fiscal_year": 2025,
        "fiscal_year_label": "2025年度（令和7年度）",
        "department": "子育て支援課",
        "direction": "expand",
        "direction_label": "拡充",
        "results": "相談件数が150件に増えた。",
        "results_en": "Consultations rose to 150.",
        "issues": "夜間の相談体制が十分でない。",
        "issues_en": "",
        "committee_opinion": "市民への周知を一層進められたい",
        "committee_opinion_en": "",
    }
    assert latest["published_at"]
    assert frozen_at
    k1 = latest["grades"]["indicators"][0]
    assert {k: k1[k] for k in ("code", "name", "actual", "grade", "grade_label", "url")} == {
        "code": "K1",
        "name": "試験指標K1",
        "actual": "150",
        "grade": "C",
        "grade_label": "60%以上80%未満",
        "url": "/ja/999997/2024-2028/indicators/K1/?year=2025",
    }
    assert k1["ratio"] == pytest.approx(0.75)
    assert latest["grades"]["counts"]["C"] == 2


def test_a_twin_without_published_evaluations_has_no_evaluations(client, town):
    data = client.get(f"/ja/{TOWN}/{SLUG}/1-1-2/index.json").json()
    assert "evaluations" not in data


def test_the_english_twin_labels_the_direction_in_english(client, town):
    data = client.get(EN_PAGE + "index.json").json()
    assert [e["direction_label"] for e in data["evaluations"]] == ["Expand", "Maintain"]
    assert data["evaluations"][0]["fiscal_year_label"] == "FY2025 (Reiwa 7)"


def test_a_page_without_evaluations_costs_no_more_queries_than_before(
    client, town, django_assert_max_num_queries
):
    # the plan, its tree once (4), the prose statistics, assess_plan (indicators, figures),
    # and one query for the published evaluations (none): the tree is no longer loaded twice;
    # then the consultations open today and the measures' SDG links (one query each)
    with django_assert_max_num_queries(11):
        client.get(f"/ja/{TOWN}/{SLUG}/1-1-2/")


def test_texts_are_escaped_on_the_page_and_kept_verbatim_in_the_twin(client, town):
    row = evaluation(town, 2026)  # with the committee: back to the department to rewrite
    transition(
        actor=town["kikaku"],
        evaluation_id=row.pk,
        action="reopen",
        comment="書き直し",
        expected_version=row.version,
    )
    fill(town, 2026, results_ja='<script>alert("x")</script>\n二行目')
    walk(town, 2026)
    html = section(client.get(PAGE).content.decode())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>二行目" in html
    data = client.get(PAGE + "index.json").json()
    assert data["evaluations"][0]["results"] == '<script>alert("x")</script>\n二行目'


def test_a_frozen_grade_shows_its_unit_in_the_pages_language(client, db, operator):
    from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
    from shisaku.indicators import services as indicator_services
    from tests.test_evaluation_setup import KOSODATE

    made = build_town(operator, open_years=(2025,))
    named = IndicatorDefinition(
        TOWN, SLUG, "K1", "試験指標K1", "increase", node_code="1-1-1", department=KOSODATE,
        unit="件", unit_en="cases",
    )  # fmt: skip
    indicator_services.apply_batch(actor=operator, batch=IndicatorBatch(definitions=[named]))
    walk(made, 2025)
    assert "試験指標K1 150 件 C" in plain(section(client.get(PAGE).content.decode()))
    english = section(client.get(EN_PAGE).content.decode())
    assert "試験指標K1 150 cases C" in plain(english)
    assert '<span lang="ja">件</span>' not in english
