"""Forms of the plan import page: the file, the plan's title and period, the reading profile.

They check what a field alone can tell (a file's type and size, a period in order, a profile
the reader accepts); the import service checks the rest (permission, the plan's rules) and its
refusals are shown on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shisaku.domain.periods import FIRST_YEAR
from shisaku.staff.display import NODE_KINDS
from shisaku.staff.forms import upload_limit

PLAN_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".json", ".yaml", ".yml"})
ACCEPT = ".pdf,.docx,.txt,.json,.yaml,.yml"
RESERVED_SLUGS = frozenset({"plan-import"})  # an address of the workspace, not a plan's
PROFILE_CHARS = 64 * 1024
MAX_LEVEL = 6
YEAR = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6})


def _megabytes() -> int:
    """Return the upload limit in whole megabytes."""
    return upload_limit() // (1024 * 1024)


class PlanFileForm(forms.Form):
    """A plan document (PDF, Word, text) or a plan exchange file (JSON, YAML)."""

    file = forms.FileField(label=_("Plan document"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A PDF, Word (.docx) or text (.txt) file of the plan, or a plan exchange file "
            "(.json, .yaml), up to %(mb)s MB."
        ) % {"mb": _megabytes()}

    def clean_file(self) -> Any:
        """Refuse files of another type, or too large."""
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in PLAN_SUFFIXES:
            raise ValidationError(
                _(
                    "This file cannot be read as a plan. Choose a PDF (.pdf), Word (.docx) or "
                    "text (.txt) file, or a plan exchange file (.json, .yaml)."
                )
            )
        if upload.size > upload_limit():
            raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": _megabytes()})
        return upload


class PlanForm(forms.Form):
    """The title and period of the plan the document becomes (or updates)."""

    title = forms.CharField(label=_("Plan title"), max_length=200)
    title_en = forms.CharField(label=_("Plan title (English)"), max_length=200, required=False)
    start = forms.IntegerField(
        label=_("First fiscal year of the period"),
        min_value=FIRST_YEAR,
        max_value=2999,
        widget=YEAR,
        help_text=_("A year such as 2025."),
    )
    end = forms.IntegerField(
        label=_("Last fiscal year of the period"), min_value=FIRST_YEAR, max_value=2999, widget=YEAR
    )
    slug = forms.RegexField(
        label=_("Plan identifier"),
        regex=r"^[A-Za-z0-9_-]{1,40}$",
        required=False,
        help_text=_(
            "Used in the plan's addresses. When empty, the period (2021-2025). A plan with "
            "this identifier is updated in place."
        ),
        error_messages={"invalid": _("Use letters, digits, - and _ (at most 40).")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "plan-%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        """Check the period's order; give the identifier its default, the period."""
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None:
            if end < start:
                self.add_error("end", _("The last year is before the first year."))
            elif not data.get("slug"):
                data["slug"] = f"{start}-{end}"
        if data.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", _("This identifier is reserved. Choose another."))
        return data


@dataclass(frozen=True)
class StyleRow:
    """One numbering style of the document, as read: its first line, its level and kind."""

    style: str
    example: str
    level: int  # 0: read as text
    kind: str  # field … action, or "" (from the level)


def _level_choices(row: StyleRow) -> list[tuple[str, str]]:
    """Return the level choices of a row: read as text, or levels 1-6 (and the row's own)."""
    top = max(MAX_LEVEL, row.level)
    levels = [(str(n), str(_("Level %(n)s") % {"n": n})) for n in range(1, top + 1)]
    return [("text", str(_("Read as text"))), *levels]


def _kind_choices() -> list[tuple[str, str]]:
    """Return the kind choices: from the level, or one of the plan's kinds."""
    return [("", str(_("From the level"))), *((k, str(v)) for k, v in NODE_KINDS.items())]


class ProfileRowsForm(forms.Form):
    """One row per numbering style: its level (or read as text) and its kind."""

    serial = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, rows: list[StyleRow], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "rows-%s")
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i, row in enumerate(rows):
            label = _("Level of “%(line)s”") % {"line": row.example or row.style}
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=label, choices=_level_choices(row), initial=str(row.level or "text")
            )
            label = _("Kind of “%(line)s”") % {"line": row.example or row.style}
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=label, choices=_kind_choices(), initial=row.kind, required=False
            )

    def pairs(self) -> list[tuple[StyleRow, forms.BoundField, forms.BoundField]]:
        """Return each row with its two fields, for the template."""
        return [(row, self[f"level_{i}"], self[f"kind_{i}"]) for i, row in enumerate(self.rows)]

    def chosen(self) -> list[tuple[StyleRow, int, str]]:
        """Return each row with the level (0: text) and kind chosen."""
        out = []
        for i, row in enumerate(self.rows):
            level = self.cleaned_data[f"level_{i}"]
            kind = self.cleaned_data[f"kind_{i}"]
            out.append((row, 0 if level == "text" else int(level), kind))
        return out


class ProfileTextForm(forms.Form):
    """The whole reading profile as YAML, for those who write it by hand."""

    serial = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Reading profile (YAML)"),
        max_length=PROFILE_CHARS,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=_(
            "headings: a numbering style or an example line → {level, kind} or text; "
            "sections: extra section labels; drop: lines to leave out."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "profile-%s")
        super().__init__(*args, **kwargs)

    def clean_text(self) -> str:
        """Keep the text as typed except for the browser's line endings."""
        return str(self.cleaned_data["text"]).replace("\r\n", "\n")
