"""Labels the workspace shows: roles, figure and value kinds, audit actions, years with 和暦.

Every label is an English msgid translated in the staff catalogue, so the workspace reads the
same in Japanese and English; stored codes (``actual``, ``planning``) never reach the page.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shisaku.domain import period_labels
from shisaku.domain.period_labels import MONTHS_EN
from shisaku.domain.periods import Period, parse_period_key
from shisaku.domain.workflow import ERA_STARTS, date_ja
from shisaku.evaluation.models import Direction
from shisaku.indicators.models import Figure

ROLES: dict[str, Promise] = {
    "planning": _("Planning office"),
    "department": _("Department"),
    "manager": _("Department manager"),
    "reviewer": _("Reviewer"),
    "viewer": _("Viewer"),
}
FIGURE_KINDS: dict[str, Promise] = dict(Figure.Kind.choices)  # the model's labels
VALUE_KINDS: dict[str, Promise] = {
    "number": _("number"),
    "rank": _("rank"),
    "missing": _("no data"),
    "qualitative": _("qualitative"),
    "reference": _("reference value"),
    "multi": _("several values"),
}
ACTIONS: dict[str, Promise] = {
    "figure.record": _("Figure recorded"),
    "indicator.save": _("Indicator definition saved"),
    "text.draft": _("Draft saved"),
    "text.publish": _("Text published"),
    "text.revert": _("Text reverted"),
    "text.discard": _("Draft discarded"),
    "node.assign": _("Department assigned"),
    "deadline.set": _("Due date set"),
}
SECTIONS: dict[str, Promise] = {
    "description": _("Overview"),
    "situation": _("Current state and issues"),
    "vision": _("What we aim for"),
    "direction": _("Basic direction"),
    "diagram": _("Measure diagram"),
    "indicators": _("Target indicators"),
}
LANGUAGES: dict[str, Promise] = {"ja": _("Japanese"), "en": _("English")}
BLOCK_KINDS: dict[str, Promise] = {
    "title": _("Title"),
    "subheading": _("Sub-heading"),
    "paragraph": _("Paragraph"),
    "bullet": _("Bullet"),
    "row": _("Table row"),
}
NODE_KINDS: dict[str, Promise] = {
    "field": _("Field"),
    "policy": _("Policy"),
    "measure": _("Measure"),
    "initiative": _("Initiative group"),
    "action": _("Action"),
}


def english() -> bool:
    """Return whether the page is shown in English."""
    return (get_language() or "ja").startswith("en")


def actor_name(label: str) -> str:
    """Return who acted: a signed-in user's name (user:kikaku → kikaku), or the channel."""
    return label.removeprefix("user:")


def label(labels: dict[str, Promise], code: str) -> str:
    """Return the label of a stored code, or the code itself when it has none."""
    return str(labels.get(code, code))


def shown(ja: str, en: str) -> str:
    """Return content in the page's language (English falls back to Japanese)."""
    return en if english() and en else ja


def year_label(year: int) -> str:
    """Return a fiscal year with its era year: 2024年度（令和6年度） or FY2024 (Reiwa 6)."""
    return period_labels.year_label(year, english())


def period_label(key: str) -> str:
    """Return a stored period key for people: 2024年度（令和6年度） or FY2024 (Reiwa 6)."""
    return period_labels.period_label(key, english())


def period_text_label(period: Period) -> str:
    """Return a period for people, 西暦 with 和暦, in the page's language."""
    return period_labels.period_text(period, english())


def period_text(key: str) -> str:
    """Return a period key as people type it (FY2024 → 2024年度), for forms; read back the same."""
    period = parse_period_key(key)
    suffix = {"fiscal": "年度", "calendar": "年", None: ""}[period.basis]
    span = str(period.start) if period.aggregate == "single" else f"{period.start}~{period.end}"
    return span + suffix + ("平均" if period.aggregate == "average" else "")


