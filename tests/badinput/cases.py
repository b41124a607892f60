"""The table of bad-input cases: every malformed file or payload, its channel, what it must say.

The cases live by channel in :mod:`cases_plan` (``shisaku import-plan``),
:mod:`cases_indicators` (``shisaku import-indicators`` and the staff bulk upload) and
:mod:`cases_api` (the API's write endpoint).  ``FILES`` is the committed corpus that
``make_corpus.py`` writes; ``CASES`` runs them.
"""

from __future__ import annotations

from collections import Counter

from tests.badinput import cases_api, cases_indicators, cases_plan
from tests.badinput.model import Case, Channel, CorpusFile

FILES: list[CorpusFile] = [*cases_plan.FILES, *cases_indicators.FILES, *cases_api.FILES]
CASES: list[Case] = [*cases_plan.CASES, *cases_indicators.CASES, *cases_api.CASES]


def of(channel: Channel) -> list[Case]:
    """Return the cases of one channel."""
    return [c for c in CASES if c.channel == channel]


def counts() -> Counter[str]:
    """Return how many cases each channel has."""
    return Counter(c.channel for c in CASES)
