"""The Table Schemas of Shisaku's CSV and xlsx files (docs/schemas.md): the committed files are
what the contracts make, every download of the demo site and every consultation result
follows its schema (read by frictionless: header, types and constraints), and the data
package describes its tables with the same schemas.
"""

from __future__ import annotations

import io
import json
from typing import Any

import frictionless
import openpyxl
import pytest
from django.test import Client

from shisaku import schemas
from shisaku.cli import main
from shisaku.tabular import contracts
from shisaku.tabular.contracts import CONTRACTS, FOLDER
from tests.test_publish import run, testville  # noqa: F401 (fixture)
from tests.test_staff_support import town_fixture  # noqa: F401 (fixture)
from tests.voice_support import (  # noqa: F401 (fixtures)
    consultation_fixture,
    moderate_and_respond,
    opinions_fixture,
    page_url,
)

SITE = "http://testserver"
AOMORI = "/ja/022012/2019-2023/"
NARA = "/ja/292125/2015-2019/"  # an example city of the demo, with indicators and figures
DOWNLOADS = {  # a page of the demo site → the table its index.csv and index.xlsx hold
    "/ja/": "plans",
    "/ja/022012/": "plans",
    AOMORI: "outline",
    AOMORI + "2-1/": "indicator-summary",  # no indicator: the row saying why
    NARA + "indicators/": "indicator-summary",
    NARA + "indicators/1/": "figures",
    "/en/292125/2015-2019/indicators/1/": "figures",
    AOMORI + "measures/": "measures",
    AOMORI + "dashboard/": "dashboard",
    NARA + "dashboard/": "dashboard",
    "/ja/search/?q=子育て": "search",
    "/ja/prefectures/": "prefectures",
    "/ja/prefectures/01/": "prefecture-municipalities",
    "/ja/compare/total-fertility-rate/": "comparison",
    "/ja/prefectures/29/compare/total-fertility-rate/": "comparison",
}


def table_schema(name: str) -> frictionless.Schema:
    """Return the Table Schema of ``name`` as the site serves it."""
    return frictionless.Schema.from_descriptor(schemas.load(f"v1/tables/{name}", SITE))


def grades_in(header: list[str]) -> list[str]:
    """Return the grades of a header's grade_<X> columns."""
    return [
        h.removeprefix("grade_") for h in header if h.startswith("grade_") and h != "grade_label"
    ]


def check_rows(name: str, rows: list[list[Any]]) -> list[str]:
    """Return what frictionless finds wrong with a table (its header first) against its schema."""
    header = [str(h) for h in rows[0]]
    assert header == contracts.header(name, grades_in(header)), name
    resource = frictionless.Resource(data=[header, *rows[1:]], schema=table_schema(name))
    report = frictionless.validate(resource)
    return [f"{e.type}: {e.note} ({getattr(e, 'field_name', '')})" for e in report.tasks[0].errors]


def csv_rows(content: bytes) -> list[list[Any]]:
    """Return a CSV download's rows (UTF-8 with a byte-order mark)."""
    text = content.decode("utf-8-sig")
    with frictionless.Resource(text.encode(), format="csv", schema=None) as resource:
        return [resource.header.labels, *(row.cells for row in resource.row_stream)]


