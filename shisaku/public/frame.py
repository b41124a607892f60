"""What Django gives the frame every page shares besides its tags: the context's language.

Django's ``i18n`` context processor asks the active language three times (each an asgiref
``Local`` lookup) on every rendering; :func:`i18n` gives the same three values with the
language read once per page (:func:`shisaku.settled.language`, Django's outside a page).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from shisaku import settled


def i18n(request: HttpRequest) -> dict[str, object]:
    """Return the languages, the active one and whether it is written right to left, as
    ``django.template.context_processors.i18n`` does."""
    language = settled.language()
    bidi = language is not None and language.split("-")[0] in settings.LANGUAGES_BIDI
    return {"LANGUAGES": settings.LANGUAGES, "LANGUAGE_CODE": language, "LANGUAGE_BIDI": bidi}
