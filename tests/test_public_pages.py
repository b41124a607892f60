"""The public site's HTML pages: Japanese and English, hierarchy, notes, fallbacks and 404s."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest
from pytest_django.asserts import assertInHTML

from shisaku.domain.plantree import Node, PlanMeta
from tests.conftest import SEED, small_nodes

PLAN = "/ja/999997/2024-2028/"
EN_PLAN = "/en/999997/2024-2028/"
PAGES = [
    "/ja/",
    "/ja/999997/",
    PLAN,
    PLAN + "1/",
    PLAN + "9/",
    PLAN + "1-1/",
    PLAN + "1-1-1/",
]


class Outline(HTMLParser):
    """Collect the text of headings, breadcrumbs and other elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.crumbs: list[str] = []
        self._text: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag) or (tag == "li" and self._in_crumbs()):
            self._text.append([])

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((tag, " ".join("".join(self._text.pop()).split())))
        elif tag == "li" and self._in_crumbs():
            self.crumbs.append(" ".join("".join(self._text.pop()).split()))
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for text in self._text:
            text.append(data)

    def _in_crumbs(self) -> bool:
        return any(t == "nav" and "breadcrumbs" in (a.get("class") or "") for t, a in self.stack)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# --- home and municipality ------------------------------------------------------------------


def test_the_home_page_lists_the_municipality_and_its_plan_with_both_calendars(client, small_plan):
    html = page(client, "/ja/")
    assertInHTML('<a href="/ja/999997/">試験市</a>', html)
    assertInHTML(
        '<li><a href="/ja/999997/2024-2028/">試験市総合計画</a>'
        ' <span class="period">2024年度〜2028年度（令和6年度〜令和10年度）</span></li>',
        html,
    )


def test_the_english_home_page_uses_english_names_and_fiscal_years(client, small_plan):
    html = page(client, "/en/")
    assertInHTML('<a href="/en/999997/">Testville</a>', html)
    assertInHTML('<span class="period">FY2024–FY2028 (Reiwa 6–Reiwa 10)</span>', html)
    assert "<h1>Municipal plans</h1>" in html


def test_the_home_page_hides_municipalities_without_a_published_plan(client, small_plan, operator):
    from shisaku.plan import services

    services.save_municipality(actor=operator, code="022012", name_ja="青森市")
    assert "青森市" not in page(client, "/ja/")


def test_the_municipality_page_links_its_current_plan(client, small_plan):
    html = page(client, "/ja/999997/")
    assertInHTML(
        '<p class="current">現行の計画: <a href="/ja/999997/2024-2028/">試験市総合計画</a>'
        ' <span class="period">2024年度〜2028年度（令和6年度〜令和10年度）</span></p>',
        html,
    )


# --- plan page --------------------------------------------------------------------------------


def test_the_plan_page_shows_the_whole_hierarchy_with_links(client, small_plan):
    html = page(client, PLAN)
    assert [h for h in outline(html).headings] == [
        ("h1", "試験市総合計画"),
        ("h2", "進捗の概要"),
        ("h3", "施策ごとの状況"),
        ("h2", "1 くらし"),
        ("h2", "9 （分野名は原文に記載がありません）"),
    ]
    assertInHTML(
        '<a href="/ja/999997/2024-2028/1-1/"><span class="code">1-1</span> 暮らしの安心</a>', html
    )
    assertInHTML(
        '<a href="/ja/999997/2024-2028/1-1-1/"><span class="code">1-1-1</span> 相談支援の充実</a>',
        html,
    )
    assertInHTML(
        '<a href="/ja/999997/2024-2028/1-1-1/#i-1-1-1.1">'
        '<span class="code">1-1-1.1</span> 相談体制の充実</a>',
        html,
    )
    assertInHTML('<dd class="period">2024年度〜2028年度（令和6年度〜令和10年度）</dd>', html)


def test_a_field_without_a_title_in_the_source_says_so_and_gets_none_invented(client, small_plan):
    ja = page(client, PLAN + "9/")
    en = page(client, EN_PLAN + "9/")
    assertInHTML(
        '<h1 class="field"><span class="code">9</span>'
        ' <span class="unknown-title">（分野名は原文に記載がありません）</span></h1>',
        ja,
    )
    assertInHTML(
        '<h1 class="field"><span class="code">9</span>'
        ' <span class="unknown-title">(title not given in the source)</span></h1>',
        en,
    )


def test_the_field_page_lists_its_policies_and_their_measures(client, small_plan):
    html = page(client, PLAN + "1/")
    assert outline(html).headings == [
        ("h1", "1 くらし"),
        ("h2", "進捗の概要"),
        ("h3", "施策ごとの状況"),
        ("h2", "政策"),
    ]
    assertInHTML(
        '<a href="/ja/999997/2024-2028/1-1-1/"><span class="code">1-1-1</span> 相談支援の充実</a>',
        html,
    )


