"""What the property tests share: a deterministic Hypothesis profile and the strategies.

The profile is registered and loaded here (tests/conftest.py is shared by every module): the
same examples every run (``derandomize``), no example database written into the checkout, no
deadline (CI machines vary), and a small example count, so that each property takes a second
or two.  ``HYPOTHESIS_PROFILE=thorough`` runs many more examples when hunting for a bug.
"""

from __future__ import annotations

import os
import string

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from shisaku.domain.plantree import (
    NODE_KINDS,
    SECTION_KEYS,
    Block,
    Footnote,
    Node,
    Section,
)

settings.register_profile(
    "shisaku",
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", parent=settings.get_profile("shisaku"), max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "shisaku"))

# --- text -----------------------------------------------------------------------------------

# Text a plan can hold: any character but surrogates and the C0 controls other than tab, line
# breaks, vertical tab and form feed (docs/plan-json.md; shisaku.domain.plandict).
PLAN_CHARS = st.characters(
    exclude_categories=["Cs"],
    exclude_characters=[chr(c) for c in (*range(0x09), *range(0x0E, 0x20), 0x7F)],
)
JAPANESE = st.sampled_from("あいうえおかきくけこ子育て支援福祉道路公園市民協働文化環境安全安心")
plan_text = st.text(st.one_of(PLAN_CHARS, JAPANESE), max_size=30)
short_word = st.text(JAPANESE, min_size=1, max_size=8)

# --- plan trees -----------------------------------------------------------------------------


def footnotes() -> st.SearchStrategy[list[Footnote]]:
    """Return a strategy of footnote lists."""
    note = st.builds(
        Footnote, term=st.text(PLAN_CHARS, max_size=20), text=plan_text, text_en=plan_text
    )
    return st.lists(note, max_size=2)


blocks = st.lists(
    st.builds(
        Block,
        kind=st.sampled_from(["subheading", "paragraph", "bullet", "row"]),
        text=plan_text,
        text_en=plan_text,
        footnotes=footnotes(),
    ),
    max_size=3,
)


@st.composite
def sections(draw: st.DrawFn) -> list[Section]:
    """Return a node's sections: each key at most once, as a plan holds them."""
    keys = draw(st.lists(st.sampled_from(SECTION_KEYS), unique=True, max_size=3))
    return [
        Section(
            key=key,
            state=draw(st.sampled_from(["present", "missing", "empty"])),
            blocks=draw(blocks),
            columns=draw(st.lists(st.text(PLAN_CHARS, max_size=10), max_size=3)),
        )
        for key in keys
    ]


@st.composite
def node(draw: st.DrawFn, code: str, depth: int) -> Node:
    """Return a node with ``code`` and up to ``depth`` levels of children below it."""
    known = draw(st.booleans())
    count = draw(st.integers(0, 2)) if depth else 0
    return Node(
        kind=draw(st.sampled_from(NODE_KINDS)),
        code=code,
        title=draw(plan_text) if known else "",
        title_en=draw(plan_text),
        title_known=known,
        sections=draw(sections()),
        children=[draw(node(f"{code}-{i}", depth - 1)) for i in range(1, count + 1)],
        footnotes=draw(footnotes()),
        department=draw(st.text(PLAN_CHARS, max_size=10)),
        education=draw(st.booleans()),
    )


@st.composite
def forests(draw: st.DrawFn) -> list[Node]:
    """Return a plan's root nodes: unique codes (1, 1-2, 1-2-1 …), up to five levels deep."""
    count = draw(st.integers(0, 3))
    return [draw(node(str(i), draw(st.integers(0, 4)))) for i in range(1, count + 1)]


# --- JSON-like values -----------------------------------------------------------------------

PLAN_KEYS = st.sampled_from(
    [
        "kind",
        "code",
        "title",
        "title_en",
        "title_known",
        "sections",
        "children",
        "footnotes",
        "key",
        "state",
        "blocks",
        "columns",
        "text",
        "term",
        "department",
        "education",
    ]
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.sampled_from([*NODE_KINDS, *SECTION_KEYS, "present", "bullet", "1", "1-1"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(PLAN_KEYS, st.text(max_size=5)), inner, max_size=6),
    ),
    max_leaves=25,
)

ascii_noise = st.text(string.printable, max_size=20)


def test_the_profile_is_deterministic_and_bounded():
    assert settings().derandomize
    assert settings().database is None
    assert settings().max_examples <= 5000
