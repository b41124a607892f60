"""Indicators (指標) of a plan and their figures: baselines, targets and actuals, with history.

Figures are never overwritten: a correction or a revised target is a new revision and the
earlier one stays, marked as superseded, so that every figure's history can be shown.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from shisaku.plan.models import Plan, PlanNode


class Indicator(models.Model):
    """One target indicator, attached to a measure or policy (or to the plan as a whole)."""

    # The coded values carry the labels the pages show (English msgids, translated); the
    # words an import file may write for them (増加, 年度) are the exchange's own
    # (exchange/indicator_cells.py).
    class SourceKind(models.TextChoices):
        SURVEY = "survey", _("Residents' survey")
        OPERATIONS = "operations", _("Administrative records")
        GOVERNMENT = "government", _("National or prefectural statistics")
        OTHER = "other", _("Other")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Aim to increase")
        DECREASE = "decrease", _("Aim to decrease")
        MAINTAIN = "maintain", _("Maintain")
        QUALITATIVE = "qualitative", _("Qualitative")

    class Accumulation(models.TextChoices):
        SINGLE_YEAR = "single_year", _("Single year")
        CUMULATIVE = "cumulative", _("Cumulative")

    class TimeBasis(models.TextChoices):
        FISCAL = "fiscal", _("Fiscal year (April to March)")
        CALENDAR = "calendar", _("Calendar year")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    node = models.ForeignKey(
        PlanNode, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.CharField(max_length=40)
    position = models.PositiveIntegerField(default=0)
    name_ja = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    definition_ja = models.TextField(blank=True)
    definition_en = models.TextField(blank=True)
    unit = models.CharField(max_length=30, blank=True)
    unit_en = models.CharField(max_length=30, blank=True)
    source_kind = models.CharField(
        max_length=12, choices=SourceKind.choices, default=SourceKind.OTHER
    )
    source = models.TextField(blank=True)
    department = models.CharField(max_length=100, blank=True)
    direction = models.CharField(max_length=12, choices=Direction.choices)
    accumulation = models.CharField(
        max_length=12, choices=Accumulation.choices, default=Accumulation.SINGLE_YEAR
    )
    time_basis = models.CharField(
        max_length=10, choices=TimeBasis.choices, default=TimeBasis.FISCAL
    )
    components = models.JSONField(default=list, blank=True)
    rationale_ja = models.TextField(blank=True)
    rationale_en = models.TextField(blank=True)
    note_ja = models.TextField(blank=True)  # 備考
    note_en = models.TextField(blank=True)
    weight = models.FloatField(null=True, blank=True)
    # 共通指標コード: the same code on two plans' indicators says they measure the same statistic
    # (shisaku/data/common-indicators.csv), so that the public site can compare them.
    common_code = models.CharField(max_length=40, blank=True, db_index=True)
    # Baselines and targets a plan document prints without a period (or that could not be
    # read): [{"kind": "baseline", "raw": "1.38", "value": "1.38"}], kept as text, never graded.
    undated = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan_id", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja}"


class Figure(models.Model):
    """One baseline, target or actual of an indicator for a period, as a revision."""

    class Kind(models.TextChoices):
        """What a figure is; the labels are the ones every interface shows (基準値 / Baseline)."""

        BASELINE = "baseline", _("Baseline")
        TARGET = "target", _("Target")
        ACTUAL = "actual", _("Actual")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.CharField(max_length=24)  # canonical period key, e.g. FY2019, FY2021-2026avg
    period_start = models.PositiveSmallIntegerField()
    period_end = models.PositiveSmallIntegerField()
    breakdown = models.CharField(max_length=100, blank=True)  # e.g. a member municipality
    raw = models.CharField(max_length=300)  # the cell as written
    value_kind = models.CharField(max_length=12)  # number, rank, missing, qualitative, …
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    unit = models.CharField(max_length=30, blank=True)
    qualifier = models.CharField(max_length=10, blank=True)  # 約, 見込, 速報, 確定 …
    label = models.CharField(max_length=100, blank=True)  # 策定, 全国値, a missing marker …
    components = models.JSONField(default=list, blank=True)  # [{label, raw, value, unit}]
    note = models.TextField(blank=True)
    source = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    entered_by = models.CharField(max_length=150)
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "kind", "period_start", "period_end", "breakdown", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "kind", "period", "breakdown", "revision"],
                name="figure_revision",
            ),
            models.UniqueConstraint(
                fields=["indicator", "kind", "period", "breakdown"],
                condition=models.Q(is_current=True),
                name="one_current_figure",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "is_current"]),
            # the latest figures entered, newest first (the home page's recent changes), read
            # from the end of the index instead of sorting every figure
            models.Index(fields=["entered_at", "id"], name="figure_entered"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.kind} {self.period} {self.raw}"


class EntryDeadline(models.Model):
    """The date by which a department must enter a fiscal year's actuals (blank: everyone)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deadlines")
    fiscal_year = models.PositiveSmallIntegerField()
    department = models.CharField(max_length=100, blank=True)
    due = models.DateField()

    class Meta:
        ordering = ["plan_id", "fiscal_year", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "fiscal_year", "department"], name="one_deadline_per_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.department or '全課'} {self.due}"


class PeriodLock(models.Model):
    """A fiscal year of a measure whose figures are closed: its evaluation has been approved.

    Every figure write for an indicator attached to ``node`` (or below it) whose period ends in
    ``fiscal_year`` is refused until the planning office reopens the evaluation.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="locks")
    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="locks")
    fiscal_year = models.PositiveSmallIntegerField()
    locked_by = models.CharField(max_length=150)
    locked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan_id", "fiscal_year", "node_id"]
        constraints = [
            models.UniqueConstraint(fields=["node", "fiscal_year"], name="one_lock_per_node_year")
        ]

    def __str__(self) -> str:
        return f"{self.node_id} {self.fiscal_year} locked by {self.locked_by}"
