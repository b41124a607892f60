"""Moderation, responses and the published result: exactly the published items, never contacts."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl
import pytest
from django.test import Client

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.voice import services
from shisaku.voice.models import Opinion
from shisaku.voice.rules import VoiceError
from tests.test_staff_support import SLUG, TOWN, town_fixture  # noqa: F401
from tests.voice_support import (  # noqa: F401
    CONTACT,
    HIDDEN_TEXT,
    SHOWN,
    SUMMARIZED,
    SUMMARY,
    consultation_fixture,
    member,
    moderate_and_respond,
    opinions_fixture,
    page_url,
    signed_in,
    staff_url,
)


def test_hiding_keeps_the_text_and_the_reason(consultation, opinions):
    hidden = opinions[2]
    services.moderate(
        actor=member("kikaku"), opinion=hidden, state="hidden", reason="personal-data", note="電話"
    )
    hidden.refresh_from_db()
    assert (hidden.state, hidden.hide_reason, hidden.moderation_note, hidden.body) == (
        "hidden",
        "personal-data",
        "電話",
        HIDDEN_TEXT,
    )
    entry = AuditEntry.objects.get(action="voice.moderate")
    assert (entry.actor, entry.before, entry.after) == (
        "user:kikaku",
        {"state": "new", "reason": "", "summary": ""},
        {"state": "hidden", "reason": "personal-data", "summary": ""},
    )


def test_hiding_without_a_reason_is_refused(consultation, opinions):
    with pytest.raises(VoiceError) as refused:
        services.moderate(actor=member("kikaku"), opinion=opinions[0], state="hidden")
    assert refused.value.message == "非公開にする理由を選んでください。"


def test_a_department_answers_only_for_its_own_measures(consultation, opinions):
    with pytest.raises(PermissionDenied):
        services.respond(
            actor=member("kosodate"),  # 1-1-1 belongs to 福祉課
            opinion=opinions[0],
            kind="reflected",
            reason="x",
            department="子育て支援課",
            responded_on=date(2026, 6, 1),
        )
    with pytest.raises(PermissionDenied):
        services.moderate(actor=member("fukushi"), opinion=opinions[0], state="published")


def test_the_result_waits_until_every_opinion_is_moderated(consultation, opinions):
    with pytest.raises(VoiceError) as refused:
        services.publish_result(actor=member("kikaku"), consultation=consultation)
    assert refused.value.message == (
        "3件の意見がまだ確認されていません。先にそれぞれを公開するか非公開にしてください。"
    )
    assert Client().get(page_url(consultation) + "result.json").status_code == 404


def test_the_result_shows_exactly_the_published_items_everywhere(consultation, opinions):
    moderate_and_respond(consultation, opinions)
    client = Client()
    page = client.get(page_url(consultation)).content.decode()
    english = client.get(page_url(consultation, "en")).content.decode()
    csv_bytes = client.get(page_url(consultation) + "result.csv").content
    json_doc = client.get(page_url(consultation) + "result.json").json()
    xlsx_bytes = client.get(page_url(consultation) + "result.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes)).active
    xlsx_rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert xlsx_rows == rows
    assert rows == [
        ["番号", "施策", "意見（または要旨）", "対応区分", "理由", "担当課", "対応日"],
        ["1", "1-1-1", SHOWN, "反映した", "土曜開庁を試行します。", "福祉課", "2026-06-01"],
        ["2", "1-1-1", SUMMARY, "参考とする", "今後検討します。", "福祉課", "2026-06-01"],
    ]
    assert [(r["number"], r["opinion"], r["response"]) for r in json_doc["rows"]] == [
        (1, SHOWN, "反映した"),
        (2, SUMMARY, "参考とする"),
    ]
    assert "<td>Reflected</td>" in english and "<td>Taken as a reference</td>" in english
    assert f'<td class="opinion">{SHOWN}</td><td>反映した</td>' in page
    for surface in [
        page,
        english,
        csv_bytes.decode("utf-8-sig"),
        str(xlsx_rows),
        json.dumps(json_doc, ensure_ascii=False),
    ]:
        assert CONTACT not in surface
        assert HIDDEN_TEXT not in surface
        assert SUMMARIZED not in surface  # the summary is published instead
    for other in [
        f"/ja/{TOWN}/voice/",
        f"/ja/{TOWN}/voice/feed.atom",
        f"/ja/{TOWN}/voice/kids/{SLUG}/",
        f"/ja/{TOWN}/voice/kids/{SLUG}/1-1-1/",
    ]:
        text = client.get(other).content.decode()
        assert CONTACT not in text and HIDDEN_TEXT not in text
    entries = AuditEntry.objects.filter(action__startswith="voice.").order_by("id")
    actions = list(entries.values_list("action", flat=True))
    assert actions == [
        "voice.open",
        *["voice.opinion"] * 3,
        *["voice.moderate"] * 3,
        *["voice.respond"] * 2,
        "voice.publish_result",
    ]


def test_the_workspace_shows_the_contact_to_the_planning_office_only(consultation, opinions):
    url = staff_url(consultation, f"opinions/{opinions[0].pk}/")
    assert CONTACT in signed_in("kikaku").get(url).content.decode()
    department_page = signed_in("fukushi").get(url)
    assert department_page.status_code == 200
    assert CONTACT not in department_page.content.decode()
    assert signed_in("etsuran").get(url).status_code == 403


def test_moderating_and_responding_in_the_workspace(consultation, opinions):
    url = staff_url(consultation, f"opinions/{opinions[2].pk}/")
    kikaku = signed_in("kikaku")
    refused = kikaku.post(
        url, {"step": "moderate", "moderate-state": "hidden", "moderate-note": "電話番号あり"}
    )
    assert refused.status_code == 400
    assert "非公開にする理由を選んでください。" in refused.content.decode()
    assert "電話番号あり" in refused.content.decode()
    done = kikaku.post(
        url,
        {
            "step": "moderate",
            "moderate-state": "hidden",
            "moderate-reason": "personal-data",
            "moderate-note": "電話",
        },
    )
    assert done.status_code == 302
    answer = {
        "step": "respond",
        "respond-kind": "not-reflected",
        "respond-reason": "個人の事情のため",
        "respond-department": "福祉課",
        "respond-responded_on": "2026-06-02",
    }
    assert signed_in("fukushi").post(url, answer).status_code == 302
    opinion = Opinion.objects.get(pk=opinions[2].pk)
    assert (opinion.state, opinion.hide_reason, opinion.response_kind) == (
        "hidden",
        "personal-data",
        "not-reflected",
    )
    assert opinion.body == HIDDEN_TEXT
    assert signed_in("kosodate").post(url, answer).status_code == 403


def texts_in(folder) -> dict[str, str]:
    """Return every file under ``folder`` as text, each member of a zip (xlsx) on its own."""
    import zipfile

    found = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    found[f"{path}:{name}"] = archive.read(name).decode("utf-8", "replace")
        else:
            found[str(path)] = data.decode("utf-8", "replace")
    return found


def test_the_published_copy_and_the_backup_never_hold_a_contact(consultation, opinions, tmp_path):
    from shisaku.exchange import backup
    from tests.test_publish import run

    moderate_and_respond(consultation, opinions)
    run(tmp_path / "site", jobs=2)
    published = texts_in(tmp_path / "site")
    assert len(published) > 100
    leaks = [p for p, text in published.items() if CONTACT in text or HIDDEN_TEXT in text]
    assert leaks == []
    backup.dump(tmp_path / "backup.json")
    # the backup keeps every record (the hidden text too, never destroyed); the contact sealed
    kept = json.loads((tmp_path / "backup.json").read_text())["models"]
    assert [o["fields"]["body"] for o in kept["voice.opinion"]].count(HIDDEN_TEXT) == 1
    assert len(kept["voice.opinioncontact"]) == 1
    assert CONTACT not in json.dumps(kept, ensure_ascii=False)
