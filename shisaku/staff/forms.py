"""Forms of the workspace. They check what a field alone can tell; the services check the rest
(permissions, plan rules, conflicts) and their errors are put back on the fields they name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shisaku.accounts.services import clear_failures, note_failure, reserve_attempt
from shisaku.domain.typedtext import refused_character
from shisaku.staff.display import FIGURE_KINDS, LANGUAGES

UPLOAD_SUFFIXES = frozenset({".csv", ".txt", ".xlsx", ".xlsm"})
DEFAULT_UPLOAD_LIMIT = 5 * 1024 * 1024


def upload_limit() -> int:
    """Return the largest upload accepted, in bytes (settings.SHISAKU_UPLOAD_MAX_BYTES)."""
    return int(getattr(settings, "SHISAKU_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_LIMIT))


class LoginForm(AuthenticationForm):
    """Sign-in that refuses a locked account before checking the password.

    Failures are counted by the name typed, whether or not such a user exists, and the
    messages are the same either way: the form never tells who has an account.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name or password is not correct."),
        "locked": _("Sign-in is temporarily restricted. Please try again in 15 minutes."),
    }

    def clean(self) -> dict[str, Any]:
        """Refuse a locked name; count the attempt, and forget the count after a success.

        The attempt is counted before the password is checked, in the same statement that
        checks the lock (:func:`reserve_attempt`): parallel attempts cannot all pass the check.
        """
        username = self.cleaned_data.get("username") or ""
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # a field is missing: its error is shown, nothing is tried
        if not reserve_attempt(username):
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            note_failure(username, self._address())
            raise
        clear_failures(username)
        return cleaned

    def _address(self) -> str:
        """Return the client's address, for the failure record."""
        meta = self.request.META if self.request is not None else {}
        return str(meta.get("REMOTE_ADDR", ""))[:45]


def _seen_text(value: str) -> None:
    """Check the hidden list of revisions the editor saw: ``kind:period:revision,…``."""
    for token in filter(None, value.split(",")):
        parts = token.split(":")
        if len(parts) != 3 or not parts[2].isdigit():
            raise ValidationError(
                _("The page is out of date; reload it and enter the value again.")
            )


def _typed_text(value: str) -> None:
    """Refuse what a file import and the API refuse (shisaku.domain.typedtext)."""
    bad = refused_character(value)
    if bad is not None:
        message = _("Remove %(point)s: control and text-direction characters are not accepted.")
        raise ValidationError(message, params={"point": f"U+{ord(bad):04X}"})


class FigureForm(forms.Form):
    """One actual or target as a clerk types it: the cells are read exactly as in an import."""

    kind = forms.ChoiceField(
        label=_("What"),
        choices=[(k, FIGURE_KINDS[k]) for k in ("actual", "target")],
        initial="actual",
    )
    period = forms.CharField(
        label=_("Year"),
        max_length=40,
        help_text=_("As you would write it: 2024年度, 令和6年度, R6, 2024年"),
        validators=[_typed_text],
    )
    value = forms.CharField(
        label=_("Value"),
        max_length=300,
        help_text=_(
            "As written in the source: 1,820人, 48.2%, △10, 13位. Enter - when there is no data."
        ),
        validators=[_typed_text],
    )
    note = forms.CharField(
        label=_("Note"), max_length=1000, required=False, validators=[_typed_text]
    )
    source = forms.CharField(
        label=_("Source"), max_length=1000, required=False, validators=[_typed_text]
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False, validators=[_seen_text])
    # the note and source as the form showed them: left as they were, the current ones are kept
    note_shown = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
    source_shown = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
    confirm_basis = forms.BooleanField(
        label=_("Store the year as typed all the same"),
        required=False,
    )

    def kept_or_typed(self, name: str) -> str | None:
        """Return the typed note or source, or None when left as shown (keep the current one)."""
        typed = str(self.cleaned_data.get(name) or "")
        return None if typed == str(self.cleaned_data.get(f"{name}_shown") or "") else typed


class UploadForm(forms.Form):
    """A CSV or Excel file of indicator figures (and definitions), as documented for imports."""

    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("A figures file (or definitions) in the import format, up to 5 MB."),
    )

    def clean_file(self) -> Any:
        """Refuse files too large or of another type."""
        upload = self.cleaned_data["file"]
        if upload.size > upload_limit():
            raise ValidationError(_("The file is larger than 5 MB. Split it into several files."))
        if Path(upload.name or "").suffix.lower() not in UPLOAD_SUFFIXES:
            raise ValidationError(_("Choose a CSV file (.csv) or an Excel workbook (.xlsx)."))
        return upload


class TokenForm(forms.Form):
    """The upload waiting for confirmation."""

    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{16,64}$", widget=forms.HiddenInput)


class TextForm(forms.Form):
    """One title or block text in one language, edited as a draft."""

    section = forms.CharField(max_length=20, required=False, widget=forms.HiddenInput)
    position = forms.IntegerField(min_value=0, initial=0, widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=list(LANGUAGES.items()), widget=forms.HiddenInput)
    text = forms.CharField(label=_("Text"), required=False, strip=False, widget=forms.Textarea)

    def clean_text(self) -> str:
        """Keep the text verbatim except for the browser's line endings."""
        return str(self.cleaned_data["text"]).replace("\r\n", "\n")


class AssignForm(forms.Form):
    """The responsible department (主管課) of a node."""

    node = forms.CharField(max_length=40, widget=forms.HiddenInput)
    department = forms.CharField(label=_("Responsible department"), max_length=100, required=False)


class DepartmentForm(forms.Form):
    """A department of the municipality's list and its English name."""

    name_ja = forms.CharField(label=_("Department (Japanese)"), max_length=100)
    name_en = forms.CharField(label=_("Department (English)"), max_length=100, required=False)


class EducationForm(forms.Form):
    """Include a policy in the education board's report (1) or leave it out (0)."""

    node = forms.CharField(max_length=40, widget=forms.HiddenInput)
    education = forms.ChoiceField(choices=[("1", "1"), ("0", "0")], widget=forms.HiddenInput)


class DeadlineForm(forms.Form):
    """The date by which a department enters a year's actuals."""

    year = forms.IntegerField(min_value=1868, max_value=2999, widget=forms.HiddenInput)
    department = forms.ChoiceField(label=_("Department"), required=False)
    due = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )

    def __init__(self, *args: Any, departments: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Every department"))] + [(d, d) for d in departments if d]
        self.fields["department"].choices = choices  # type: ignore[attr-defined]
