"""The workspace's own Japanese catalogue: complete, compiled, and matching the strings in use."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import polib

from tests.conftest import ROOT

STAFF = ROOT / "shisaku" / "staff"
PO = STAFF / "locale" / "ja" / "LC_MESSAGES" / "django.po"
# The coded values whose labels the workspace shows live with their models (one home for each).
MODELS = [ROOT / "shisaku" / app / "models.py" for app in ("indicators", "evaluation")]
TRANSLATE = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1""")
UNDERSCORE = re.compile(r"""_\((["'])(.*?)\1\)""")
BLOCK = re.compile(r"{%\s*blocktranslate(\s+trimmed)?[^%]*%}(.*?){%\s*endblocktranslate\s*%}", re.S)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "gettext_noop"}


def _block_msgid(trimmed: str, body: str) -> str:
    singular = re.split(r"{%\s*plural\s*%}", body)[0]
    text = " ".join(singular.split()) if trimmed else singular
    return VARIABLE.sub(r"%(\1)s", text)


def template_msgids(app: Path = STAFF) -> set[str]:
    """Return the msgids of the templates of ``app`` (the workspace unless told otherwise)."""
    found: set[str] = set()
    for path in (app / "templates").rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        found |= {m.group(2) for m in TRANSLATE.finditer(source)}
        found |= {m.group(2) for m in UNDERSCORE.finditer(source)}
        found |= {_block_msgid(t, body) for t, body in BLOCK.findall(source)}
    return found


def python_msgids() -> set[str]:
    found: set[str] = set()
    for path in [*STAFF.rglob("*.py"), *MODELS]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def catalogue() -> polib.POFile:
    return polib.pofile(str(PO))


def test_the_scanner_finds_strings_of_every_kind():
    templates, code = template_msgids(), python_msgids()
    assert "Skip to main content" in templates  # {% translate %}
    assert "not entered" in templates  # _("…") in a filter argument
    assert "Actuals still missing for %(year)s" in templates  # {% blocktranslate %}
    assert "Sign-in is temporarily restricted. Please try again in 15 minutes." in code


def test_every_message_has_a_japanese_translation():
    untranslated = [
        e.msgid
        for e in catalogue()
        if e.fuzzy or e.obsolete or not (e.msgstr or "".join(e.msgstr_plural.values())).strip()
    ]
    assert untranslated == []


def test_every_string_in_use_is_in_the_catalogue_and_nothing_else():
    used = template_msgids() | python_msgids()
    known = {e.msgid for e in catalogue()}
    assert sorted(used - known) == []
    assert sorted(known - used) == []


def test_the_committed_mo_is_what_the_script_compiles(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "compilemessages", ROOT / "scripts" / "compilemessages.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    compiled = tmp_path / "django.mo"
    script.compile_catalogue(PO, compiled)

    def entries(path: Path) -> dict[str, str]:
        return {e.msgid: e.msgstr or str(e.msgstr_plural) for e in polib.mofile(str(path))}

    assert entries(PO.with_suffix(".mo")) == entries(compiled)
    assert STAFF / "locale" in script.APP_LOCALES


def test_the_lockout_message_is_the_one_the_planning_office_asked_for():
    entry = catalogue().find("Sign-in is temporarily restricted. Please try again in 15 minutes.")
    assert entry is not None
    assert entry.msgstr == "ログインが一時的に制限されています。15分後にもう一度お試しください"
