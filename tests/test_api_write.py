"""The JSON API's write: tokens, the workspace's permissions, revisions with If-Match, errors."""

from __future__ import annotations

import json

import pytest

from shisaku.accounts import services as accounts
from shisaku.audit.models import AuditEntry
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services
from shisaku.indicators.models import Figure
from shisaku.plan import services as plan_services
from tests.api_checks import checked_client  # noqa: F401  (the client: error bodies checked)
from tests.factories import figure

PASSWORD = "correct horse battery staple 42"
URL = "/api/v1/municipalities/999997/plans/2024-2028/indicators/K1/figures"
ACTUAL = {"kind": "actual", "period": "2025年度", "value": "1,820人"}


@pytest.fixture
def tokens(small_plan, operator):
    """試験市 (fictional): indicator K1 owned by 子育て支援課, and a token for each member."""
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                "999997",
                "2024-2028",
                "K1",
                "相談件数",
                "increase",
                node_code="1-1-1",
                unit="人",
                department="子育て支援課",
            )
        ],
        figures=[figure("999997", "2024-2028", "K1", "target", "2028年度", "2,000人")],
    )
    services.apply_batch(actor=operator, batch=batch)
    out = {}
    for name, role, dept in [
        ("kikaku", "planning", ""),
        ("kosodate", "department", "子育て支援課"),
        ("doboku", "department", "土木課"),
        ("iin", "reviewer", ""),
    ]:
        uid = accounts.create_user(
            actor=operator,
            username=name,
            password=PASSWORD,
            municipality_code="999997",
            role=role,
            department=dept,
        )
        out[name] = accounts.create_token(actor=operator, user_id=uid, name="API")
    return out


def post(client, who_token, body, url=URL, **headers):
    if who_token is not None:
        headers["Authorization"] = f"Bearer {who_token}"
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data, content_type="application/json", headers=headers)


def error_of(response, status: int):
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    payload = response.json()
    assert set(payload) == {"error"}
    assert payload["error"]["status"] == status
    return payload["error"]


def fields(error) -> list[str]:
    return [d["field"] for d in error["details"]]


def test_the_owning_department_records_an_actual(client, tokens):
    response = post(client, tokens["kosodate"], {**ACTUAL, "note": "速報値"})
    assert response.status_code == 201, response.content.decode()
    recorded = response.json()
    assert recorded["figure"].pop("entered_at")
    assert recorded == {
        "changed": True,
        "revision": 1,
        "figure": {
            "kind": "actual",
            "period": "FY2025",
            "period_label": "2025年度（令和7年度）",
            "period_start": 2025,
            "period_end": 2025,
            "breakdown": "",
            "raw": "1,820人",
            "value_kind": "number",
            "value": 1820,
            "unit": "人",
            "qualifier": "",
            "label": "",
            "components": [],
            "note": "速報値",
            "source": "",
            "revision": 1,
            "is_current": True,
            "department": "子育て支援課",
        },
    }


def test_a_correction_without_a_note_keeps_the_note_and_an_empty_note_clears_it(client, tokens):
    post(client, tokens["kosodate"], {**ACTUAL, "note": "速報値", "source": "業務統計"})
    corrected = post(client, tokens["kosodate"], {**ACTUAL, "value": "1,830人"}, If_Match='"1"')
    assert corrected.status_code == 201, corrected.content
    assert (corrected.json()["figure"]["note"], corrected.json()["figure"]["source"]) == (
        "速報値",
        "業務統計",
    )
    cleared = post(
        client, tokens["kosodate"], {**ACTUAL, "value": "1,830人", "note": ""}, If_Match='"2"'
    )
    assert cleared.status_code == 201, cleared.content
    assert (cleared.json()["figure"]["note"], cleared.json()["figure"]["source"]) == (
        "",
        "業務統計",
    )
    rows = Figure.objects.filter(kind="actual").order_by("revision")
    assert [(r.raw, r.note) for r in rows] == [
        ("1,820人", "速報値"),
        ("1,830人", "速報値"),
        ("1,830人", ""),
    ]


def test_the_write_is_audited_with_the_user(client, tokens):
    post(client, tokens["kosodate"], ACTUAL)
    entry = AuditEntry.objects.get(action="figure.record", actor="user:kosodate")
    assert entry.actor == "user:kosodate"
    assert entry.user_id is not None
    assert entry.object_id == "999997/2024-2028/K1/actual/FY2025"
    assert (entry.before, entry.after) == (None, {"raw": "1,820人", "note": "", "source": ""})


