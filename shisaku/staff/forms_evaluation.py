"""Forms of the evaluation cycle: the sheet's fields, a workflow step, due dates, a programme year.

They check what a field alone can tell (a required reason, an amount that is not a number);
the services check the rest — permission, state, version — and their refusals are shown on
the page. Every sheet form carries the ``version`` the editor saw.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from shisaku.domain.costs import AmountError, read_amount
from shisaku.domain.workflow import STAGES, Transition
from shisaku.staff.display import DIRECTIONS, RATINGS, STEP_COMMENTS
from shisaku.staff.display import STAGES as STAGE_NAMES

ENGLISH_HINT = _("Shown on the English pages; when empty, the Japanese text is shown.")
NEEDED_HINT = _("Required before the sheet is submitted (a draft may be saved without it).")
NEEDED_ERROR = _("Fill this in before submitting the sheet.")
# every text of the sheet a form may edit, with its label
SHEET_LABELS: dict[str, Promise] = {
    "target_ja": _("Target group (Japanese)"),
    "target_en": _("Target group (English)"),
    "intent_ja": _("Intent (Japanese)"),
    "intent_en": _("Intent (English)"),
    "results_ja": _("Results (Japanese)"),
    "results_en": _("Results (English)"),
    "issues_ja": _("Issues (Japanese)"),
    "issues_en": _("Issues (English)"),
    "first_comment_en": _("First evaluation (English)"),
    "second_comment_en": _("Second evaluation (English)"),
    "committee_opinion_ja": _("Opinion of the external committee (Japanese)"),
    "committee_opinion_en": _("Opinion of the external committee (English)"),
}
# the fields a plan may require before submission, as the refusal names them
SHEET_FIELD_NAMES: dict[str, Promise] = {
    **{name: SHEET_LABELS[name] for name in ("target_ja", "intent_ja", "results_ja", "issues_ja")},
    "direction": _("Direction for the coming years"),
}
DEPARTMENT_FIELDS = (
    "target_ja",
    "target_en",
    "intent_ja",
    "intent_en",
    "results_ja",
    "results_en",
    "issues_ja",
    "issues_en",
    "direction",
)
COMMITTEE_FIELDS = ("committee_opinion_ja", "committee_opinion_en")


def _lines(text: str) -> str:
    """Keep a text as typed except for the browser's line endings."""
    return text.replace("\r\n", "\n")


def direction_choices() -> list[tuple[str, Any]]:
    """Return the directions (今後の方向性), with 「not decided」 first."""
    return [("", _("(not decided)")), *DIRECTIONS.items()]


