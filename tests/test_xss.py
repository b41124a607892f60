"""Stored XSS: free text entered anywhere is shown escaped everywhere it appears.

Payloads go in through the services (plan text, node titles, footnotes, indicator names,
definitions, notes, figure notes and sources) and every page that shows them is searched
for the payload as markup; the escaped form must be there instead.
"""

import pytest

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import Block, Footnote, Node, PlanMeta, Section
from shisaku.indicators import services as indicators
from shisaku.plan import services as plans
from tests.factories import figure

FORMULA = '=HYPERLINK("http://evil.example","click")'
PAYLOADS = [
    "<script>alert('x1')</script>",
    '"><img src=x onerror=alert(2)>',
    "</textarea><svg onload=alert(3)>",
    '<a href="javascript:alert(4)">4</a>',
]
MARKUP = ["<script>alert(", "<img src=x onerror", "<svg onload", 'href="javascript:']


def _nodes(p):
    action = Node("action", "1-1-1.1.1", f"相談 {p[0]}", footnotes=[Footnote("相談", p[1])])
    measure = Node(
        "measure",
        "1-1-1",
        f"施策 {p[2]}",
        title_en=p[3],
        sections=[Section("description", blocks=[Block("paragraph", f"説明 {p[0]}", p[1])])],
        children=[Node("initiative", "1-1-1.1", f"取組 {p[3]}", children=[action])],
    )
    policy = Node(
        "policy",
        "1-1",
        f"政策 {p[1]}",
        sections=[Section("situation", blocks=[Block("subheading", p[2]), Block("bullet", p[3])])],
        children=[measure],
    )
    return [Node("field", "1", f"分野 {p[0]}", children=[policy])]


@pytest.fixture
def hostile(db, operator):
    plans.save_municipality(
        actor=operator, code="999997", name_ja=f"試験市{PAYLOADS[0]}", name_en=PAYLOADS[1]
    )
    meta = PlanMeta(
        title=f"計画 {PAYLOADS[2]}", title_en=PAYLOADS[3], period_start=2024, period_end=2028
    )
    plans.import_plan(actor=operator, municipality_code="999997", meta=meta, nodes=_nodes(PAYLOADS))
    definition = IndicatorDefinition(
        "999997",
        "2024-2028",
        "K1",
        f"指標 {PAYLOADS[0]}",
        "increase",
        node_code="1-1-1",
        definition=PAYLOADS[1],
        note=PAYLOADS[2],
        rationale=PAYLOADS[3],
        source=PAYLOADS[0],
        department=PAYLOADS[1],
        common_code="births",
    )
    fig = figure("999997", "2024-2028", "K1", "target", "2028年度", "120件")
    fig = type(fig)(**{**fig.__dict__, "note": FORMULA, "source": PAYLOADS[2]})
    indicators.apply_batch(
        actor=operator, batch=IndicatorBatch(definitions=[definition], figures=[fig])
    )


PAGES = [
    "/{lang}/",
    "/{lang}/999997/",
    "/{lang}/999997/2024-2028/",
    "/{lang}/999997/2024-2028/1/",
    "/{lang}/999997/2024-2028/1-1/",
    "/{lang}/999997/2024-2028/1-1-1/",
    "/{lang}/999997/2024-2028/indicators/",
    "/{lang}/999997/2024-2028/indicators/K1/",
    "/{lang}/999997/2024-2028/dashboard/",
    "/{lang}/compare/births/",
    "/{lang}/search/?q=alert",
]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_public_page_shows_a_payload_as_markup(hostile, client, lang):
    for page in PAGES:
        response = client.get(page.format(lang=lang))
        assert response.status_code == 200, page
        html = response.content.decode()
        assert [m for m in MARKUP if m in html] == [], page
    assert "&lt;script&gt;alert(" in client.get(f"/{lang}/999997/2024-2028/1-1-1/").content.decode()


def test_json_twins_carry_the_text_as_data_not_as_html(hostile, client):
    response = client.get("/ja/999997/2024-2028/1-1-1/index.json")
    assert response["Content-Type"].startswith("application/json")
    assert PAYLOADS[2] in response.json()["node"]["title"]


def test_api_responses_are_json_with_the_text_as_data(hostile, client):
    response = client.get("/api/v1/municipalities/999997/plans/2024-2028/indicators/K1")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["name"] == f"指標 {PAYLOADS[0]}"


def test_downloads_guard_formulas_and_keep_the_text(hostile, client):
    import csv
    import io

    import openpyxl

    text = client.get("/ja/999997/2024-2028/indicators/K1/index.csv").content.decode("utf-8-sig")
    notes = [row for row in csv.reader(io.StringIO(text)) if FORMULA[1:] in "".join(row)]
    assert notes and all(f"'{FORMULA}" in row for row in notes)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/ja/999997/2024-2028/indicators/K1/index.xlsx").content)
    )
    cells = [
        c for row in book.active.iter_rows() for c in row if c.value and FORMULA[1:] in str(c.value)
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_workspace_shows_the_payloads_escaped(hostile, client, operator):
    from shisaku.accounts import services as accounts

    accounts.create_user(
        actor=operator,
        username="kikaku",
        password="correct horse battery staple 42",
        municipality_code="999997",
        role="planning",
    )
    client.login(username="kikaku", password="correct horse battery staple 42")
    base = "/ja/staff/999997/2024-2028/"
    for page in [
        "",
        "indicators/",
        "indicators/K1/",
        "indicators/K1/history/",
        "text/",
        "text/1-1-1/",
    ]:
        response = client.get(base + page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert [m for m in MARKUP if m in html] == [], page


def test_the_printable_report_shows_the_payloads_escaped(hostile, tmp_path, capsys):
    from shisaku.cli import main

    out = tmp_path / "report.html"
    code = main(["report", "html", "--municipality", "999997", "--year", "2028", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    assert [m for m in MARKUP if m in html] == []
    assert "&lt;script&gt;alert(" in html


@pytest.mark.parametrize(
    "url",
    [
        "/ja/999997/2024-2028/indicators/%00/",
        "/ja/staff/999997/2024-2028/indicators/%00/",
        "/ja/staff/reports/%00/2024-2028/",
    ],
)
def test_a_nul_in_a_path_is_not_found_not_a_server_error(hostile, client, url):
    assert client.get(url).status_code in (302, 404)
