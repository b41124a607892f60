"""The form of one programme (事務事業): its code, names, initiative, department and period.

The form checks only what a field alone tells (a year is a number); the rules (the initiative
is one, the period runs forwards, who may save) are ``evaluation.programmes.save_programme``'s,
and its refusals come back on the form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shisaku.evaluation.programme_queries import ProgrammeView
from shisaku.evaluation.programmes import ProgrammeInput


def _year(label: Any) -> forms.IntegerField:
    """Return an optional fiscal-year field (西暦)."""
    return forms.IntegerField(label=label, min_value=1900, max_value=2200, required=False)


class ProgrammeForm(forms.Form):
    """Create or edit a programme; ``code`` set means editing that programme."""

    code = forms.CharField(label=_("Programme code"), max_length=40)
    name_ja = forms.CharField(label=_("Programme name (Japanese)"), max_length=300)
    name_en = forms.CharField(label=_("Programme name (English)"), max_length=300, required=False)
    initiative_code = forms.ChoiceField(label=_("Initiative"))
    department = forms.CharField(label=_("Department"), max_length=100, required=False)
    period_start = _year(_("First fiscal year (western calendar)"))
    period_end = _year(_("Last fiscal year (western calendar)"))

    def __init__(
        self, *args: Any, initiatives: list[tuple[str, str]], code: str = "", **kwargs: Any
    ) -> None:
        """Offer the measure's initiatives; fix the code when editing."""
        super().__init__(*args, **kwargs)
        field = self.fields["initiative_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = initiatives
        if code:
            self.fields["code"].disabled = True
            self.fields["code"].initial = code

    def programme(self) -> ProgrammeInput:
        """Return what was typed as the service's input."""
        data = self.cleaned_data
        return ProgrammeInput(
            code=data["code"].strip(),
            name_ja=data["name_ja"].strip(),
            initiative_code=data["initiative_code"],
            department=data["department"].strip(),
            name_en=data["name_en"].strip(),
            period_start=data["period_start"],
            period_end=data["period_end"],
        )


def initial(p: ProgrammeView) -> dict[str, Any]:
    """Return the form's values for a stored programme."""
    names = ("code", "name_ja", "name_en", "initiative_code", "department")
    return {n: getattr(p, n) for n in names} | {
        "period_start": p.period_start,
        "period_end": p.period_end,
    }
