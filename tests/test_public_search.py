"""Search over the published plans: Japanese substrings, width forms, English, indicators."""

from __future__ import annotations

import re

import pytest
from pytest_django.asserts import assertInHTML

from shisaku.public.search import highlight
from tests import test_public_indicators as indicator_pages
from tests import test_public_pages as plan_pages
from tests.test_public_indicators import page, twin

aomori = indicator_pages.aomori  # the real 青森市 seed, shared with the other page tests
uda = indicator_pages.uda
testville = indicator_pages.testville
draft_plan = plan_pages.draft_plan

SEARCH = "/ja/search/"
AOMORI = "/ja/022012/2019-2023/"


def hits(data) -> list[tuple[str, str, str, str]]:
    """Return (type, kind, code, url) of every hit of a search twin."""
    return [(h["type"], h["kind"], h["code"], h["url"]) for g in data["groups"] for h in g["hits"]]


def hit_items(html: str) -> list[str]:
    """Return each listed hit as text."""
    found = re.findall(r'<ol class="hits">(.*?)</ol>', html, re.S)
    items = [i for part in found for i in re.findall(r"<li>(.*?)</li>", part, re.S)]
    return [" ".join(re.sub(r"<[^>]+>", "", i).split()) for i in items]


# --- the real seed ----------------------------------------------------------------------------


def test_kosodate_finds_the_policy_the_measure_and_the_bullets_that_say_it(client, aomori):
    data = twin(client, SEARCH + "index.json?q=子育て")
    found = hits(data)
    assert ("title", "policy", "2-1", AOMORI + "2-1/") in found
    assert ("title", "measure", "2-1-1", AOMORI + "2-1-1/") in found
    assert ("text", "policy", "2-1", AOMORI + "2-1/#s-situation") in found
    texts = [h["text"] for g in data["groups"] for h in g["hits"] if h["type"] == "text"]
    assert "出生数が減少し続けている一方、女性の社会進出や夫婦共働き世帯の増加といった" in texts[1]
    assert ("title", "initiative", "2-1-1.4", AOMORI + "2-1-1/#i-2-1-1.4") in found
    assert data["total"] == data["shown"] == len(found) == 10
    assert all("子育て" in h["title"] + h["text"] for g in data["groups"] for h in g["hits"])


def test_the_results_page_marks_each_match_and_links_to_where_it_is(client, aomori):
    html = page(client, SEARCH + "?q=子育て")
    assertInHTML('<p class="result-count" role="status">10件見つかりました。</p>', html)
    assertInHTML(
        '<p class="hit-title"><span class="kind">政策</span> <span class="code">2-1</span> '
        '<a href="/ja/022012/2019-2023/2-1/">子ども・<mark>子育て</mark>支援の充実</a></p>',
        html,
    )
    assertInHTML(
        '<p class="hit-title"><span class="kind">政策</span> <span class="code">2-1</span> '
        '<a href="/ja/022012/2019-2023/2-1/#s-situation">子ども・<mark>子育て</mark>支援の充実</a>'
        ' <span class="hit-context">現状と課題</span></p>',
        html,
    )
    assertInHTML('<p class="excerpt"><mark>子育て</mark>の状況</p>', html)
    assert hit_items(html)[0] == "政策 2-1 子ども・子育て支援の充実"


def test_a_block_hit_gives_its_place_in_the_plans_exchange_document(client, aomori):
    data = twin(client, SEARCH + "index.json?q=子育て")
    plan = twin(client, AOMORI + "index.json")

    def node(nodes, code):
        for n in nodes:
            if n["code"] == code:
                return n
            found = node(n.get("children", []), code)
            if found:
                return found
        return None

    blocks = [h for g in data["groups"] for h in g["hits"] if h["type"] == "text"]
    assert [(h["code"], h["section"], h["block"]) for h in blocks] == [
        ("2-1", "situation", 3),
        ("2-1", "situation", 4),
        ("2-1", "direction", 1),
        ("2-1-1", "description", 1),
    ]
    for h in blocks:
        section = next(
            s for s in node(plan["nodes"], h["code"])["sections"] if s["key"] == h["section"]
        )
        assert section["blocks"][h["block"] - 1]["text"] == h["text"]


def test_the_pages_a_hit_links_to_hold_its_anchor(client, aomori):
    assert 'id="s-situation"' in page(client, AOMORI + "2-1/")
    assert 'id="i-2-1-1.4"' in page(client, AOMORI + "2-1-1/")


