"""A refusal tells someone of another municipality only that the object is not theirs."""

from __future__ import annotations

import pytest

from shisaku.accounts import services as accounts
from shisaku.accounts.permissions import PermissionDenied, require
from shisaku.indicators import services
from shisaku.indicators.services import BatchRejected
from shisaku.plan import services as plan_services
from tests.factories import figure
from tests.test_api_write import ACTUAL, PASSWORD, error_of, post, tokens  # noqa: F401

OWNER = "子育て支援課"


@pytest.fixture
def outsider(tokens, operator):  # noqa: F811
    plan_services.save_municipality(actor=operator, code="022012", name_ja="青森市")
    uid = accounts.create_user(
        actor=operator,
        username="aomori",
        password=PASSWORD,
        municipality_code="022012",
        role="planning",
    )
    return {
        "actor": accounts.actor_for(uid, "aomori"),
        "token": accounts.create_token(actor=operator, user_id=uid, name="API"),
    }


def test_the_api_does_not_tell_another_city_who_owns_an_indicator(client, tokens, outsider):  # noqa: F811
    error = error_of(post(client, outsider["token"], ACTUAL), 403)
    assert "権限がありません" in error["message"]
    assert OWNER not in str(error)


def test_a_file_row_of_another_city_does_not_name_the_department(outsider):
    row = figure("999997", "2024-2028", "K1", "actual", "2025年度", "1,820人")
    with pytest.raises(BatchRejected) as refused:
        services.apply_batch(actor=outsider["actor"], batch=services.IndicatorBatch(figures=[row]))
    messages = " ".join(str(e) for e in refused.value.errors)
    assert "権限がありません" in messages and OWNER not in messages


def test_the_service_refusal_names_no_department_to_another_city(outsider):
    with pytest.raises(PermissionDenied) as refused:
        require(outsider["actor"], "indicators.record", "999997", OWNER)
    assert OWNER not in str(refused.value)


def test_a_member_of_the_city_is_still_told_the_department(client, tokens):  # noqa: F811
    error = error_of(post(client, tokens["doboku"], ACTUAL), 403)
    assert OWNER in error["message"]
