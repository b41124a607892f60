"""The yearly evaluation of each measure (施策評価シート) and the programmes behind it (事務事業).

Text is Japanese first, each field with an ``_en`` twin for publication in English. Amounts
of money are whole yen; staff time is in staff-years (人年). See docs/evaluation.md.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from shisaku.domain.workflow import STAGE_LABELS, STAGES, STATE_LABELS, STATES
from shisaku.plan.models import Plan, PlanNode

STATUS_CHOICES = [(state, STATE_LABELS[state]) for state in STATES]
STAGE_CHOICES = [(stage, STAGE_LABELS[stage]) for stage in STAGES]


class Direction(models.TextChoices):
    """The direction decided for the next year (今後の方向性), with the label every interface
    shows: an English msgid, 拡充 in Japanese (:func:`label_ja` for the Japanese-only sheets)."""

    EXPAND = "expand", _("Expand")
    MAINTAIN = "maintain", _("Maintain")
    REDUCE = "reduce", _("Reduce")
    IMPROVE = "improve", _("Improve")
    MERGE = "merge", _("Merge")
    ABOLISH = "abolish", _("Abolish")
    SUSPEND = "suspend", _("Suspend")
    COMPLETE = "complete", _("Completed")


def label_ja(choice: models.TextChoices) -> str:
    """Return a coded value's label in Japanese, whatever the active language (reports and
    messages are written in Japanese)."""
    with translation.override("ja"):
        return str(choice.label)


class Rating(models.TextChoices):
    """A programme's rating for necessity, effectiveness or efficiency."""

    A = "A", "A（高い）"
    B = "B", "B（普通）"
    C = "C", "C（低い）"


class Evaluation(models.Model):
    """The evaluation sheet of one measure for one fiscal year, moving through the workflow."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluations")
    node = models.ForeignKey(PlanNode, on_delete=models.PROTECT, related_name="evaluations")
    fiscal_year = models.PositiveSmallIntegerField()
    department = models.CharField(max_length=100, blank=True)  # 主管課
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="draft")
    target_ja = models.TextField(blank=True)  # 対象
    target_en = models.TextField(blank=True)
    intent_ja = models.TextField(blank=True)  # 意図
    intent_en = models.TextField(blank=True)
    results_ja = models.TextField(blank=True)  # 成果の説明
    results_en = models.TextField(blank=True)
    issues_ja = models.TextField(blank=True)  # 課題
    issues_en = models.TextField(blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, blank=True)
    first_comment_ja = models.TextField(blank=True)  # 一次評価（所属長）
    first_comment_en = models.TextField(blank=True)
    second_comment_ja = models.TextField(blank=True)  # 二次評価（企画課）
    second_comment_en = models.TextField(blank=True)
    committee_opinion_ja = models.TextField(blank=True)  # 外部評価
    committee_opinion_en = models.TextField(blank=True)
    frozen = models.JSONField(null=True, blank=True)  # indicator grades frozen at approval
    version = models.PositiveIntegerField(default=1)
    updated_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "fiscal_year", "node__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "node", "fiscal_year"], name="one_evaluation_per_measure_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.node_id} {self.status}"


class StageDeadline(models.Model):
    """The date by which a stage of a fiscal year's evaluations is due."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="stage_deadlines")
    fiscal_year = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=10, choices=STAGE_CHOICES)
    due = models.DateField()

    class Meta:
        ordering = ["plan_id", "fiscal_year", "due"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "fiscal_year", "stage"], name="one_deadline_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.stage} {self.due}"


class Programme(models.Model):
    """A programme (事務事業) carried out under one initiative (主な取組) of a measure."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programmes")
    initiative = models.ForeignKey(PlanNode, on_delete=models.PROTECT, related_name="programmes")
    code = models.CharField(max_length=40)
    name_ja = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    department = models.CharField(max_length=100, blank=True)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="programme_code_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja}"


class ProgrammeYear(models.Model):
    """A programme's figures and self-evaluation for one fiscal year (事務事業評価シート)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveSmallIntegerField()
    budget = models.DecimalField(
        max_digits=15, decimal_places=0, null=True, blank=True
    )  # 予算額（円）
    settlement = models.DecimalField(
        max_digits=15, decimal_places=0, null=True, blank=True
    )  # 決算額（円）
    staff_years = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    unit_cost = models.DecimalField(
        max_digits=15, decimal_places=0, null=True, blank=True
    )  # 職員1人当たり人件費（円/人年）
    necessity = models.CharField(max_length=1, choices=Rating.choices, blank=True)
    effectiveness = models.CharField(max_length=1, choices=Rating.choices, blank=True)
    efficiency = models.CharField(max_length=1, choices=Rating.choices, blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, blank=True)
    comment_ja = models.TextField(blank=True)
    comment_en = models.TextField(blank=True)
    updated_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme_id", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "fiscal_year"], name="one_programme_year")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.fiscal_year}"


class ProgrammeIndicator(models.Model):
    """An activity (活動指標, output) or outcome (成果指標) indicator of a programme."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", "活動指標"
        OUTCOME = "outcome", "成果指標"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    name_ja = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    unit = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["programme_id", "kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "name_ja"], name="programme_indicator_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.kind} {self.name_ja}"


class ProgrammeIndicatorValue(models.Model):
    """The planned (予定) and actual (実績) value of a programme indicator in one fiscal year."""

    indicator = models.ForeignKey(
        ProgrammeIndicator, on_delete=models.CASCADE, related_name="values"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    planned = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    actual = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["indicator_id", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="one_programme_value_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.fiscal_year}"


class SheetRules(models.Model):
    """What the planning office requires of a plan's sheets before they may be submitted.

    A plan without a row uses ``shisaku.evaluation.requirements.DEFAULT_REQUIRED``.
    """

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="sheet_rules")
    required_to_submit = models.JSONField(default=list)  # sheet field names, e.g. "results_ja"
    updated_by = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return f"{self.plan_id} {self.required_to_submit}"
