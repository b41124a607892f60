"""Raw table writes for the bulk load: COPY on PostgreSQL, executemany elsewhere, ids in advance.

The bulk load (:mod:`shisaku.exchange.bulkload`) builds plain row tuples and hands them to a
:class:`Writer`. Each :class:`Table` names the columns the loader supplies; every other
concrete column of the model (a field added later, such as an optional code) gets its
model default, so a new column with a default never breaks the load. Ids are allocated
before the rows are built (``nextval`` of the table's sequence on PostgreSQL, past the
highest id ever used on SQLite), so children name their parents without a round trip.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    """A model's table and the columns (attribute names) the loader supplies, in row order."""

    model: type[models.Model]
    given: tuple[str, ...]

    @property
    def name(self) -> str:
        """Return the table name."""
        return self.model._meta.db_table

    def rest(self) -> list[models.Field[Any, Any]]:
        """Return the concrete fields the loader does not supply."""
        return [f for f in self.model._meta.concrete_fields if f.attname not in self.given]

    def columns(self) -> list[str]:
        """Return every column written: the supplied ones, then the rest."""
        by_name = {f.attname: f.column for f in self.model._meta.concrete_fields}
        return [by_name[a] for a in self.given] + [f.column for f in self.rest()]

    def tail(self, stamp: Any) -> Row:
        """Return the values of the columns not supplied: their defaults (timestamps: now)."""
        return tuple(default_value(f, stamp) for f in self.rest())


def default_value(field: models.Field[Any, Any], stamp: Any) -> Any:
    """Return what the ORM would store for a field left unset."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return stamp
    if isinstance(field, models.JSONField):
        return json.dumps(field.get_default())
    return field.get_default()


def as_json(value: Any) -> str:
    """Return a JSON column value as the ORM writes it (json.dumps, ASCII escapes)."""
    return json.dumps(value)


class Writer(ABC):
    """Insert rows into a table inside the caller's transaction, with ids allocated in advance."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.cursor = connection.cursor()
        self.quote = connection.ops.quote_name

    def stamp(self, moment: datetime) -> Any:
        """Return a timestamp as the backend stores it."""
        return self.connection.ops.adapt_datetimefield_value(moment)

    @abstractmethod
    def write(self, table: Table, rows: Iterable[Row], stamp: Any) -> int:
        """Insert ``rows`` (values of ``table.given``); return how many."""

    @abstractmethod
    def ids(self, table: Table, count: int) -> Sequence[int]:
        """Return ``count`` new ids for ``table``, never used before."""

    def close(self) -> None:
        """Close the cursor."""
        self.cursor.close()

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Return the first column of the first row of a query, or None."""
        self.cursor.execute(sql, params)
        row = self.cursor.fetchone()
        return row[0] if row else None


class ManyWriter(Writer):
    """SQLite: one prepared INSERT, executemany per table and chunk; ids past the highest used.

    The caller's transaction holds SQLite's write lock (Shisaku opens it IMMEDIATE), so no
    other writer can take the same ids between the allocation and the insert.
    """

    def ids(self, table: Table, count: int) -> Sequence[int]:
        """Return ids after the highest in the table and the highest ever used (AUTOINCREMENT)."""
        if count == 0:
            return []
        top = self._scalar(f"SELECT max(id) FROM {self.quote(table.name)}")
        used = self._scalar("SELECT seq FROM sqlite_sequence WHERE name = %s", [table.name])
        start = max(top or 0, used or 0) + 1
        return range(start, start + count)

    def write(self, table: Table, rows: Iterable[Row], stamp: Any) -> int:
        """Insert ``rows`` with one executemany."""
        tail = table.tail(stamp)
        values = [row + tail for row in rows]
        if values:
            self.cursor.executemany(self._insert_sql(table), values)
        return len(values)

    def _insert_sql(self, table: Table) -> str:
        """Return the INSERT statement for one row of ``table``."""
        columns = table.columns()
        names = ", ".join(self.quote(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        return f"INSERT INTO {self.quote(table.name)} ({names}) VALUES ({marks})"


class CopyWriter(Writer):
    """PostgreSQL: ``COPY … FROM STDIN`` (psycopg 3), ids from the table's own sequence."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        super().__init__(connection)
        self._sequences: dict[str, str] = {}

    def write(self, table: Table, rows: Iterable[Row], stamp: Any) -> int:
        """Stream ``rows`` through one COPY."""
        tail = table.tail(stamp)
        names = ", ".join(self.quote(c) for c in table.columns())
        count = 0
        with self.cursor.cursor.copy(f"COPY {self.quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + tail)
                count += 1
        return count

    def ids(self, table: Table, count: int) -> Sequence[int]:
        """Draw ``count`` values from the table's id sequence in one query."""
        if count == 0:
            return []
        self.cursor.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)", [self._sequence(table), count]
        )
        return [row[0] for row in self.cursor.fetchall()]

    def _sequence(self, table: Table) -> str:
        """Return the name of the sequence behind the table's id column."""
        if table.name not in self._sequences:
            found = self._scalar("SELECT pg_get_serial_sequence(%s, 'id')", [table.name])
            self._sequences[table.name] = str(found)
        return self._sequences[table.name]


def writer_for(connection: BaseDatabaseWrapper) -> Writer:
    """Return the fastest writer the backend offers."""
    return CopyWriter(connection) if connection.vendor == "postgresql" else ManyWriter(connection)
