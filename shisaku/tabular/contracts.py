"""The column contract of every CSV and xlsx table Shisaku serves or publishes, as Frictionless
Table Schemas, published at ``/schemas/v1/tables/<name>.json`` (docs/schemas.md).

A table's columns in order are its :class:`~shisaku.tabular.fields.Contract`
(:mod:`~shisaku.tabular.site_tables`, :mod:`~shisaku.tabular.package_tables`,
:mod:`~shisaku.tabular.exchange_tables`), what each column holds is
:data:`~shisaku.tabular.fields.COLUMNS`.  The writers take their header from :func:`header`
and :func:`schema` makes the Table Schema of the same contract, so a file and its schema
cannot disagree on a column; ``tests/test_schemas_tables.py`` checks the committed schema files
against :func:`schema` and every file the site serves and publishes against its schema, with
frictionless.  After changing a contract: ``python -m shisaku.tabular.contracts``.

Three kinds of tables:

- a page's download (``index.csv`` / ``index.xlsx``) and a consultation's result: a table
  without rows holds one row saying why in its first column, so that column is text without
  constraints;
- a table of the data package (``data-<name>``): never such a row; it has a primary key and
  the table it joins;
- an indicator exchange file (``indicator-definitions``, ``indicator-figures``): the columns
  the domain lists for it, those it must fill ``required``.

The dashboard's and a prefecture's downloads have one ``grade_<X>`` column per grade of the
plans' scales: their schemas list the other columns and say ``"fieldsMatch": "subset"`` (the
file has more columns than the schema names).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shisaku.tabular.exchange_tables import EXCHANGE
from shisaku.tabular.fields import Contract
from shisaku.tabular.package_tables import PACKAGE
from shisaku.tabular.site_tables import SITE

TABLESCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"
NOTE_JA = "。行のない表では、その理由を書いた1行がこの列に文を持ちます"
NOTE_EN = "; in a table without rows, the one row saying why holds its text in this column"
FOLDER = Path(__file__).resolve().parents[1] / "schemas" / "v1" / "tables"
CONTRACTS: dict[str, Contract] = {
    **SITE,
    **{f"data-{n}": c for n, c in PACKAGE.items()},
    **EXCHANGE,
}


def header(name: str, grades: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Return the header of the table ``name`` (with a ``grade_<X>`` column per grade)."""
    return CONTRACTS[name].header(grades)


def schema(name: str) -> dict[str, Any]:
    """Return the Frictionless Table Schema of the table ``name``."""
    contract = CONTRACTS[name]
    note = name in SITE
    fields = [_field(contract, n, note=note and i == 0) for i, n in enumerate(contract.columns)]
    out: dict[str, Any] = {
        "$schema": TABLESCHEMA,
        "title": name,
        "description": f"{contract.ja} / {contract.en}",
        "fields": fields,
    }
    if contract.grades_before:
        out["fieldsMatch"] = "subset"
    if contract.primary_key:
        out["primaryKey"] = list(contract.primary_key)
    if contract.foreign_key:
        table, names = contract.foreign_key
        reference = {"resource": table, "fields": list(names)}
        out["foreignKeys"] = [{"fields": list(names), "reference": reference}]
    return out


def _field(contract: Contract, name: str, *, note: bool) -> dict[str, Any]:
    """Return one field of a Table Schema (the first of a download may hold the note row)."""
    column = contract.column(name)
    if note:
        description = f"{column.ja}{NOTE_JA} / {column.en}{NOTE_EN}"
        return {"name": name, "type": "string", "description": description}
    out: dict[str, Any] = {"name": name, "type": column.type, "description": column.description()}
    return out | ({"constraints": dict(column.constraints)} if column.constraints else {})


def text(name: str) -> str:
    """Return the table ``name``'s schema file as written (indented by two spaces)."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"


def write(folder: Path = FOLDER) -> list[Path]:
    """Write every table's schema file into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / f"{name}.json" for name in CONTRACTS]
    for path in written:
        path.write_text(text(path.stem), encoding="utf-8")
    return written


if __name__ == "__main__":  # python -m shisaku.tabular.contracts: after a contract changes
    print("\n".join(str(p) for p in write()))
