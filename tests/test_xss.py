"""Stored XSS: free text entered anywhere is shown escaped everywhere it appears.

Payloads go in through the services (plan text, node titles, footnotes, indicator names,
definitions, notes, figure notes and sources) and every page that shows them is searched
for the payload as markup; the escaped form must be there instead.
"""

from dataclasses import replace

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


# --- every field of an indicator and a figure --------------------------------------------------

JAPANESE_FIELDS = ("name", "definition", "unit", "rationale", "note")
ENGLISH_FIELDS = ("name_en", "definition_en", "unit_en", "rationale_en", "note_en")
SHARED_FIELDS = ("source", "department")  # no English twin: shown in Japanese
FIGURE_FIELDS = ("figure_note", "figure_source", "breakdown")
EVERY_FIELD = JAPANESE_FIELDS + ENGLISH_FIELDS + SHARED_FIELDS + FIGURE_FIELDS


def field_payload(field: str) -> str:
    """Return the hostile text stored in ``field``: one per field, so each is found alone, and
    short enough for the narrowest column (a unit: 30 characters)."""
    return f"<script>'{field}'&\"</script>"


def field_escaped(field: str) -> str:
    """Return ``field_payload`` as a page must show it: escaped."""
    return f"&lt;script&gt;&#x27;{field}&#x27;&amp;&quot;&lt;/script&gt;"


def _definition(code: str, fields: tuple[str, ...]) -> IndicatorDefinition:
    """Return an indicator of the measure 1-1-1 with a payload in each of ``fields``."""
    text = {name: field_payload(name) for name in fields}
    return IndicatorDefinition(
        "999997",
        "2024-2028",
        code,
        direction="increase",
        node_code="1-1-1",
        common_code="births",
        **text,
    )


def _figures(code: str) -> list:
    """Return an indicator's baseline, target and actual, whole and by a hostile breakdown,
    each with a hostile note and source."""
    hostile = {"note": field_payload("figure_note"), "source": field_payload("figure_source")}
    rows = [
        figure("999997", "2024-2028", code, "baseline", "2024年度", "100件"),
        figure("999997", "2024-2028", code, "target", "2028年度", "120件"),
        figure("999997", "2024-2028", code, "actual", "2025年度", "110件"),
    ]
    whole = [replace(f, **hostile) for f in rows]
    return whole + [replace(f, breakdown=field_payload("breakdown")) for f in whole]


@pytest.fixture
def every_field(db, operator):
    """A published plan with two indicators carrying a payload in every field: K1 in both
    languages, K2 in Japanese only (English pages show its Japanese text)."""
    plans.save_municipality(actor=operator, code="999997", name_ja="試験町", name_en="Test Town")
    meta = PlanMeta(title="計画", period_start=2024, period_end=2028)
    measure = Node("measure", "1-1-1", "施策", sections=[Section("indicators")])
    tree = [
        Node("field", "1", "分野", children=[Node("policy", "1-1", "政策", children=[measure])])
    ]
    plans.import_plan(actor=operator, municipality_code="999997", meta=meta, nodes=tree)
    definitions = [
        _definition("K1", JAPANESE_FIELDS + ENGLISH_FIELDS + SHARED_FIELDS),
        _definition("K2", JAPANESE_FIELDS + SHARED_FIELDS),
    ]
    batch = IndicatorBatch(definitions=definitions, figures=_figures("K1") + _figures("K2"))
    indicators.apply_batch(actor=operator, batch=batch)


SHOWN = {  # (page, language) → the fields whose escaped payload it shows
    ("indicators/K1/", "ja"): JAPANESE_FIELDS + SHARED_FIELDS + FIGURE_FIELDS,
    ("indicators/K1/", "en"): ENGLISH_FIELDS + SHARED_FIELDS + FIGURE_FIELDS,
    ("indicators/K2/", "ja"): JAPANESE_FIELDS + SHARED_FIELDS + FIGURE_FIELDS,
    ("indicators/K2/", "en"): JAPANESE_FIELDS + SHARED_FIELDS + FIGURE_FIELDS,
    ("1-1-1/", "ja"): ("name", "unit"),
    ("1-1-1/", "en"): ("name", "name_en", "unit", "unit_en"),
    ("/compare/births/", "ja"): ("name", "unit"),
    ("/compare/births/", "en"): ("name_en", "unit_en"),  # one indicator a municipality: K1
}


@pytest.mark.parametrize(("page", "lang"), list(SHOWN))
def test_every_field_of_an_indicator_and_a_figure_shows_escaped(every_field, client, page, lang):
    base = f"/{lang}" if page.startswith("/") else f"/{lang}/999997/2024-2028/"
    response = client.get(base + page)
    assert response.status_code == 200
    html = response.content.decode()
    shown = [f for f in EVERY_FIELD if f in SHOWN[page, lang]]
    assert [f for f in EVERY_FIELD if field_escaped(f) in html] == shown
    assert [f for f in EVERY_FIELD if field_payload(f) in html] == []
    assert [m for m in MARKUP if m in html] == []