def test_kankei_jinko_finds_the_action_of_measure_3_1_3(client, aomori):
    data = twin(client, SEARCH + "index.json?q=関係人口")
    assert hits(data) == [
        ("title", "action", "3-1-3.2.1", AOMORI + "3-1-3/#i-3-1-3.2.1"),
    ]
    html = page(client, SEARCH + "?q=関係人口")
    assert "継続的に関わる「<mark>関係人口</mark>」※の拡大" in html


@pytest.mark.parametrize("query", ["ＩＣＴ", "ICT", "ict", "ｉｃｔ", " ＩＣＴ　"])
def test_full_width_and_half_width_forms_find_the_same_text(client, aomori, query):
    data = twin(client, SEARCH + f"index.json?q={query}")
    assert data["query"] == query.strip().replace("ＩＣＴ", "ICT").replace("ｉｃｔ", "ict")
    assert [h[2] for h in hits(data)] == ["2-2-1.1.3"]
    html = page(client, SEARCH + f"?q={query}")
    assert "学校 <mark>ICT</mark> 環境の整備" in html


def test_every_word_of_the_query_must_appear(client, aomori):
    data = twin(client, SEARCH + "index.json?q=子育て 経済的負担")
    assert [h[2] for h in hits(data)] == ["2-1-1.4.1"]
    assert data["terms"] == ["子育て", "経済的負担"]
    html = page(client, SEARCH + "?q=子育て　経済的負担")
    assert "<mark>子育て</mark>の<mark>経済的負担</mark>" in html


def test_at_most_a_hundred_hits_are_shown_with_the_count_of_all(client, aomori):
    data = twin(client, SEARCH + "index.json?q=の")
    assert (data["shown"], data["limit"]) == (100, 100)
    assert data["total"] > 100
    html = page(client, SEARCH + "?q=の")
    assert len(hit_items(html)) == 100
    assert f"{data['total']}件見つかりました。最初の100件を表示しています。" in html


def test_nothing_found_says_so(client, aomori):
    html = page(client, SEARCH + "?q=存在しない語句")
    assertInHTML('<p class="result-count" role="status">0件見つかりました。</p>', html)
    assert "見つかりませんでした。" in html


# --- English, indicators, municipalities ------------------------------------------------------


def test_an_english_query_finds_the_english_title_and_shows_it(client, testville):
    html = page(client, "/en/search/?q=Counselling")
    assertInHTML(
        '<p class="hit-title"><span class="kind">Measure</span> <span class="code">1-1-1</span> '
        '<a href="/en/999997/2024-2028/1-1-1/">Better <mark>counselling</mark></a></p>',
        html,
    )
    assertInHTML(
        '<p class="hit-title"><span class="kind">Indicator</span> <span class="code">K1</span> '
        '<a href="/en/999997/2024-2028/indicators/K1/"><mark>Counselling</mark> cases</a></p>',
        html,
    )


def test_japanese_text_found_from_an_english_page_is_tagged_and_counted_once(client, testville):
    html = page(client, "/en/search/?q=相談")
    assertInHTML(
        '<a href="/en/999997/2024-2028/1-1/#s-situation"><span lang="ja">暮らしの安心</span></a>',
        html,
    )
    assertInHTML(
        '<p class="excerpt"><span lang="ja"><mark>相談</mark>件数が増えています。</span></p>',
        html,
    )
    assert "(Japanese only)" not in html
    assert html.count('class="untranslated-notice"') == 1


def test_indicators_are_found_by_name_and_by_definition(client, uda, testville):
    data = twin(client, SEARCH + "index.json?q=出生率")
    assert hits(data) == [
        ("indicator", "indicator", "1", "/ja/292125/2015-2019/indicators/1/"),
    ]
    html = page(client, SEARCH + "?q=1年間")  # only in K1's definition
    assertInHTML('<p class="excerpt">市の相談窓口が<mark>1年間</mark>に受けた相談の件数</p>', html)


def test_hits_are_grouped_by_municipality_and_plan(client, aomori, testville):
    data = twin(client, SEARCH + "index.json?q=相談")
    assert [(g["municipality"]["code"], g["plan"]["slug"]) for g in data["groups"]] == [
        ("022012", "2019-2023"),
        ("999997", "2024-2028"),
    ]
    test_hits = data["groups"][1]["hits"]
    assert [h["type"] for h in test_hits][-2:] == [
        "indicator",
        "indicator",
    ]  # text, then indicators
    html = page(client, SEARCH + "?q=相談")
    assert [t for tag, t in indicator_pages.headings(html) if tag == "h2"] == [
        "青森市 青森市総合計画 前期基本計画 2019年度〜2023年度（令和元年度〜令和5年度）",
        "試験市 試験市総合計画 2024年度〜2028年度（令和6年度〜令和10年度）",
    ]


