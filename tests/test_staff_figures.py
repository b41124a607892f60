"""Entering an actual or target in the workspace: preview, save, conflicts, permissions."""

import re

import pytest
from django.test import Client

from shisaku.audit.models import AuditEntry
from shisaku.indicators import services
from shisaku.indicators.models import Figure
from tests.test_staff_support import BASE, SLUG, TOWN, as_user, text, town_fixture  # noqa: F401

K1 = BASE + "indicators/K1/"
K3 = BASE + "indicators/K3/"


def seen(page: str) -> str:
    found = re.search(r'<input type="hidden" name="seen"(?: value="([^"]*)")?', page)
    return found.group(1) or ""


def form_data(page: str, **values) -> dict:
    data = {"kind": "actual", "note": "", "source": "", "seen": seen(page), "action": "save"}
    return {**data, **values}


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_entry_form_labels_its_fields_and_links_the_hints(town):
    page = text(as_user("kosodate").get(K3))
    assert '<label for="id_period">年度</label>' in page
    assert 'aria-describedby="id_value-hint"' in page
    assert 'id="id_value-hint"' in page


def test_an_actual_entered_without_javascript_is_stored_with_its_author(town):
    client = as_user("kosodate")
    page = text(client.get(K3))
    response = client.post(K3, form_data(page, period="令和6年度", value="1,820人", note="速報"))
    assert response.status_code == 302
    stored = Figure.objects.get(indicator__code="K3", kind="actual")
    assert (stored.period, stored.raw, stored.value, stored.unit) == (
        "FY2024",
        "1,820人",
        1820,
        "人",
    )
    assert stored.note == "速報"
    assert stored.entered_by == "user:kosodate"
    done = client.get(response["Location"])
    assert "保存しました: 2024年度（令和6年度） の実績値。" in text(done)
    assert 'role="status"' in text(done)


