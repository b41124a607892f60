"""The site's own error pages with debug off, as scripts/run serves, and its icon.

A mistyped address gets the styled 404 page in the language of its prefix, never Django's
list of URL patterns; a server error gets the styled 500 page; /favicon.ico is an image.
"""

from __future__ import annotations

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django.views.defaults import server_error

from tests.conftest import ROOT


def broken(request: HttpRequest) -> HttpResponse:
    """A view that fails, as a bug would."""
    raise RuntimeError("a bug")


# One route that fails, under /ja/ and /en/ (the 500 tests use it as ROOT_URLCONF).
urlpatterns = [*i18n_patterns(path("broken/", broken), prefix_default_language=True)]

MISTYPED = "no-such-page/really/"
NOT_FOUND = {"ja": "ページが見つかりません", "en": "Page not found"}
SERVER_ERROR = {"ja": "サーバー側で問題が起きました", "en": "Something went wrong on our side"}


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_mistyped_address_gets_the_styled_404_page_in_its_language(
    client, db, debug_off, language
):
    response = client.get(f"/{language}/{MISTYPED}")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{NOT_FOUND[language]}</h1>" in html
    assert "/static/shisaku/site.css" in html
    other = NOT_FOUND["en" if language == "ja" else "ja"]
    assert other not in html


def test_the_404_page_lists_no_url_patterns(client, db, debug_off):
    html = client.get(f"/en/{MISTYPED}").content.decode()
    assert "URLconf" not in html and "urlpatterns" not in html
    assert "indicators/" not in html and "&lt;str:" not in html and "&lt;slug:" not in html
    assert "api/v1/municipalities" not in html  # the footer links the API docs, nothing else


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_server_error_gets_the_styled_500_page_in_its_language(db, settings, language):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get(f"/{language}/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{SERVER_ERROR[language]}</h1>" in html
    assert "/static/shisaku/site.css" in html
    assert "RuntimeError" not in html and "a bug" not in html


def test_the_500_page_renders_without_a_request_context(rf):
    response = server_error(rf.get("/ja/"))
    assert response.status_code == 500
    assert "<h1>" in response.content.decode()


def test_the_favicon_is_an_image(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in response["Cache-Control"]


def test_the_pages_link_the_svg_icon(client, db):
    html = client.get("/ja/").content.decode()
    assert '<link rel="icon" href="/static/shisaku/favicon.svg" type="image/svg+xml">' in html


def test_scripts_run_serves_with_debug_off_and_names_its_port():
    run = (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    assert 'SHISAKU_DEBUG="${SHISAKU_DEBUG:-0}"' in run
    assert '--port "${PORT:-8000}"' in run
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`PORT`" in readme and "`HOST`" in readme


EXPIRED = {"ja": "フォームの有効期限が切れました", "en": "The form has expired"}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_form_sent_without_its_csrf_token_gets_the_styled_403_page_in_its_language(
    db, debug_off, language
):
    """Before: Django's unstyled English 'CSRF verification failed' page."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/staff/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{EXPIRED[language]}</h1>" in html
    assert "/static/shisaku/site.css" in html
    assert "CSRF" not in html