class SheetForm(forms.Form):
    """Some fields of an evaluation sheet (which ones: ``names``) and the version seen.

    The fields in ``needed`` are those the plan requires before submission: shown as required,
    but enforced only when the form is ``submitting`` (a draft may be saved half-written).
    """

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    use_required_attribute = False  # two buttons: saving a draft needs nothing filled in

    def __init__(
        self,
        *args: Any,
        names: tuple[str, ...],
        needed: tuple[str, ...] = (),
        submitting: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.needed = tuple(name for name in needed if name in names)
        self.submitting = submitting
        for name in names:
            self.fields[name] = self._field(name)
        for name in self.needed:
            self.fields[name].required = True
            self.fields[name].help_text = NEEDED_HINT
            self.fields[name].error_messages["required"] = NEEDED_ERROR

    def full_clean(self) -> None:
        """Check the fields, the required ones only when submitting."""
        for name in self.needed:
            self.fields[name].required = self.submitting
        super().full_clean()
        for name in self.needed:
            self.fields[name].required = True

    def missing_labels(self) -> list[str]:
        """Return the labels of the required fields left empty (after validation)."""
        return [str(self.fields[n].label) for n in self.needed if n in self.errors]

    @staticmethod
    def _field(name: str) -> forms.Field:
        """Return the form field of one sheet field."""
        if name == "direction":
            return forms.ChoiceField(
                label=_("Direction for the coming years"),
                choices=direction_choices(),
                required=False,
            )
        hint = ENGLISH_HINT if name.endswith("_en") else ""
        return forms.CharField(
            label=str(SHEET_LABELS[name]),
            required=False,
            help_text=hint,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def changes(self) -> dict[str, str]:
        """Return the typed values of the sheet fields (without the version)."""
        return {k: _lines(str(v)) for k, v in self.cleaned_data.items() if k != "version"}


class StepForm(forms.Form):
    """One workflow step (submit, approve, …) with its comment or reason when it takes one."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    action = forms.CharField(max_length=20, widget=forms.HiddenInput)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, step: Transition, **kwargs: Any) -> None:
        kwargs["prefix"] = step.action
        super().__init__(*args, **kwargs)
        self.step = step
        if step.comment_field or step.comment_required:
            self.fields["comment"] = forms.CharField(
                label=str(STEP_COMMENTS.get(step.action, _("Comment"))),
                required=step.comment_required,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Enter the reason: it is required for this step.")},
            )

    def comment_text(self) -> str:
        """Return the comment typed (empty when the step takes none)."""
        return _lines(str(self.cleaned_data.get("comment") or ""))


class OpenYearForm(forms.Form):
    """Open a fiscal year: a draft sheet for every measure."""

    year = forms.IntegerField(min_value=1868, max_value=2999, widget=forms.HiddenInput)


class StageDeadlineForm(forms.Form):
    """The date by which the year's evaluations should reach a stage."""

    year = forms.IntegerField(min_value=1868, max_value=2999, widget=forms.HiddenInput)
    stage = forms.ChoiceField(label=_("Stage"), choices=[(s, STAGE_NAMES[s]) for s in STAGES])
    due = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )


def _amount_field(label: StrOrPromise, hint: StrOrPromise) -> forms.CharField:
    """Return a field for an amount typed as in a spreadsheet (1,234,000 / 1,234千円 / -)."""
    return forms.CharField(label=label, help_text=hint, max_length=40, required=False)


YEN_HINT = _("In yen: 1,234,000, 1,234千円. Leave empty or enter - when not known yet.")


class ProgrammeYearForm(forms.Form):
    """A programme's amounts, ratings and direction for one fiscal year (事務事業評価シート)."""

    budget = _amount_field(_("Budget"), YEN_HINT)
    settlement = _amount_field(_("Settlement"), YEN_HINT)
    staff_years = _amount_field(
        _("Staff time (staff-years)"),
        _("For example 1.5. Leave empty when not known yet."),
    )
    unit_cost = _amount_field(
        _("Personnel cost per staff-year"),
        _("In yen per staff-year: 8,000,000. Leave empty when not known yet."),
    )
    necessity = forms.ChoiceField(label=_("Necessity"), required=False)
    effectiveness = forms.ChoiceField(label=_("Effectiveness"), required=False)
    efficiency = forms.ChoiceField(label=_("Efficiency"), required=False)
    direction = forms.ChoiceField(label=_("Direction for the coming years"), required=False)
    comment_ja = forms.CharField(
        label=_("Comment (Japanese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment_en = forms.CharField(
        label=_("Comment (English)"),
        required=False,
        help_text=ENGLISH_HINT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ratings = [("", _("(not rated)")), *RATINGS.items()]
        for name in ("necessity", "effectiveness", "efficiency"):
            self.fields[name].choices = ratings  # type: ignore[attr-defined]
        self.fields["direction"].choices = direction_choices()  # type: ignore[attr-defined]

    def _read(self, name: str, *, whole: bool) -> Decimal | None:
        """Read an amount cell; refuse text, negative amounts and fractions of a yen."""
        try:
            value = read_amount(str(self.cleaned_data.get(name) or ""))
        except AmountError as error:
            raise ValidationError(
                _("Enter a number, such as 1,234,000 or 1,234千円, or - when not known.")
            ) from error
        if value is not None and value < 0:
            raise ValidationError(_("Enter zero or more."))
        if value is not None and whole and value != value.to_integral_value():
            raise ValidationError(_("Enter whole yen."))
        if value is not None and not whole and value != round(value, 2):
            raise ValidationError(_("Enter at most two decimal places."))
        return value

    def clean_budget(self) -> Decimal | None:
        """Read the budget."""
        return self._read("budget", whole=True)

    def clean_settlement(self) -> Decimal | None:
        """Read the settlement."""
        return self._read("settlement", whole=True)

    def clean_staff_years(self) -> Decimal | None:
        """Read the staff time."""
        return self._read("staff_years", whole=False)

    def clean_unit_cost(self) -> Decimal | None:
        """Read the unit cost."""
        return self._read("unit_cost", whole=True)
