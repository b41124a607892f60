"""Work out a document's own layout: which numbering styles are levels, in which order, as what.

Nothing here knows a city.  The evidence is the document itself:

- **Sequences.** A level's numbers count 1, 2, 3 under each parent (a style whose numbers jump
  about is a list inside the text, not a level); a style with an unknown word needs two
  occurrences to count.
- **Nesting.** Reading the heading candidates in order with a stack of open styles (a style seen
  again closes what was opened under it; a code such as 2-1-3 goes under the heading whose code is
  its prefix) gives each style votes for its parent style; the majority decides the order
  (the walk is :mod:`~shisaku.domain.plandoc_nesting`'s).
- **Ownership.** A style that only ever appears inside a narrative section (after 現状と課題 …)
  and owns no section or table of its own is a sub-heading of that text, not a level.
- **Kinds.** The *measure* level (施策, the unit evaluated every year) is the deepest level whose
  headings own section labels or indicator tables; above it come policy and field, below it
  initiative and action.  Without such evidence levels go field, policy, measure from the top.

A user's :class:`~shisaku.domain.plandoc_profile.Profile` overrides any of it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from shisaku.domain.plandoc_frames import COUNTERS, containers_of, frames_of
from shisaku.domain.plandoc_lines import FallbackKind, Line
from shisaku.domain.plandoc_nesting import Candidate, candidates, is_code, nest
from shisaku.domain.plandoc_numbering import LEVEL_WORDS
from shisaku.domain.plandoc_profile import KINDS_BY_DEPTH, LevelRule, Profile
from shisaku.domain.plandoc_text import match_key

# The share of a level's headings that must own sections or tables for it to be the measures.
MEASURE_SHARE = 2 / 3


@dataclass
class Layout:
    """The levels of a document: a rule per numbering style, and which styles carry codes."""

    rules: dict[str, LevelRule] = field(default_factory=dict)
    code_styles: frozenset[str] = frozenset()  # styles whose numbers are the node's code
    containers: frozenset[str] = frozenset()  # the document's parts and chapters around a plan
    repeats: frozenset[int] = frozenset()  # line positions of headings repeated as page heads
    narrative: frozenset[int] = frozenset()  # line positions of items inside narrative text
    examples: dict[str, str] = field(default_factory=dict)  # style → its first heading line
    fallbacks: dict[str, FallbackKind] = field(default_factory=dict)  # a profile's choices
    forms: frozenset[str] = frozenset()  # styles of a form's section heads (2 指標の推移)

    def rule(self, style: str) -> LevelRule | None:
        """Return the rule of ``style`` when it is a level of the plan."""
        found = self.rules.get(style)
        return found if found is not None and found.level > 0 else None

    def fallback(self, index: int, line: Line) -> FallbackKind:
        """Return what heading candidate ``line`` (at ``index``) is when it is no level: the
        profile's choice, a form's section head (a label of the text under it), a sub-heading
        inside narrative text, else its own fallback."""
        chosen = self.fallbacks.get(line.style)
        if chosen is not None:
            return chosen
        if line.style in self.forms:
            return "label"  # 「2 指標の推移」 heads its part of every sheet
        if index in self.narrative and line.fallback == "bullet":
            return "group"  # 「① 出生数の減少」 in 現状と課題 heads the text under it
        return line.fallback


# The choices of a profile that make a style no level, as the kind its lines are read as.
_FALLBACKS: dict[str, FallbackKind] = {
    "text": "text",
    "group": "group",
    "bullet": "bullet",
    "label": "label",
}


def _sequence_ok(cands: list[Candidate]) -> bool:
    """Tell whether a style's numbers count up (restarting at 1 is fine) more than they jump."""
    good = bad = 0
    previous: tuple[int, ...] | None = None
    for cand in cands:
        numbers = cand.line.numbers
        if not numbers or previous is None or numbers[-1] == 1 or _follows(previous, numbers):
            good += 1
        elif numbers != previous:
            bad += 1
        previous = numbers
    return good > bad


def _follows(previous: tuple[int, ...], numbers: tuple[int, ...]) -> bool:
    """Tell whether ``numbers`` comes right after ``previous`` (2-1 → 2-2, 3 → 4, 2-3 → 3-1)."""
    if len(previous) != len(numbers):
        return True
    head = numbers[:-1]
    return (head == previous[:-1] and numbers[-1] == previous[-1] + 1) or head != previous[:-1]


def _word_ok(cands: list[Candidate]) -> bool:
    """Tell whether an unknown level word recurs enough to be a level (基本目標 is known)."""
    word = cands[0].line.word
    return not word or word in LEVEL_WORDS or word in COUNTERS or len(cands) >= 2


def _share(cands: list[Candidate], test: Callable[[Candidate], bool]) -> float:
    """Return the share of ``cands`` for which ``test`` holds."""
    return sum(map(test, cands)) / len(cands) if cands else 0.0


