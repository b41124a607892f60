"""The API's consultations: a municipality's list, one consultation with its published result;
never a contact, a hidden opinion, a name or a moderation note."""

from __future__ import annotations

import json

from tests.api_checks import CheckedClient as Client  # answers checked against their schemas
from tests.test_staff_support import TOWN, town_fixture  # noqa: F401
from tests.voice_support import (  # noqa: F401
    CONTACT,
    HIDDEN_TEXT,
    SHOWN,
    SUMMARIZED,
    SUMMARY,
    consultation_fixture,
    moderate_and_respond,
    opinions_fixture,
)

LIST = f"/api/v1/municipalities/{TOWN}/consultations"


def get(url: str):
    response = Client().get(url)
    return response.status_code, json.loads(response.content)


def test_the_list_pages_a_municipalitys_consultations(consultation):
    status, found = get(LIST)
    pk = consultation.pk
    assert status == 200
    assert found == {
        "count": 1,
        "limit": 50,
        "offset": 0,
        "next": None,
        "items": [
            {
                "id": pk,
                "title": "相談支援についての意見募集",
                "title_en": "Your views on counselling",
                "plan": "2024-2028",
                "node_code": "1-1-1",
                "evaluation_year": None,
                "starts_on": consultation.starts_on.isoformat(),
                "ends_on": consultation.ends_on.isoformat(),
                "open": True,
                "audience": "everyone",
                "channels": ["web", "paper", "event"],
                "result_published": False,
                "url": f"/ja/{TOWN}/voice/{pk}/",
                "api_url": f"{LIST}/{pk}",
            }
        ],
    }


def test_a_consultation_shows_only_its_published_result(consultation, opinions):
    status, before = get(f"{LIST}/{consultation.pk}")
    assert (status, before["result"], before["questions"]) == (
        200,
        [],
        ["相談しやすいと感じますか", "窓口に望むことは何ですか"],
    )
    moderate_and_respond(consultation, opinions)
    response = Client().get(f"{LIST}/{consultation.pk}")
    found = json.loads(response.content)
    assert found["result_published"] is True
    assert found["result"] == [
        {
            "number": 1,
            "measure": "1-1-1",
            "opinion": SHOWN,
            "response": "反映した",
            "response_en": "Reflected",
            "reason": "土曜開庁を試行します。",
            "department": "福祉課",
            "responded_on": "2026-06-01",
        },
        {
            "number": 2,
            "measure": "1-1-1",
            "opinion": SUMMARY,
            "response": "参考とする",
            "response_en": "Taken as a reference",
            "reason": "今後検討します。",
            "department": "福祉課",
            "responded_on": "2026-06-01",
        },
    ]
    listed = Client().get(LIST).content.decode()
    for text in (response.content.decode(), listed):
        for secret in (CONTACT, HIDDEN_TEXT, SUMMARIZED, "電話番号", "personal-data"):
            assert secret not in text


def test_unknown_consultations_and_parameters_are_refused(consultation):
    status, found = get(f"{LIST}/{consultation.pk + 1}")
    assert (status, found["error"]["message"]) == (
        404,
        "意見募集が見つかりません / Consultation not found",
    )
    status, found = get(f"{LIST}?q=相談")
    assert status == 400
    assert found["error"]["message"].startswith(
        "不明なクエリパラメーター q（使えるもの: limit, offset）"
    )
    assert get("/api/v1/municipalities/999999/consultations")[0] == 404
