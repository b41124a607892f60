"""What a page says where the source document gives no title for a node: one home for every site.

The public site and the workspace both say it in these words (「（名称は原文に記載がありません）」),
never a wording of their own; the strings are in the project's catalogue.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

UNKNOWN_TITLES: dict[str, Promise] = {
    "field": gettext_lazy("(title not given in the source)"),
}
UNKNOWN_NAME = gettext_lazy("(name not given in the source)")


def unknown_title(kind: str) -> str:
    """Return the notice shown where the source gives no title for a node of ``kind``."""
    return str(UNKNOWN_TITLES.get(kind, UNKNOWN_NAME))
