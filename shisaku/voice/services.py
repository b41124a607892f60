"""Every voice write: permission check, validation (:mod:`shisaku.voice.rules`), audit entry.

The audit entries never carry contact details; an opinion's own text stays in its row.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shisaku.audit.services import record
from shisaku.domain.actors import Actor
from shisaku.plan.models import Municipality, Plan, PlanNode
from shisaku.voice import rules
from shisaku.voice.models import (
    Audience,
    Channel,
    ConsentMethod,
    ConsentPolicy,
    Consultation,
    EasyText,
    HideReason,
    Opinion,
    OpinionContact,
    ResponseKind,
    State,
    SubmissionMark,
)
from shisaku.voice.rules import Period, VoiceError
from shisaku.voice.sealing import address_hash, seal


@dataclass(frozen=True)
class ConsultationInput:
    """What the planning office states when it opens or edits a consultation."""

    plan_slug: str
    title_ja: str
    period: Period
    audience: str
    channels: list[str]
    title_en: str = ""
    description_ja: str = ""
    description_en: str = ""
    questions_ja: str = ""
    questions_en: str = ""
    node_code: str = ""
    evaluation_year: int | None = None


@dataclass(frozen=True)
class OpinionInput:
    """What a person (or the staff member entering a paper form) gives with an opinion."""

    body: str
    node_code: str = ""
    display_name: str = ""
    age_band: str = ""
    school_band: str = ""
    consent_method: str = ConsentMethod.NONE
    consent_on: date | None = None
    contact: str = ""
    channel: str = Channel.WEB
    received_on: date | None = None


Kept = dict[str, Any] | None


def audit(
    actor: Actor, action: str, item: models.Model, code: str, change: tuple[Kept, Kept]
) -> None:
    """Record one voice step on ``item`` with its state before and after (never a contact)."""
    before, after = change
    record(
        actor=actor,
        action=action,
        object_type=type(item).__name__.lower(),
        object_id=str(item.pk),
        municipality_code=code,
        before=before,
        after=after,
    )


def _period_state(item: Consultation) -> Kept:
    """Return what the audit trail keeps of a consultation."""
    return {
        "title": item.title_ja,
        "starts_on": item.starts_on.isoformat(),
        "ends_on": item.ends_on.isoformat(),
        "audience": item.audience,
        "channels": list(item.channels),
        "node": item.node.code if item.node else "",
    }


def save_consent_policy(*, actor: Actor, municipality_code: str, below_age: int | None) -> None:
    """Set the age below which a child's opinion needs a guardian's consent (None: no rule)."""
    rules.require_run(actor, municipality_code)
    town = Municipality.objects.get(code=municipality_code)
    with transaction.atomic():
        policy, _created = ConsentPolicy.objects.get_or_create(municipality=town)
        before = {"consent_below_age": policy.consent_below_age}
        policy.consent_below_age = below_age
        policy.save()
        after = {"consent_below_age": below_age}
        audit(actor, "voice.consent_policy", policy, municipality_code, (before, after))


def _node(plan: Plan, code: str, field_name: str) -> PlanNode | None:
    """Return the plan's node with ``code`` (None for no code); refuse an unknown code."""
    if not code:
        return None
    node = PlanNode.objects.filter(plan=plan, code=code).first()
    if node is None:
        raise VoiceError(
            field_name,
            _("The plan has no item %(code)s: give a code from the plan, such as 1-1-1.")
            % {"code": code},
        )
    return node


def _consultation_fields(municipality_code: str, data: ConsultationInput) -> dict[str, Any]:
    """Return the model fields for ``data``, checked."""
    plan = Plan.objects.filter(municipality__code=municipality_code, slug=data.plan_slug).first()
    if plan is None:
        raise VoiceError("plan_slug", _("Choose one of the municipality's plans."))
    rules.check_period(data.period)
    unknown = sorted(set(data.channels) - set(Channel.values))
    if unknown or not data.channels:
        raise VoiceError("channels", _("Choose at least one channel from the list."))
    values = asdict(data)
    for name in ("plan_slug", "period", "node_code"):
        values.pop(name)
    values |= asdict(data.period)
    return values | {"plan": plan, "node": _node(plan, data.node_code, "node_code")}


