"""API errors speak to people: a refusal names what was refused in words, never a code."""

from __future__ import annotations

import pytest

from shisaku.accounts.permissions import ACTION_LABELS, ROLE_ACTIONS
from tests.api_checks import checked_client, codes_in  # noqa: F401
from tests.test_api_write import ACTUAL, error_of, post, tokens  # noqa: F401


def test_every_permission_has_words_for_a_refusal():
    assert set(ACTION_LABELS) == set(ROLE_ACTIONS)
    assert not [label for label in ACTION_LABELS.values() if codes_in(label)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("user:x は 999997 で indicators.record を行う権限がありません", ["indicators.record"]),
        ("role planning may not", ["planning"]),
        ("evaluation.approve.", ["evaluation.approve"]),
        ("実績値・目標値の記録を行う権限がありません", []),
        ("the responsible department (担当課)", ["department"]),
    ],
)
def test_the_check_finds_permission_and_role_codes(text, found):
    assert codes_in(text) == found


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (
            "iin",
            "user:iin は 999997（子育て支援課） で実績値・目標値の記録を行う権限がありません"
            " / Permission denied",
        ),
        (
            "doboku",
            "user:doboku は 999997（子育て支援課） で実績値・目標値の記録を行う権限がありません"
            " / Permission denied",
        ),
    ],
)
def test_a_refusal_says_what_was_refused_in_words(client, tokens, who, message):  # noqa: F811
    assert error_of(post(client, tokens[who], ACTUAL), 403)["message"] == message


def test_a_file_row_refused_names_the_action_in_words_not_its_code(tokens):  # noqa: F811
    from django.contrib.auth import get_user_model

    from shisaku.accounts.services import actor_for
    from shisaku.domain.indicatordata import IndicatorBatch
    from shisaku.indicators.services import BatchRejected, apply_batch
    from tests.factories import figure

    doboku = actor_for(get_user_model().objects.get(username="doboku").pk, "doboku")
    row = figure("999997", "2024-2028", "K1", "actual", "2025年度", "1,820人")
    with pytest.raises(BatchRejected) as refused:
        apply_batch(actor=doboku, batch=IndicatorBatch(figures=[row]))
    assert [e.message for e in refused.value.errors] == [
        "この行（担当: 子育て支援課）を書き込む権限がありません（実績値・目標値の記録）"
    ]
