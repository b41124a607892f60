"""The workspace's voice pages, under ``/<lang>/staff/<town>/voice/``.

Access is the workspace's own (:func:`shisaku.staff.access.member_page`): a member of the
municipality who may read drafts sees the consultations and their opinions; every write goes
through :mod:`shisaku.voice.services`, which checks the member's role and audits the step.
A refusal of input shows the form again with the message on its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.plan.models import Plan, PlanNode
from shisaku.staff.access import Member, forbidden, member_page
from shisaku.voice import queries, rules, services
from shisaku.voice.models import Consultation, OpinionContact
from shisaku.voice.notices import notify_result
from shisaku.voice.rules import VoiceError
from shisaku.voice.sealing import unseal
from shisaku.voice.web.forms import (
    ConsentPolicyForm,
    ConsultationForm,
    EasyTextForm,
    EnteredOpinionForm,
    ModerationForm,
    ResponseForm,
    refuse,
)

Handler = Callable[..., HttpResponse]


def reader_page(view: Handler) -> Handler:
    """Require a member who may read drafts (viewers see the public pages only)."""

    @member_page
    def wrapper(request: HttpRequest, member: Member, **kwargs: Any) -> HttpResponse:
        if not member.reads_drafts and not member.manages_plan:
            return forbidden(request, member)
        return view(request, member, **kwargs)

    return wrapper


def _consultation(member: Member, pk: int) -> Consultation:
    """Return the consultation of the URL."""
    try:
        return queries.consultation(member.municipality_code, pk)
    except queries.NotFound as error:
        raise Http404(str(error)) from error


def _back(member: Member, pk: int | None = None) -> HttpResponse:
    """Redirect to the voice home page or to a consultation's page."""
    if pk is None:
        return redirect("voice-staff:home", code=member.municipality_code)
    return redirect("voice-staff:consultation", code=member.municipality_code, pk=pk)


def _saved(
    request: HttpRequest, form: forms.Form, save: Callable[[], int], done: str
) -> int | None:
    """Run a service with a valid form and return the consultation to go back to; None when the
    form is invalid or the service refused (the refusal is then on the form)."""
    if not form.is_valid():
        return None
    try:
        pk = save()
    except VoiceError as error:
        refuse(form, error)
        return None
    messages.success(request, done)
    return pk


def _form_page(
    request: HttpRequest,
    member: Member,
    form: forms.Form,
    save: Callable[[], int],
    done: str,
    page: tuple[str, dict[str, Any]],
) -> HttpResponse:
    """Show a form page; on a POST saved by ``save`` go back to the consultation."""
    pk = _saved(request, form, save, done) if request.method == "POST" else None
    if pk is not None:
        return _back(member, pk)
    template, context = page
    context = {"member": member, "form": form, **context}
    return render(request, template, context, status=400 if form.errors else 200)


@reader_page
def home(request: HttpRequest, member: Member) -> HttpResponse:
    """List the municipality's consultations; the consent rule's form."""
    below = rules.consent_age(member.municipality_code)
    context = {
        "member": member,
        "consultations": queries.all_consultations(member.municipality_code),
        "policy_form": ConsentPolicyForm(initial={"below_age": below}),
        "plans": Plan.objects.filter(municipality__code=member.municipality_code),
    }
    return render(request, "voice/staff/home.html", context)


@require_POST
@reader_page
def policy(request: HttpRequest, member: Member) -> HttpResponse:
    """Set the age below which a guardian's consent is needed."""
    form = ConsentPolicyForm(request.POST)
    if form.is_valid():
        services.save_consent_policy(
            actor=member.actor,
            municipality_code=member.municipality_code,
            below_age=form.cleaned_data["below_age"],
        )
        messages.success(request, _("The consent rule is saved."))
    return _back(member)


