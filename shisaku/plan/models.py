"""Municipalities, their plans, and each plan's tree of nodes with narrative sections."""

from __future__ import annotations

from django.db import models


class Municipality(models.Model):
    """A local government, keyed by its 全国地方公共団体コード (6 digits with check digit)."""

    code = models.CharField(max_length=6, unique=True)
    name_ja = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja}"


class PlanStatus(models.TextChoices):
    """Publication state of a plan."""

    DRAFT = "draft", "下書き"
    PUBLISHED = "published", "公開"


class Plan(models.Model):
    """One plan document (e.g. 前期基本計画 FY2019–2023) of a municipality, versioned."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="plans")
    slug = models.SlugField(max_length=40)
    title_ja = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    period_start = models.PositiveSmallIntegerField()
    period_end = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    source_name = models.CharField(max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    assessment = models.JSONField(default=dict, blank=True)  # {"preset": "aomori"} or a config
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality__code", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="plan_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.code} {self.title_ja} ({self.slug})"


class PlanNode(models.Model):
    """One element of a plan's hierarchy: field, policy, measure, initiative or action."""

    class Kind(models.TextChoices):
        FIELD = "field", "政策分野"
        POLICY = "policy", "政策"
        MEASURE = "measure", "施策"
        INITIATIVE = "initiative", "主な取組"
        ACTION = "action", "取組"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    code = models.CharField(max_length=40)
    position = models.PositiveIntegerField()  # document order within the whole plan
    title_ja = models.TextField(blank=True)
    title_en = models.TextField(blank=True)
    title_known = models.BooleanField(default=True)
    department = models.CharField(max_length=100, blank=True)  # 主管課, for department editors
    # a policy whose measures the education board reports on (教育委員会の点検・評価)
    education = models.BooleanField(default=False)

    class Meta:
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="node_code_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_ja}"


class Section(models.Model):
    """A named part of a node's narrative (現状と課題, 基本方向…) and its state in the source."""

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, default="present")
    columns = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["node_id", "position"]
        constraints = [models.UniqueConstraint(fields=["node", "key"], name="section_key_per_node")]

    def __str__(self) -> str:
        return f"{self.node.code} {self.key}"


class TextBlock(models.Model):
    """One sub-heading, paragraph, bullet or table row of a section, verbatim."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=12)
    text_ja = models.TextField()
    text_en = models.TextField(blank=True)

    class Meta:
        ordering = ["section_id", "position"]

    def __str__(self) -> str:
        return self.text_ja[:40]


class Footnote(models.Model):
    """A ※ note explaining a term, attached to the block (or node title) where the term appears."""

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="footnotes")
    block = models.ForeignKey(
        TextBlock, null=True, blank=True, on_delete=models.CASCADE, related_name="footnotes"
    )
    position = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=200)
    text_ja = models.TextField()
    text_en = models.TextField(blank=True)

    class Meta:
        ordering = ["node_id", "block_id", "position"]

    def __str__(self) -> str:
        return f"※{self.term}"


class PlanSnapshot(models.Model):
    """The whole plan as exchange JSON at one version: nothing is lost when content changes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="snapshots")
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150)
    source_name = models.CharField(max_length=255, blank=True)
    document = models.JSONField()

    class Meta:
        ordering = ["plan_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="snapshot_version_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version}"


class ContextStatistic(models.Model):
    """A figure stated in the plan's prose, linked to the sentence (block) that states it."""

    block = models.ForeignKey(TextBlock, on_delete=models.CASCADE, related_name="statistics")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    area = models.CharField(max_length=50, blank=True)  # 本市, 国 …
    period = models.CharField(max_length=24)  # canonical period key, or a date 2018-05-01
    raw = models.CharField(max_length=100)  # the figure as written, e.g. 19.4%
    value = models.DecimalField(max_digits=20, decimal_places=6)
    unit = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["block_id", "position"]

    def __str__(self) -> str:
        return f"{self.label} {self.period} {self.raw}"


class ContentDraft(models.Model):
    """An unpublished edit of a node title or a block text (ja or en), pending publication.

    ``base`` is the text the editor started from: publishing refuses a draft whose target no
    longer holds it (someone else changed it), so no edit is silently overwritten.
    """

    class Target(models.TextChoices):
        NODE = "node", "項目名"
        BLOCK = "block", "本文"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="drafts")
    target = models.CharField(max_length=10, choices=Target.choices)
    node_code = models.CharField(max_length=40)
    section = models.CharField(max_length=20, blank=True)  # for blocks
    position = models.PositiveIntegerField(default=0)  # for blocks
    language = models.CharField(max_length=2)  # ja or en
    base = models.TextField(blank=True)
    text = models.TextField(blank=True)
    author = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "target", "node_code", "section", "position", "language"],
                name="one_draft_per_text",
            )
        ]

    def __str__(self) -> str:
        return f"{self.node_code} {self.section}#{self.position} {self.language}"


class MeasureGoal(models.Model):
    """A measure's contribution to an SDG goal (``target`` blank) or one of its targets.

    Keyed by the node's code, not the node row, so that the link survives a re-import of the
    plan (nodes are replaced then); the goal names live in shisaku/data/sdgs.json.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measure_goals")
    node_code = models.CharField(max_length=40)
    goal = models.PositiveSmallIntegerField()  # 1..17
    target = models.CharField(max_length=2, blank=True)  # "1".."19", "a".."z", or blank
    source = models.CharField(max_length=200, blank=True)  # where the link is stated

    class Meta:
        ordering = ["plan_id", "node_code", "goal", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "node_code", "goal", "target"], name="one_link_per_goal"
            )
        ]

    def __str__(self) -> str:
        suffix = f".{self.target}" if self.target else ""
        return f"{self.node_code} → SDG {self.goal}{suffix}"
