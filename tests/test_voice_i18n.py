"""The voice app's own Japanese catalogue: complete, compiled, and matching the strings in use."""

from __future__ import annotations

import ast

import polib

from tests import test_staff_i18n as staff_i18n
from tests.conftest import ROOT
from tests.test_i18n_catalogue import load_script
from tests.test_staff_i18n import GETTEXT

VOICE = ROOT / "shisaku" / "voice"
PO = VOICE / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def template_msgids() -> set[str]:
    return staff_i18n.template_msgids(VOICE)


def _calls(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in GETTEXT
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def python_msgids() -> set[str]:
    return {msgid for path in VOICE.rglob("*.py") for msgid in _calls(path)}


def test_the_scanner_finds_strings_of_every_kind():
    assert "Send your opinion" in template_msgids()
    assert "%(start)s to %(end)s" in template_msgids()
    assert "Partly reflected" in python_msgids()


def test_every_message_has_a_japanese_translation():
    catalogue = polib.pofile(str(PO))
    assert [e.msgid for e in catalogue if not e.msgstr.strip() or e.fuzzy or e.obsolete] == []


def test_every_string_in_use_is_in_the_catalogue_and_nothing_else():
    used = template_msgids() | python_msgids()
    known = {e.msgid for e in polib.pofile(str(PO))}
    assert (sorted(used - known), sorted(known - used)) == ([], [])


def test_the_committed_mo_is_what_the_script_compiles(tmp_path):
    compiled = tmp_path / "django.mo"
    load_script().compile_catalogue(PO, compiled)
    entries = {e.msgid: e.msgstr for e in polib.mofile(str(compiled))}
    assert {e.msgid: e.msgstr for e in polib.mofile(str(PO.with_suffix(".mo")))} == entries


def test_no_other_catalogue_translates_a_voice_message_differently():
    # Django prefers LOCALE_PATHS, then the apps listed before voice: their word would win
    others = [ROOT / "shisaku" / "locale", *sorted((ROOT / "shisaku").glob("*/locale"))]
    theirs = {
        e.msgid: (path, e.msgstr)
        for folder in others
        if folder != VOICE / "locale"
        for path in folder.rglob("ja/LC_MESSAGES/django.po")
        for e in polib.pofile(str(path))
    }
    differ = [
        (e.msgid, e.msgstr, theirs[e.msgid])
        for e in polib.pofile(str(PO))
        if e.msgid in theirs and theirs[e.msgid][1] != e.msgstr
    ]
    assert differ == []