def open_consultation(
    *, actor: Actor, municipality_code: str, data: ConsultationInput
) -> Consultation:
    """Open a consultation (意見募集) on a plan, a measure or a year's evaluation."""
    rules.require_run(actor, municipality_code)
    fields = _consultation_fields(municipality_code, data)
    town = Municipality.objects.get(code=municipality_code)
    with transaction.atomic():
        item = Consultation.objects.create(municipality=town, **fields)
        audit(actor, "voice.open", item, municipality_code, (None, _period_state(item)))
    return item


EXAMPLE_DAYS = 60  # the demo's consultation stays open this long from the day it is loaded


def open_example_consultation(
    *, actor: Actor, municipality_code: str, plan_slug: str, node_code: str
) -> Consultation | None:
    """Open the demo's example consultation for children on a measure, unless one is there
    (loading the demo again changes nothing); it has no opinions (none are invented)."""
    rules.require_run(actor, municipality_code)
    mine = Consultation.objects.filter(municipality__code=municipality_code, is_example=True)
    if mine.filter(node__code=node_code).exists():
        return None
    today = timezone.localdate()
    days = max(EXAMPLE_DAYS, settings.SHISAKU_CONSULTATION_MIN_DAYS)
    data = ConsultationInput(
        plan_slug=plan_slug,
        title_ja="（例）子どもの意見を聴きます",
        title_en="(Example) We want to hear from children",
        description_ja="この施策について、こども・若者のみなさんの考えを聞かせてください。",
        description_en="Tell us what you, children and young people, think about this measure.",
        questions_ja="この施策で、あなたのくらしはどう変わると思いますか\nもっとよくするには何が必要ですか",
        period=Period(today, today + timedelta(days=days)),
        audience=Audience.CHILDREN,
        channels=[Channel.WEB, Channel.SCHOOL],
        node_code=node_code,
    )
    fields = _consultation_fields(municipality_code, data)
    town = Municipality.objects.get(code=municipality_code)
    with transaction.atomic():
        item = Consultation.objects.create(municipality=town, is_example=True, **fields)
        after = (_period_state(item) or {}) | {"example": True}
        audit(actor, "voice.open", item, municipality_code, (None, after))
    return item


def edit_consultation(*, actor: Actor, consultation: Consultation, data: ConsultationInput) -> None:
    """Change a consultation's title, period, audience, channels or questions."""
    code = consultation.municipality.code
    rules.require_run(actor, code)
    fields = _consultation_fields(code, data)
    before = _period_state(consultation)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(consultation, name, value)
        consultation.save()
        change = (before, _period_state(consultation))
        audit(actor, "voice.edit", consultation, code, change)


def _opinion(consultation: Consultation, data: OpinionInput, received_on: date) -> Opinion:
    """Return a new (unsaved) opinion from ``data``, checked."""
    body = rules.check_body(data.body)
    code = consultation.municipality.code
    rules.check_consent(data.age_band, rules.consent_age(code), data.consent_method)
    return Opinion(
        consultation=consultation,
        node=_node(consultation.plan, data.node_code, "node_code"),
        channel=data.channel,
        body=body,
        display_name=data.display_name.strip(),
        age_band=data.age_band,
        school_band=data.school_band,
        consent_method=data.consent_method,
        consent_on=data.consent_on if data.consent_method else None,
        received_on=received_on,
    )


