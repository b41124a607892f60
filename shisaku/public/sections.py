"""Sections of the plan and node pages written in Python rather than by templates: short,
regular markup that every such page shows, where Django's template engine spends several
microseconds on each variable, loop and tag (the roll-up's table cost 290 µs as a template).

Each value goes in as the template put it: localized (:func:`shown`), escaped unless it is
markup already; the headings are the catalogue's messages as ``{% translate %}`` gives them
(a literal's translation is not escaped).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache, lru_cache

from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.domain.plantree import Block, Section
from shisaku.indicators.assessing import PlanAssessment
from shisaku.public import coded, display, links
from shisaku.public.dashboard import Row
from shisaku.public.indicators.rollups import GradeCount, RollUpView, grade_heading, share_text
from shisaku.public.links import OutlineItem
from shisaku.public.markup import markup
from shisaku.public.progress import Progress
from shisaku.public.tree import BlockGroup, PageNotes, group_blocks


def shown(value: object) -> str:
    """Return a value as ``{{ value }}`` shows it: localized, escaped unless markup (a whole
    number, the counts these sections show by the dozen, localized once per language)."""
    if type(value) is int:
        return _whole_number(links.language(), value)
    return markup(localize(value))


@lru_cache(maxsize=1024)
def _whole_number(language: str | None, value: int) -> str:
    """Return a whole number localized in ``language`` (the active one) and escaped."""
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


# A block's text with its ※ links, given the block (the page's notes bound).
Text = Callable[[Block], str]


def blocks_html(section: Section, notes: PageNotes | None, anchors: Mapping[int, str]) -> str:
    """Return a section's blocks, one group a line: consecutive bullets as a list, rows as a
    table, any other block a subheading or paragraph; inside ``<div lang="ja">`` when the whole
    section shows in Japanese (its blocks then unmarked).  ``anchors`` gives the ids of the
    blocks that state a statistic (by ``id(block)``, :func:`prose.block_anchors`)."""
    whole = display.japanese_only(section)

    def text(block: Block) -> str:
        page = notes if notes is not None else PageNotes(iter(()))
        return display.block_html(block, page, mark=not whole)

    groups = "".join(
        f"\n  {_group_html(group, text, anchors)}" for group in group_blocks(section.blocks)
    )
    if whole:
        return f'<div lang="ja">{groups}\n</div>\n'
    return f"{groups}\n\n"


def _group_html(group: BlockGroup, text: Text, anchors: Mapping[int, str]) -> str:
    """Return a group of blocks (then the line's indent, as the template left it)."""
    blocks = group.blocks
    if group.kind == "subheading":
        return f"<h3{_block_id(anchors, blocks[0])}>{text(blocks[0])}</h3>\n  "
    if group.kind == "bullet":
        items = "".join(f"\n    <li{_block_id(anchors, b)}>{text(b)}</li>" for b in blocks)
        return f"<ul>{items}\n  </ul>\n  "
    if group.kind == "row":
        rows = "".join(_row_html(b, anchors) for b in blocks)
        return f'<table class="rows"><tbody>{rows}\n  </tbody></table>\n  '
    return f"<p{_block_id(anchors, blocks[0])}>{text(blocks[0])}</p>"


def _row_html(block: Block, anchors: Mapping[int, str]) -> str:
    """Return a table row of a section: its cells in the active language."""
    cells = "".join(f"<td>{shown(cell)}</td>" for cell in display.row_cells(block))
    return f"\n    <tr{_block_id(anchors, block)}>{cells}</tr>"


def _block_id(anchors: Mapping[int, str], block: Block) -> str:
    """Return ` id="…"` for a block that states a statistic listed on the page, else nothing."""
    anchor = anchors.get(id(block))
    return f' id="{markup(anchor)}"' if anchor else ""


def outline_html(items: list[OutlineItem]) -> SafeString:
    """Return a linked outline of the plan: each node's code and title, its children below."""
    lines = "".join(_outline_item(item) for item in items)
    return SafeString(f'<ul class="outline">{lines}\n</ul>\n')


def _outline_item(item: OutlineItem) -> str:
    """Return a node of an outline, linked, with the outline of its children."""
    node = item.node
    below = outline_html(item.children) if item.children else ""
    return (
        f'\n  <li class="{shown(node.kind)}"><a href="{shown(item.url)}"><span class="code">'
        f"{shown(node.code)}</span> {display.node_title(node)}</a>{below}</li>"
    )


def progress_count_rows(progress: Progress) -> SafeString:
    """Return the rows of a progress summary's grade counts, each year beside the previous."""
    return SafeString(
        "".join(
            f'\n      <tr><th scope="row">{shown(c.grade)}</th><td class="count">'
            f'{shown(c.count)}</td><td class="count">'
            f"{'—' if c.previous is None else shown(c.previous)}</td>"
            f'<td class="count">{shown(c.change)}</td></tr>'
            for c in progress.counts
        )
    )


def progress_status_items(progress: Progress) -> SafeString:
    """Return the items of a progress summary's count of measures by status."""
    return SafeString(
        "".join(
            f'\n    <li class="status-{shown(s.status)}"><span class="status-label">'
            f"{shown(s.label)}</span>: <strong>{shown(s.count)}</strong></li>"
            for s in progress.statuses
        )
    )


def progress_measure_rows(progress: Progress) -> SafeString:
    """Return the rows of a progress summary's measures: each linked, its status and how many
    indicators it has."""
    return SafeString(
        "".join(
            f'\n      <tr><th scope="row"><a href="{shown(m.url)}"><span class="code">'
            f"{shown(m.node.code)}</span> {display.node_title(m.node)}</a></th>"
            f'<td class="status status-{shown(m.status)}">{shown(m.label)}</td>'
            f'<td class="count">{shown(m.indicators)}</td></tr>'
            for m in progress.measures
        )
    )


@cache
def _dashboard_words(language: str | None) -> dict[str, str]:
    """Return the dashboard rows' words in ``language`` (the active one)."""
    return {
        "total": gettext("Whole plan (all indicators)"),
        "plan": gettext("Indicators of the whole plan"),
        "none": gettext("No indicators"),
    }


def dashboard_row_html(row: Row) -> SafeString:
    """Return a line of the dashboard: what it counts (linked), its bar, its counts by grade,
    how many in all, the share on track and how many lack an actual for the year."""
    words = _dashboard_words(links.language())
    if row.level == "total":
        name = words["total"]
    elif row.level == "plan":
        name = f'<a href="{shown(row.url)}">{words["plan"]}</a>'
    else:
        node = row.node
        code = shown(node.code) if node is not None else ""
        title = display.node_title(node) if node is not None else ""
        name = f'<a href="{shown(row.url)}"><span class="code">{code}</span> {title}</a>'
    total = row.total
    bar = shown(row.bar) if total else f'<span class="none">{words["none"]}</span>'
    counts = "".join(f'<td class="count">{shown(n)}</td>' for n in row.counts)
    share = row.share
    return SafeString(
        f'<tr class="{shown(row.level)}"><th scope="row">{name}</th><td class="bar">{bar}</td>'
        f'{counts}<td class="count">{shown(total)}</td><td class="count">'
        f'{shown(share) if share else "—"}</td><td class="count">{shown(row.without_actual)}'
        "</td></tr>\n"
    )
