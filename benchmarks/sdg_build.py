"""Open SDG's data builder (sdg-build) on the same data as benchmarks/publish.py, to time beside it.

``write_input(folder, n, languages)`` writes an Open SDG data repository of N indicators with
the figures :func:`benchmarks.publish.batch` loads (per indicator a baseline, a final target
and 10 years of actuals for the whole area and 12 districts: 132 rows, a ``Series`` column for
the kind and a ``地区`` column for the district), one metadata file per indicator and the
translations of the site's few words in each language; ``command(folder, python)`` is the
command that builds it (``open_sdg_build``: the data, metadata, translations and data package
outputs, in every language listed).  sdg-build is not a dependency of Shisaku: it
runs in a virtualenv of its own (benchmarks/README.md says how to make one).
"""

from __future__ import annotations

import csv
from pathlib import Path

from benchmarks.publish import AREAS, YEARS

CONFIG = """languages: [{languages}]
site_dir: _site
src_dir: {src}
schema_file: metadata_schema.yml
inputs:
  - class: InputCsvData
    path_pattern: data/*.csv
  - class: InputYamlMeta
    path_pattern: meta/*.yml
    git: false
translations:
  - class: TranslationInputYaml
    source: translations
reporting_status_extra_fields: []
datapackage:
  sorting: default
"""
SCHEMA = """prose:
  metadata:
    meta:
      - name: indicator_name
        field: {element: text, label: Indicator name, scope: page}
      - name: computation_units
        field: {element: text, label: Unit, scope: page}
"""
WORDS = {"ja": {"kind": "種類", "area": "地区"}, "en": {"kind": "Kind", "area": "District"}}


def indicator_id(i: int) -> str:
    """Return the Open SDG number of indicator ``i`` (1-based): goal-target-indicator."""
    goal, rest = divmod(i - 1, 100)
    target, number = divmod(rest, 10)
    return f"{goal + 1}-{target + 1}-{number + 1}"


def rows(i: int) -> list[list[str]]:
    """Return the 132 rows of indicator ``i``, its values as benchmarks/publish.py loads them."""
    base = 100.0 + i
    out = [["2014", "baseline", "", f"{base:.1f}"], ["2024", "target", "", f"{base * 1.3:.1f}"]]
    for y, year in enumerate(YEARS, start=1):
        out.append([str(year), "actual", "", f"{base * (1 + 0.025 * y):.1f}"])
        out += [[str(year), "actual", area, f"{base / 12 + a:.1f}"] for a, area in enumerate(AREAS)]
    return out


def write_input(folder: Path, indicators: int, languages: list[str]) -> None:
    """Write the data repository of ``indicators`` indicators and its configuration."""
    for sub in ("data", "meta", *(f"translations/{lang}" for lang in languages)):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for i in range(1, indicators + 1):
        number = indicator_id(i)
        with (folder / "data" / f"indicator_{number}.csv").open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["Year", "Series", "地区", "Value"])
            writer.writerows(rows(i))
        meta = f"indicator_name: 指標{i:04d}\ncomputation_units: 人\nreporting_status: complete\n"
        (folder / "meta" / f"{number}.yml").write_text(meta, encoding="utf-8")
    for lang in languages:
        words = "".join(f"{key}: {text}\n" for key, text in WORDS[lang].items())
        (folder / "translations" / lang / "general.yml").write_text(words, encoding="utf-8")
    (folder / "metadata_schema.yml").write_text(SCHEMA, encoding="utf-8")
    config = CONFIG.format(languages=", ".join(languages), src=folder)
    (folder / "config.yml").write_text(config, encoding="utf-8")


def command(folder: Path, python: str) -> list[str]:
    """Return the command that builds the repository in ``folder`` with sdg-build."""
    build = f"import sdg; assert sdg.open_sdg_build(config={str(folder / 'config.yml')!r})"
    return [python, "-c", build]
