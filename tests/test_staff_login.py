"""Signing in to the workspace: Django auth, lockout after repeated failures, no user probing."""

import pytest
from django.test import Client

from shisaku.accounts.models import LoginFailure
from tests.test_staff_support import BASE, PASSWORD, as_user, text, town_fixture  # noqa: F401

LOGIN = "/ja/staff/login/"
LOCKED = "ログインが一時的に制限されています。15分後にもう一度お試しください"
WRONG = "ユーザー名またはパスワードが正しくありません。"


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_login_page_labels_every_field(town):
    page = text(Client().get(LOGIN))
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert 'autocomplete="current-password"' in page


def test_a_member_signs_in_and_lands_on_the_dashboard_of_the_current_plan(town):
    client = Client()
    response = sign_in(client, "kosodate", PASSWORD)
    assert response.status_code == 302
    landed = client.get(response["Location"], follow=True)
    assert landed.redirect_chain[-1][0] == BASE
    assert "子育て支援課" in text(landed)


def test_a_wrong_password_is_refused_and_counted(town):
    response = sign_in(Client(), "kosodate", "wrong password 1234")
    assert response.status_code == 200
    assert WRONG in text(response)
    assert LoginFailure.objects.filter(username="kosodate").count() == 1


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(town):
    assert WRONG in text(sign_in(Client(), "nobody", "wrong password 1234"))


def test_after_five_failures_even_the_right_password_is_refused(town):
    client = Client()
    for _ in range(5):
        sign_in(client, "kosodate", "wrong password 1234")
    response = sign_in(client, "kosodate", PASSWORD)
    assert response.status_code == 200
    assert LOCKED in text(response)
    assert "_auth_user_id" not in client.session


def test_the_lockout_looks_the_same_for_a_name_that_does_not_exist(town):
    client = Client()
    for _ in range(5):
        sign_in(client, "nobody", "wrong password 1234")
    assert LOCKED in text(sign_in(client, "nobody", "wrong password 1234"))


def test_a_successful_sign_in_forgets_earlier_failures(town):
    client = Client()
    for _ in range(4):
        sign_in(client, "kosodate", "wrong password 1234")
    assert sign_in(client, "kosodate", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="kosodate").exists()


def test_workspace_pages_send_a_visitor_to_the_login_page(town):
    response = Client().get(BASE)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN + "?next=")


def test_the_english_workspace_sends_a_visitor_to_the_english_login_page(town):
    response = Client().get(BASE.replace("/ja/", "/en/"))
    assert response["Location"].startswith("/en/staff/login/")
    page = text(Client().get("/en/staff/login/"))
    assert "Sign in to the staff workspace" in page
    assert '<html lang="en">' in page


def test_signing_out_takes_a_post(town):
    client = as_user("kosodate")
    assert client.get("/ja/staff/logout/").status_code == 405
    assert client.post("/ja/staff/logout/").status_code == 302
    assert client.get(BASE).status_code == 302


def test_a_sign_in_without_the_csrf_token_is_refused(town):
    client = Client(enforce_csrf_checks=True)
    assert sign_in(client, "kosodate", PASSWORD).status_code == 403


@pytest.mark.parametrize("path", ["", "indicators/K1/", "text/1-1-1/", "drafts/"])
def test_someone_without_a_role_in_the_municipality_gets_403(town, operator, path):
    from shisaku.accounts import services as accounts
    from shisaku.plan import services as plan_services

    plan_services.save_municipality(actor=operator, code="292125", name_ja="宇陀市")
    accounts.create_user(
        actor=operator,
        username="uda",
        password=PASSWORD,
        municipality_code="292125",
        role="planning",
    )
    response = as_user("uda").get(BASE + path)
    assert response.status_code == 403
    assert "この操作は行えません" in text(response)


def test_an_htmx_request_after_the_session_ended_reloads_the_login_page(town):
    response = Client().post(BASE + "indicators/K1/preview/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == LOGIN
