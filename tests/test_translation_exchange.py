"""Translation exchange: a plan's texts out as XLIFF 2.1 or xlsx, back in with a preview."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import openpyxl
import pytest

from shisaku.audit.models import AuditEntry
from shisaku.exchange import translation
from shisaku.exchange.translation_xlsx import read_translation_xlsx, write_translation_xlsx
from shisaku.exchange.xliff import NS, read_xliff, write_xliff
from shisaku.indicators.models import Indicator
from shisaku.plan.models import Plan, PlanNode
from tests.test_evaluation_setup import SLUG, TOWN, build_town
from tests.test_public_evaluations import fill, walk

X = f"{{{NS}}}"


@pytest.fixture(name="plan")
def plan_fixture(db, operator):
    """The fictional town: a titled node in English, a department, a published evaluation."""
    from shisaku.accounts.departments import save_department
    from shisaku.plan import editing

    made = build_town(operator, open_years=(2025,))
    fill(made, 2025, results_ja="相談件数が150件に増えた。", results_en="Consultations rose.")
    walk(made, 2025)
    ref = editing.TextRef("1-1-1", language="en")
    editing.save_draft(
        actor=operator, municipality_code=TOWN, slug=SLUG, ref=ref, text="Better counselling"
    )
    editing.publish_drafts(actor=operator, municipality_code=TOWN, slug=SLUG)
    save_department(actor=operator, municipality_code=TOWN, name_ja="企画課", name_en="")
    return Plan.objects.get(municipality__code=TOWN, slug=SLUG)


def everything(plan: Plan) -> dict[str, tuple[str, str]]:
    """Return every slot's Japanese and English, to compare before and after an import."""
    return {s.id: (s.ja, s.en) for s in translation.slots(plan).values()}


def xliff(plan: Plan, *, only_untranslated: bool = False) -> bytes:
    return write_xliff("plan", translation.exported(plan, only_untranslated=only_untranslated))


def test_the_export_holds_each_kind_with_ids_naming_record_and_field(plan):
    root = ET.fromstring(xliff(plan))
    assert (root.tag, root.get("version"), root.get("srcLang"), root.get("trgLang")) == (
        f"{X}xliff",
        "2.1",
        "ja",
        "en",
    )
    units = {u.get("id"): u for u in root.iter(f"{X}unit")}
    title = units["node:1-1-1:title"].find(f"{X}segment")
    assert title is not None and title.get("state") == "translated"
    assert [(e.tag, e.attrib, e.text) for e in title] == [
        (f"{X}source", {"{http://www.w3.org/XML/1998/namespace}lang": "ja"}, "相談支援の充実"),
        (f"{X}target", {"{http://www.w3.org/XML/1998/namespace}lang": "en"}, "Better counselling"),
    ]
    results = units["evaluation:1-1-1:2025:results"].find(f"{X}segment")
    assert results is not None and results.get("state") == "translated"
    issues_free = units["node:1-1:title"].find(f"{X}segment")
    assert issues_free is not None and issues_free.get("state") == "initial"
    assert len(issues_free) == 1  # no target without English
    kinds = {unit_id.split(":")[0] for unit_id in units}
    assert kinds == {"node", "indicator", "department", "evaluation"}  # this town has no text


def test_blocks_are_named_by_node_section_and_place(small_plan):
    plan = Plan.objects.get(municipality__code="999997", slug="2024-2028")
    found = {s.id: s.ja for s in translation.slots(plan).values() if s.kind == "block"}
    assert found == {
        "block:1-1:situation:0": "相談の状況",
        "block:1-1:situation:1": "相談件数が増えています。",
        "block:1-1:direction:0": "誰もが相談できるまちをめざします。",
        "block:1-1-1:description:0": "相談支援を充実します。",
    }


def test_the_untranslated_export_leaves_out_what_has_english(plan):
    units = read_xliff(xliff(plan, only_untranslated=True))
    ids = {u.id for u in units}
    assert "node:1-1-1:title" not in ids and "evaluation:1-1-1:2025:results" not in ids
    assert "node:1-1:title" in ids
    assert all(u.target == "" for u in units)


def test_an_xliff_round_trip_changes_nothing(plan, operator):
    before, version, audited = everything(plan), plan.version, AuditEntry.objects.count()
    done = translation.apply(actor=operator, plan=plan, units=read_xliff(xliff(plan)))
    assert done.count("unchanged") == len(done.items) == len(before)
    plan.refresh_from_db()
    assert (everything(plan), plan.version, AuditEntry.objects.count()) == (
        before,
        version,
        audited,
    )


