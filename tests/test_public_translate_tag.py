"""The public pages' {% translate %} (shisaku_i18n) gives what Django's tag gives, in every
language, keeping only literal messages."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils import translation

from shisaku.public.templatetags.shisaku_i18n import ConstantTranslation

FORMS = [
    '{% translate "Grade" %}',
    '{% translate "Grade" as word %}[{{ word }}]',
    '{% translate "Grade"|upper %}',
    "{% translate word %}",
    '{% translate "Grade" noop %}',
    '{% translate "May" context "month name" %}',
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_form_renders_as_django_renders_it(form, language):
    ours = engines["django"].from_string("{% load i18n shisaku_i18n %}" + form)
    django = engines["django"].from_string("{% load i18n %}" + form)
    with translation.override(language):
        for _ in range(2):  # the second render reads what the first kept
            assert ours.render({"word": "Grade"}) == django.render({"word": "Grade"})


def test_only_a_literal_message_is_kept():
    kept = [
        form
        for form in FORMS
        if any(
            isinstance(node, ConstantTranslation)
            for node in engines["django"]
            .from_string("{% load i18n shisaku_i18n %}" + form)
            .template.nodelist
        )
    ]
    assert kept == ['{% translate "Grade" %}']


def test_a_kept_message_follows_the_active_language():
    template = engines["django"].from_string('{% load i18n shisaku_i18n %}{% translate "Grade" %}')
    with translation.override("en"):
        english = template.render({})
    with translation.override("ja"):
        japanese = template.render({})
    assert english == "Grade"
    assert japanese != english
