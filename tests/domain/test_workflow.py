"""The evaluation workflow table: every allowed and every refused transition, and its helpers."""

from __future__ import annotations

from datetime import date

import pytest

from shisaku.domain.workflow import (
    ACTIONS,
    NEXT_STAGE,
    RESPONSIBLE,
    STAGE_LABELS,
    STAGES,
    STATE_LABELS,
    STATE_LABELS_EN,
    STATES,
    TRANSITIONS,
    WorkflowError,
    available,
    check_comment,
    date_ja,
    editable,
    step,
    urgency,
)

# (state, action) → (next state, permission, comment field, comment required)
ALLOWED = {
    ("draft", "submit"): ("submitted", "evaluation.submit", None, False),
    ("returned", "submit"): ("submitted", "evaluation.submit", None, False),
    ("submitted", "return"): ("returned", "evaluation.approve", "first_comment", True),
    ("submitted", "approve"): ("approved", "evaluation.approve", "first_comment", False),
    ("submitted", "withdraw"): ("draft", "evaluation.submit", None, False),
    ("submitted", "recall"): ("returned", "evaluation.reopen", None, True),
    ("submitted", "stand_in"): ("approved", "evaluation.review", "first_comment", True),
    ("approved", "review"): ("reviewed", "evaluation.review", "second_comment", False),
    ("reviewed", "refer"): ("committee", "evaluation.review", None, False),
    ("committee", "comment"): ("committee", "evaluation.comment", "committee_opinion", True),
    ("committee", "publish"): ("published", "evaluation.publish", None, False),
    ("approved", "reopen"): ("returned", "evaluation.reopen", None, True),
    ("reviewed", "reopen"): ("returned", "evaluation.reopen", None, True),
    ("committee", "reopen"): ("returned", "evaluation.reopen", None, True),
    ("published", "reopen"): ("returned", "evaluation.reopen", None, True),
}
REFUSED = [(s, a) for s in STATES for a in ACTIONS if (s, a) not in ALLOWED]


def test_the_registry_is_exactly_the_table():
    assert set(TRANSITIONS) == set(ALLOWED)
    assert set(ACTIONS) == {
        "submit",
        "return",
        "approve",
        "withdraw",
        "recall",
        "stand_in",
        "review",
        "refer",
        "comment",
        "publish",
        "reopen",
    }


@pytest.mark.parametrize(("state", "action"), sorted(ALLOWED))
def test_an_allowed_transition_goes_to_its_state_with_its_permission(state, action):
    move = step(state, action)
    target, permission, field, required = ALLOWED[(state, action)]
    assert (move.source, move.action, move.target) == (state, action, target)
    assert move.permission == permission
    assert move.comment_field == field
    assert move.comment_required is required
    assert move.label


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_every_other_transition_is_refused_naming_what_is_possible(state, action):
    with pytest.raises(WorkflowError) as caught:
        step(state, action)
    assert STATE_LABELS[state] in str(caught.value)
    for move in available(state):
        assert move.action in str(caught.value)


def test_the_other_62_pairs_of_state_and_action_are_refused():
    assert len(REFUSED) == len(STATES) * len(ACTIONS) - len(ALLOWED) == 62


def test_an_unknown_state_is_refused_listing_the_states():
    with pytest.raises(WorkflowError, match="draft"):
        step("lost", "submit")


def test_a_published_evaluation_can_only_be_reopened():
    assert [t.action for t in available("published")] == ["reopen"]


@pytest.mark.parametrize(
    ("state", "action", "comment", "ok"),
    [
        ("submitted", "return", "", False),
        ("submitted", "return", "   ", False),
        ("submitted", "return", "指標の説明を補ってください", True),
        ("approved", "reopen", "", False),
        ("approved", "reopen", "実績値の訂正のため", True),
        ("committee", "comment", "", False),
        ("committee", "comment", "進め方に賛成する", True),
        ("reviewed", "refer", "", True),
        ("submitted", "approve", "", True),
        ("draft", "submit", "", True),
    ],
)
def test_a_reason_or_opinion_is_required_where_the_table_says(state, action, comment, ok):
    move = step(state, action)
    if ok:
        check_comment(move, comment)
    else:
        with pytest.raises(WorkflowError, match="comment"):
            check_comment(move, comment)


@pytest.mark.parametrize(
    ("state", "field", "ok"),
    [
        ("draft", "results_ja", True),
        ("returned", "issues_en", True),
        ("returned", "direction", True),
        ("submitted", "results_ja", False),
        ("approved", "target_ja", False),
        ("published", "intent_ja", False),
        ("committee", "results_ja", False),
        ("committee", "committee_opinion_ja", True),
        ("committee", "committee_opinion_en", True),
        ("draft", "committee_opinion_ja", False),
        ("reviewed", "committee_opinion_ja", False),
        ("published", "committee_opinion_ja", False),
    ],
)
def test_fields_are_editable_only_while_the_sheet_is_held_for_them(state, field, ok):
    assert editable(state, field) is ok


def test_every_state_has_labels_a_next_stage_and_a_holder():
    for state in STATES:
        assert STATE_LABELS[state] and STATE_LABELS_EN[state]
        assert state in NEXT_STAGE and state in RESPONSIBLE
    assert [NEXT_STAGE[s] for s in STATES] == [
        "submitted",
        "approved",
        "submitted",
        "reviewed",
        "committee",
        "published",
        None,
    ]
    assert set(STAGES) == {s for s in NEXT_STAGE.values() if s} == set(STAGE_LABELS)


@pytest.mark.parametrize(
    ("state", "roles", "own_department"),
    [
        ("draft", {"department", "manager"}, True),
        ("returned", {"department", "manager"}, True),
        ("submitted", {"department", "manager"}, True),
        ("approved", {"planning"}, False),
        ("reviewed", {"planning"}, False),
        ("committee", {"reviewer"}, False),
    ],
)
def test_who_holds_an_evaluation_in_each_state(state, roles, own_department):
    who = RESPONSIBLE[state]
    assert who is not None
    assert (set(who.roles), who.own_department) == (roles, own_department)


def test_nobody_holds_a_published_evaluation():
    assert RESPONSIBLE["published"] is None


DUE = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 7, 1), "late"),
        (date(2026, 1, 1), "late"),
        (date(2025, 6, 30), "soon"),
        (date(2025, 6, 23), "soon"),
        (date(2025, 6, 22), None),
        (date(2025, 1, 1), None),
    ],
)
def test_a_stage_is_late_after_its_due_day_and_soon_within_seven_days(today, expected):
    assert urgency(DUE, today) == expected


def test_a_stage_without_a_due_date_is_never_late():
    assert urgency(None, date(2099, 1, 1)) is None


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 6, 30), "2025年6月30日（令和7年6月30日）"),
        (date(2019, 5, 1), "2019年5月1日（令和元年5月1日）"),
        (date(2019, 4, 30), "2019年4月30日（平成31年4月30日）"),
        (date(1989, 1, 7), "1989年1月7日（昭和64年1月7日）"),
        (date(1989, 1, 8), "1989年1月8日（平成元年1月8日）"),
        (date(1900, 1, 1), "1900年1月1日"),
    ],
)
def test_due_dates_are_written_western_first_with_the_era_date(day, text):
    assert date_ja(day) == text
