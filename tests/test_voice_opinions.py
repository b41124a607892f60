"""Opinions from the public form and from paper: consent, contact sealing, spam refusals."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone

from shisaku.audit.models import AuditEntry
from shisaku.cli import main
from shisaku.voice import services
from shisaku.voice.models import Opinion, OpinionContact, SubmissionMark
from shisaku.voice.sealing import unseal
from tests.test_staff_support import TOWN, town_fixture  # noqa: F401
from tests.voice_support import CONTACT, consultation_fixture, page_url, signed_in  # noqa: F401

TEXT = "相談窓口を土曜日にも開けてほしいです。"


def send(item, client=None, **fields):
    """Post the public form with ``fields`` over a plain opinion."""
    data = {"body": TEXT, "node_code": "1-1-1", "age_band": "30-49"} | fields
    return (client or Client()).post(page_url(item), data, REMOTE_ADDR="192.0.2.7")


def test_an_anonymous_opinion_is_received_unpublished_and_audited_without_text(consultation):
    response = send(consultation)
    assert response.status_code == 302
    assert response["Location"] == page_url(consultation) + "?sent=1#sent"
    opinion = Opinion.objects.get()
    assert (opinion.body, opinion.node.code, opinion.display_name, opinion.state) == (
        TEXT,
        "1-1-1",
        "",
        "new",
    )
    assert (opinion.channel, opinion.received_on) == ("web", timezone.localdate())
    entry = AuditEntry.objects.get(action="voice.opinion")
    assert (entry.actor, entry.before, entry.after) == (
        "anonymous",
        None,
        {"channel": "web", "node": "1-1-1"},
    )
    thanks = Client().get(response["Location"]).content.decode()
    assert "ご意見を受け付けました" in thanks
    assert TEXT not in thanks  # unpublished


def test_contact_details_are_sealed_at_rest_and_dated_for_deletion(consultation):
    send(consultation, contact=CONTACT)
    contact = OpinionContact.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM voice_opinioncontact")
        (raw,) = cursor.fetchone()
    assert CONTACT not in raw and "example" not in raw
    assert raw.startswith("gAAAA")  # a Fernet token
    assert unseal(raw) == CONTACT
    assert contact.delete_after == consultation.ends_on + timedelta(days=180)
    assert CONTACT not in str(list(AuditEntry.objects.values_list("after", "summary")))


def test_a_missing_opinion_comes_back_with_everything_typed(consultation):
    response = send(consultation, body="   ", display_name="はなこ", contact=CONTACT)
    html = response.content.decode()
    assert response.status_code == 400
    assert "ご意見: このフィールドは必須です。" in html
    assert 'value="はなこ"' in html and f'value="{CONTACT}"' in html
    assert '<option value="1-1-1" selected>' in html
    assert Opinion.objects.count() == 0


def test_an_over_long_opinion_comes_back_with_its_text(consultation):
    long_text = "あ" * 4001
    response = send(consultation, body=long_text)
    html = response.content.decode()
    assert response.status_code == 400
    assert long_text in html
    assert "4000" in html
    assert Opinion.objects.count() == 0


def test_the_honeypot_refuses_with_a_message_and_keeps_the_text(consultation):
    response = send(consultation, website="http://spam.example/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "送信できませんでした。最後の欄は空のままにしてください。" in html
    assert TEXT in html
    assert Opinion.objects.count() == 0


def test_the_sixth_opinion_in_an_hour_from_one_address_is_refused(consultation):
    for _ in range(5):
        assert send(consultation).status_code == 302
    response = send(consultation, body="六通目の意見です")
    html = response.content.decode()
    assert response.status_code == 429
    assert "この接続から送られた意見が多すぎます（60分間に5件まで）" in html
    assert "六通目の意見です" in html
    assert Opinion.objects.count() == 5
    assert "192.0.2.7" not in str(list(SubmissionMark.objects.values_list("address_hash")))
    other = Client().post(page_url(consultation), {"body": TEXT}, REMOTE_ADDR="192.0.2.8")
    assert other.status_code == 302


def test_the_form_without_a_csrf_token_is_refused(consultation):
    client = Client(enforce_csrf_checks=True)
    response = send(consultation, client=client)
    assert response.status_code == 403
    assert Opinion.objects.count() == 0


def test_a_child_under_the_consent_age_needs_the_guardians_consent(consultation, operator):
    services.save_consent_policy(actor=operator, municipality_code=TOWN, below_age=16)
    refused = send(consultation, age_band="13-15", school_band="junior-high")
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "16歳未満の方は保護者の同意が必要です。おうちの人に聞いてください。" in html
    assert TEXT in html
    accepted = send(consultation, age_band="13-15", school_band="junior-high", consent="on")
    assert accepted.status_code == 302
    opinion = Opinion.objects.get()
    assert (opinion.age_band, opinion.school_band) == ("13-15", "junior-high")
    assert (opinion.consent_method, opinion.consent_on) == ("online", timezone.localdate())


def test_an_adult_needs_no_consent_and_the_form_asks_none_without_a_rule(consultation, operator):
    assert 'name="consent"' not in Client().get(page_url(consultation)).content.decode()
    services.save_consent_policy(actor=operator, municipality_code=TOWN, below_age=16)
    assert 'name="consent"' in Client().get(page_url(consultation)).content.decode()
    assert send(consultation, age_band="16-18").status_code == 302
    assert Opinion.objects.get().consent_method == ""


def test_a_closed_consultation_refuses_with_its_period(consultation):
    consultation.ends_on = timezone.localdate() - timedelta(days=1)
    consultation.save()
    response = send(consultation)
    html = response.content.decode()
    start, end = consultation.starts_on.isoformat(), consultation.ends_on.isoformat()
    assert response.status_code == 400
    assert f"この意見募集の受付期間は{start}〜{end}です。" in html
    assert TEXT in html
    assert Opinion.objects.count() == 0
    assert (
        "現在ウェブで意見を受け付けていません"
        in Client().get(page_url(consultation)).content.decode()
    )


def test_staff_enter_a_paper_opinion_with_its_channel_and_consent(consultation):
    client = signed_in("kikaku")
    data = {
        "body": "紙で出された意見です。",
        "node_code": "1-1-1",
        "age_band": "10-12",
        "school_band": "elementary-4-6",
        "channel": "paper",
        "received_on": "2026-05-01",
        "consent_method": "paper",
        "consent_on": "2026-04-30",
    }
    response = client.post(f"/ja/staff/{TOWN}/voice/{consultation.pk}/opinions/new/", data)
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert (opinion.channel, str(opinion.received_on), opinion.consent_method) == (
        "paper",
        "2026-05-01",
        "paper",
    )
    assert str(opinion.consent_on) == "2026-04-30"
    assert AuditEntry.objects.get(action="voice.opinion").actor == "user:kikaku"


def test_a_department_member_may_not_enter_opinions(consultation):
    data = {"body": "x", "channel": "paper", "received_on": "2026-05-01"}
    response = signed_in("kosodate").post(
        f"/ja/staff/{TOWN}/voice/{consultation.pk}/opinions/new/", data
    )
    assert response.status_code == 403
    assert Opinion.objects.count() == 0


def test_voice_purge_deletes_only_contacts_past_their_day(consultation, capsys):
    send(consultation, contact=CONTACT)
    send(consultation, contact="keep@example.jp")
    first, second = OpinionContact.objects.order_by("id")
    first.delete_after = timezone.localdate() - timedelta(days=1)
    first.save()
    assert main(["voice-purge"]) == 0
    assert list(OpinionContact.objects.values_list("pk", flat=True)) == [second.pk]
    assert Opinion.objects.count() == 2  # the opinions stay
    assert "連絡先を 1 件削除しました" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="voice.purge_contact").count() == 1


def test_a_paper_opinion_of_a_child_without_consent_is_refused_at_the_consent_field(
    consultation, operator
):
    services.save_consent_policy(actor=operator, municipality_code=TOWN, below_age=16)
    data = {"body": "紙の意見です。", "age_band": "10-12", "channel": "paper"}
    response = signed_in("kikaku").post(
        f"/ja/staff/{TOWN}/voice/{consultation.pk}/opinions/new/",
        data | {"received_on": "2026-05-01"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        '<p class="error" id="id_consent_method-error"><span class="visually-hidden">エラー: '
        "</span>16歳未満の方は保護者の同意が必要です。おうちの人に聞いてください。</p>"
    ) in html
    assert "紙の意見です。</textarea>" in html
    assert Opinion.objects.count() == 0
