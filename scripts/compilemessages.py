#!/usr/bin/env python3
"""Compile every gettext catalogue (.po) under shisaku/locale and the apps' own
shisaku/<app>/locale folders into its .mo, with polib.

GNU gettext (msgfmt) is not needed.  Run after editing a .po file and commit both:

    .venv/bin/python scripts/compilemessages.py

Only translated entries go into the .mo (fuzzy and obsolete ones are left out, as msgfmt does).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "shisaku" / "locale"
APP_LOCALES = sorted(LOCALE.parent.glob("*/locale"))  # an app's own catalogue, e.g. shisaku/staff


def compile_catalogue(po_path: Path, mo_path: Path) -> int:
    """Write the .mo for one .po file and return how many messages it holds."""
    catalogue = polib.pofile(str(po_path))
    catalogue.save_as_mofile(str(mo_path))
    return len(catalogue.translated_entries())


def compile_all(locale: Path = LOCALE) -> list[Path]:
    """Compile every .po under ``locale`` next to itself; return the .mo files written."""
    written = []
    for po_path in sorted(locale.rglob("*.po")):
        mo_path = po_path.with_suffix(".mo")
        count = compile_catalogue(po_path, mo_path)
        print(f"{mo_path.relative_to(locale.parent.parent)}: {count} messages")
        written.append(mo_path)
    return written


if __name__ == "__main__":
    if not compile_all():
        sys.exit(f"no .po files under {LOCALE}")
    for app_locale in APP_LOCALES:
        compile_all(app_locale)