# --- policy and measure pages -----------------------------------------------------------------


def test_the_policy_page_shows_its_situation_direction_missing_diagram_and_measures(
    client, small_plan
):
    html = page(client, PLAN + "1-1/")
    assert outline(html).headings == [
        ("h1", "1-1 暮らしの安心"),
        ("h2", "進捗の概要"),
        ("h3", "施策ごとの状況"),
        ("h2", "現状と課題"),
        ("h3", "相談の状況"),
        ("h2", "基本方向"),
        ("h2", "施策の体系"),
        ("h2", "施策"),
    ]
    assertInHTML("<ul><li>相談件数が増えています。</li></ul>", html)
    assertInHTML("<p>誰もが相談できるまちをめざします。</p>", html)
    assertInHTML('<p class="source-note">原文に図が収録されていません</p>', html)
    assertInHTML(
        '<a href="/ja/999997/2024-2028/1-1-1/"><span class="code">1-1-1</span> 相談支援の充実</a>',
        html,
    )


def test_the_measure_page_shows_initiatives_actions_and_the_footnote_beside_its_term(
    client, small_plan
):
    html = page(client, PLAN + "1-1-1/")
    assert outline(html).headings == [
        ("h1", "1-1-1 相談支援の充実"),
        ("h2", "主な取組"),
        ("h3", "相談体制の充実"),
        ("h2", "目標とする指標"),
        ("h2", "注釈"),
    ]
    assertInHTML("<p>相談支援を充実します。</p>", html)
    assertInHTML('<h3 id="i-1-1-1.1">相談体制の充実</h3>', html)
    assertInHTML(
        '<li id="i-1-1-1.1.1">相談窓口'
        '<a class="note-ref" href="#fn-1" id="fnref-1">※1</a>を開設します。</li>',
        html,
    )
    assertInHTML(
        '<dt id="fn-1">※1 相談窓口</dt>'
        '<dd>市役所の窓口のこと。 <a class="note-back" href="#fnref-1">本文へ戻る</a></dd>',
        html,
    )


def test_the_empty_indicator_table_keeps_its_columns_and_says_nothing_is_set(client, small_plan):
    html = page(client, PLAN + "1-1-1/")
    assertInHTML(
        '<table class="indicators"><thead><tr><th scope="col">指標とその説明</th>'
        '<th scope="col">基準値</th><th scope="col">目標値</th></tr></thead>'
        '<tbody><tr><td class="source-note" colspan="3">原文では指標が未記載です</td></tr>'
        "</tbody></table>",
        html,
    )
    en = page(client, EN_PLAN + "1-1-1/")
    assertInHTML(
        '<table class="indicators"><thead><tr><th scope="col">Indicator and description</th>'
        '<th scope="col">Baseline</th><th scope="col">Target</th></tr></thead>'
        '<tbody><tr><td class="source-note" colspan="3">Not set in the source document</td></tr>'
        "</tbody></table>",
        en,
    )


def test_an_initiative_or_action_code_redirects_to_its_place_on_the_measure_page(
    client, small_plan
):
    for code in ("1-1-1.1", "1-1-1.1.1"):
        response = client.get(PLAN + code + "/")
        assert response.status_code == 302
        assert response["Location"] == f"/ja/999997/2024-2028/1-1-1/#i-{code}"
    assert client.get(EN_PLAN + "1-1-1.1/")["Location"] == "/en/999997/2024-2028/1-1-1/#i-1-1-1.1"


# --- English: translations and marked Japanese fallbacks -------------------------------------


def test_the_english_measure_page_shows_the_english_title(client, small_plan):
    html = page(client, EN_PLAN + "1-1-1/")
    assertInHTML(
        '<h1 class="measure"><span class="code">1-1-1</span> Better counselling</h1>', html
    )
    assertInHTML('<h2 id="h-initiatives">Main initiatives</h2>', html)


