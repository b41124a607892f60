"""Read endpoints of a municipality's consultations (意見募集) and their published results.

Read through :mod:`shisaku.voice.queries`, as the public pages are: the result holds the
published opinions only (the summary when one was written) with their responses, and only once
the result is published.  Nothing here reads a contact, a display name, an age band, a school
level, a hidden opinion or a moderation note.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Query, Router
from ninja.params import functions as params
from pydantic import Field

from shisaku.api.common import (
    READ_EXTRA,
    MunicipalityCode,
    not_found,
    published_town,
    read_responses,
)
from shisaku.api.links import api_url
from shisaku.api.pagination import Page, PageParams, page_fields
from shisaku.api.strict import OutSchema
from shisaku.voice import queries
from shisaku.voice.models import Consultation

router = Router(tags=["voice"])
TOWN = "/municipalities/{code}/consultations"
ConsultationId = Annotated[int, params.Path(ge=1, description="意見募集の番号 / Consultation id")]


class ConsultationOut(OutSchema):
    """意見募集 / A consultation as the public sees it: what is asked, of whom, and when."""

    id: int = Field(description="意見募集の番号 / Consultation id")
    title: str
    title_en: str
    plan: str = Field(description="計画の slug / Plan slug")
    node_code: str = Field(description="対象のノード（計画全体なら空） / Node asked about")
    evaluation_year: int | None = Field(description="対象の評価年度 / Evaluation year asked about")
    starts_on: str = Field(description="開始日 / First day (ISO 8601)")
    ends_on: str = Field(description="終了日 / Last day (ISO 8601)")
    open: bool = Field(description="今日、意見を受け付けているか / Taking opinions today")
    audience: str = Field(description="everyone（全員） / children（こども・若者）")
    channels: list[str] = Field(description="受け付ける方法 / Channels: web, paper, school, event")
    result_published: bool = Field(description="結果を公表したか / Result published")
    url: str = Field(description="公開ページ（意見の様式） / Public page, with the form")
    api_url: str


class ResultRowOut(OutSchema):
    """公表した意見と対応 / A published opinion (or its summary) with the response to it."""

    number: int = Field(description="意見の番号 / Opinion number")
    measure: str = Field(description="意見が対象とする施策の番号 / Measure the opinion concerns")
    opinion: str = Field(description="意見（要旨があれば要旨） / Opinion, or its summary")
    response: str = Field(description="対応区分 / Response (反映した, 一部反映, 参考とする …)")
    response_en: str = Field(description="対応区分の英訳 / Response in English")
    reason: str = Field(description="考慮した結果及びその理由 / Reason")
    department: str = Field(description="担当課 / Department")
    responded_on: str = Field(description="対応日（ISO 8601、未対応は空） / Date of response")


class ConsultationDetail(ConsultationOut):
    """意見募集とその結果 / A consultation with its description, questions and (once published) its
    result."""

    description: str = Field(description="説明（日本語） / Description in Japanese")
    description_en: str = Field(description="説明の英訳 / Description in English")
    questions: list[str] = Field(description="問い（日本語） / Questions in Japanese")
    questions_en: list[str] = Field(description="問いの英訳 / Questions in English")
    result: list[ResultRowOut] = Field(
        description="公表した意見と対応（結果公表の前は空） / Published opinions and responses "
        "(empty until the result is published)"
    )


class ConsultationPage(Page[ConsultationOut]):
    """団体の意見募集の一覧 / A page of a municipality's consultations."""


def _out(code: str, item: Consultation) -> ConsultationOut:
    """Return the fields every consultation answer has."""
    today = timezone.localdate()
    where = {"code": code, "pk": item.pk}
    with translation.override("ja"):
        url = reverse("voice:consultation", kwargs=where)
    return ConsultationOut(
        id=item.pk,
        title=item.title_ja,
        title_en=item.title_en,
        plan=item.plan.slug,
        node_code=item.node.code if item.node else "",
        evaluation_year=item.evaluation_year,
        starts_on=item.starts_on.isoformat(),
        ends_on=item.ends_on.isoformat(),
        open=item.starts_on <= today <= item.ends_on,
        audience=item.audience,
        channels=list(item.channels),
        result_published=item.result_published_at is not None,
        url=url,
        api_url=api_url("consultation", code=code, consultation_id=str(item.pk)),
    )


def _result(item: Consultation) -> list[ResultRowOut]:
    """Return the published result, its response named in Japanese and English."""
    with translation.override("en"):
        english = [row.response for row in queries.result_rows(item)]
    with translation.override("ja"):
        rows = queries.result_rows(item)
    return [
        ResultRowOut(
            number=row.number,
            measure=row.measure,
            opinion=row.opinion,
            response=row.response,
            response_en=en,
            reason=row.reason,
            department=row.department,
            responded_on=row.responded_on,
        )
        for row, en in zip(rows, english, strict=True)
    ]


def _lines(text: str) -> list[str]:
    """Return the questions, one a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@router.get(
    TOWN,
    response=read_responses(ConsultationPage, 404, 422),
    url_name="consultations",
    summary="団体の意見募集 / A municipality's consultations",
    openapi_extra=READ_EXTRA,
)
def consultation_list(
    request: HttpRequest, code: MunicipalityCode, page: Query[PageParams]
) -> ConsultationPage:
    """The municipality's consultations (意見募集), the latest to close first.

    受付中・終了したもの・結果を公表したものの全てです。意見そのものは結果公表の後に、
    1件ずつの詳細（``api_url``）で公表した分だけ返します。Every consultation, open or closed;
    the published result is in each one's detail.
    """
    published_town(code)
    every = queries.all_consultations(code)
    ordered = sorted(every, key=lambda c: (c.ends_on, c.pk), reverse=True)
    rows = [_out(code, c) for c in ordered]
    return ConsultationPage(**page_fields(rows, page, request))


@router.get(
    TOWN + "/{consultation_id}",
    response=read_responses(ConsultationDetail, 404, 422),
    url_name="consultation",
    summary="意見募集と公表した結果 / A consultation and its published result",
    openapi_extra=READ_EXTRA,
)
def consultation_detail(
    request: HttpRequest, code: MunicipalityCode, consultation_id: ConsultationId
) -> ConsultationDetail:
    """One consultation: what it asks and, once its result is published, the opinions
    published (or their summaries) with the response to each.

    非公開にした意見、氏名・年齢・学校・連絡先は返しません。The result never holds a hidden
    opinion, a name, an age band, a school level or contact details.
    """
    published_town(code)
    try:
        item = queries.consultation(code, consultation_id)
    except queries.NotFound as error:
        raise not_found("意見募集", "Consultation") from error
    return ConsultationDetail(
        **_out(code, item).model_dump(),
        description=item.description_ja,
        description_en=item.description_en,
        questions=_lines(item.questions_ja),
        questions_en=_lines(item.questions_en),
        result=_result(item),
    )