def sheet_rows(content: bytes, sheet: int | str = 0) -> list[list[Any]]:
    """Return the rows of one sheet of a workbook."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    found = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet]
    return [list(row) for row in found.iter_rows(values_only=True)]


def xlsx_rows(content: bytes, machine_names: bool) -> list[list[Any]]:
    """Return a workbook's data sheet, headed by the machine names its second sheet lists
    beside the headings (a result's workbook is headed by them already)."""
    data = sheet_rows(content)
    if machine_names:
        about = sheet_rows(content, 1)
        listed = about[-len(data[0]) :]
        assert [heading for _, heading in listed] == data[0]
        data[0] = [name for name, _ in listed]
    return data


def data_urls(page: str) -> list[str]:
    """Return the addresses of a page's CSV and xlsx (its query kept)."""
    path, mark, query = page.partition("?")
    return [f"{path}index.{extension}{mark}{query}" for extension in ("csv", "xlsx")]


def check_files(client: Client, urls: list[str], name: str, machine_names: bool = True) -> None:
    """Check each CSV or xlsx at ``urls`` against the Table Schema ``name``."""
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if url.partition("?")[0].endswith(".csv"):
            rows = csv_rows(response.content)
        else:
            rows = xlsx_rows(response.content, machine_names)
        assert len(rows) >= 2, url
        assert check_rows(name, rows) == [], url


def test_the_committed_table_schemas_are_what_the_contracts_make():
    committed = {p.stem: p.read_text(encoding="utf-8") for p in FOLDER.glob("*.json")}
    assert committed == {name: contracts.text(name) for name in CONTRACTS}


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_every_table_schema_is_valid_and_described_in_both_languages(name):
    descriptor = schemas.load(f"v1/tables/{name}", SITE)
    assert frictionless.Schema.validate_descriptor(descriptor).valid
    described = [f["description"].count(" / ") >= 1 for f in descriptor["fields"]]
    assert all(described) and " / " in descriptor["description"]


def test_every_table_of_the_site_is_downloaded_below():
    elsewhere = {"voice-result", "voice-result-en", "indicator-definitions", "indicator-figures"}
    assert set(DOWNLOADS.values()) | elsewhere == {
        n for n in CONTRACTS if not n.startswith("data-")
    }


@pytest.mark.parametrize(("page", "name"), DOWNLOADS.items())
def test_every_download_of_the_demo_site_follows_its_table_schema(db, capsys, client, page, name):
    main(["demo"])
    capsys.readouterr()
    check_files(client, data_urls(page), name)


@pytest.mark.parametrize(("language", "name"), [("ja", "voice-result"), ("en", "voice-result-en")])
def test_a_consultation_result_follows_its_table_schema(consultation, opinions, language, name):
    moderate_and_respond(consultation, opinions)
    base = page_url(consultation, language)
    check_files(Client(), [f"{base}result.csv", f"{base}result.xlsx"], name, machine_names=False)


def test_a_table_that_breaks_its_contract_is_refused():
    rows = [contracts.header("figures"), ["999997", "2024-2028", "K1", "goal", "FY2024"]]
    rows[1] += ["2024", "2024", "", "12.5人", "12.5人", "人", "", "", "", "", "1"]
    assert check_rows("figures", rows) == [
        "constraint-error: constraint \"enum\" is \"['baseline', 'target', 'actual']\" (kind)",
        'type-error: type is "number/default" (value)',
    ]


def test_the_data_package_describes_its_tables_with_the_published_schemas(testville, tmp_path):  # noqa: F811
    run(tmp_path)
    package = json.loads((tmp_path / "data" / "datapackage.json").read_bytes())
    for resource in package["resources"]:
        published = tmp_path / "schemas" / "v1" / "tables" / f"data-{resource['name']}.json"
        assert resource["schema"] == json.loads(published.read_bytes()), resource["name"]
        header = (tmp_path / "data" / resource["path"]).read_bytes().decode().splitlines()[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
    assert frictionless.validate(str(tmp_path / "data" / "datapackage.json")).valid
    for name in ("indicator-definitions", "indicator-figures"):
        content = (tmp_path / "data" / "999997" / "2024-2028" / f"{name}.csv").read_bytes()
        assert check_rows(name, csv_rows(content)) == [], name


def test_the_exported_indicator_files_follow_their_table_schemas(db, capsys, tmp_path):
    main(["demo"])
    export = ["export-indicators", "--municipality", "282103", "-o"]
    assert main([*export, str(tmp_path / "kakogawa")]) == 0
    assert main([*export, str(tmp_path / "kakogawa.xlsx"), "--format", "xlsx"]) == 0
    book = (tmp_path / "kakogawa.xlsx").read_bytes()
    for kind in ("definitions", "figures"):
        rows = csv_rows((tmp_path / f"kakogawa-{kind}.csv").read_bytes())
        assert len(rows) >= 3
        assert check_rows(f"indicator-{kind}", rows) == []
        assert check_rows(f"indicator-{kind}", sheet_rows(book, kind)) == []
    capsys.readouterr()
