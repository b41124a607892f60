"""The voice forms: the public opinion form and the workspace's forms.

The forms read the fields; the services (:mod:`shisaku.voice.services`) decide what is
accepted, and a refusal is put back on its field (:func:`refuse`), so one rule lives in one
place and the person's text is shown again with the message.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shisaku.voice.models import (
    AgeBand,
    Audience,
    Channel,
    ConsentMethod,
    HideReason,
    ResponseKind,
    SchoolBand,
    State,
)
from shisaku.voice.queries import Measure
from shisaku.voice.rules import Period, VoiceError
from shisaku.voice.services import ConsultationInput, OpinionInput

DATE = forms.DateInput(attrs={"type": "date"})


def refuse(form: forms.Form, error: VoiceError) -> None:
    """Show a service's refusal on its field (or above the form); a form may name the field
    differently from the service (``FIELD_NAMES``)."""
    name = getattr(form, "FIELD_NAMES", {}).get(error.field, error.field)
    form.add_error(name if name in form.fields else None, error.message)


class OpinionForm(forms.Form):
    """The public opinion form: works without JavaScript and without an account."""

    body = forms.CharField(
        label=_("Your opinion"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=settings.SHISAKU_VOICE_MAX_CHARS,
        help_text=_("Up to 4,000 characters."),
    )
    node_code = forms.ChoiceField(label=_("Which measure is it about?"), required=False)
    display_name = forms.CharField(
        label=_("Name to show"),
        required=False,
        max_length=50,
        help_text=_("Leave empty to give your opinion anonymously."),
    )
    age_band = forms.ChoiceField(label=_("Age"), choices=AgeBand.choices, required=False)
    school_band = forms.ChoiceField(
        label=_("School level"),
        choices=SchoolBand.choices,
        required=False,
        help_text=_("For children and students; we never ask for the school's name."),
    )
    consent = forms.BooleanField(
        label=_("My parent or guardian agrees that I send this opinion."),
        required=False,
    )
    contact = forms.CharField(
        label=_("E-mail address, only if you want an answer"),
        required=False,
        max_length=200,
        help_text=_(
            "Kept apart from your opinion, encrypted, never published, and deleted after "
            "the consultation."
        ),
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))  # honeypot

    def __init__(
        self, *args: Any, measures: list[Measure], consent_age: int | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("The consultation as a whole")), *((m.code, m.title) for m in measures)]
        cast(forms.ChoiceField, self.fields["node_code"]).choices = choices
        if consent_age is None:
            del self.fields["consent"]
        else:
            self.fields["consent"].help_text = _("Needed if you are younger than %(age)s.") % {
                "age": consent_age
            }

    def is_spam(self) -> bool:
        """Return whether the hidden field, which people do not see, was filled in."""
        return bool(self.cleaned_data.get("website"))

    def opinion(self) -> OpinionInput:
        """Return the opinion as the services take it."""
        data = self.cleaned_data
        return OpinionInput(
            body=data["body"],
            node_code=data["node_code"],
            display_name=data["display_name"],
            age_band=data["age_band"],
            school_band=data["school_band"],
            consent_method=ConsentMethod.ONLINE if data.get("consent") else ConsentMethod.NONE,
            contact=data["contact"],
        )


class EnteredOpinionForm(OpinionForm):
    """An opinion the staff enter from paper, a school survey or an event."""

    FIELD_NAMES = {"consent": "consent_method"}  # the consent is a method and a day here

    channel = forms.ChoiceField(label=_("Channel"))
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    consent_method = forms.ChoiceField(
        label=_("Guardian's consent"), choices=ConsentMethod.choices, required=False
    )
    consent_on = forms.DateField(label=_("Consent given on"), required=False, widget=DATE)

    def __init__(self, *args: Any, channels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("consent", None)
        del self.fields["website"]
        offered = [c for c in Channel if c.value in channels and c != Channel.WEB]
        cast(forms.ChoiceField, self.fields["channel"]).choices = [
            (c.value, c.label) for c in offered
        ]

    def opinion(self) -> OpinionInput:
        """Return the opinion with its channel, day and consent."""
        data = self.cleaned_data
        base = super().opinion()
        return OpinionInput(
            **{
                **base.__dict__,
                "channel": data["channel"],
                "received_on": data["received_on"],
                "consent_method": data["consent_method"],
                "consent_on": data["consent_on"],
            }
        )


class ConsultationForm(forms.Form):
    """Open or edit a consultation."""

    plan_slug = forms.ChoiceField(label=_("Plan"))
    title_ja = forms.CharField(label=_("Consultation title (Japanese)"), max_length=200)
    title_en = forms.CharField(
        label=_("Consultation title (English)"), max_length=200, required=False
    )
    node_code = forms.CharField(
        label=_("Measure or policy code"),
        max_length=40,
        required=False,
        help_text=_("Empty: the consultation is on the whole plan."),
    )
    evaluation_year = forms.IntegerField(
        label=_("Evaluation year"), required=False, min_value=1990, max_value=2100
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    description_ja = forms.CharField(
        label=_("Description (Japanese)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    questions_ja = forms.CharField(
        label=_("Questions (Japanese, one a line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    questions_en = forms.CharField(
        label=_("Questions (English, one a line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, plans: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["plan_slug"]).choices = plans

    def consultation(self) -> ConsultationInput:
        """Return the consultation as the services take it."""
        data = dict(self.cleaned_data)
        period = Period(data.pop("starts_on"), data.pop("ends_on"))
        return ConsultationInput(period=period, **data)


class ModerationForm(forms.Form):
    """Publish or hide an opinion, with a reason and an optional public summary."""

    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[(State.PUBLISHED, _("Publish")), (State.HIDDEN, _("Hide"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reason for hiding"),
        choices=[("", "—"), *HideReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Note (not published)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    summary = forms.CharField(
        label=_("Summary to publish instead of the text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ResponseForm(forms.Form):
    """The department's response to an opinion."""

    kind = forms.ChoiceField(label=_("Response category"), choices=ResponseKind.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    department = forms.CharField(label=_("Department"), max_length=100)
    responded_on = forms.DateField(label=_("Date of response"), widget=DATE)


class ConsentPolicyForm(forms.Form):
    """The age below which a guardian's consent is needed."""

    below_age = forms.IntegerField(
        label=_("Guardian's consent needed below this age"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("Empty: no consent is asked."),
    )


class EasyTextForm(forms.Form):
    """A node's easy version for children, in Japanese and English."""

    text_ja = forms.CharField(
        label=_("Easy version (Japanese)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Short sentences; readings are added to the kanji on the children's pages."),
    )
    text_en = forms.CharField(
        label=_("Easy version (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
