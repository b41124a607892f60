"""E-mail to the people who asked for an answer, when a consultation's result is published.

One message per address (never a shared recipient list, which would show the addresses to
each other), through Django's configured backend (``SHISAKU_EMAIL_BACKEND``), as the
evaluation reminders send theirs. The audit entry records how many were sent, never to whom.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from shisaku.domain.actors import Actor
from shisaku.voice import rules
from shisaku.voice.models import Consultation, OpinionContact
from shisaku.voice.sealing import unseal
from shisaku.voice.services import audit


def _addresses(consultation: Consultation) -> list[str]:
    """Return the distinct contact addresses left in the consultation, in the order given."""
    contacts = OpinionContact.objects.filter(opinion__consultation=consultation).order_by("id")
    return list(dict.fromkeys(unseal(c.sealed) for c in contacts))


def _message(consultation: Consultation, address: str, page_url: str) -> EmailMessage:
    """Return the notice to one person (Japanese first, then English)."""
    title_en = consultation.title_en or consultation.title_ja
    body = (
        f"「{consultation.title_ja}」にご意見をお寄せいただき、ありがとうございました。\n"
        f"いただいたご意見と市の考え方（結果）を公表しました。\n{page_url}\n\n"
        f"Thank you for your opinion on “{title_en}”.\n"
        f"The opinions and what was done with them are now published:\n{page_url}\n\n"
        "このメールは、回答を希望して連絡先を残された方にお送りしています。"
        "連絡先は保存期間の終了後に削除します。\n"
    )
    subject = f"【意見募集の結果】{consultation.title_ja}"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def notify_result(*, actor: Actor, consultation: Consultation, page_url: str) -> int:
    """Write to everyone who left contact details that the result is out; return how many."""
    code = consultation.municipality.code
    rules.require_run(actor, code)
    messages = [_message(consultation, a, page_url) for a in _addresses(consultation)]
    sent = get_connection().send_messages(messages) if messages else 0
    audit(actor, "voice.notify_result", consultation, code, (None, {"sent": sent or 0}))
    return sent or 0
