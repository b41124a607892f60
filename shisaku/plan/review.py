"""What the planning office reviewed before publishing the drafts, and what changed since.

The drafts page names every draft it shows with a version: a digest of the text it started
from and of its text. Publishing is given those versions back and refuses, publishing nothing,
when the drafts are no longer exactly the ones reviewed (a draft replaced by someone else, a
draft added, a draft discarded). The refusal says which drafts changed, with the text that was
reviewed (found in the audit trail by its version) and the text that would be published now.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from shisaku.audit.models import AuditEntry
from shisaku.plan.models import ContentDraft, Plan


def draft_label(node_code: str, section: str, position: int, language: str) -> str:
    """Return a draft's name in forms and the audit trail: ``1-1-1/description#0/ja``."""
    where = f"/{section}#{position}" if section else ""
    return f"{node_code}{where}/{language}"


def draft_version(base: str, text: str) -> str:
    """Return the version of a draft: a digest of the text it started from and its text."""
    return hashlib.sha256(f"{base}\x00{text}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ChangedDraft:
    """A draft that is not what was reviewed: the text reviewed and the text there now."""

    label: str
    base: str  # the published text the draft started from
    reviewed: str | None  # None: not on the page reviewed (or its text is no longer known)
    current: str | None  # None: discarded since the page was opened


class DraftsChanged(Exception):
    """The drafts changed after the page was opened; nothing was published."""

    def __init__(self, changed: list[ChangedDraft]) -> None:
        """Keep the drafts that changed."""
        names = "、".join(c.label for c in changed)
        super().__init__(f"下書きが確認後に変更されました: {names}")
        self.changed = changed


def _label(draft: ContentDraft) -> str:
    """Return the name of a stored draft."""
    return draft_label(draft.node_code, draft.section, draft.position, draft.language)


def check_reviewed(plan: Plan, drafts: list[ContentDraft], reviewed: Mapping[str, str]) -> None:
    """Raise DraftsChanged unless ``drafts`` are exactly the versions ``reviewed``."""
    now = {_label(d): d for d in drafts}
    changed = [
        _changed(plan, label, reviewed.get(label), now.get(label))
        for label in sorted({*now, *reviewed})
        if reviewed.get(label) != _version(now.get(label))
    ]
    if changed:
        raise DraftsChanged(changed)


def _version(draft: ContentDraft | None) -> str | None:
    """Return the version of a stored draft (None for none)."""
    return None if draft is None else draft_version(draft.base, draft.text)


def _changed(
    plan: Plan, label: str, version: str | None, draft: ContentDraft | None
) -> ChangedDraft:
    """Return what changed in one draft, with the reviewed text when the trail still has it."""
    base = draft.base if draft is not None else ""
    current = draft.text if draft is not None else None
    reviewed = None if version is None else _reviewed_text(plan, label, base, version)
    return ChangedDraft(label, base, reviewed, current)


def _reviewed_text(plan: Plan, label: str, base: str, version: str) -> str | None:
    """Return the draft text that had ``version``, from the drafts saved into the audit trail."""
    entries = AuditEntry.objects.filter(
        object_type="text",
        object_id=f"{plan.municipality.code}/{plan.slug}/{label}",
        action="text.draft",
    ).order_by("-at", "-id")[:200]
    for entry in entries:
        text = (entry.after or {}).get("text")
        if isinstance(text, str) and draft_version(base, text) == version:
            return text
    return None
