"""Who is asking: every workspace page needs a signed-in user with a role in the municipality.

A view decorated with :func:`member_page` gets a :class:`Member` (the user's role in the
municipality of the URL); :func:`plan_page` adds the plan. Both turn a refusal by the services
(``PermissionDenied``) into the 403 page and a missing plan, node or indicator into a 404.
Which forms a page shows is decided with :meth:`Member.may`, the same check the services make.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django_htmx.http import HttpResponseClientRedirect

from shisaku.accounts.permissions import PermissionDenied, allowed, membership
from shisaku.accounts.services import actor_for
from shisaku.audit.queries import NotFound as AuditNotFound
from shisaku.domain.actors import Actor
from shisaku.indicators.queries import NotFound as IndicatorNotFound
from shisaku.plan.queries import NotFound, PlanInfo, find_plan

MISSING = (NotFound, IndicatorNotFound, AuditNotFound)


@dataclass(frozen=True)
class Member:
    """A signed-in user acting in one municipality with one role."""

    actor: Actor
    username: str
    municipality_code: str
    municipality_name_ja: str
    municipality_name_en: str
    role: str
    department: str

    def may(self, action: str, department: str | None = None) -> bool:
        """Return whether the member may perform ``action`` here (on a department's item)."""
        return allowed(self.actor, action, self.municipality_code, department)

    @property
    def reads_drafts(self) -> bool:
        """Return whether the member may read unpublished drafts (a department: its own)."""
        return self.may("plan.read_drafts", self.department)

    @property
    def manages_plan(self) -> bool:
        """Return whether the member runs the plan (publishes, assigns, sets due dates)."""
        return self.may("plan.publish")

    @property
    def defines_indicators(self) -> bool:
        """Return whether the member creates and edits indicator definitions."""
        return self.may("indicators.define")


@dataclass(frozen=True)
class Workspace:
    """A member working on one plan of their municipality."""

    member: Member
    plan: PlanInfo

    @property
    def code(self) -> str:
        """Return the municipality code."""
        return self.plan.municipality_code

    @property
    def slug(self) -> str:
        """Return the plan's slug."""
        return self.plan.meta.slug


def current_actor(request: HttpRequest) -> Actor:
    """Return the actor of the signed-in user."""
    user = request.user
    return actor_for(cast(int, user.pk), user.get_username())


def find_member(request: HttpRequest, code: str) -> Member | None:
    """Return the signed-in user's role in a municipality, or None when they have none."""
    actor = current_actor(request)
    row = membership(actor, code)
    if row is None:
        return None
    town = row.municipality
    return Member(
        actor,
        actor.label.removeprefix("user:"),
        code,
        town.name_ja,
        town.name_en,
        row.role,
        row.department,
    )


def forbidden(request: HttpRequest, member: Member | None = None) -> HttpResponse:
    """Show the 403 page (nothing was written)."""
    return render(request, "staff/forbidden.html", {"member": member}, status=403)


View = Callable[..., HttpResponse]


def _to_login(request: HttpRequest) -> HttpResponse:
    """Send a visitor to the sign-in page (an htmx request: the whole page, not a fragment)."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(resolve_url(settings.LOGIN_URL))
    return redirect_to_login(request.get_full_path())


def member_page(view: View) -> View:
    """Require a signed-in member of the URL's municipality; pass the Member to the view."""

    @wraps(view)
    def wrapper(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to_login(request)
        member = find_member(request, code)
        if member is None:
            return forbidden(request)
        try:
            return view(request, member, **kwargs)
        except PermissionDenied:
            return forbidden(request, member)
        except MISSING as error:
            raise Http404(str(error)) from error

    return wrapper


def plan_page(view: View) -> View:
    """Like :func:`member_page`, for a plan's page: pass a Workspace to the view."""

    @member_page
    @wraps(view)
    def wrapper(request: HttpRequest, member: Member, slug: str, **kwargs: Any) -> HttpResponse:
        plan = find_plan(member.municipality_code, slug)
        return view(request, Workspace(member, plan), **kwargs)

    return wrapper