def _plans(member: Member) -> list[tuple[str, str]]:
    """Return the municipality's plans as choices."""
    plans = Plan.objects.filter(municipality__code=member.municipality_code)
    return [(p.slug, p.title_ja) for p in plans.order_by("-period_start")]


def _consultation_form(request: HttpRequest, member: Member, item: Consultation | None) -> Any:
    """Return the consultation form (bound on a POST; filled from ``item`` when editing)."""
    data = request.POST if request.method == "POST" else None
    initial = _initial(item) if item else {}
    return ConsultationForm(data, plans=_plans(member), initial=initial)


def _initial(item: Consultation) -> dict[str, Any]:
    """Return a consultation's fields as the form's initial values."""
    names = ConsultationForm.base_fields.keys() - {"plan_slug", "node_code"}
    values = {name: getattr(item, name) for name in names}
    return values | {"plan_slug": item.plan.slug, "node_code": item.node.code if item.node else ""}


@reader_page
def new(request: HttpRequest, member: Member) -> HttpResponse:
    """Open a consultation."""
    form = _consultation_form(request, member, None)

    def save() -> int:
        code, data = member.municipality_code, form.consultation()
        return services.open_consultation(actor=member.actor, municipality_code=code, data=data).pk

    done = _("The consultation is open.")
    return _form_page(request, member, form, save, done, ("voice/staff/edit.html", {"item": None}))


@reader_page
def edit(request: HttpRequest, member: Member, pk: int) -> HttpResponse:
    """Change a consultation."""
    item = _consultation(member, pk)
    form = _consultation_form(request, member, item)

    def save() -> int:
        services.edit_consultation(actor=member.actor, consultation=item, data=form.consultation())
        return pk

    done = _("The consultation is saved.")
    return _form_page(request, member, form, save, done, ("voice/staff/edit.html", {"item": item}))


@reader_page
def consultation(request: HttpRequest, member: Member, pk: int) -> HttpResponse:
    """Show a consultation with every opinion, its state and its response."""
    item = _consultation(member, pk)
    context = {
        "member": member,
        "item": item,
        "opinions": list(item.opinions.select_related("node")),
        "may_run": member.manages_plan,
    }
    return render(request, "voice/staff/consultation.html", context)


@reader_page
def enter(request: HttpRequest, member: Member, pk: int) -> HttpResponse:
    """Enter an opinion gathered on paper, by a school survey or at an event."""
    item = _consultation(member, pk)
    data = request.POST if request.method == "POST" else None
    form = EnteredOpinionForm(
        data,
        measures=queries.measures(item),
        consent_age=None,
        channels=item.channels,
        initial={"received_on": timezone.localdate()},
    )

    def save() -> int:
        services.enter_opinion(actor=member.actor, consultation=item, data=form.opinion())
        return pk

    done = _("The opinion is entered.")
    return _form_page(request, member, form, save, done, ("voice/staff/enter.html", {"item": item}))


def _contact(member: Member, item: Any) -> str:
    """Return the opinion's contact details for the planning office (empty for others)."""
    found = OpinionContact.objects.filter(opinion=item).first()
    return unseal(found.sealed) if found and member.manages_plan else ""


@reader_page
def opinion(request: HttpRequest, member: Member, pk: int, opinion_pk: int) -> HttpResponse:
    """Show one opinion with the moderation and response forms; take either form."""
    item = _consultation(member, pk)
    try:
        found = queries.opinion(item, opinion_pk)
    except queries.NotFound as error:
        raise Http404(str(error)) from error
    step = request.POST.get("step") if request.method == "POST" else None
    moderation = _moderation(request, member, found, step == "moderate")
    response = _response(request, member, found, step == "respond")
    if moderation is None or response is None:
        return _back(member, pk)
    context = {
        "member": member,
        "item": item,
        "opinion": found,
        "contact": _contact(member, found),
        "moderation": moderation,
        "response": response,
    }
    status = 400 if moderation.errors or response.errors else 200
    return render(request, "voice/staff/opinion.html", context, status=status)


