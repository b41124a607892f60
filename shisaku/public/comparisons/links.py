"""The URLs of the prefecture and comparison pages, built in one place (as :mod:`links` does)."""

from __future__ import annotations

from django.urls import reverse


def prefectures_url() -> str:
    """Return the list of prefectures in the active language."""
    return reverse("public:prefectures")


def prefecture_url(code: str) -> str:
    """Return a prefecture's page."""
    return reverse("public:prefecture", kwargs={"pref": code})


def compare_url(common_code: str, prefecture: str | None = None) -> str:
    """Return the comparison of a common indicator, in one prefecture or nationwide."""
    if prefecture is None:
        return reverse("public:compare", kwargs={"common_code": common_code})
    kwargs = {"pref": prefecture, "common_code": common_code}
    return reverse("public:prefecture-compare", kwargs=kwargs)
