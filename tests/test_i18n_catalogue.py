"""The Japanese catalogue: complete, compiled, and covering every interface string in use."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from shisaku.domain.plantree import SECTION_TITLES_JA
from shisaku.public.display import SECTION_TITLES
from tests.conftest import ROOT

LOCALE = ROOT / "shisaku" / "locale"
PO = LOCALE / "ja" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# The coded values whose labels the pages show live with their models (one home for each).
MODELS = [ROOT / "shisaku" / app / "models.py" for app in ("indicators", "evaluation")]
TEMPLATE_STRING = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1""")
BLOCK_STRING = re.compile(
    r"{%\s*blocktranslate(\s+trimmed)?[^%]*%}(.*?){%\s*endblocktranslate\s*%}", re.S
)
CODE_STRING = re.compile(
    r"""\b(?:gettext|gettext_lazy|gettext_noop|_)\(\s*(["'])(.*?)\1\s*\)""", re.S
)


def load_script():
    spec = importlib.util.spec_from_file_location(
        "compilemessages", ROOT / "scripts" / "compilemessages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def used_msgids() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "shisaku" / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= {m.group(2) for m in TEMPLATE_STRING.finditer(text)}
        for trimmed, body in BLOCK_STRING.findall(text):
            found.add(" ".join(body.split()) if trimmed else body)
    for path in [*(ROOT / "shisaku" / "public").rglob("*.py"), *MODELS]:
        found |= {m.group(2) for m in CODE_STRING.finditer(path.read_text(encoding="utf-8"))}
    return found


def test_every_message_has_a_japanese_translation():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 0
    assert [e.msgid for e in catalogue if not e.msgstr.strip() or e.fuzzy or e.obsolete] == []


def test_the_committed_mo_is_what_the_script_compiles_from_the_po(tmp_path):
    compiled = tmp_path / "django.mo"
    load_script().compile_catalogue(PO, compiled)

    def entries(path: Path) -> dict[str, str]:
        return {e.msgid: e.msgstr for e in polib.mofile(str(path))}

    assert entries(MO) == entries(compiled)


def test_the_script_compiles_every_catalogue_under_a_locale_folder(tmp_path):
    folder = tmp_path / "locale" / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(PO.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_script().compile_all(tmp_path / "locale") == [folder / "django.mo"]


def test_the_scanner_finds_the_interface_strings():
    found = used_msgids()
    assert {"Skip to main content", "measure titles", "Current state and issues"} <= found


def test_every_interface_string_in_use_is_in_the_catalogue():
    catalogue = {e.msgid for e in polib.pofile(str(PO))}
    assert sorted(used_msgids() - catalogue) == []


def test_no_catalogue_entry_is_left_unused():
    catalogue = {e.msgid for e in polib.pofile(str(PO))}
    assert sorted(catalogue - used_msgids()) == []


@pytest.mark.parametrize("key", sorted(SECTION_TITLES))
def test_section_headings_in_japanese_are_the_plan_terms(key):
    with translation.override("ja"):
        assert str(SECTION_TITLES[key]) == SECTION_TITLES_JA[key]