def _level_evidence(cands: list[Candidate]) -> bool:
    """Tell whether a style's headings stand where levels stand, or (two or more of them)
    own indicator tables."""
    free = _share(cands, lambda c: not c.under_section)
    owning = len(cands) > 1 and _share(cands, lambda c: c.owns_table) >= 0.5
    return free >= 0.5 or owning


def _by_style(cands: list[Candidate]) -> dict[str, list[Candidate]]:
    """Return the first occurrences of each style's headings (repeats left out)."""
    grouped: dict[str, list[Candidate]] = defaultdict(list)
    for cand in cands:
        if not cand.repeat:
            grouped[cand.line.style].append(cand)
    return grouped


def _form_styles(grouped: dict[str, list[Candidate]]) -> set[str]:
    """Return the styles whose every heading is printed again, number and title alike, under
    another parent: a form's own section heads (「2 指標の推移」 on every 施策's sheet)."""
    forms: set[str] = set()
    for style, cands in grouped.items():
        parents: dict[tuple[tuple[int, ...], str], set[int]] = defaultdict(set)
        for cand in cands:
            key = (cand.line.numbers, match_key(cand.line.text))
            parents[key].add(cand.ancestors[-1][1] if cand.ancestors else -1)
        if all(len(found) > 1 for found in parents.values()):
            forms.add(style)
    return forms


def _accepted_styles(lines: list[Line], cands: list[Candidate]) -> tuple[set[str], set[str]]:
    """Return the styles that are levels of the plan (see the module docstring), and those of
    a form's section heads, which are not."""
    grouped = _by_style(cands)
    accepted = {s for s, cs in grouped.items() if _word_ok(cs) and _sequence_ok(cs)}
    forms: set[str] = set()
    for _ in range(4):  # where a heading nests depends on which styles are levels: settle it
        nest(lines, cands, accepted)
        grouped = _by_style([c for c in cands if c.line.style in accepted])
        forms |= _form_styles(grouped)
        keep = {s for s in accepted if _level_evidence(grouped.get(s, []))} - forms
        if keep == accepted:
            break
        accepted = keep
    return accepted, forms