def test_the_preview_partial_shows_what_will_be_stored_and_writes_nothing(town):
    response = as_user("kosodate").post(
        K3 + "preview/",
        {"kind": "actual", "period": "令和6年度", "value": "1,820人"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    shown = plain(text(response))
    assert "<html" not in text(response)
    assert "1,820人 → 数値 1820 人" in shown
    assert "令和6年度 → 2024年度（令和6年度）" in shown
    assert "保存すると新しい数値として追加します。" in shown
    assert not Figure.objects.filter(indicator__code="K3").exists()


def test_the_preview_explains_a_value_it_cannot_read(town):
    response = as_user("kosodate").post(
        K3 + "preview/", {"kind": "actual", "period": "2024年度", "value": "たくさん1"}
    )
    assert "『たくさん1』は値として読めません" in text(response)


def test_the_preview_of_a_correction_names_the_value_it_replaces(town):
    response = as_user("kosodate").post(
        K1 + "preview/", {"kind": "actual", "period": "R6", "value": "約110件"}
    )
    shown = plain(text(response))
    assert "約110件 → 数値 110 件（約）" in shown
    assert "現在の値 100件（第1版）を置き換えます" in shown


def test_without_javascript_the_preview_button_shows_the_whole_page_with_the_preview(town):
    client = as_user("kosodate")
    page = text(client.get(K3))
    response = client.post(K3, form_data(page, period="2024", value="-", action="preview"))
    assert response.status_code == 200
    assert "- → データなし「-」" in plain(text(response))
    assert not Figure.objects.filter(indicator__code="K3").exists()


def test_a_value_that_cannot_be_read_is_an_error_on_its_field_and_nothing_is_written(town):
    client = as_user("kosodate")
    page = text(client.get(K3))
    response = client.post(K3, form_data(page, period="2024年度", value="たくさん1"))
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_value-error"' in page
    assert 'aria-describedby="id_value-hint id_value-error"' in page
    assert 'aria-invalid="true"' in page
    assert not Figure.objects.filter(indicator__code="K3").exists()


def test_a_correction_keeps_the_earlier_value_as_a_revision(town):
    client = as_user("kosodate")
    page = text(client.get(K1 + "?kind=actual&period=FY2024"))
    assert 'value="100件"' in page
    assert 'value="2024年度"' in page
    client.post(K1, form_data(page, period="2024年度", value="105件"))
    rows = Figure.objects.filter(indicator__code="K1", kind="actual").order_by("revision")
    assert [(r.raw, r.revision, r.is_current) for r in rows] == [
        ("100件", 1, False),
        ("105件", 2, True),
    ]


def test_a_value_saved_meanwhile_by_someone_else_is_a_conflict_and_is_not_overwritten(town):
    client = as_user("kosodate")
    page = text(client.get(K1))
    someone = services.FigureEntry(TOWN, SLUG, "K1", "actual", "2025年度", "130件")
    from django.contrib.auth import get_user_model

    from shisaku.accounts.services import actor_for

    kikaku = get_user_model().objects.get(username="kikaku")
    services.record_figure(actor=actor_for(kikaku.pk, "kikaku"), entry=someone)
    response = client.post(K1, form_data(page, period="2025年度", value="125件"))
    assert response.status_code == 409
    page = text(response)
    assert "他の人が先に更新しました。" in page
    assert "現在の値は 130件 です（入力: kikaku" in page
    assert 'value="125件"' in page  # what the clerk typed is kept
    current = Figure.objects.get(indicator__code="K1", period="FY2025", is_current=True)
    assert current.raw == "130件"
    # having seen it, saving again is a deliberate correction
    again = client.post(K1, form_data(page, period="2025年度", value="125件"))
    assert again.status_code == 302
    assert Figure.objects.get(indicator__code="K1", period="FY2025", is_current=True).raw == "125件"


def test_another_department_gets_403_and_nothing_is_written(town):
    client = as_user("doboku")
    page = text(client.get(K3))
    assert 'id="entry-form"' not in page
    data = {"kind": "actual", "period": "2024年度", "value": "5人", "seen": "", "action": "save"}
    response = client.post(K3, data)
    assert response.status_code == 403
    assert "この操作は行えません" in text(response)
    assert client.post(K3 + "preview/", data).status_code == 403
    assert not Figure.objects.filter(indicator__code="K3").exists()
    assert not AuditEntry.objects.filter(object_id__contains="/K3/").exists()


@pytest.mark.parametrize("who", ["iin", "etsuran"])
def test_reviewers_and_viewers_read_the_figures_without_any_form(town, who):
    page = text(as_user(who).get(K1))
    assert "100件" in page
    assert 'id="entry-form"' not in page
    assert "修正</a>" not in page


def test_a_post_without_the_csrf_token_is_refused(town):
    from django.contrib.auth import get_user_model

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="kosodate"))
    data = {"kind": "actual", "period": "2024年度", "value": "5人", "seen": "", "action": "save"}
    assert client.post(K3, data).status_code == 403
    assert not Figure.objects.filter(indicator__code="K3").exists()


def test_the_htmx_requests_carry_the_csrf_token_in_a_header(town):
    page = text(as_user("kosodate").get(K3))
    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[^\"]+\"\}'>", page)
    assert "django_htmx/htmx-2.min.js" in page


def test_the_entry_page_in_english(town):
    page = text(as_user("kosodate").get(K1.replace("/ja/", "/en/")))
    assert "Enter or correct a figure" in page
    assert "FY2024 (Reiwa 6)" in page
    response = as_user("kosodate").post(
        K3.replace("/ja/", "/en/") + "preview/",
        {"kind": "actual", "period": "令和6年度", "value": "1,820人"},
    )
    assert "1,820人 → number 1820 人" in plain(text(response))


def test_an_unknown_indicator_is_404(town):
    assert as_user("kikaku").get(BASE + "indicators/NOPE/").status_code == 404


def test_the_indicator_page_draws_the_public_chart_after_its_table(town):
    page = text(as_user("kosodate").get(BASE + "indicators/K1/"))
    table, chart = page.index('<table class="figures">'), page.index('<figure class="chart"')
    assert table < chart
    assert "<title" in page[chart:] and "相談件数のグラフ" in page[chart:]
    assert "実績値: 2024年度（令和6年度） 100" in page[chart:]
    assert "目標値と、基準値から最終目標値までの直線の道筋" in page[chart:]


def test_an_indicator_without_a_number_has_no_chart(town):
    assert '<figure class="chart"' not in text(as_user("kosodate").get(BASE + "indicators/K3/"))
