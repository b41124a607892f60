"""The children's view (こども向け): the plan and each measure in larger type, with the easy
version where one is written, ふりがな on every kanji, and the open consultations to speak in.

The consultation page itself is the children's view when its audience is children and young
people (:mod:`shisaku.voice.web.public`), so the children's form is the same form.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from shisaku.plan.models import Plan, PlanNode, PlanStatus
from shisaku.public.documents import Crumb
from shisaku.voice import queries
from shisaku.voice.web.public import crumbs, town_or_404


def _plan(code: str, slug: str) -> Plan:
    """Return a published plan of the municipality."""
    plan = Plan.objects.filter(
        municipality__code=code, slug=slug, status=PlanStatus.PUBLISHED
    ).first()
    if plan is None:
        raise Http404(f"plan {slug} of municipality {code} is not published")
    return plan


def _plan_crumb(plan: Plan) -> Crumb:
    """Return the trail's step for the children's page of a plan."""
    url = reverse("voice:kids-plan", kwargs={"code": plan.municipality.code, "slug": plan.slug})
    return Crumb("", plan.title_ja, plan.title_en, url)


def plan_page(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Show a plan for children: its fields, policies and measures with their easy versions."""
    town, plan = town_or_404(code), _plan(code, slug)
    context = {
        "town": town,
        "plan": plan,
        "title": queries.in_language(plan.title_ja, plan.title_en),
        "nodes": queries.easy_nodes(plan.pk),
        "crumbs": crumbs(town, _plan_crumb(plan)),
    }
    return render(request, "voice/kids_plan.html", context)


def node_page(request: HttpRequest, code: str, slug: str, node: str) -> HttpResponse:
    """Show one node for children, with the consultations open on it."""
    town, plan = town_or_404(code), _plan(code, slug)
    found = PlanNode.objects.filter(plan=plan, code=node).select_related("easy_text").first()
    if found is None:
        raise Http404(f"plan {slug} has no node {node}")
    shown = queries.easy_node(found)
    context = {
        "town": town,
        "plan": plan,
        "node": shown,
        "open": queries.open_about(found, timezone.localdate()),
        "crumbs": crumbs(town, _plan_crumb(plan), Crumb("", shown.title, "", "")),
    }
    return render(request, "voice/kids_node.html", context)
