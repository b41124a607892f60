"""The {% frame %} tag (shisaku_public.Frame): a page's template gives the frame its parts,
as base.html's blocks do; the context's i18n values are Django's."""

from __future__ import annotations

import pytest
from django.template import TemplateSyntaxError, engines
from django.template.context_processors import i18n as django_i18n
from django.test import RequestFactory
from django.utils import translation

from shisaku.public.frame import i18n

FRAMED = "{% load shisaku_public %}{% frame %}{% part title %}T{% endpart %}"
EXTENDED = '{% extends "base.html" %}{% block title %}T{% endblock %}'


@pytest.mark.parametrize(
    ("framed", "extended"),
    [
        ("", ""),
        (
            "{% part content %}<p>x</p>{% endpart %}",
            "{% block content %}<p>x</p>{% endblock %}",
        ),
        (
            "\n{% part head %}<meta>{% endpart %}{% part downloads %}{% endpart %}",
            "{% block head %}<meta>{% endblock %}{% block downloads %}{% endblock %}",
        ),
        ("{% part alternates %}{% endpart %}", "{% block alternates %}{% endblock %}"),
    ],
)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_framed_page_is_the_page_extending_base_html(framed, extended, language):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        ours = engines["django"].from_string(FRAMED + framed + "{% endframe %}")
        theirs = engines["django"].from_string(EXTENDED + extended)
        assert ours.render({}, request) == theirs.render({}, request).rstrip("\n")


@pytest.mark.parametrize(
    "body",
    [
        "text{% part title %}{% endpart %}",
        "{% part footer %}{% endpart %}",
        "{% part title %}{% endpart %}{% part title %}{% endpart %}",
    ],
)
def test_a_frame_holds_only_its_parts_once(body):
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string(
            "{% load shisaku_public %}{% frame %}" + body + "{% endframe %}"
        )


@pytest.mark.parametrize("language", ["ja", "en", "ar"])
def test_the_i18n_values_are_djangos(language):
    request = RequestFactory().get("/")
    with translation.override(language):
        assert i18n(request) == django_i18n(request)