def test_a_correction_with_if_match_is_a_new_revision_and_the_old_one_is_kept(client, tokens):
    post(client, tokens["kosodate"], ACTUAL)
    response = post(client, tokens["kikaku"], {**ACTUAL, "value": "1,830人"}, If_Match='"1"')
    assert response.status_code == 201
    assert (response.json()["revision"], response.json()["figure"]["raw"]) == (2, "1,830人")
    rows = Figure.objects.filter(kind="actual").order_by("revision")
    assert [(r.raw, r.revision, r.is_current, r.entered_by) for r in rows] == [
        ("1,820人", 1, False, "user:kosodate"),
        ("1,830人", 2, True, "user:kikaku"),
    ]
    history = client.get(URL.replace("/figures", "/observations")).json()
    assert [(o["raw"], o["is_current"]) for o in history["items"] if o["kind"] == "actual"] == [
        ("1,830人", True),
        ("1,820人", False),
    ]


def test_if_match_zero_means_nothing_recorded_yet(client, tokens):
    assert post(client, tokens["kosodate"], ACTUAL, If_Match='"0"').status_code == 201
    assert post(client, tokens["kosodate"], ACTUAL, If_Match='"0"').status_code == 412
    assert post(client, tokens["kosodate"], ACTUAL, If_Match="1").status_code == 200


def test_the_same_value_again_changes_nothing(client, tokens):
    post(client, tokens["kosodate"], ACTUAL)
    response = post(client, tokens["kosodate"], ACTUAL, If_Match='"1"')
    assert response.status_code == 200
    assert (response.json()["changed"], response.json()["revision"]) == (False, 1)
    assert Figure.objects.filter(kind="actual").count() == 1


def test_a_target_may_be_recorded_too(client, tokens):
    response = post(
        client,
        tokens["kikaku"],
        {"kind": "target", "period": "R10", "value": "2,100人"},
        If_Match='"1"',
    )
    assert response.status_code == 201
    assert (response.json()["figure"]["period"], response.json()["revision"]) == ("FY2028", 2)


def test_a_stale_if_match_is_a_412_in_the_envelope_and_nothing_is_written(client, tokens):
    post(client, tokens["kosodate"], ACTUAL)
    post(client, tokens["kikaku"], {**ACTUAL, "value": "1,830人"}, If_Match='"1"')
    response = post(client, tokens["kosodate"], {**ACTUAL, "value": "1,825人"}, If_Match='"1"')
    error = error_of(response, 412)
    assert error["code"] == "precondition_failed"
    assert error["message"] == (
        "K1 の FY2025 は他の人が更新しました（版 1 → 2）。"
        "最新の値を確かめてから入力し直してください / The figure was changed since you read it"
    )
    assert [f.raw for f in Figure.objects.filter(kind="actual").order_by("revision")] == [
        "1,820人",
        "1,830人",
    ]


NEEDS_IF_MATCH = (
    f"この値は既に記録されています。GET {URL} で読んだ値の revision を "
    'If-Match ヘッダーで送ってください（例: If-Match: "1"） / '
    f"This figure exists: send the revision you read with GET {URL} in If-Match"
)


@pytest.mark.parametrize(
    "body",
    [
        {**ACTUAL, "value": "1,830人"},
        ACTUAL,  # even the same value: the client has not said which revision it saw
        {"kind": "target", "period": "2028年度", "value": "2,100人"},
    ],
)
def test_a_write_to_an_existing_figure_without_if_match_is_a_428_and_writes_nothing(
    client, tokens, body
):
    post(client, tokens["kosodate"], ACTUAL)
    before = list(Figure.objects.order_by("pk").values_list("kind", "raw", "revision"))
    audited = AuditEntry.objects.count()
    error = error_of(post(client, tokens["kikaku"], body), 428)
    assert error == {
        "status": 428,
        "code": "precondition_required",
        "message": NEEDS_IF_MATCH,
        "details": [{"field": "If-Match", "message": NEEDS_IF_MATCH}],
    }
    assert list(Figure.objects.order_by("pk").values_list("kind", "raw", "revision")) == before
    assert AuditEntry.objects.count() == audited


def test_the_revision_read_from_the_list_in_if_match_writes_the_correction(client, tokens):
    post(client, tokens["kosodate"], ACTUAL)
    listed = client.get(URL).json()["items"]
    seen = next(f["revision"] for f in listed if f["kind"] == "actual")
    response = post(client, tokens["kikaku"], {**ACTUAL, "value": "1,830人"}, If_Match=f'"{seen}"')
    assert (response.status_code, response.json()["revision"]) == (201, 2)
    assert Figure.objects.get(kind="actual", is_current=True).raw == "1,830人"


def test_a_new_figure_needs_no_if_match(client, tokens):
    response = post(client, tokens["kosodate"], {**ACTUAL, "breakdown": "男性"})
    assert (response.status_code, response.json()["revision"]) == (201, 1)


@pytest.mark.parametrize("who", ["doboku", "iin"])
def test_another_department_or_a_reviewer_gets_a_403(client, tokens, who):
    error = error_of(post(client, tokens[who], ACTUAL), 403)
    assert error["code"] == "forbidden"
    assert "で実績値・目標値の記録を行う権限がありません" in error["message"]
    assert not Figure.objects.filter(kind="actual").exists()


