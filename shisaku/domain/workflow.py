"""The yearly evaluation workflow (施策評価) as data: states, transitions, who acts at each stage.

An evaluation sheet moves through the stages of DOMAIN.md §4::

    draft ─submit→ submitted ─approve→ approved ─review→ reviewed ─refer→ committee ─publish→
      ↑              │ return                                   (comment: opinion) published
      └─ returned ←──┘     reopen (from approved, reviewed, committee, published) → returned

A submitted sheet may also be withdrawn by its department (back to draft), pulled back by the
planning office (``recall``, with a reason, to returned), or approved by the planning office in
the manager's stead while the department has no 所属長 (``stand_in``).

The department (担当課) edits and submits; its manager (所属長) approves or returns; the planning
office (企画課) reviews, refers the sheet to the external committee, publishes, and alone may
reopen an approved sheet; a committee member (外部評価委員) records the opinion while the sheet is
with the committee (``comment``, repeatable).

:data:`TRANSITIONS` is the registry ``(state, action) → Transition``: the next state, the
permission the actor needs (an action name of ``shisaku.accounts.permissions.ROLE_ACTIONS``),
the sheet field the comment is written to, and whether a comment is required. Anything not in
the registry is refused with the actions that *are* possible from that state.

Fields are edited only while the department holds the sheet (draft, returned); the committee
opinion only while the sheet is with the committee (:func:`editable`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

State = Literal["draft", "submitted", "returned", "approved", "reviewed", "committee", "published"]

Urgency = Literal["late", "soon"]
SOON_DAYS = 7  # a stage due within this many days is "soon" (reminders are sent)

STATES: tuple[State, ...] = (
    "draft",
    "submitted",
    "returned",
    "approved",
    "reviewed",
    "committee",
    "published",
)
STATE_LABELS: dict[str, str] = {
    "draft": "作成中",
    "submitted": "提出済",
    "returned": "差戻し",
    "approved": "一次評価済",
    "reviewed": "二次評価済",
    "committee": "外部評価中",
    "published": "公開",
}
STATE_LABELS_EN: dict[str, str] = {
    "draft": "Draft",
    "submitted": "Submitted",
    "returned": "Returned",
    "approved": "Approved by the department manager",
    "reviewed": "Reviewed by the planning office",
    "committee": "With the external committee",
    "published": "Published",
}
# the stages that have due dates (StageDeadline.stage), in order: a stage is due when the
# evaluation must have reached that state
STAGES: tuple[State, ...] = ("submitted", "approved", "reviewed", "committee", "published")
STAGE_LABELS: dict[str, str] = {
    "submitted": "提出",
    "approved": "一次評価（所属長）",
    "reviewed": "二次評価（企画課）",
    "committee": "外部評価への付議",
    "published": "公開",
}
# the sheet is held by the department in these states: its fields may be edited
EDITABLE_STATES: frozenset[str] = frozenset({"draft", "returned"})
# the lock on the measure's figures holds in these states
LOCKED_STATES: frozenset[str] = frozenset({"approved", "reviewed", "committee", "published"})


class WorkflowError(ValueError):
    """The action is not possible from the evaluation's current state."""


@dataclass(frozen=True)
class Transition:
    """One step of the workflow: from ``source`` by ``action`` to ``target``."""

    source: State
    action: str
    target: State
    permission: str  # action name checked by accounts.permissions
    comment_field: str | None = None  # Evaluation field the comment is written to
    comment_required: bool = False
    label: str = ""


def _t(
    source: State,
    action: str,
    target: State,
    permission: str,
    comment_field: str | None = None,
    *,
    required: bool = False,
    label: str = "",
) -> tuple[tuple[str, str], Transition]:
    """Return one registry entry."""
    step = Transition(source, action, target, permission, comment_field, required, label)
    return (source, action), step


