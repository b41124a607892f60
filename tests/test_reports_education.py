"""The education marker on policies and the education board's 点検・評価 report."""

from __future__ import annotations

import io

import pypdf
import pytest

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.cli import main
from shisaku.domain.plandict import nodes_from_list
from shisaku.domain.plantree import Node, node_to_dict
from shisaku.plan import services
from shisaku.plan.models import PlanNode
from shisaku.plan.queries import find_plan, plan_document
from shisaku.reports.kinds import education_report
from tests.test_evaluation_setup import SLUG, TOWN, build_town, nodes

pytestmark = pytest.mark.usefixtures("db")

AOMORI = ["--municipality", "022012", "--plan", "2019-2023"]


def mark(town, who="kikaku", code="1-1", education=True):
    return services.mark_education(
        actor=town[who], municipality_code=TOWN, slug=SLUG, node_code=code, education=education
    )


@pytest.fixture
def town(operator):
    return build_town(operator, open_years=())


def test_the_planning_office_marks_a_policy_and_the_change_is_audited(town):
    assert mark(town) is True
    assert PlanNode.objects.get(code="1-1").education
    entry = AuditEntry.objects.get(action="node.education")
    assert (entry.object_id, entry.before, entry.after) == (
        f"{TOWN}/{SLUG}/1-1",
        {"education": False},
        {"education": True},
    )
    assert mark(town) is False  # already marked: nothing written
    assert AuditEntry.objects.filter(action="node.education").count() == 1


@pytest.mark.parametrize("who", ["kosodate", "kacho", "etsuran"])
def test_only_the_planning_office_may_mark(town, who):
    with pytest.raises(PermissionDenied):
        mark(town, who)
    assert not PlanNode.objects.get(code="1-1").education


def test_the_marker_survives_a_reimport_of_the_plan(town, operator):
    mark(town)
    meta = town.plan.meta
    result = services.import_plan(actor=operator, municipality_code=TOWN, meta=meta, nodes=nodes())
    assert not result.changes  # the file has no marker; the stored one is kept, like 主管課
    assert PlanNode.objects.get(code="1-1").education


def test_the_exchange_form_holds_the_marker_only_when_it_is_set(town):
    mark(town)
    document = plan_document(find_plan(TOWN, SLUG))
    [field] = document["nodes"]
    [policy] = field["children"]
    assert policy["education"] is True
    assert "education" not in field and "education" not in policy["children"][0]
    assert nodes_from_list(document["nodes"])[0].children[0].education


def test_node_to_dict_leaves_the_marker_out_when_it_is_not_set():
    assert "education" not in node_to_dict(Node("policy", "1-1", "政策"))
    assert node_to_dict(Node("policy", "1-1", "政策", education=True))["education"] is True


def test_the_education_report_holds_only_the_marked_policies(town):
    mark(town)
    report = education_report(town.plan, 2025)
    assert report.title == "教育に関する事務の管理及び執行の状況の点検及び評価報告書（2025年度）"
    assert [p.code for p in report.policies] == ["1-1"]


@pytest.fixture
def aomori(capsys):
    assert main(["demo"]) == 0
    assert main(["mark-education", *AOMORI, "2-2"]) == 0
    capsys.readouterr()
    return find_plan("022012", "2019-2023")


def test_the_education_pdf_of_aomori_has_the_marked_policys_measures_only(aomori, tmp_path):
    target = tmp_path / "education.pdf"
    assert main(["report", "education", *AOMORI, "--year", "2021", "-o", str(target)]) == 0
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages)
    flat = "".join(text.split())
    assert "教育に関する事務の管理及び執行の状況の点検及び評価報告書（2021年度）" in flat
    for title in ["2-2-1教育環境の整備", "2-2-2教育活動の充実", "2-2-4社会教育の推進"]:
        assert f"施策{title}" in flat
    assert "2-1-1" not in flat and "2-3-1" not in flat
    assert "未評価（評価シートがありません）" in flat and "指標未取得" in flat
