"""Sections of the plan and node pages written in Python rather than by templates: short,
regular markup that every such page shows, where Django's template engine spends several
microseconds on each variable, loop and tag (the roll-up's table cost 290 µs as a template).

Each value goes in as the template put it: localized (:func:`shown`), escaped unless it is
markup already; the headings are the catalogue's messages as ``{% translate %}`` gives them
(a literal's translation is not escaped).
"""

from __future__ import annotations

from functools import cache

from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.indicators.assessing import PlanAssessment
from shisaku.public import coded, display, links
from shisaku.public.indicators.rollups import GradeCount, RollUpView, grade_heading, share_text
from shisaku.public.markup import markup


def shown(value: object) -> str:
    """Return a value as ``{{ value }}`` shows it: localized, escaped unless markup."""
    return markup(localize(value))


@cache
def _rollup_words(language: str | None) -> dict[str, str]:
    """Return the roll-up section's headings in ``language`` (the active one)."""
    return {
        "title": gettext("Progress of the indicators"),
        "grade": gettext("Grade"),
        "meaning": gettext("Meaning"),
        "number": gettext("Number of indicators"),
        "rule": gettext("How grades are counted"),
        "method": gettext("Grading method"),
        "scale": gettext("Grade scale"),
    }


def rollup_section(rollup: RollUpView, done: PlanAssessment) -> SafeString:
    """Return the section of a roll-up: its grades counted, the share on track, the rules."""
    words = _rollup_words(links.language())
    rows = "".join(_rollup_row(c) for c in rollup.counts)
    return SafeString(
        '<section class="rollup" aria-labelledby="h-rollup">\n'
        f'  <h2 id="h-rollup">{words["title"]}</h2>\n'
        '  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="c-rollup">\n'
        '  <table class="rollup-counts">\n'
        f'    <caption id="c-rollup">{shown(grade_heading(rollup.year))}</caption>\n'
        f'    <thead><tr><th scope="col">{words["grade"]}</th><th scope="col">'
        f'{words["meaning"]}</th><th scope="col">{words["number"]}</th></tr></thead>\n'
        f"    <tbody>{rows}\n    </tbody>\n  </table>\n  </div>\n"
        f'  <p class="share">{shown(share_text(rollup))}</p>\n'
        '  <dl class="facts">\n'
        f'    <dt>{words["rule"]}</dt><dd class="rule">'
        f"{display.generated(rollup.rollup.rule)}</dd>\n"
        f"    <dt>{words['method']}</dt><dd>{shown(coded.method_name(done))}</dd>\n"
        f"    <dt>{words['scale']}</dt><dd>{display.generated(rollup.scale_name)}</dd>\n"
        "  </dl>\n</section>\n"
    )


def _rollup_row(count: GradeCount) -> str:
    """Return a row of the roll-up's table: a grade, its meaning and how many have it."""
    missing = ' class="missing"' if count.missing else ""
    label = display.generated(count.label) if count.label else ""
    return (
        f'\n      <tr{missing}><th scope="row">{shown(count.grade)}</th><td>{label}</td>'
        f'<td class="count">{shown(count.count)}</td></tr>'
    )