def edited(data: bytes, unit_id: str, english: str) -> bytes:
    """Return an XLIFF file with one unit's target set, as a translation tool would."""
    root = ET.fromstring(data)
    unit = next(u for u in root.iter(f"{X}unit") if u.get("id") == unit_id)
    segment = unit.find(f"{X}segment")
    assert segment is not None
    target = segment.find(f"{X}target")
    if target is None:
        target = ET.SubElement(segment, f"{X}target")
    target.text = english
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def test_an_edited_target_is_previewed_then_applied_exactly_and_audited(plan, operator):
    before = everything(plan)
    data = edited(xliff(plan), "node:1-1:title", "  Safe daily life <&> \n")
    data = edited(data, "node:1-1-1:title", "Better counselling services")
    units = read_xliff(data)
    shown = translation.preview(plan, units)
    statuses = {i.unit.id: i.status for i in shown.items if i.status != "unchanged"}
    assert statuses == {"node:1-1:title": "new", "node:1-1-1:title": "changed"}
    translation.apply(actor=operator, plan=plan, units=units)
    plan.refresh_from_db()
    after = everything(plan)
    assert after["node:1-1:title"] == ("暮らしの安心", "  Safe daily life <&> \n")
    assert after["node:1-1-1:title"] == ("相談支援の充実", "Better counselling services")
    assert {k: v for k, v in after.items() if k not in statuses} == {
        k: v for k, v in before.items() if k not in statuses
    }
    entries = AuditEntry.objects.filter(action="translation.import").order_by("object_id")
    assert [(e.object_id, e.before, e.after) for e in entries] == [
        (
            f"{TOWN}/{SLUG}/node:1-1-1:title",
            {"en": "Better counselling"},
            {"en": "Better counselling services", "ja": "相談支援の充実"},
        ),
        (
            f"{TOWN}/{SLUG}/node:1-1:title",
            {"en": ""},
            {"en": "  Safe daily life <&> \n", "ja": "暮らしの安心"},
        ),
    ]


def test_a_bad_unit_id_is_refused_by_name_and_nothing_is_written(plan, operator):
    before, audited = everything(plan), AuditEntry.objects.count()
    data = edited(xliff(plan), "node:1-1:title", "Safe daily life")
    data = data.replace(b'id="node:1-1-2:title"', b'id="node:9-9-9:title"')
    with pytest.raises(translation.TranslationRefused) as refused:
        translation.apply(actor=operator, plan=plan, units=read_xliff(data))
    assert str(refused.value) == (
        "unit node:9-9-9:title: この計画に id「node:9-9-9:title」の文はありません"
    )
    assert (everything(plan), AuditEntry.objects.count()) == (before, audited)


def test_english_for_japanese_changed_since_the_export_is_refused(plan, operator):
    data = edited(xliff(plan), "node:1-1:title", "Safe daily life")
    PlanNode.objects.filter(plan=plan, code="1-1").update(title_ja="暮らしの安全")
    shown = translation.preview(plan, read_xliff(data))
    assert [(i.unit.id, i.reason) for i in shown.refused] == [
        ("node:1-1:title", "書き出しの後に日本語が変わりました（書き出し直してください）")
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
            "XLIFF ファイルに DTD（<!DOCTYPE>）または実体宣言があります。安全のため読みません",
        ),
        (b"<x><y></x>", "XML として読めません（mismatched tag: line 1, column 8）"),
        (
            b"<xliff/>",
            f"XLIFF 2 の文書ではありません（ルート要素 xliff、名前空間 {NS} を期待）",
        ),
        (b" " * (20 * 1024 * 1024 + 1), "ファイルが大きすぎます（20.0 MB。20 MB までです）"),
    ],
)
def test_unsafe_or_foreign_xliff_is_refused_saying_why(data, message):
    with pytest.raises(translation.BadTranslationFile) as bad:
        read_xliff(data)
    assert str(bad.value) == message


def xlsx(plan: Plan) -> bytes:
    return write_translation_xlsx(translation.exported(plan, only_untranslated=False))


def test_an_xlsx_round_trip_changes_nothing(plan, operator):
    before, version = everything(plan), plan.version
    done = translation.apply(
        actor=operator, plan=plan, units=read_translation_xlsx(xlsx(plan), "t.xlsx")
    )
    assert done.count("unchanged") == len(done.items) == len(before)
    plan.refresh_from_db()
    assert (everything(plan), plan.version) == (before, version)


