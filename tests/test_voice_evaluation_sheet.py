"""The evaluation sheet shows the opinions on its measure, published or not, with their
moderation state and response, so that the department sees them when it evaluates."""

from __future__ import annotations

from datetime import date

from shisaku.voice import services
from shisaku.voice.models import Channel, ResponseKind
from shisaku.voice.services import OpinionInput
from tests.test_evaluation_setup import TOWN
from tests.test_staff_evaluation_support import SHEET, as_user, plain, text, town_fixture  # noqa: F401
from tests.voice_support import consultation_input

SHOWN, HIDDEN, WAITING = (
    "土曜日も窓口を開けてほしい。",
    "090-0000-0000 に電話ください。",
    "夜も相談したい。",
)


def _opinion(operator, item, body: str, node_code: str = "1-1-1"):
    data = OpinionInput(
        body=body, node_code=node_code, channel=Channel.PAPER, received_on=date(2025, 6, 1)
    )
    return services.enter_opinion(actor=operator, consultation=item, data=data)


def test_the_sheet_lists_every_opinion_on_its_measure_with_state_and_response(town, operator):
    item = services.open_consultation(
        actor=operator, municipality_code=TOWN, data=consultation_input()
    )
    shown, hidden = _opinion(operator, item, SHOWN), _opinion(operator, item, HIDDEN)
    _opinion(operator, item, WAITING)
    services.moderate(actor=operator, opinion=shown, state="published", summary="土曜開庁の要望")
    services.moderate(
        actor=operator, opinion=hidden, state="hidden", reason="personal-data", note="電話番号"
    )
    services.respond(
        actor=operator,
        opinion=shown,
        kind=ResponseKind.REFLECTED,
        reason="土曜開庁を試行します。",
        department="子育て支援課",
        responded_on=date(2025, 7, 1),
    )
    page = plain(text(as_user("kosodate").get(SHEET)))
    rows = page.split("この施策への住民の意見 ")[1].split(" 評価と意見")[0]
    header = "意見募集 意見（と公表する要旨） 公開の判断 対応区分 対応の理由 担当課 対応日"
    title = "相談支援についての意見募集"
    assert rows == " ".join(
        [
            header,
            f"{title} {SHOWN} 要旨： 土曜開庁の要望 公開 反映した",
            "土曜開庁を試行します。 子育て支援課 2025-07-01",
            f"{title} {HIDDEN} 非公開：個人情報を含む",
            f"{title} {WAITING} 未確認",
        ]
    )


def test_a_sheet_without_opinions_says_so(town):
    page = plain(text(as_user("kosodate").get(SHEET)))
    assert "この施策への住民の意見 意見募集でこの施策への意見はまだ寄せられていません。" in page
