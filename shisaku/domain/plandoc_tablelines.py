"""Tables a text copy broke apart, put back together before the lines are read.

Three dresses of an indicator table lose the table's shape in a text copy, and each is read
back into one header line and one row line per row, with their cells, as a table typed with
tabs is read:

- one cell a line, each closed by a pipe (「当初 |」): :mod:`~shisaku.domain.plandoc_cellrows`;
- an evaluation sheet's values keyed by the letters its indicators are listed by (「成果 A 41.3
  … 30.0」): :mod:`~shisaku.domain.plandoc_lettered`;
- laid out with spaces, columns under their names: :mod:`~shisaku.domain.plandoc_aligned`.
"""

from __future__ import annotations

from shisaku.domain.plandoc_aligned import aligned_tables
from shisaku.domain.plandoc_cellrows import join_cell_lines
from shisaku.domain.plandoc_lettered import lettered_tables
from shisaku.domain.plandoc_lines import Line


def table_lines(lines: list[Line]) -> list[Line]:
    """Return the lines with every table a copy broke apart read back into rows of cells."""
    return aligned_tables(lettered_tables(join_cell_lines(lines)))
