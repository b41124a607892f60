"""The planning office has a plan translated: progress, download, upload, preview, apply.

Followed as a person would: 企画課 (kikaku) sees what is translated, downloads the untranslated
texts as XLIFF, gets them back from a contractor with English filled in, checks the preview,
applies it, and finds the English on the public site and in its English search.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.core.files.uploadedfile import SimpleUploadedFile

from shisaku.audit.models import AuditEntry
from shisaku.exchange import translation
from shisaku.exchange.xliff import NS
from shisaku.plan.models import Plan
from tests.test_staff_support import BASE, TOWN, as_user, text, town_fixture  # noqa: F401

PAGE = BASE + "translation/"
X = f"{{{NS}}}"
ENGLISH = {
    "node:1-1:title": "Peace of mind in daily life",
    "block:1-1:situation:1": "Consultations are increasing.",
}


def filled(data: bytes, english: dict[str, str]) -> bytes:
    """Return the file as the contractor sends it back: targets added to some units."""
    root = ET.fromstring(data)
    for unit in root.iter(f"{X}unit"):
        segment = unit.find(f"{X}segment")
        if unit.get("id") in english and segment is not None:
            ET.SubElement(segment, f"{X}target").text = english[str(unit.get("id"))]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def english_of(unit_id: str) -> str:
    plan = Plan.objects.get(municipality__code=TOWN, slug="2024-2028")
    return translation.slots(plan)[unit_id].en


def upload(client, name: str, data: bytes):
    return client.post(PAGE, {"file": SimpleUploadedFile(name, data)})


def test_the_planning_office_has_the_untranslated_texts_translated_and_published(town, client):
    kikaku = as_user("kikaku")
    page = text(kikaku.get(PAGE))
    assert (
        '<tr><th scope="row">本文</th><td class="count">0 / 4</td><td class="count">0%</td></tr>'
        in page
    )
    assert (
        '<tr><th scope="row">分野・政策・施策・主な取組の名称</th>'
        '<td class="count">2 / 5</td><td class="count">40%</td></tr>' in page
    )
    assert (  # 件, 件, 人: units are translated by the planning office, never guessed
        '<tr><th scope="row">指標の単位</th><td class="count">0 / 3</td>'
        '<td class="count">0%</td></tr>' in page
    )
    download = kikaku.get(PAGE + "export.xliff?only=untranslated")
    assert download["Content-Type"] == "application/xliff+xml"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{TOWN}-2024-2028-untranslated.xlf"'
    )
    back = filled(download.content, ENGLISH)
    preview = text(upload(kikaku, "back.xlf", back))
    assert (
        "新規 2 件、変更 0 件、変更なし 11 件、拒否 0 件。まだ何も書き込んでいません。" in preview
    )
    assert (
        '<tr class="status-new"><th scope="row">unit node:1-1:title</th><td>新規</td>'
        '<td lang="ja">暮らしの安心</td><td lang="en"></td>'
        '<td lang="en">Peace of mind in daily life</td></tr>' in preview
    )
    assert english_of("node:1-1:title") == ""  # the preview wrote nothing
    token = preview.split('name="token" value="')[1].split('"')[0]
    done = kikaku.post(PAGE + "apply/", {"token": token})
    assert done["Location"] == PAGE
    assert "英訳 2 件を保存しました。" in text(kikaku.get(PAGE))
    assert {k: english_of(k) for k in ENGLISH} == ENGLISH
    assert AuditEntry.objects.filter(action="translation.import", actor="user:kikaku").count() == 2
    public = text(client.get(f"/en/{TOWN}/2024-2028/1-1/"))
    assert '<span class="code">1-1</span> Peace of mind in daily life</h1>' in public
    assert "policy titles" not in public  # no longer listed as untranslated
    found = text(client.get("/en/search/?q=consultations increasing"))
    assert '<p class="excerpt"><mark>Consultations</mark> are <mark>increasing</mark>.</p>' in found


def test_a_file_with_a_bad_unit_id_is_refused_naming_it_and_nothing_is_written(town):
    kikaku = as_user("kikaku")
    back = filled(kikaku.get(PAGE + "export.xliff").content, ENGLISH)
    back = back.replace(b'id="node:1-1:title"', b'id="node:7-7:title"')
    preview = text(upload(kikaku, "back.xlf", back))
    assert (
        '<th scope="row">unit node:7-7:title</th>'
        "<td>拒否: この計画に id「node:7-7:title」の文はありません</td>" in preview
    )
    assert "この英訳を反映する" not in preview
    assert english_of("block:1-1:situation:1") == ""


def test_an_unsafe_file_is_refused_with_the_reason(town):
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>'
    response = upload(as_user("kikaku"), "bomb.xlf", bomb)
    assert response.status_code == 400
    assert "XLIFF ファイルに DTD（&lt;!DOCTYPE&gt;）または実体宣言があります" in text(response)


def test_a_department_member_may_not_open_the_translation_pages(town):
    client = as_user("kosodate")
    assert client.get(PAGE).status_code == 403
    assert client.get(PAGE + "export.xlsx").status_code == 403
