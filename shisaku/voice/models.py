"""Consultations (意見募集), the opinions people give, their sealed contact details, and the
marks that rate-limit the public form.

An opinion's text is never deleted or overwritten: moderation sets its state and keeps the
reason; the public sees only published opinions (or their summary) and the responses. Only
removing a whole plan removes its consultations (as it removes every other record of the plan);
a re-import that drops a node a consultation or an opinion is about is refused. Contact details
live apart (:class:`OpinionContact`), encrypted, and are deleted after their date.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from shisaku.plan.models import Municipality, Plan, PlanNode


class Audience(models.TextChoices):
    """Whom a consultation asks."""

    EVERYONE = "everyone", _("Everyone")
    CHILDREN = "children", _("Children and young people")


class Channel(models.TextChoices):
    """How an opinion reached the municipality."""

    WEB = "web", _("Web form")
    PAPER = "paper", _("Paper form")
    SCHOOL = "school", _("School survey")
    EVENT = "event", _("Event or meeting")


class AgeBand(models.TextChoices):
    """An age band (never a birth date); the first number is the band's lowest age."""

    UNDER_10 = "0-9", _("9 or younger")
    AGE_10_12 = "10-12", _("10 to 12")
    AGE_13_15 = "13-15", _("13 to 15")
    AGE_16_18 = "16-18", _("16 to 18")
    AGE_19_29 = "19-29", _("19 to 29")
    AGE_30_49 = "30-49", _("30 to 49")
    AGE_50_69 = "50-69", _("50 to 69")
    AGE_70 = "70-", _("70 or older")
    UNSTATED = "", _("Prefer not to say")


class SchoolBand(models.TextChoices):
    """A school level as a band (never a school's name, which identifies a child)."""

    UNSTATED = "", _("Prefer not to say")
    LOWER_ELEMENTARY = "elementary-1-3", _("Elementary school, grades 1 to 3")
    UPPER_ELEMENTARY = "elementary-4-6", _("Elementary school, grades 4 to 6")
    JUNIOR_HIGH = "junior-high", _("Junior high school")
    HIGH = "high", _("High school")
    FURTHER = "further", _("University, college or vocational school")
    NONE = "none", _("Not at school")


class ConsentMethod(models.TextChoices):
    """How a guardian's consent was given."""

    NONE = "", _("Not needed")
    ONLINE = "online", _("Guardian confirmed on the web form")
    PAPER = "paper", _("Signed on paper")
    IN_PERSON = "in-person", _("Confirmed in person")


class State(models.TextChoices):
    """An opinion's moderation state."""

    NEW = "new", _("Not yet moderated")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class HideReason(models.TextChoices):
    """Why an opinion is not shown (the reason is kept with it)."""

    PERSONAL_DATA = "personal-data", _("Contains personal data")
    OFFENSIVE = "offensive", _("Offensive")
    OFF_TOPIC = "off-topic", _("Off topic")
    OTHER = "other", _("Other reason")


class ResponseKind(models.TextChoices):
    """対応区分: what was done with an opinion."""

    REFLECTED = "reflected", _("Reflected")
    PARTLY = "partly", _("Partly reflected")
    REFERENCE = "reference", _("Taken as a reference")
    NOT_REFLECTED = "not-reflected", _("Not reflected")
    OTHER = "other", _("Other")


class ConsentPolicy(models.Model):
    """A municipality's rule for children's opinions: below this age a guardian consents."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="consent_policy"
    )
    consent_below_age = models.PositiveSmallIntegerField(null=True, blank=True)


class Consultation(models.Model):
    """One 意見募集 on a plan, one of its measures, or a year's evaluation."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="consultations"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="consultations")
    node = models.ForeignKey(
        PlanNode, on_delete=models.PROTECT, null=True, blank=True, related_name="consultations"
    )
    evaluation_year = models.PositiveSmallIntegerField(null=True, blank=True)
    title_ja = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    description_ja = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    questions_ja = models.TextField(blank=True)  # one question a line
    questions_en = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    channels = models.JSONField(default=list)  # Channel values
    result_published_at = models.DateTimeField(null=True, blank=True)
    is_example = models.BooleanField(default=False)  # the demo's: says so on its page
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return f"意見募集「{self.title_ja}」"


class Opinion(models.Model):
    """One person's opinion in a consultation; its text is kept whatever its state."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="opinions"
    )
    node = models.ForeignKey(
        PlanNode, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    body = models.TextField()
    display_name = models.CharField(max_length=50, blank=True)  # blank: anonymous
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    school_band = models.CharField(max_length=20, choices=SchoolBand.choices, blank=True)
    consent_method = models.CharField(max_length=10, choices=ConsentMethod.choices, blank=True)
    consent_on = models.DateField(null=True, blank=True)
    received_on = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.NEW)
    hide_reason = models.CharField(max_length=20, choices=HideReason.choices, blank=True)
    moderation_note = models.TextField(blank=True)
    summary = models.TextField(blank=True)  # shown instead of the text when given
    response_kind = models.CharField(max_length=15, choices=ResponseKind.choices, blank=True)
    response_reason = models.TextField(blank=True)
    response_department = models.CharField(max_length=100, blank=True)
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "id"]

    def __str__(self) -> str:
        return f"意見 {self.pk}"


class OpinionContact(models.Model):
    """How to reach the person who wants an answer: encrypted, deleted after ``delete_after``."""

    opinion = models.OneToOneField(Opinion, on_delete=models.CASCADE, related_name="contact")
    sealed = models.TextField()  # a Fernet token of the contact text (shisaku.voice.sealing)
    delete_after = models.DateField()


class SubmissionMark(models.Model):
    """One web submission from an address, kept as a keyed hash only, for the rate limit."""

    municipality_code = models.CharField(max_length=6)
    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["address_hash", "at"])]


class EasyText(models.Model):
    """A node's easy version for children (やさしい日本語), written by the planning office or the
    node's department, with its English like every other text."""

    node = models.OneToOneField(PlanNode, on_delete=models.CASCADE, related_name="easy_text")
    text_ja = models.TextField()
    text_en = models.TextField(blank=True)