def _moderation(
    request: HttpRequest, member: Member, found: Any, posted: bool
) -> ModerationForm | None:
    """Return the moderation form, or None when a posted one was saved."""
    initial = {"state": found.state, "reason": found.hide_reason, "note": found.moderation_note}
    form = ModerationForm(
        request.POST if posted else None,
        initial=initial | {"summary": found.summary},
        prefix="moderate",
    )

    def save() -> int:
        services.moderate(actor=member.actor, opinion=found, **form.cleaned_data)
        return int(found.consultation_id)

    saved = posted and _saved(request, form, save, _("The decision is saved.")) is not None
    return None if saved else form


def _response(
    request: HttpRequest, member: Member, found: Any, posted: bool
) -> ResponseForm | None:
    """Return the response form, or None when a posted one was saved."""
    measure = found.node or found.consultation.node
    initial = {
        "kind": found.response_kind,
        "reason": found.response_reason,
        "department": found.response_department or (measure.department if measure else ""),
        "responded_on": found.responded_on or timezone.localdate(),
    }
    form = ResponseForm(request.POST if posted else None, initial=initial, prefix="respond")

    def save() -> int:
        services.respond(actor=member.actor, opinion=found, **form.cleaned_data)
        return int(found.consultation_id)

    saved = posted and _saved(request, form, save, _("The response is saved.")) is not None
    return None if saved else form


@require_POST
@reader_page
def publish(request: HttpRequest, member: Member, pk: int) -> HttpResponse:
    """Publish the consultation's result."""
    item = _consultation(member, pk)
    try:
        first = services.publish_result(actor=member.actor, consultation=item)
    except VoiceError as error:
        messages.error(request, error.message)
        return _back(member, pk)
    messages.success(request, _("The result is published."))
    if first:
        page = reverse("voice:consultation", kwargs={"code": item.municipality.code, "pk": pk})
        url = request.build_absolute_uri(page)
        sent = notify_result(actor=member.actor, consultation=item, page_url=url)
        messages.info(
            request,
            _("%(count)s people who asked for an answer were written to.") % {"count": sent},
        )
    return _back(member, pk)


def _node(member: Member, slug: str, code: str) -> PlanNode:
    """Return a node of one of the municipality's plans."""
    found = PlanNode.objects.filter(
        plan__municipality__code=member.municipality_code, plan__slug=slug, code=code
    ).first()
    if found is None:
        raise Http404(f"plan {slug} has no node {code}")
    return found


@reader_page
def easy_texts(request: HttpRequest, member: Member, slug: str) -> HttpResponse:
    """List a plan's fields, policies and measures with their easy versions for children."""
    plan = Plan.objects.filter(municipality__code=member.municipality_code, slug=slug).first()
    if plan is None:
        raise Http404(f"plan {slug} does not exist")
    context = {"member": member, "plan": plan, "nodes": queries.easy_nodes(plan.pk)}
    return render(request, "voice/staff/easy_texts.html", context)


@reader_page
def easy_text(request: HttpRequest, member: Member, slug: str, node: str) -> HttpResponse:
    """Write a node's easy version for children."""
    found = _node(member, slug, node)
    easy = getattr(found, "easy_text", None)
    initial = {"text_ja": easy.text_ja, "text_en": easy.text_en} if easy else {}
    form = EasyTextForm(request.POST if request.method == "POST" else None, initial=initial)

    def save() -> int:
        services.save_easy_text(actor=member.actor, node=found, **form.cleaned_data)
        return found.pk

    done = _("The easy version is saved.")
    if request.method == "POST" and _saved(request, form, save, done) is not None:
        return redirect("voice-staff:easy-texts", code=member.municipality_code, slug=slug)
    context = {"member": member, "node": found, "form": form, "slug": slug}
    return render(
        request, "voice/staff/easy_text.html", context, status=400 if form.errors else 200
    )
