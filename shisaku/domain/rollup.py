"""Roll indicator grades up to a measure, policy or plan, with the rule published beside it.

Lessons from existing tools (DOMAIN.md §3): an indicator with no actual never counts as zero
(it is counted as missing and left out of the denominator); weights are normalised over the
indicators actually assessed; the count of every grade stays visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shisaku.domain.assessment_scales import Assessment, GradeScale
from shisaku.domain.explain import Text


@dataclass(frozen=True)
class RollUp:
    """Counts per grade (scale order, the missing grade last) and the on-track share.

    ``on_track_share`` is the weighted share of assessed indicators whose grade is on track,
    None when none was assessed. ``weights_normalised`` is True when explicit weights were
    given (and rescaled to sum to 1 over the assessed indicators), False for equal weights.
    """

    counts: dict[str, int]
    assessed: int
    missing: int
    on_track_share: float | None
    rule: str
    weights_normalised: bool


def roll_up(items: Sequence[tuple[Assessment, float | None]], scale: GradeScale) -> RollUp:
    """Count grades and compute the on-track share of ``items`` (assessment, optional weight)."""
    weighted = _check_weights(items)
    counts = dict.fromkeys(scale.grades(), 0)
    assessed = missing = 0
    total = on_track = 0.0
    for assessment, weight in items:
        if assessment.grade not in counts:
            raise ValueError(
                f"評価 {assessment.grade!r} は尺度 {scale.name!r} にありません"
                f"（{', '.join(scale.grades())}）"
            )
        counts[assessment.grade] += 1
        if assessment.status != "graded":
            missing += 1
            continue
        assessed += 1
        w = 1.0 if weight is None else weight
        total += w
        on_track += w if assessment.grade in scale.on_track else 0.0
    share = on_track / total if total > 0 else None
    return RollUp(counts, assessed, missing, share, rule_text(scale, weighted), weighted)


def _check_weights(items: Sequence[tuple[Assessment, float | None]]) -> bool:
    """Return whether weights were given; refuse negative weights or a mix of given and none."""
    given = [weight for _, weight in items if weight is not None]
    if given and len(given) != len(items):
        raise ValueError("重みは全ての指標に指定するか、全く指定しないかのどちらかにしてください")
    if any(weight < 0 for weight in given):
        raise ValueError(f"重みに負の値があります（{[w for w in given if w < 0]}）")
    return bool(given)


def rule_text(scale: GradeScale, weighted: bool) -> Text:
    """Return the published rule, naming the on-track grades and the missing grade."""
    good = [grade for grade in scale.grades() if grade in scale.on_track]
    grades = Text.joined("grades", good) if good else Text("rollup.no_grade")
    weights = Text("rollup.weighted") if weighted else ""
    return Text("rollup.rule", grades=grades, weights=weights, missing=scale.missing)