# --- the evaluation cycle (施策評価): states, stages, steps, directions, ratings --------------

STATES: dict[str, Promise] = {
    "draft": _("In preparation"),
    "submitted": _("Submitted"),
    "returned": _("Returned"),
    "approved": _("First evaluation done"),
    "reviewed": _("Second evaluation done"),
    "committee": _("With the external committee"),
    "published": _("Published"),
}
STAGES: dict[str, Promise] = {
    "submitted": _("Submission"),
    "approved": _("First evaluation (department manager)"),
    "reviewed": _("Second evaluation (planning office)"),
    "committee": _("Referral to the external committee"),
    "published": _("Publication"),
}
# the button of each workflow step, and the label of its comment box
STEPS: dict[str, Promise] = {
    "submit": _("Submit"),
    "return": _("Return to the department"),
    "approve": _("Approve (first evaluation)"),
    "withdraw": _("Withdraw the submission"),
    "recall": _("Pull back to the department"),
    "stand_in": _("Approve in the manager's stead (first evaluation)"),
    "review": _("Record the second evaluation"),
    "refer": _("Refer to the external committee"),
    "comment": _("Record the committee's opinion"),
    "publish": _("Publish"),
    "reopen": _("Reopen"),
}
STEP_COMMENTS: dict[str, Promise] = {
    "return": _("Reason for returning"),
    "approve": _("Comment of the first evaluation"),
    "recall": _("Reason for pulling the sheet back"),
    "stand_in": _("Comment of the first evaluation, with why the planning office approves it"),
    "review": _("Comment of the second evaluation"),
    "comment": _("Opinion of the external committee"),
    "reopen": _("Reason for reopening"),
}
DIRECTIONS: dict[str, Promise] = dict(Direction.choices)  # the model's labels
RATINGS: dict[str, Promise] = {"A": _("A (high)"), "B": _("B (average)"), "C": _("C (low)")}
EVALUATION_ACTIONS: dict[str, Promise] = {
    "evaluation.open": _("Evaluation sheet opened"),
    "evaluation.assign": _("Responsible department changed"),
    "evaluation.edit": _("Sheet edited"),
    "evaluation.translate": _("English text set"),
    "evaluation.submit": _("Submitted"),
    "evaluation.return": _("Returned to the department"),
    "evaluation.approve": _("First evaluation"),
    "evaluation.review": _("Second evaluation"),
    "evaluation.refer": _("Referred to the external committee"),
    "evaluation.comment": _("Opinion of the external committee recorded"),
    "evaluation.publish": _("Published"),
    "evaluation.reopen": _("Reopened"),
    "evaluation.withdraw": _("Submission withdrawn"),
    "evaluation.recall": _("Pulled back by the planning office"),
    "evaluation.stand_in": _("First evaluation by the planning office (no department manager)"),
    "evaluation.rules": _("Fields required before submission set"),
    "programme.year": _("Programme amounts saved"),
}
ACTIONS.update(EVALUATION_ACTIONS)


def amount(value: Decimal | None) -> str:
    """Return an amount of yen for people: 1,234,000円 or ¥1,234,000 ("" when not entered)."""
    if value is None:
        return ""
    number = f"{int(value):,}"
    return f"¥{number}" if english() else f"{number}円"


def number(value: Decimal | None) -> str:
    """Return a number without trailing zeros: 1.50 → 1.5 ("" when not entered)."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def date_label(day: date) -> str:
    """Return a date 西暦 with 和暦: 2025年6月30日（令和7年6月30日） or 30 June 2025 (Reiwa 7)."""
    if not english():
        return date_ja(day)
    era, n = next(((e, day.year - s.year + 1) for s, e in ERA_STARTS if day >= s), ("", 0))
    named = f" ({ERAS_EN[era]} {n})" if era else ""
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}{named}"


ERAS_EN = {"令和": "Reiwa", "平成": "Heisei", "昭和": "Showa", "大正": "Taisho"}
