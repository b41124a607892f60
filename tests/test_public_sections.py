"""A node page's sections, written by {% section_html %}: headed unless the description, the
source's gaps noticed, the blocks shown, the indicators' table left to its template."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils import translation

from shisaku.domain.plantree import Block, Section

TAG = "{% load shisaku_public %}{% section_html %}"


def render(section: Section, language: str = "ja") -> str:
    """Return the section as a node page shows it."""
    with translation.override(language):
        context = {"section": section, "notes": None, "block_anchors": {}}
        return engines["django"].from_string(TAG).render(context)


def test_the_description_is_unheaded_and_shows_its_blocks():
    found = render(Section("description", blocks=[Block("paragraph", "本文<b>")]))
    assert found == (
        '<section class="section description" id="s-description">\n  \n  \n  '
        "<p>本文&lt;b&gt;</p>\n\n\n</section>\n"
    )


@pytest.mark.parametrize(
    ("state", "note"),
    [
        ("missing", "The source document does not include this part."),
        ("empty", "Nothing is given here in the source document."),
    ],
)
def test_a_gap_in_the_source_is_noticed_under_the_heading(state, note):
    found = render(Section("situation", state), "en")
    assert found.startswith(
        '<section class="section situation" id="s-situation" aria-labelledby="h-situation">\n'
        '  <h2 id="h-situation">'
    )
    assert found.endswith(f'</h2>\n  <p class="source-note">{note}</p>\n  \n</section>\n')


def test_the_indicators_section_is_its_template():
    found = render(Section("indicators", "present", [Block("row", "人口\t10")], ["指標", "目標"]))
    assert '<table class="indicators">' in found
    assert '<th scope="col">指標</th>' in found
    assert found.endswith("\n  \n</section>\n")
