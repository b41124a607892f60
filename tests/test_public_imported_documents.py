"""Every public page of a plan imported from another city's document renders, in both
languages and every format: the tree, its nodes and the indicators its tables printed."""

from pathlib import Path

import pytest

from shisaku.cli import main
from shisaku.indicators.models import Indicator
from shisaku.plan.models import PlanNode

CORPUS = Path(__file__).resolve().parent / "fixtures" / "plans"
DOCUMENTS = [
    "ebook-senryaku-shiomi.txt",
    "pdf-two-column.pdf",
    "word-headings.docx",
    "blind2-action-plan-isonami.txt",  # codes printed with brackets: 1-(1)
]


@pytest.fixture(params=DOCUMENTS)
def imported(request, db, capsys):
    """A plan imported from one corpus document, and its address."""
    args = [
        "--municipality",
        "999997",
        "--name",
        "試験市",
        "--title",
        "試験",
        "--period",
        "2021-2025",
    ]
    assert main(["import-plan", str(CORPUS / request.param), *args]) == 0
    capsys.readouterr()
    return "999997/2021-2025/"


def _addresses(plan: str) -> list[str]:
    """Return the public pages of the plan: itself, each node's page and each indicator's."""
    pages = ["", "indicators/", "dashboard/"]
    pages += [
        f"{n.code}/" for n in PlanNode.objects.filter(kind__in=("field", "policy", "measure"))
    ]
    pages += [f"indicators/{i.code}/" for i in Indicator.objects.all()]
    return [plan + page for page in pages]


def test_every_page_of_an_imported_plan_renders_in_each_language_and_format(client, imported):
    addresses = _addresses(imported)
    assert len(addresses) > 10
    for language in ("ja", "en"):
        for address in addresses:
            for suffix in ("", "index.json", "index.csv"):
                response = client.get(f"/{language}/{address}{suffix}")
                assert response.status_code == 200, (language, address, suffix)


def test_an_imported_indicator_page_shows_the_figures_the_document_printed(client, imported):
    indicator = Indicator.objects.filter(figures__kind="target").first()
    assert indicator is not None
    response = client.get(f"/ja/{imported}indicators/{indicator.code}/")
    text = response.content.decode()
    assert indicator.name_ja in text
    target = indicator.figures.get(kind="target", is_current=True)
    assert target.raw in text or format(target.value.normalize(), ",f") in text
