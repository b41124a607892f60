"""Tables a text copy broke apart, put back together before the lines are read.

Three dresses of an indicator table lose the table's shape in a text copy, and each is read
back into one header line and one row line per row, with their cells, as a table typed with
tabs is read:

- one cell a line, each closed by a pipe (「当初 |」): :mod:`~shisaku.domain.plandoc_cellrows`;
- an evaluation sheet's values keyed by the letters its indicators are listed by (「成果 A 41.3
  … 30.0」): :mod:`~shisaku.domain.plandoc_lettered`;
- laid out with spaces, columns under their names: :mod:`~shisaku.domain.plandoc_aligned`;
  two lines a row under a header of two tiers (the name, then the values set further in):
  :mod:`~shisaku.domain.plandoc_tworows`;
- given column by column, a cell a line (a page's sidebar: 指標名 and the names, 現状値 and the
  values, 目標値 and the values): :mod:`~shisaku.domain.plandoc_sidebar`;
- a project's yearly schedule (年次計画 3年度 4年度 …), which is no indicator table but must not
  be lost among them: :mod:`~shisaku.domain.plandoc_schedule`.
"""

from __future__ import annotations

from shisaku.domain.plandoc_aligned import aligned_tables
from shisaku.domain.plandoc_cellrows import join_cell_lines
from shisaku.domain.plandoc_lettered import lettered_tables
from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_schedule import schedule_tables
from shisaku.domain.plandoc_sidebar import sidebar_tables
from shisaku.domain.plandoc_tworows import two_tier_tables


def table_lines(lines: list[Line]) -> list[Line]:
    """Return the lines with every table a copy broke apart read back into rows of cells."""
    read = schedule_tables(sidebar_tables(lines))
    return aligned_tables(two_tier_tables(lettered_tables(join_cell_lines(read))))