def _save_opinion(actor: Actor, opinion: Opinion, contact: str) -> Opinion:
    """Save an opinion and its sealed contact details, and audit it (without the contact)."""
    consultation = opinion.consultation
    with transaction.atomic():
        opinion.save()
        if contact.strip():
            keep = timedelta(days=settings.SHISAKU_VOICE_CONTACT_DAYS)
            OpinionContact.objects.create(
                opinion=opinion,
                sealed=seal(contact.strip()),
                delete_after=consultation.ends_on + keep,
            )
        after = {"channel": opinion.channel, "node": opinion.node.code if opinion.node else ""}
        audit(actor, "voice.opinion", opinion, consultation.municipality.code, (None, after))
    return opinion


def check_rate(address: str, now: Any) -> str:
    """Return the hashed address; refuse it when it sent too many opinions in the window."""
    hashed = address_hash(address)
    since = now - timedelta(seconds=settings.SHISAKU_VOICE_RATE_WINDOW_SECONDS)
    count = SubmissionMark.objects.filter(address_hash=hashed, at__gte=since).count()
    if count >= settings.SHISAKU_VOICE_RATE_LIMIT:
        minutes = settings.SHISAKU_VOICE_RATE_WINDOW_SECONDS // 60
        raise rules.TooMany(
            "__all__",
            _(
                "Too many opinions were sent from your connection: at most %(count)s in "
                "%(minutes)s minutes. Your text is kept below; please send it later."
            )
            % {"count": settings.SHISAKU_VOICE_RATE_LIMIT, "minutes": minutes},
        )
    return hashed


def submit_opinion(*, consultation: Consultation, data: OpinionInput, address: str) -> Opinion:
    """Take an opinion from the public web form (no account): unpublished until moderated."""
    now = timezone.now()
    today = timezone.localdate(now)
    rules.check_open(consultation, today)
    if Channel.WEB not in consultation.channels:
        raise VoiceError(
            "__all__", _("This consultation takes opinions on paper or at events only.")
        )
    hashed = check_rate(address, now)
    consent_on = today if data.consent_method else None
    opinion = _opinion(consultation, _with(data, channel=Channel.WEB, consent_on=consent_on), today)
    code = consultation.municipality.code
    SubmissionMark.objects.create(municipality_code=code, address_hash=hashed, at=now)
    return _save_opinion(Actor.anonymous(), opinion, data.contact)


def _with(data: OpinionInput, **changes: Any) -> OpinionInput:
    """Return ``data`` with some fields changed."""
    return OpinionInput(**(asdict(data) | changes))


def enter_opinion(*, actor: Actor, consultation: Consultation, data: OpinionInput) -> Opinion:
    """Enter an opinion gathered on paper, by a school survey or at an event (staff)."""
    rules.require_run(actor, consultation.municipality.code)
    if data.channel not in consultation.channels:
        raise VoiceError("channel", _("Choose one of this consultation's channels."))
    if data.received_on is None:
        raise VoiceError("received_on", _("Give the day the opinion was received."))
    if data.consent_method and data.consent_on is None:
        raise VoiceError("consent_on", _("Give the day the guardian consented."))
    opinion = _opinion(consultation, data, data.received_on)
    return _save_opinion(actor, opinion, data.contact)


def moderate(
    *,
    actor: Actor,
    opinion: Opinion,
    state: str,
    reason: str = "",
    note: str = "",
    summary: str = "",
) -> None:
    """Publish or hide an opinion (a hidden one keeps its reason; the text is never changed)."""
    code = opinion.consultation.municipality.code
    rules.require_run(actor, code)
    if state == State.HIDDEN and reason not in HideReason.values:
        raise VoiceError("reason", _("Choose why the opinion is hidden."))
    if state not in (State.PUBLISHED, State.HIDDEN):
        raise VoiceError("state", _("Choose publish or hide."))
    before = _moderation_state(opinion)
    opinion.state = state
    opinion.hide_reason = reason if state == State.HIDDEN else ""
    opinion.moderation_note = note.strip()
    opinion.summary = summary.strip()
    with transaction.atomic():
        opinion.save()
        audit(actor, "voice.moderate", opinion, code, (before, _moderation_state(opinion)))


