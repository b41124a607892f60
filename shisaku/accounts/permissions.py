"""Permission checks used by every service before it writes."""

from __future__ import annotations

from shisaku.accounts.actors import Actor
from shisaku.accounts.models import Membership, Role

# action → roles allowed to perform it within their own municipality
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "plan.import": frozenset({Role.PLANNING}),
    "plan.edit": frozenset({Role.PLANNING}),
    "plan.publish": frozenset({Role.PLANNING}),
    "municipality.create": frozenset(),
    "indicators.import": frozenset({Role.PLANNING}),
    "indicators.edit": frozenset({Role.PLANNING, Role.DEPARTMENT}),
}


class PermissionDenied(Exception):
    """The actor may not perform this action here."""


def allowed(actor: Actor, action: str, municipality_code: str | None) -> bool:
    """Return whether ``actor`` may perform ``action`` in the municipality."""
    if actor.is_operator:
        return True
    if actor.user_id is None or municipality_code is None:
        return False
    roles = ROLE_ACTIONS.get(action, frozenset())
    return Membership.objects.filter(
        user_id=actor.user_id, municipality__code=municipality_code, role__in=roles
    ).exists()


def require(actor: Actor, action: str, municipality_code: str | None) -> None:
    """Raise PermissionDenied unless ``actor`` may perform ``action`` in the municipality."""
    if not allowed(actor, action, municipality_code):
        where = municipality_code or "—"
        raise PermissionDenied(f"{actor.label} may not {action} in {where}")