def test_no_token_is_a_401_with_a_bearer_challenge(client, tokens):
    response = post(client, None, ACTUAL)
    error = error_of(response, 401)
    assert error == {
        "status": 401,
        "code": "unauthorized",
        "message": "認証が必要です / Authentication required",
        "details": [],
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="shisaku"'


@pytest.mark.parametrize("header", ["Bearer shisaku_not-a-token", "Basic a2lrYWt1OnB3"])
def test_a_bad_token_is_a_401(client, tokens, header):
    response = client.post(
        URL, json.dumps(ACTUAL), content_type="application/json", headers={"Authorization": header}
    )
    assert error_of(response, 401)["code"] == "unauthorized"


def test_a_revoked_token_is_a_401(client, tokens):
    from shisaku.accounts.models import ApiToken

    ApiToken.objects.update(revoked=True)
    error = error_of(post(client, tokens["kosodate"], ACTUAL), 401)
    assert error["message"] == "トークンが無効か失効しています / The token is unknown or revoked"


def test_an_unknown_field_is_a_422_naming_it(client, tokens):
    error = error_of(post(client, tokens["kosodate"], {**ACTUAL, "colour": "red"}), 422)
    assert error["code"] == "validation_error"
    assert error["details"] == [
        {
            "field": "colour",
            "message": "この項目は使えません（未知の項目） / Extra inputs are not permitted",
        }
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({**ACTUAL, "value": 1820}, ["value"]),
        ({**ACTUAL, "kind": "baseline"}, ["kind"]),
        ({"kind": "actual", "period": "2025年度"}, ["value"]),
        ({**ACTUAL, "value": ""}, ["value"]),
        ([ACTUAL], ["body"]),
    ],
)
def test_wrong_types_and_missing_fields_are_422s_naming_them(client, tokens, body, expected):
    assert fields(error_of(post(client, tokens["kosodate"], body), 422)) == expected


def test_a_value_that_cannot_be_read_is_a_422_naming_value(client, tokens):
    error = error_of(post(client, tokens["kosodate"], {**ACTUAL, "value": "12..3件"}), 422)
    assert fields(error) == ["value"]
    assert error["details"][0]["message"].startswith("『12..3件』は値として読めません")


def test_a_period_that_cannot_be_read_is_a_422_naming_period(client, tokens):
    error = error_of(post(client, tokens["kosodate"], {**ACTUAL, "period": "いつか"}), 422)
    assert fields(error) == ["period"]


def test_a_malformed_if_match_is_a_422_naming_it(client, tokens):
    error = error_of(post(client, tokens["kosodate"], ACTUAL, If_Match="latest"), 422)
    assert fields(error) == ["If-Match"]


def test_a_body_that_is_not_json_is_a_400(client, tokens):
    error = error_of(post(client, tokens["kosodate"], "{not json"), 400)
    assert error["code"] == "bad_request"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (URL.replace("2024-2028", "2099-2100"), "計画が見つかりません / Plan not found"),
        (URL.replace("K1", "K9"), "指標が見つかりません / Indicator not found"),
    ],
)
def test_an_unknown_plan_or_indicator_is_a_404(client, tokens, url, message):
    assert error_of(post(client, tokens["kikaku"], ACTUAL, url=url), 404)["message"] == message


def test_a_draft_plan_is_writable_by_its_members_only(client, tokens, operator):
    plan_services.set_plan_status(
        actor=operator, municipality_code="999997", slug="2024-2028", status="draft"
    )
    assert post(client, tokens["kosodate"], ACTUAL).status_code == 201
    plan_services.save_municipality(actor=operator, code="999989", name_ja="別市")
    uid = accounts.create_user(
        actor=operator,
        username="betsu",
        password=PASSWORD,
        municipality_code="999989",
        role="planning",
    )
    stranger = accounts.create_token(actor=operator, user_id=uid, name="API")
    assert error_of(post(client, stranger, ACTUAL), 404)["code"] == "not_found"


def test_a_put_on_the_write_address_is_a_405(client, tokens):
    response = client.put(URL)
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert sorted(response["Allow"].split(", ")) == ["GET", "POST"]


def test_a_token_write_needs_no_csrf_token(tokens):
    from tests.api_checks import CheckedClient

    strict = CheckedClient(enforce_csrf_checks=True)
    assert post(strict, tokens["kosodate"], ACTUAL).status_code == 201


def test_a_year_locked_by_an_approved_evaluation_is_a_403(client, tokens):
    from shisaku.indicators.models import PeriodLock
    from shisaku.plan.models import PlanNode

    node = PlanNode.objects.get(plan__slug="2024-2028", code="1-1-1")
    PeriodLock.objects.create(plan=node.plan, node=node, fiscal_year=2025, locked_by="test")
    error = error_of(post(client, tokens["kikaku"], ACTUAL), 403)
    assert error["message"].endswith("/ The year is locked: its evaluation is approved")
    assert "承認済みのためロックされています" in error["message"]
    assert not Figure.objects.filter(kind="actual").exists()