def test_an_xlsx_edited_in_excel_is_applied_exactly_and_a_bad_row_is_named(plan, operator):
    book = openpyxl.load_workbook(io.BytesIO(xlsx(plan)))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["id", "field", "Japanese", "English", "status"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "node:1-1:title")
    row[3].value = "Safe daily life"
    out = io.BytesIO()
    book.save(out)
    translation.apply(
        actor=operator, plan=plan, units=read_translation_xlsx(out.getvalue(), "t.xlsx")
    )
    assert everything(plan)["node:1-1:title"] == ("暮らしの安心", "Safe daily life")
    row[0].value = "node:1-1:titel"
    row[3].value = "Other"
    out = io.BytesIO()
    book.save(out)
    before = everything(plan)
    with pytest.raises(translation.TranslationRefused) as refused:
        translation.apply(
            actor=operator, plan=plan, units=read_translation_xlsx(out.getvalue(), "t.xlsx")
        )
    number = row[0].row
    assert str(refused.value) == (
        f"{number} 行目（id node:1-1:titel）: この計画に id「node:1-1:titel」の文はありません"
    )
    assert everything(plan) == before


def test_progress_counts_each_kind_translated(plan):
    found = {p.kind: (p.translated, p.total) for p in translation.progress(plan)}
    slots = translation.slots(plan).values()
    for kind, (done, total) in found.items():
        of = [s for s in slots if s.kind == kind]
        assert (done, total) == (sum(1 for s in of if s.en), len(of))
    assert found["evaluation"] == (1, 4)  # 成果 in English; the comments and opinion not


def test_english_whose_japanese_changed_since_its_import_is_exported_again(plan, operator):
    data = edited(xliff(plan), "node:1-1:title", "Safe daily life")
    translation.apply(actor=operator, plan=plan, units=read_xliff(data))
    assert "node:1-1:title" not in {u.id for u in read_xliff(xliff(plan, only_untranslated=True))}
    PlanNode.objects.filter(plan=plan, code="1-1").update(title_ja="暮らしの安全")
    again = ET.fromstring(xliff(plan, only_untranslated=True))
    unit = next(u for u in again.iter(f"{X}unit") if u.get("id") == "node:1-1:title")
    segment = unit.find(f"{X}segment")
    assert segment is not None and segment.get("state") == "initial"
    assert [e.text for e in segment] == ["暮らしの安全", "Safe daily life"]  # the old English
    found = {p.kind: (p.translated, p.total) for p in translation.progress(plan)}
    assert found["node"] == (1, 9)  # 1-1-1 only: 1-1's English is for the old Japanese
    shown = translation.preview(
        plan, read_xliff(write_xliff("p", [translation.slots(plan)["node:1-1:title"]]))
    )
    assert [(i.unit.id, i.status) for i in shown.items] == [("node:1-1:title", "changed")]
    translation.apply(actor=operator, plan=plan, units=[i.unit for i in shown.items])
    assert translation.slots(plan)["node:1-1:title"].translated


def unit_progress(plan: Plan) -> tuple[int, int]:
    """Return how many indicator units have English, of how many."""
    found = {p.kind: (p.translated, p.total) for p in translation.progress(plan)}
    return found["unit"]


def test_units_are_a_kind_of_their_own_exchanged_counted_and_offered_again_when_changed(
    plan, operator
):
    Indicator.objects.filter(plan=plan, code="K1").update(unit="件")
    Indicator.objects.filter(plan=plan, code="K2").update(unit="人")
    root = ET.fromstring(xliff(plan, only_untranslated=True))
    units = [u for u in root.iter(f"{X}unit") if u.get("id", "").endswith(":unit")]
    assert [u.get("id") for u in units] == ["indicator:K1:unit", "indicator:K2:unit"]
    assert [n.text for n in units[0].iter(f"{X}note")] == ["unit unit"]
    assert [e.text for e in units[0].iter(f"{X}source")] == ["件"]
    assert unit_progress(plan) == (0, 2)
    data = edited(xliff(plan), "indicator:K1:unit", "consultations")
    translation.apply(actor=operator, plan=plan, units=read_xliff(data))
    assert Indicator.objects.get(plan=plan, code="K1").unit_en == "consultations"
    assert unit_progress(plan) == (1, 2)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx(plan))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [r for r in rows if r[0].endswith(":unit")] == [
        ["indicator:K1:unit", "unit unit", "件", "consultations", "translated"],
        ["indicator:K2:unit", "unit unit", "人", None, "initial"],
    ]
    Indicator.objects.filter(plan=plan, code="K1").update(unit="回")
    assert unit_progress(plan) == (0, 2)
    again = read_xliff(xliff(plan, only_untranslated=True))
    assert [(u.id, u.source, u.target) for u in again if u.id.endswith(":unit")] == [
        ("indicator:K1:unit", "回", "consultations"),
        ("indicator:K2:unit", "人", ""),
    ]