TRANSITIONS: dict[tuple[str, str], Transition] = dict(
    [
        _t("draft", "submit", "submitted", "evaluation.submit", label="提出"),
        _t("returned", "submit", "submitted", "evaluation.submit", label="再提出"),
        _t(
            "submitted",
            "return",
            "returned",
            "evaluation.approve",
            "first_comment",
            required=True,
            label="差戻し（所属長）",
        ),
        _t(
            "submitted",
            "approve",
            "approved",
            "evaluation.approve",
            "first_comment",
            label="一次評価",
        ),
        # the department takes a submitted sheet back before its manager has acted on it
        _t("submitted", "withdraw", "draft", "evaluation.submit", label="提出の取下げ"),
        # the planning office pulls a submitted sheet back to the department, with a reason
        _t(
            "submitted",
            "recall",
            "returned",
            "evaluation.reopen",
            required=True,
            label="引戻し（企画課）",
        ),
        # the planning office approves in the manager's stead while the department has no
        # 所属長 account (checked by the evaluation services), saying why
        _t(
            "submitted",
            "stand_in",
            "approved",
            "evaluation.review",
            "first_comment",
            required=True,
            label="一次評価（所属長不在のため企画課が代行）",
        ),
        _t(
            "approved",
            "review",
            "reviewed",
            "evaluation.review",
            "second_comment",
            label="二次評価",
        ),
        _t("reviewed", "refer", "committee", "evaluation.review", label="外部評価に付す"),
        _t(
            "committee",
            "comment",
            "committee",
            "evaluation.comment",
            "committee_opinion",
            required=True,
            label="外部評価の意見",
        ),
        _t("committee", "publish", "published", "evaluation.publish", label="公開"),
        *(
            _t(state, "reopen", "returned", "evaluation.reopen", required=True, label="再開")
            for state in ("approved", "reviewed", "committee", "published")
        ),
    ]
)
ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(action for _, action in TRANSITIONS))

# which stage's due date applies next, by current state (published: none)
NEXT_STAGE: dict[str, State | None] = {
    "draft": "submitted",
    "returned": "submitted",
    "submitted": "approved",
    "approved": "reviewed",
    "reviewed": "committee",
    "committee": "published",
    "published": None,
}


@dataclass(frozen=True)
class Responsible:
    """Who holds an evaluation in a state: roles, and whether only its department's members."""

    roles: frozenset[str]
    own_department: bool


RESPONSIBLE: dict[str, Responsible | None] = {
    "draft": Responsible(frozenset({"department", "manager"}), True),
    "returned": Responsible(frozenset({"department", "manager"}), True),
    "submitted": Responsible(frozenset({"department", "manager"}), True),
    "approved": Responsible(frozenset({"planning"}), False),
    "reviewed": Responsible(frozenset({"planning"}), False),
    "committee": Responsible(frozenset({"reviewer"}), False),
    "published": None,
}


def step(state: str, action: str) -> Transition:
    """Return the transition for ``action`` from ``state``, or raise WorkflowError saying why."""
    found = TRANSITIONS.get((state, action))
    if found is not None:
        return found
    if state not in STATE_LABELS:
        raise WorkflowError(f"状態 {state!r} はありません。状態: {', '.join(STATES)}")
    possible = [t.action for t in available(state)]
    hint = (
        f"この状態でできる操作: {', '.join(possible)}" if possible else "この状態では操作できません"
    )
    raise WorkflowError(f"「{STATE_LABELS[state]}」の評価に操作 {action!r} はできません（{hint}）")


def check_comment(transition: Transition, comment: str) -> None:
    """Refuse a transition that requires a comment (a reason, an opinion) when none is given."""
    if transition.comment_required and not comment.strip():
        raise WorkflowError(f"「{transition.label}」には理由・意見（comment）が必要です")


def available(state: str) -> list[Transition]:
    """Return the transitions possible from ``state``, in registry order."""
    return [t for (source, _), t in TRANSITIONS.items() if source == state]


def editable(state: str, field: str) -> bool:
    """Return whether a sheet field may be edited in ``state``."""
    if field.startswith("committee_opinion"):
        return state == "committee"
    return state in EDITABLE_STATES


def urgency(due: date | None, today: date, window: int = SOON_DAYS) -> Urgency | None:
    """Return "late" after the due date, "soon" within ``window`` days of it, else None."""
    if due is None:
        return None
    if today > due:
        return "late"
    return "soon" if (due - today).days <= window else None


# first day of each modern era (the Gregorian date), newest first
ERA_STARTS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
)


def date_ja(day: date) -> str:
    """Return a due date as 西暦 with 和暦: 2025年6月30日（令和7年6月30日）."""
    western = f"{day.year}年{day.month}月{day.day}日"
    for start, era in ERA_STARTS:
        if day >= start:
            n = day.year - start.year + 1
            return f"{western}（{era}{'元' if n == 1 else n}年{day.month}月{day.day}日）"
    return western
