"""The public voice pages: a municipality's consultations, one consultation with its form and
its result, and the result as CSV, xlsx and JSON.

The form is plain HTML (no JavaScript). Every refusal shows the form again with what the
person typed and a message saying what to change; a sent opinion redirects to a thank-you
note (so reloading does not send it twice).
"""

from __future__ import annotations

from dataclasses import astuple

import orjson
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shisaku.plan.models import Municipality
from shisaku.public.documents import Crumb
from shisaku.public.downloads.files import Table, file_response
from shisaku.public.links import municipality_url
from shisaku.public.renderers import with_schema
from shisaku.voice import queries, rules, services
from shisaku.voice.models import Audience, Channel, Consultation
from shisaku.voice.rules import TooMany, VoiceError
from shisaku.voice.web.forms import OpinionForm, refuse


def town_or_404(code: str) -> Municipality:
    """Return the municipality of the URL."""
    town = Municipality.objects.filter(code=code).first()
    if town is None:
        raise Http404(f"municipality {code} does not exist")
    return town


def consultation_or_404(code: str, pk: int) -> Consultation:
    """Return the consultation of the URL."""
    try:
        return queries.consultation(code, pk)
    except queries.NotFound as error:
        raise Http404(str(error)) from error


def crumbs(town: Municipality, *more: Crumb) -> list[Crumb]:
    """Return the trail: the municipality, its consultations, then ``more``."""
    list_url = reverse("voice:list", kwargs={"code": town.code})
    return [
        Crumb("", town.name_ja, town.name_en, municipality_url(town.code)),
        Crumb("", "意見募集", "Consultations", list_url),
        *more,
    ]


def consultations(request: HttpRequest, code: str) -> HttpResponse:
    """List the municipality's open consultations and those with a published result."""
    town = town_or_404(code)
    context = {
        "town": town,
        "open": queries.open_consultations(code, timezone.localdate()),
        "results": queries.with_results(code),
        "crumbs": crumbs(town),
    }
    return render(request, "voice/list.html", context)


def _form(item: Consultation, data: dict[str, str] | None = None) -> OpinionForm:
    """Return the opinion form of a consultation (bound to ``data`` when given)."""
    below = rules.consent_age(item.municipality.code)
    return OpinionForm(data, measures=queries.measures(item), consent_age=below)


def _page(request: HttpRequest, item: Consultation, form: OpinionForm, status: int) -> HttpResponse:
    """Render a consultation's page with its form."""
    today = timezone.localdate()
    title = queries.in_language(item.title_ja, item.title_en)
    context = {
        "item": item,
        "title": title,
        "description": queries.in_language(item.description_ja, item.description_en),
        "questions": queries.in_language(item.questions_ja, item.questions_en).splitlines(),
        "taking": item.starts_on <= today <= item.ends_on and Channel.WEB in item.channels,
        "form": form,
        "rows": queries.result_rows(item),
        "header": queries.result_header(),
        "sent": request.GET.get("sent") == "1",
        "kids": item.audience == Audience.CHILDREN,
        "crumbs": crumbs(item.municipality, Crumb("", item.title_ja, item.title_en, "")),
    }
    return render(request, "voice/consultation.html", context, status=status)


@require_http_methods(["GET", "POST"])
def consultation(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Show a consultation; take an opinion sent with its form."""
    item = consultation_or_404(code, pk)
    if request.method != "POST":
        return _page(request, item, _form(item), 200)
    form = _form(item, request.POST)
    if not form.is_valid():
        return _page(request, item, form, 400)
    if form.is_spam():
        form.add_error(None, _("The form could not be sent: please leave the last field empty."))
        return _page(request, item, form, 400)
    return _take(request, item, form)


def _take(request: HttpRequest, item: Consultation, form: OpinionForm) -> HttpResponse:
    """Hand a valid form to the service; on a refusal show the form again with its message."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    try:
        services.submit_opinion(consultation=item, data=form.opinion(), address=address)
    except VoiceError as error:
        refuse(form, error)
        return _page(request, item, form, 429 if isinstance(error, TooMany) else 400)
    url = reverse("voice:consultation", kwargs={"code": item.municipality.code, "pk": item.pk})
    return redirect(f"{url}?sent=1#sent")


def _published(code: str, pk: int) -> Consultation:
    """Return a consultation whose result is published (404 before)."""
    item = consultation_or_404(code, pk)
    if item.result_published_at is None:
        raise Http404(f"the result of consultation {pk} is not published yet")
    return item


def result_table(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    """Return the published result as CSV (UTF-8 with a BOM, for Excel) or xlsx."""
    item = _published(code, pk)
    rows = [[str(v) for v in astuple(r)] for r in queries.result_rows(item)]
    name = f"consultation-{code}-{pk}-result"
    table = Table(name, _("Result"), queries.result_header(), rows)
    return file_response(table, fmt)


def result_json(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Return the published result as JSON."""
    item = _published(code, pk)
    document = with_schema(
        request,
        {
            "consultation": pk,
            "municipality": code,
            "title": item.title_ja,
            "title_en": item.title_en,
            "result_published_at": item.result_published_at,
            "rows": queries.result_records(item),
        },
    )
    return HttpResponse(orjson.dumps(document), content_type="application/json")