def _moderation_state(opinion: Opinion) -> Kept:
    """Return what the audit trail keeps of a moderation (the text stays in its row)."""
    return {"state": opinion.state, "reason": opinion.hide_reason, "summary": opinion.summary}


def _response_state(opinion: Opinion) -> Kept:
    """Return what the audit trail keeps of a response."""
    day = opinion.responded_on.isoformat() if opinion.responded_on else None
    return {"kind": opinion.response_kind, "department": opinion.response_department, "on": day}


def respond(
    *, actor: Actor, opinion: Opinion, kind: str, reason: str, department: str, responded_on: date
) -> None:
    """Record the department's response: 対応区分, reason, department and date."""
    code = opinion.consultation.municipality.code
    measure = opinion.node or opinion.consultation.node
    rules.require_respond(actor, code, measure.department if measure else "")
    if kind not in ResponseKind.values:
        raise VoiceError("kind", _("Choose a response category from the list."))
    if not reason.strip():
        raise VoiceError("reason", _("Give the reason for the response."))
    before = _response_state(opinion)
    opinion.response_kind, opinion.response_reason = kind, reason.strip()
    opinion.response_department, opinion.responded_on = department.strip(), responded_on
    with transaction.atomic():
        opinion.save()
        audit(actor, "voice.respond", opinion, code, (before, _response_state(opinion)))


def publish_result(*, actor: Actor, consultation: Consultation) -> bool:
    """Publish the result (結果公表): the published opinions with their responses. Return
    whether this is its first publication (publishing again after a correction is allowed)."""
    code = consultation.municipality.code
    rules.require_run(actor, code)
    waiting = consultation.opinions.filter(state=State.NEW).count()
    if waiting:
        raise VoiceError(
            "__all__",
            _("%(count)s opinions are not yet moderated: publish or hide each first.")
            % {"count": waiting},
        )
    before = consultation.result_published_at
    consultation.result_published_at = timezone.now()
    with transaction.atomic():
        consultation.save(update_fields=["result_published_at"])
        change = (
            {"published_at": _iso(before)},
            {"published_at": _iso(consultation.result_published_at)},
        )
        audit(actor, "voice.publish_result", consultation, code, change)
    return before is None


def _iso(moment: datetime | None) -> str | None:
    """Return a moment as ISO text for the audit trail."""
    return moment.isoformat() if moment else None


def purge_contacts(*, actor: Actor, today: date) -> int:
    """Delete the contact details whose keeping period is over; return how many (the operator's
    job, run daily by ``shisaku voice-purge``)."""
    rules.require_operator(actor)
    due = OpinionContact.objects.filter(delete_after__lt=today).select_related(
        "opinion__consultation__municipality"
    )
    count = 0
    with transaction.atomic():
        for contact in due:
            opinion = contact.opinion
            kept = {"delete_after": contact.delete_after.isoformat()}
            contact.delete()
            code = opinion.consultation.municipality.code
            audit(actor, "voice.purge_contact", opinion, code, (kept, None))
            count += 1
    return count


def save_easy_text(*, actor: Actor, node: PlanNode, text_ja: str, text_en: str = "") -> None:
    """Write a node's easy version for children (an empty Japanese text removes it)."""
    code = node.plan.municipality.code
    rules.require_respond(actor, code, node.department)
    old = EasyText.objects.filter(node=node).first()
    before = {"text_ja": old.text_ja, "text_en": old.text_en} if old else None
    after = {"text_ja": text_ja.strip(), "text_en": text_en.strip()} if text_ja.strip() else None
    with transaction.atomic():
        if after:
            EasyText.objects.update_or_create(node=node, defaults=after)
        else:
            EasyText.objects.filter(node=node).delete()
        audit(actor, "voice.easy_text", node, code, (before, after))
