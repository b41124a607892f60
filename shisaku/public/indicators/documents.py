"""The JSON forms of indicators, grades, roll-ups and context statistics on the public twins.

Schemas (every URL is a path in the language of the request; labels are in that language,
explanations in Japanese as the plans publish them):

- ``shisaku.indicator/1`` (an indicator's page): ``{"schema", "municipality", "plan",
  "breadcrumbs", "year", "method", "indicator", "figures", "assessment", "forecast",
  "history"}``
  and, only when breakdown rows were left out (more than
  :data:`~shisaku.indicators.breakdowns.SHOWN_PER_PERIOD` for a kind and period), ``"omitted"``:
  ``{"breakdowns_per_period", "figures", "history", "csv_url", "xlsx_url"}`` (the counts left
  out of ``figures`` and ``history``; the CSV and xlsx hold every current figure)
- ``shisaku.indicators/1`` (every indicator of a plan): ``{"schema", "municipality", "plan",
  "year", "method", "rollup", "indicators"}``
- node twins (``shisaku.node/1``) add ``"indicators"`` (summary rows), ``"rollup"`` (or null)
  and ``"statistics"``.

A figure is ``{"kind", "period", "period_label", "breakdown", "raw", "value_kind", "value",
"unit", "qualifier", "label", "components", "note", "source", "revision"}`` (``value`` a
number or null); history entries add ``"is_current", "department", "entered_at"``: the
department responsible (担当課), never the account that entered the value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from operator import attrgetter, is_
from typing import Any, Generic, NamedTuple, TypeVar

import orjson

from shisaku.domain.assessment import Assessment
from shisaku.domain.forecast import Forecast
from shisaku.indicators import breakdowns
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.public import coded, dates, display, links, prose, renderers
from shisaku.public.documents import Crumb, crumb_to_dict, municipality_to_dict, plan_to_dict
from shisaku.public.indicators import rollups, selection, summaries
from shisaku.settled import SETTLED

S = TypeVar("S")


def number(value: Decimal | None) -> int | float | None:
    """Return a stored value as a JSON number: whole numbers as integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def figure_dicts(figures: list[FigureView | None]) -> list[dict[str, Any] | None]:
    """Return the JSON form of each figure (:func:`figures_to_dicts`, called once for them
    all), None for no figure."""
    found = iter(figures_to_dicts([f for f in figures if f is not None]))
    return [None if f is None else next(found) for f in figures]


def figures_to_dicts(
    figures: list[FigureView], *, history: bool = False, department: str = ""
) -> list[dict[str, Any]]:
    """Return the JSON form of figures (for the history, with the ``department`` responsible
    and when each was entered), labelling each period and reading each value once: an
    indicator with districts has hundreds of figures a twin."""
    labels = period_labels(figures)
    forms = _forms(figures, labels)
    return _entries(figures, forms, department) if history else forms


