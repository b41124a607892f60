"""The checks every voice write makes: who may do it, and what input is accepted.

Each refusal is a :class:`VoiceError` naming the field and what would be accepted, so the
forms show it beside the field and the person's text stays in the form.

Voice actions are granted with the workspace's existing actions (``shisaku.accounts``):
running a consultation, entering paper opinions, moderating and publishing the result need
``plan.publish`` (the planning office); a response, and a node's easy version for children,
need ``plan.edit`` for the department of the measure (a department answers for its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from shisaku.accounts.permissions import PermissionDenied, require
from shisaku.domain.actors import Actor
from shisaku.voice.models import AgeBand, ConsentMethod, ConsentPolicy, Consultation

RUN = "plan.publish"
RESPOND = "plan.edit"


class VoiceError(ValueError):
    """Input a voice service refuses: the field it concerns and a message for the person."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class TooMany(VoiceError):
    """Too many opinions from one address in the rate limit's window."""


@dataclass(frozen=True)
class Period:
    """A consultation's first and last day."""

    starts_on: date
    ends_on: date


def require_run(actor: Actor, municipality_code: str) -> None:
    """Refuse unless the actor runs consultations in the municipality (the planning office)."""
    require(actor, RUN, municipality_code)


def require_operator(actor: Actor) -> None:
    """Refuse anyone but the instance operator (the command line's daily jobs)."""
    if not actor.is_operator:
        raise PermissionDenied(f"{actor.label} は運用者ではありません")


def require_respond(actor: Actor, municipality_code: str, department: str) -> None:
    """Refuse unless the actor may answer for the department."""
    require(actor, RESPOND, municipality_code, department or None)


def check_period(period: Period) -> None:
    """Refuse a period shorter than SHISAKU_CONSULTATION_MIN_DAYS (the first day not counted)."""
    days = (period.ends_on - period.starts_on).days
    least = settings.SHISAKU_CONSULTATION_MIN_DAYS
    if days < least:
        first_end = period.starts_on + timedelta(days=least)
        raise VoiceError(
            "ends_on",
            _("The period has %(days)s days; %(least)s are needed: end on %(end)s or later.")
            % {"days": days, "least": least, "end": first_end.isoformat()},
        )


def check_open(consultation: Consultation, today: date) -> None:
    """Refuse an opinion outside the consultation's period."""
    if not consultation.starts_on <= today <= consultation.ends_on:
        raise VoiceError(
            "__all__",
            _("This consultation takes opinions from %(start)s to %(end)s.")
            % {
                "start": consultation.starts_on.isoformat(),
                "end": consultation.ends_on.isoformat(),
            },
        )


def check_body(body: str) -> str:
    """Return the opinion's text stripped; refuse an empty or over-long one."""
    text = body.strip()
    limit = settings.SHISAKU_VOICE_MAX_CHARS
    if not text:
        raise VoiceError("body", _("Please write your opinion."))
    if len(text) > limit:
        raise VoiceError(
            "body",
            _("Your opinion has %(count)s characters; at most %(limit)s are accepted.")
            % {"count": len(text), "limit": limit},
        )
    return text


def consent_age(municipality_code: str) -> int | None:
    """Return the age below which a guardian consents in the municipality, if it sets one."""
    policy = ConsentPolicy.objects.filter(municipality__code=municipality_code).first()
    return policy.consent_below_age if policy else None


def needs_consent(age_band: str, below_age: int | None) -> bool:
    """Return whether an age band needs a guardian's consent (its lowest age under the limit)."""
    if below_age is None or age_band == AgeBand.UNSTATED:
        return False
    return int(age_band.split("-")[0]) < below_age


def check_consent(age_band: str, below_age: int | None, method: str) -> None:
    """Refuse an opinion of a child under the consent age without a guardian's consent."""
    if needs_consent(age_band, below_age) and method == ConsentMethod.NONE:
        raise VoiceError(
            "consent",
            _("Under %(age)s, a guardian's consent is needed: please ask a parent or guardian.")
            % {"age": below_age},
        )
