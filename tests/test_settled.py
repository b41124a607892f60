"""The place a page renders in, read once and held (shisaku/settled.py)."""

from __future__ import annotations

from django.utils import translation

from shisaku.public import links
from shisaku.settled import settled, settled_anew


def test_outside_a_block_the_language_is_djangos():
    with translation.override("en"):
        assert links.language() == "en"
    with translation.override("ja"):
        assert links.language() == "ja"


def test_a_block_holds_the_place_read_when_it_began():
    with translation.override("en"), settled() as held:
        assert held.language == "en"
        with translation.override("ja"):
            assert links.language() == "en"  # held: nothing inside may change it...
            with settled_anew() as fresh:  # ...except in a block settled anew
                assert (fresh.language, links.language()) == ("ja", "ja")
            assert links.language() == "en"
        assert links.home_url() == "/en/"
    assert links.language() == translation.get_language()


def test_a_block_inside_another_takes_the_place_held_around_it():
    with translation.override("ja"), settled() as outer, settled() as inner:
        assert inner is outer