def _forms(figures: list[FigureView], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Return the JSON form of ``figures`` (not as history), each period labelled by
    ``labels``."""
    numbers = {v: number(v) for v in {f.value for f in figures}}
    return [
        {
            "kind": f.kind,
            "period": f.period,
            "period_label": labels[f.period],
            "breakdown": f.breakdown,
            "raw": f.raw,
            "value_kind": f.value_kind,
            "value": numbers[f.value],
            "unit": f.unit,
            "qualifier": f.qualifier,
            "label": f.label,
            "components": f.components,
            "note": f.note,
            "source": f.source,
            "revision": f.revision,
        }
        for f in figures
    ]


def _entries(
    history: list[FigureView], forms: list[dict[str, Any]], department: str
) -> list[dict[str, Any]]:
    """Return the entries of ``history`` (``forms``: their forms, in order, copied): each form
    and what its entry adds (:func:`_extras`)."""
    extras = _extras(history, department)
    return [form | extra for form, extra in zip(forms, extras, strict=True)]


def _extras(history: list[FigureView], department: str) -> list[dict[str, Any]]:
    """Return what each history entry adds to its figure's form: whether it is current, the
    ``department`` responsible and when it was entered."""
    entered = isoformats([f.entered_at for f in history])
    return [
        {"is_current": f.is_current, "department": department, "entered_at": at}
        for f, at in zip(history, entered, strict=True)
    ]


def period_labels(figures: list[FigureView]) -> dict[str, str]:
    """Return the label of each period of ``figures`` in the active language."""
    english = display.english()
    return {p: dates.period_label(p, english) for p in {f.period for f in figures}}


# A period label left blank in the JSON written for every language (a character no label has:
# orjson writes it escaped), and the member that holds it, where each language's label goes.
_BLANK = "\x00"
_BLANK_MEMBER = b'"period_label": "\\u0000"'
# A twin's member that is a non-empty list of objects, as orjson writes it: the objects'
# members between these (strings hold no line break; members inside are indented further).
_OPEN, _BETWEEN, _CLOSE = b"[\n    {\n", b"\n    },\n    {\n", b"\n    }\n  ]"


class _Cut(NamedTuple):
    """An indicator's figures and history written as a twin's members with blank period
    labels, as templates (:func:`_template`; None: a member like the blank in the data)."""

    figures: list[FigureView]
    history: list[FigureView]
    department: str
    periods: set[str]
    figure_template: bytes | None
    history_template: bytes | None


class _TwinTables:
    """The ``"figures"`` and ``"history"`` of an indicator's twin, as the JSON its document
    holds (:class:`orjson.Fragment`, indented for a member of the document), written once for
    every language.

    A run writes each page in every language in turn, and :func:`selection.tables` hands each
    language the same lists: the figures are built and written once with blank period labels
    (the only part in a language), and each language's twin puts its own labels in the
    blanks; the history copies the forms of the figures it holds. The lists are known by
    identity (kept here, so their ids are not reused)."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self.written: tuple[_Cut, ...] = ()  # newest first, replaced whole (threads)

    def __call__(
        self, figures: list[FigureView], history: list[FigureView], department: str
    ) -> tuple[orjson.Fragment, orjson.Fragment]:
        """Return :func:`figures_to_dicts` of ``figures`` and of ``history`` (as history) as
        the JSON of the twin's members."""
        cut = self._cut(figures, history, department)
        english = display.english()
        members = {p: _label_member(p, english) for p in cut.periods}
        return (
            _filled(cut.figure_template, figures, members, department=None),
            _filled(cut.history_template, history, members, department=department),
        )

    def _cut(self, figures: list[FigureView], history: list[FigureView], department: str) -> _Cut:
        """Return the lists written with blank period labels (written, or kept)."""
        for known in self.written:
            same = known.figures is figures and known.history is history
            if same and known.department == department:
                return known
        periods = {f.period for f in figures} | {f.period for f in history}
        blanks = dict.fromkeys(periods, _BLANK)
        forms = _forms(figures, blanks)  # a current figure is in the history too: built once
        shown = _template(forms)
        revised = None
        if shown is not None and _same(history, figures):  # written as the figures are
            revised = _entered(shown, _extras(history, department))
        if revised is None:
            kept = dict(zip(map(id, figures), forms, strict=True))
            unknown = [f for f in history if id(f) not in kept]
            kept.update(zip(map(id, unknown), _forms(unknown, blanks), strict=True))
            revised = _template(_entries(history, [kept[id(f)] for f in history], department))
        cut = _Cut(figures, history, department, periods, shown, revised)
        self.written = (cut, *self.written[: self.kept - 1])
        return cut


def _same(history: list[FigureView], figures: list[FigureView]) -> bool:
    """Return whether ``history`` holds just ``figures``, in order (one revision each)."""
    return len(history) == len(figures) and all(map(is_, history, figures))


def _template(forms: list[dict[str, Any]]) -> bytes | None:
    """Return the JSON of ``forms`` as a twin's member with ``%s`` in each blank label (any
    other ``%`` doubled), to fill with ``%`` (None: not one blank a form)."""
    written = renderers.json_bytes(forms, depth=1)
    pieces = written.split(_BLANK_MEMBER)
    if len(pieces) != len(forms) + 1:
        return None
    if b"%" in written:
        pieces = [p.replace(b"%", b"%%") for p in pieces]
    return b"%s".join(pieces)


def _entered(template: bytes, extras: list[dict[str, Any]]) -> bytes | None:
    """Return the template of history entries whose figures are those of ``template``, in
    order: each figure's members, then what its entry adds (``extras``), as orjson writes them
    (None: the JSON not cut as expected)."""
    if not extras:
        return template
    added = renderers.json_bytes(extras, depth=1)
    if b"%" in added:
        added = added.replace(b"%", b"%%")
    objects = _objects(template)
    more = _objects(added)
    if len(objects) != len(extras) or len(more) != len(extras):
        return None
    return _OPEN + _BETWEEN.join(map(b",\n".join, zip(objects, more, strict=True))) + _CLOSE


def _objects(written: bytes) -> list[bytes]:
    """Return the members of each object of a twin's member that is a list of objects."""
    return written[len(_OPEN) : -len(_CLOSE)].split(_BETWEEN)


def _filled(
    template: bytes | None,
    figures: list[FigureView],
    members: dict[str, bytes],
    department: str | None,
) -> orjson.Fragment:
    """Return ``template`` filled with each figure's period label (``members``), or, with no
    template, the figures written afresh (as history unless ``department`` is None)."""
    if template is None:
        history = department is not None
        forms = figures_to_dicts(figures, history=history, department=department or "")
        return orjson.Fragment(renderers.json_bytes(forms, depth=1))
    return orjson.Fragment(template % tuple(map(members.__getitem__, map(_period, figures))))


_period = attrgetter("period")


@functools.lru_cache(maxsize=4096)
def _label_member(period: str, english: bool) -> bytes:
    """Return the ``period_label`` member of a figure of ``period`` as a twin writes it."""
    return b'"period_label": ' + orjson.dumps(dates.period_label(period, english))


twin_tables = _TwinTables(kept=2)  # an indicator's figures and history, and the one before


# The zones of the times orjson writes as ``datetime.isoformat`` does (it rounds any other
# offset to whole minutes; a time stamp read from the database is in UTC).
_ISO_ZONES = frozenset({None, UTC})


def isoformats(times: list[datetime]) -> list[str]:
    """Return ``[t.isoformat() for t in times]``, written by orjson in one call (in C, several
    times faster: a history has a time stamp per revision) when every time is naive or in
    UTC."""
    if {t.tzinfo for t in times} <= _ISO_ZONES:
        written: list[str] = orjson.loads(orjson.dumps(times))
        return written
    return [t.isoformat() for t in times]


def assessment_to_dict(a: Assessment, year: int) -> dict[str, Any]:
    """Return the JSON form of a grade with its explanation."""
    return {
        "year": year,
        "grade": a.grade,
        "label": a.label,
        "status": a.status,
        "ratio": a.ratio,
        "score": a.score,
        "explanation": {
            "inputs": plain_keys(a.explanation.inputs),
            "formula": a.explanation.formula,
            "result": a.explanation.result,
            "text": a.explanation.text(),
        },
    }


def forecast_to_dict(f: Forecast | None) -> dict[str, Any] | None:
    """Return the JSON form of a forecast, or None when the target is not a number."""
    if f is None:
        return None
    return {
        "status": f.status,
        "likelihood": f.likelihood,
        "likelihood_label": coded.label(coded.LIKELIHOODS, f.likelihood),
        "linear": f.linear,
        "compound": f.compound,
        "slope": f.slope,
        "growth_rate": f.growth_rate,
        "explanation": {
            "inputs": plain_keys(f.explanation.inputs),
            "formula": f.explanation.formula,
            "result": f.explanation.result,
        },
    }


def plain_keys(inputs: dict[str, str]) -> dict[str, str]:
    """Return an explanation's inputs keyed by plain strings (its keys are phrases, a subclass
    of ``str``): the renderer writes a twin whose keys are all plain strings a fifth faster
    (:func:`shisaku.public.renderers.json_bytes`)."""
    return {str(k): v for k, v in inputs.items()}


def method_to_dict(done: PlanAssessment) -> dict[str, Any]:
    """Return the plan's grading method: its name, preset and whole configuration."""
    return {
        "name": coded.method_name(done),
        "preset": done.preset,
        "scale": done.config.scale.name,
        "config": done.config.to_dict(),
    }


def rollup_to_dict(view: rollups.RollUpView | None) -> dict[str, Any] | None:
    """Return the JSON form of a roll-up, or None when there is nothing to roll up."""
    if view is None:
        return None
    r = view.rollup
    return {
        "year": view.year,
        "counts": [
            {"grade": c.grade, "label": c.label, "count": c.count, "on_track": c.on_track}
            for c in view.counts
        ],
        "assessed": r.assessed,
        "missing": r.missing,
        "on_track_share": r.on_track_share,
        "on_track_grades": view.on_track_grades,
        "rule": r.rule,
        "weights_normalised": r.weights_normalised,
    }


def definition_to_dict(view: IndicatorView) -> dict[str, Any]:
    """Return an indicator's definition."""
    return {
        "code": view.code,
        "node_code": view.node_code,
        "name": view.name_ja,
        "name_en": view.name_en,
        "definition": view.definition_ja,
        "definition_en": view.definition_en,
        "unit": view.unit,
        "unit_en": view.unit_en,
        "direction": view.direction,
        "accumulation": view.accumulation,
        "time_basis": view.time_basis,
        "source_kind": view.source_kind,
        "source": view.source,
        "department": view.department,
        "components": view.components,
        "rationale": view.rationale_ja,
        "rationale_en": view.rationale_en,
        "note": view.note_ja,
        "note_en": view.note_en,
        "weight": view.weight,
        "common_code": view.common_code,
    }


def summary_to_dict(row: summaries.IndicatorRow, year: int) -> dict[str, Any]:
    """Return one indicator as a summary row: names, key figures and its grade."""
    view = row.view
    baseline, target, latest = figure_dicts([row.baseline, row.target, row.latest])
    return {
        "code": view.code,
        "node_code": view.node_code,
        "name": view.name_ja,
        "name_en": view.name_en,
        "unit": view.unit,
        "direction": view.direction,
        "url": row.url,
        "json_url": links.json_url(row.url),
        "baseline": baseline,
        "target": target,
        "latest_actual": latest,
        "assessment": assessment_to_dict(row.result.assessment, year),
    }


def _town(plan: PlanInfo) -> dict[str, Any]:
    """Return the plan's municipality."""
    return municipality_to_dict(
        plan.municipality_code, plan.municipality_name_ja, plan.municipality_name_en
    )


class _Shared(Generic[S]):
    """A twin's member made of one object and the same in every twin of a plan in one place
    (language, routes, prefix; as :func:`shisaku.settled.settled` holds it): the plan, its
    municipality, its grading method; written once as the JSON the document holds, kept for
    the last few objects (by identity, kept so their ids are not reused). Outside a settled
    place, written afresh."""

    def __init__(self, make: Callable[[S], dict[str, Any]]) -> None:
        self.make = make
        self.written: tuple[tuple[S, object, orjson.Fragment], ...] = ()  # newest first

    def __call__(self, source: S) -> orjson.Fragment:
        """Return ``make(source)`` as the JSON of a twin's member."""
        place = SETTLED.get()
        for known, where, out in self.written:
            if known is source and where == place and place is not None:
                return out
        out = orjson.Fragment(renderers.json_bytes(self.make(source), depth=1))
        if place is not None:
            self.written = ((source, place, out), *self.written[:3])
        return out


_shared_town: _Shared[PlanInfo] = _Shared(_town)
_shared_plan: _Shared[PlanInfo] = _Shared(plan_to_dict)
_shared_method: _Shared[PlanAssessment] = _Shared(method_to_dict)


def indicator_document(
    plan: PlanInfo,
    trail: list[Crumb],
    done: PlanAssessment,
    result: IndicatorResult,
    history: list[FigureView],
) -> dict[str, Any]:
    """Return the JSON twin of an indicator's page."""
    view = result.indicator
    figures, revisions = selection.tables(view, history)
    shown, revised = twin_tables(figures.figures, revisions.figures, view.department)
    document = {
        "schema": "shisaku.indicator/1",
        "municipality": _shared_town(plan),
        "plan": _shared_plan(plan),
        "breadcrumbs": [crumb_to_dict(c) for c in trail],
        "year": done.year,
        "method": _shared_method(done),
        "indicator": definition_to_dict(view),
        "figures": shown,
        "assessment": assessment_to_dict(result.assessment, done.year),
        "forecast": forecast_to_dict(result.forecast),
        "history": revised,
    }
    if figures.omitted or revisions.omitted:
        page = links.indicator_url(plan, view.code)
        document["omitted"] = omitted_to_dict(figures.omitted, revisions.omitted, page)
    return document


def omitted_to_dict(figures: int, history: int, page_url: str) -> dict[str, Any]:
    """Return how many breakdown rows an indicator's twin left out, and where every one is."""
    return {
        "breakdowns_per_period": breakdowns.SHOWN_PER_PERIOD,
        "figures": figures,
        "history": history,
        "csv_url": links.data_url(page_url, "csv"),
        "xlsx_url": links.data_url(page_url, "xlsx"),
    }


def indicators_document(plan: PlanInfo, done: PlanAssessment) -> dict[str, Any]:
    """Return every indicator of a plan with its grade, and the plan's roll-up."""
    rows = [summaries.indicator_row(plan, r) for r in done.results]
    return {
        "schema": "shisaku.indicators/1",
        "municipality": _town(plan),
        "plan": plan_to_dict(plan),
        "year": done.year,
        "method": method_to_dict(done),
        "rollup": rollup_to_dict(rollups.rollup_view(done, done.plan)),
        "indicators": [summary_to_dict(r, done.year) for r in rows],
    }


def statistic_to_dict(row: prose.StatisticRow, page_url: str) -> dict[str, Any]:
    """Return a context statistic with the address of the sentence that states it."""
    s = row.info
    return {
        "label": s.label,
        "area": s.area,
        "period": s.period,
        "period_label": dates.period_label(s.period),
        "raw": s.raw,
        "value": number(s.value),
        "unit": s.unit,
        "section": s.section,
        "sentence": s.sentence,
        "sentence_url": f"{page_url}#{row.anchor}" if row.anchor else "",
    }
