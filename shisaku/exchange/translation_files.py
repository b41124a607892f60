"""Translation exchange files by plan id and file name, as the workspace asks for them.

The workspace cannot import the exchange interface (interfaces never import each other), so
``shisaku/urls.py`` hands it these functions (``shisaku.staff.views_translation``).  The
format follows the file name: ``.xlf`` / ``.xliff`` / ``.xml`` are XLIFF 2.1, ``.xlsx`` a
workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from shisaku.domain.actors import Actor
from shisaku.exchange import translation
from shisaku.exchange.translation import BadTranslationFile, Preview, Progress, Slot, Unit
from shisaku.exchange.translation_xlsx import read_translation_xlsx, write_translation_xlsx
from shisaku.exchange.xliff import read_xliff, write_xliff
from shisaku.plan.models import Plan

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Writer = Callable[[Plan, Sequence[Slot]], bytes]


def _xliff(plan: Plan, slots: Sequence[Slot]) -> bytes:
    """Return the slots as XLIFF, the file named by the plan."""
    return write_xliff(f"{plan.municipality.code}-{plan.slug}", slots)


def _xlsx(_: Plan, slots: Sequence[Slot]) -> bytes:
    """Return the slots as a workbook."""
    return write_translation_xlsx(slots)


# format → (writer, content type, file name extension)
FORMATS: dict[str, tuple[Writer, str, str]] = {
    "xliff": (_xliff, "application/xliff+xml", "xlf"),
    "xlsx": (_xlsx, XLSX_TYPE, "xlsx"),
}
READERS: dict[str, Callable[[bytes, str], list[Unit]]] = {
    "xlf": lambda data, _: read_xliff(data),
    "xliff": lambda data, _: read_xliff(data),
    "xml": lambda data, _: read_xliff(data),
    "xlsx": read_translation_xlsx,
}


def _plan(plan_id: int) -> Plan:
    """Return the plan with its municipality."""
    return Plan.objects.select_related("municipality").get(pk=plan_id)


def export_file(plan_id: int, fmt: str, *, only_untranslated: bool) -> tuple[bytes, str, str]:
    """Return (content, content type, file name) of a plan's texts in ``fmt``."""
    plan = _plan(plan_id)
    write, content_type, extension = FORMATS[fmt]
    slots = translation.exported(plan, only_untranslated=only_untranslated)
    which = "untranslated" if only_untranslated else "all"
    name = f"{plan.municipality.code}-{plan.slug}-{which}.{extension}"
    return write(plan, slots), content_type, name


def read_file(data: bytes, name: str) -> list[Unit]:
    """Return the units of an uploaded file, or raise BadTranslationFile."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    reader = READERS.get(extension)
    if reader is None:
        raise BadTranslationFile(
            f"{name}: XLIFF（.xlf / .xliff）か Excel ブック（.xlsx）を選んでください"
        )
    return reader(data, name)


def preview_file(plan_id: int, units: list[Unit]) -> Preview:
    """Return what importing the units would change."""
    return translation.preview(_plan(plan_id), units)


def apply_file(actor: Actor, plan_id: int, units: list[Unit]) -> Preview:
    """Apply the units, all or nothing (raises TranslationRefused)."""
    return translation.apply(actor=actor, plan=_plan(plan_id), units=units)


def progress_of(plan_id: int) -> list[Progress]:
    """Return the translation progress of each kind of text."""
    return translation.progress(_plan(plan_id))


ERRORS: tuple[type[Exception], ...] = (BadTranslationFile, translation.TranslationRefused)