def test_the_search_can_be_kept_to_one_municipality(client, aomori, testville):
    data = twin(client, SEARCH + "index.json?q=相談&municipality=999997")
    assert {g["municipality"]["code"] for g in data["groups"]} == {"999997"}
    assert data["municipality"] == "999997"
    html = page(client, SEARCH + "?q=相談&municipality=999997")
    assertInHTML('<option value="999997" selected>試験市</option>', html)


def test_draft_plans_are_not_searched(client, draft_plan):
    data = twin(client, SEARCH + "index.json?q=相談支援")
    assert {h[3].split("/")[3] for h in hits(data)} == {"2024-2028"}


# --- the form, bad parameters, cost -----------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/ja/", "/ja/999997/", "/ja/999997/2024-2028/", "/ja/999997/2024-2028/1-1/", SEARCH]
)
def test_every_page_has_a_search_box_in_its_header_that_works_without_javascript(
    client, testville, url
):
    html = page(client, url)
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    assertInHTML(
        '<form class="site-search" role="search" action="/ja/search/" method="get">'
        '<label class="visually-hidden" for="site-search-q">計画と指標を検索</label>'
        '<input id="site-search-q" type="search" name="q" value="" maxlength="100" '
        'enterkeyhint="search"><button type="submit">検索</button></form>',
        header,
    )


def test_the_search_page_without_words_shows_the_form_and_no_downloads(client, testville):
    html = page(client, SEARCH)
    assert '<label for="search-q">検索する語</label>' in html
    assert "公開されている計画の本文と指標を検索できます。" in html
    assert 'class="downloads"' not in html and "index.json" not in html


def test_the_search_words_stay_in_the_box_and_the_downloads(client, testville):
    html = page(client, SEARCH + "?q=%EF%BC%A9%EF%BC%A3%EF%BC%B4&municipality=999997")  # ＩＣＴ
    assert 'value="ICT"' in html
    assert 'href="/ja/search/index.csv?q=ICT&amp;municipality=999997"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=" + "あ" * 101, "検索する語が長すぎます。100文字以内にしてください。"),
        (
            "q=a&municipality=abc",
            "「abc」は全国地方公共団体コード（6桁の数字。例：022012）ではありません。",
        ),
    ],
)
def test_bad_parameters_are_a_400_page_and_a_400_json_error(client, testville, query, message):
    html = page(client, f"{SEARCH}?{query}", 400)
    assert f"<p>{message}</p>" in html
    assert twin(client, f"{SEARCH}index.json?{query}", 400) == {
        "error": "bad_request",
        "message": message,
    }


def test_the_data_of_a_search_needs_words(client, testville):
    assert twin(client, SEARCH + "index.json", 400)["error"] == "bad_request"
    assert client.get(SEARCH + "index.csv?q=").status_code == 400


def test_a_search_needs_a_fixed_number_of_queries(client, aomori, django_assert_max_num_queries):
    # titles, blocks and indicators (each with its count when the limit is reached), the
    # node paths, the municipalities and their plans
    with django_assert_max_num_queries(9):
        page(client, SEARCH + "?q=の")


# --- highlighting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms", "spans"),
    [
        ("子ども・子育て支援", ["子育て"], [(4, 7)]),
        ("学校ＩＣＴ環境", ["ict"], [(2, 5)]),
        ("ICT と ict", ["ICT"], [(0, 3), (6, 9)]),
        ("子育て支援", ["子育て", "育て支"], [(0, 4)]),
        ("㈱子育て", ["(株)"], [(0, 1)]),
        ("abc", ["x"], []),
    ],
)
def test_matches_are_found_on_folded_text_and_mapped_back(text, terms, spans):
    assert highlight.spans(text, terms) == spans


@pytest.mark.parametrize(
    ("text", "terms", "width", "html"),
    [
        ("<b>子育て</b>", ["子育て"], None, "&lt;b&gt;<mark>子育て</mark>&lt;/b&gt;"),
        ("a & b", ["&"], None, "a <mark>&amp;</mark> b"),
        ("0123456789子育て0123456789", ["子育て"], 9, "…789<mark>子育て</mark>012…"),
        ("子育て0123456789", ["子育て"], 6, "<mark>子育て</mark>012…"),
        ("短い", ["x"], 10, "短い"),
    ],
)
def test_marked_text_escapes_everything_but_the_marks(text, terms, width, html):
    assert highlight.marked(text, terms, width=width) == html