def notice(html: str) -> str:
    """Return the text of the page's one notice of untranslated content ("" when none)."""
    assert html.count('class="untranslated-notice"') <= 1
    match = re.search(r'<div class="untranslated-notice" role="note">(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)).split("  ")[0].strip() if match else ""


def test_english_pages_show_untranslated_content_in_japanese_with_one_notice(client, small_plan):
    html = page(client, EN_PLAN + "1-1/")
    assertInHTML(
        '<h1 class="policy"><span class="code">1-1</span> <span lang="ja">暮らしの安心</span></h1>',
        html,
    )
    assertInHTML(
        '<section class="section situation" id="s-situation" aria-labelledby="h-situation">'
        '<h2 id="h-situation">Current state and issues</h2>'
        '<div lang="ja"><h3>相談の状況</h3><ul><li>相談件数が増えています。</li></ul></div>'
        "</section>",
        html,
    )
    assert "(Japanese only)" not in html
    assert notice(html) == (
        "Not yet translated on this page: policy titles (1), passages of plan text (3)."
    )
    assert html.index("untranslated-notice") < html.index("<h1")
    assertInHTML(
        '<p class="source-note">The source document does not include the diagram.</p>', html
    )


def test_japanese_pages_and_wholly_translated_pages_have_no_notice(client, small_plan):
    assert notice(page(client, PLAN + "1-1/")) == ""
    assert notice(page(client, "/en/")) == ""


def test_english_pages_count_a_wholly_untranslated_action_list_item_by_item(client, small_plan):
    html = page(client, EN_PLAN + "1-1-1/")
    assertInHTML(
        '<ul class="actions" lang="ja"><li id="i-1-1-1.1.1">相談窓口'
        '<a class="note-ref" href="#fn-1" id="fnref-1">※1</a>を開設します。</li></ul>',
        html,
    )
    assertInHTML(
        '<dd><span lang="ja">市役所の窓口のこと。</span>'
        ' <a class="note-back" href="#fnref-1">Back to the text</a></dd>',
        html,
    )
    assert notice(html) == (
        "Not yet translated on this page: initiative titles (1), action items (1),"
        " passages of plan text (1), notes on terms (1)."
    )


def test_english_pages_tag_each_untranslated_item_of_a_partly_translated_list(
    client, small_plan, operator
):
    from shisaku.plan import services

    nodes = small_nodes()
    initiative = nodes[0].children[0].children[0].children[0]
    initiative.children[0].title_en = "Open a counselling desk."
    initiative.children.append(Node("action", "1-1-1.1.2", "訪問相談を行います。"))
    meta = PlanMeta(title="試験市総合計画", period_start=2029, period_end=2033)
    services.import_plan(actor=operator, municipality_code="999997", meta=meta, nodes=nodes)
    html = page(client, "/en/999997/2029-2033/1-1-1/")
    assertInHTML(
        '<ul class="actions"><li id="i-1-1-1.1.1">Open a counselling desk.'
        '<a class="note-ref" href="#fn-1" id="fnref-1">※1</a></li>'
        '<li id="i-1-1-1.1.2"><span lang="ja">訪問相談を行います。</span></li></ul>',
        html,
    )
    assert notice(html) == (
        "Not yet translated on this page: initiative titles (1), action items (1),"
        " passages of plan text (1), notes on terms (1)."
    )


# --- every page: chrome, breadcrumbs, twins --------------------------------------------------


def test_breadcrumbs_lead_from_home_to_the_page_in_each_language(client, small_plan):
    assert outline(page(client, PLAN + "1-1/")).crumbs == [
        "ホーム",
        "試験市",
        "試験市総合計画",
        "1 くらし",
        "1-1 暮らしの安心",
    ]
    assert outline(page(client, EN_PLAN + "1-1-1/")).crumbs == [
        "Home",
        "Testville",
        "Testville Plan",
        "1 Living",
        "1-1 暮らしの安心",
        "1-1-1 Better counselling",
    ]
    assertInHTML(
        '<a href="/en/999997/2024-2028/1-1-1/" aria-current="page">1-1-1 Better counselling</a>',
        page(client, EN_PLAN + "1-1-1/"),
    )
    assert outline(page(client, "/ja/")).crumbs == ["ホーム"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_its_language_skip_link_switcher_json_twin_and_ordered_headings(
    client, small_plan, url
):
    html = page(client, url)
    twin = url + "index.json"
    assert '<html lang="ja">' in html
    assertInHTML('<a class="skip-link" href="#main">本文へ移動</a>', html)
    assert '<main id="main" tabindex="-1">' in html
    assertInHTML(f'<link rel="alternate" type="application/json" href="{twin}">', html)
    assertInHTML(f'<a href="{twin}" type="application/json" download>JSON</a>', html)
    other = "/en/" + url.removeprefix("/ja/")
    assertInHTML(f'<a href="{other}" hreflang="en" lang="en">English</a>', html)
    assert '<nav class="breadcrumbs" aria-label="現在位置">' in html
    levels = [int(tag[1]) for tag, _ in outline(html).headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert client.get(twin).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_no_page_needs_javascript(client, small_plan, url):
    html = page(client, url)
    assert "<script" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_english_pages_say_they_are_english_and_link_back_to_japanese(client, small_plan):
    html = page(client, EN_PLAN + "1-1/")
    assert '<html lang="en">' in html
    assertInHTML('<a href="/ja/999997/2024-2028/1-1/" hreflang="ja" lang="ja">日本語</a>', html)
    assertInHTML(
        '<link rel="alternate" type="application/json" href="/en/999997/2024-2028/1-1/index.json">',
        html,
    )


def test_a_node_page_needs_a_fixed_number_of_queries(
    client, small_plan, django_assert_max_num_queries
):
    # the plan; the tree (nodes, footnotes, blocks, sections); the prose statistics; the
    # measures' SDG links; and assess_plan: indicators, figures and the tree again for its
    # roll-ups
    with django_assert_max_num_queries(13):
        page(client, PLAN + "1-1-1/")


# --- not found ---------------------------------------------------------------------------------


@pytest.fixture
def draft_plan(small_plan, operator):
    """A second plan of 試験市, still a draft."""
    from shisaku.plan import services

    meta = PlanMeta(
        title="試験市総合計画（案）", period_start=2029, period_end=2033, status="draft"
    )
    return services.import_plan(
        actor=operator, municipality_code="999997", meta=meta, nodes=small_nodes()
    )


@pytest.mark.parametrize(
    "url",
    [
        "/ja/999999/",
        "/ja/123456/2024-2028/",
        PLAN.replace("2024-2028", "1999-2003"),
        PLAN + "7-7/",
        PLAN + "1-1-9/",
    ],
)
def test_unknown_addresses_get_the_japanese_404_page(client, small_plan, url):
    html = page(client, url, 404)
    assert '<html lang="ja">' in html
    assert "<h1>ページが見つかりません</h1>" in html


def test_the_english_404_page_is_in_english(client, small_plan):
    html = page(client, EN_PLAN + "7-7/", 404)
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html


def test_a_draft_plan_is_not_public(client, draft_plan):
    page(client, "/ja/999997/2029-2033/", 404)
    page(client, "/ja/999997/2029-2033/1-1/", 404)
    assert "試験市総合計画（案）" not in page(client, "/ja/999997/")
    assert "試験市総合計画（案）" not in page(client, "/ja/")


# --- the real seed (青森市 前期基本計画, FY2019–FY2023) ---------------------------------


@pytest.fixture
def aomori(db, operator):
    """The bundled 青森市 plan, read by the plan-document parser and imported via the services."""
    from shisaku.domain import plandoc
    from shisaku.plan import services

    tree = plandoc.parse_plan(SEED.read_text(encoding="utf-8"), source=SEED.name)
    services.save_municipality(
        actor=operator, code="022012", name_ja="青森市", name_en="Aomori City"
    )
    meta = PlanMeta(title="青森市総合計画 前期基本計画", period_start=2019, period_end=2023)
    return services.import_plan(
        actor=operator, municipality_code="022012", meta=meta, nodes=tree.nodes
    )


def test_the_real_seed_policy_page_shows_its_five_situation_subsections(client, aomori):
    headings = outline(page(client, "/ja/022012/2019-2023/2-2/")).headings
    assert [text for tag, text in headings if tag == "h3"] == [
        "施策ごとの状況",
        "教育環境の状況",
        "学校教育の状況",
        "子どもを取り巻く状況",
        "生涯を通じた学習の状況",
        "青少年を取り巻く状況",
    ]


def test_the_real_seed_shows_its_period_unknown_field_and_footnote(client, aomori):
    assert "2019年度〜2023年度（令和元年度〜令和5年度）" in page(client, "/ja/022012/")
    assertInHTML(
        '<span class="unknown-title">（分野名は原文に記載がありません）</span>',
        page(client, "/ja/022012/2019-2023/"),
    )
    html = page(client, "/ja/022012/2019-2023/3-1-3/")
    assert '「関係人口」<a class="note-ref" href="#fn-1" id="fnref-1">※1</a>の拡大' in html
    assert "移住でも観光でもなく" in html


def test_an_english_page_of_the_bundled_plan_has_one_notice_with_exact_counts(client, aomori):
    from shisaku.domain import plandoc
    from shisaku.domain.plantree import walk

    tree = plandoc.parse_plan(SEED.read_text(encoding="utf-8"), source=SEED.name)
    policy = next(n for n in walk(tree.nodes) if n.code == "2-1")
    texts = {b.text for s in policy.sections for b in s.blocks if b.kind != "row"}
    html = page(client, "/en/022012/2019-2023/2-1/")
    assert "(Japanese only)" not in html and "ja-only" not in html
    assert (len(policy.children), len(texts)) == (2, 9)
    assert notice(html) == (
        "Not yet translated on this page: policy titles (1), measure titles (2),"
        " passages of plan text (9), labels and explanations (1)."  # 合計特殊出生率, a statistic
    )
    assert html.index('class="untranslated-notice"') < html.index("<h1")