def _levels(cands: list[Candidate], order: list[str]) -> dict[str, int]:
    """Return each style's level from its most-voted parent, breaking cycles by first use.

    A code style at the top (2-1-1 with no 2-1 heading) keeps the levels its code implies.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    depth: dict[str, int] = {}
    for cand in cands:
        depth.setdefault(cand.line.style, len(cand.line.numbers) if is_code(cand.line) else 1)
        if not cand.repeat:
            votes[cand.line.style][cand.parent] += 3 if cand.by_code else 1
    parent = {s: (votes[s].most_common(1)[0][0] if votes[s] else "") for s in order}
    levels: dict[str, int] = {}
    for style in order:
        chain: list[str] = []
        current = style
        while current and current not in levels and current not in chain:
            chain.append(current)
            current = parent.get(current, "")
        if current in chain:  # a cycle: the style used first is the top of it
            base = 0
        elif current:
            base = levels[current]
        else:  # the top: a code keeps the levels above it that its numbers imply
            base = depth[chain[-1]] - 1
        for step, s in enumerate(reversed(chain), start=1):
            levels[s] = base + step
    return levels


def _owning_levels(cands: list[Candidate], levels: dict[str, int]) -> dict[int, float]:
    """Return, for each level, the share of its headings that own a section or a table."""
    owned: dict[int, list[bool]] = defaultdict(list)
    for cand in cands:
        level = levels.get(cand.line.style)
        if level and not cand.repeat:
            owns = cand.owns_table or (cand.owns_section and not cand.under_section)
            owned[level].append(owns)
    return {level: sum(flags) / len(flags) for level, flags in owned.items()}


def _item_styles(kept: list[Candidate]) -> set[str]:
    """Return the styles of list items: under one parent, only the last of them is followed by
    a table (施策の方向 (1), (2), then 成果指標) and never each one by its own."""
    groups: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    for cand in kept:
        if not cand.repeat:
            parent = cand.ancestors[-1][1] if cand.ancestors else -1
            groups[(cand.line.style, parent)].append(cand)
    last_only: set[str] = set()
    each: set[str] = set()
    for (style, _), group in groups.items():
        owns = [c.owns_table for c in group]
        if len(group) > 1 and owns[-1] and not any(owns[:-1]):
            last_only.add(style)
        if len(group) > 1 and all(owns):
            each.add(style)
    return last_only - each


def _table_levels(kept: list[Candidate], levels: dict[str, int]) -> dict[int, float]:
    """Return, for each level, the share of its headings that own an indicator table.

    A table after list items is their parent's: where every heading of a level has its own
    table (基本目標, then each (1) with its KPI), the deepest such level is the measures'.
    """
    items = _item_styles(kept)
    by_index = {c.index: c for c in kept}
    owners: set[int] = set()
    for cand in kept:
        if cand.owns_table and not cand.repeat:
            owner = cand
            while owner.line.style in items and owner.ancestors:
                owner = by_index.get(owner.ancestors[-1][1], owner)
                if owner.line.style not in items:
                    break
            owners.add(owner.index)
    share: dict[int, list[bool]] = defaultdict(list)
    for cand in kept:
        if not cand.repeat and cand.line.style in levels:
            share[levels[cand.line.style]].append(cand.index in owners)
    return {level: sum(flags) / len(flags) for level, flags in share.items()}


def kinds_for(levels: list[int], owning: dict[int, float]) -> dict[int, str]:
    """Return the node kind of each level (see the module docstring)."""
    evident = [lv for lv in levels if owning.get(lv, 0) >= MEASURE_SHARE]
    if not evident:
        return {lv: KINDS_BY_DEPTH[min(lv, len(KINDS_BY_DEPTH)) - 1] for lv in levels}
    measure = max(evident)
    kinds: dict[int, str] = {}
    for lv in levels:
        if lv == measure:
            kinds[lv] = "measure"
        elif lv > measure:
            kinds[lv] = "initiative" if lv == measure + 1 else "action"
        else:
            kinds[lv] = "policy" if lv == measure - 1 and measure > 2 else "field"
    return kinds


def infer_layout(lines: list[Line], profile: Profile | None = None) -> Layout:
    """Return the layout of a document's classified lines, a profile's rules winning."""
    profile = profile or Profile()
    cands = candidates(lines)
    styles = cands_styles(cands)
    found, forms = _accepted_styles(lines, cands)
    accepted = (found | profile.level_styles(styles)) - profile.fallback_styles(styles)
    nest(lines, cands, accepted)
    kept = [c for c in cands if c.line.style in accepted]
    order = list(dict.fromkeys(c.line.style for c in kept))
    roots = {c.parent for c in kept if c.by_code and len(c.line.numbers) == 2}
    roots &= _single_styles(kept)
    levels = _levels(kept, order)
    containers = containers_of(levels, roots, kept) | frames_of(kept)
    containers -= profile.level_styles(styles)
    levels = _without(levels, containers) | profile.levels(order)
    kinds = kinds_for(sorted(set(levels.values())), _measure_evidence(kept, levels, profile))
    rules = {s: LevelRule(s, lv, profile.kind(s) or kinds[lv]) for s, lv in levels.items()}
    for style in styles:
        rules.setdefault(style, LevelRule(style, 0, "label" if style in forms else ""))
    return Layout(
        rules,
        frozenset({c.line.style for c in kept if is_code(c.line)} | roots),
        frozenset(containers),
        frozenset(c.index for c in cands if c.repeat),
        _in_narrative(cands, accepted),
        {s: next(c.line.raw for c in cands if c.line.style == s) for s in rules},
        _fallbacks(profile, styles),
        frozenset(forms - accepted),
    )


def _measure_evidence(
    kept: list[Candidate], levels: dict[str, int], profile: Profile
) -> dict[int, float]:
    """Return, for each level, how much it looks like the measures': the level a profile names
    the measure outright, else the share of its headings that own tables (or sections)."""
    named = {lv for s, lv in levels.items() if profile.kind(s) == "measure"}
    if named:
        return dict.fromkeys(named, 1.0)
    tables = _table_levels(kept, levels)
    if any(v >= MEASURE_SHARE for v in tables.values()):
        return tables
    return _owning_levels(kept, levels)


def _fallbacks(profile: Profile, styles: list[str]) -> dict[str, FallbackKind]:
    """Return the kinds a profile reads styles that are no level as (「①: group」)."""
    chosen = {s: profile.choice(s) for s in styles}
    return {s: _FALLBACKS[c.kind] for s, c in chosen.items() if c and c.kind in _FALLBACKS}


def _in_narrative(cands: list[Candidate], accepted: set[str]) -> frozenset[int]:
    """Return the heading candidates that stand inside narrative text as its sub-headings: of a
    style that is no level, or of a level's style used elsewhere too (① used both for items of
    現状と課題 and for the groups of 施策の展開)."""
    free = {c.line.style for c in cands if c.line.style in accepted and not c.under_section}
    return frozenset(
        c.index
        for c in cands
        if c.under_section and (c.line.style in free or c.line.style not in accepted)
    )


def _without(levels: dict[str, int], containers: set[str]) -> dict[str, int]:
    """Return the levels of the other styles, closed up over the containers' levels."""
    kept = {lv for s, lv in levels.items() if s not in containers}
    gone = sorted({levels[s] for s in containers} - kept)
    return {s: lv - sum(g < lv for g in gone) for s, lv in levels.items() if s not in containers}


def cands_styles(cands: list[Candidate]) -> list[str]:
    """Return the styles of the candidates, in order of first appearance."""
    return list(dict.fromkeys(c.line.style for c in cands))


def _single_styles(cands: list[Candidate]) -> set[str]:
    """Return the styles whose headings hold one number (2, 第2章, 基本目標2)."""
    return {c.line.style for c in cands if len(c.line.numbers) == 1}
