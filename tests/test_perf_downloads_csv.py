"""csv_text joins the cells itself when nothing needs quoting: the same text the csv module
writes, for every kind of cell."""

from __future__ import annotations

import csv
import io
import itertools

import pytest

from shisaku.tabular import csv_text, guard

CELLS = ["", "a", "約2,600名", 'say "hi"', "two\nlines", "cr\r", "tab\there", "=1+1", "-5", "x;y"]


def reference(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([[guard(cell) for cell in row] for row in [header, *rows]])
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_text_is_what_the_csv_module_writes(delimiter: str) -> None:
    tables = [[list(pair), [pair[1]], []] for pair in itertools.product(CELLS, repeat=2)]
    tables += [[[""]], [["", ""]], [("",)], [["a", "b"], ["c", "d"]]]
    for rows in tables:
        assert csv_text(["h1", "h2"], rows, delimiter=delimiter) == reference(
            ["h1", "h2"], [list(r) for r in rows], delimiter
        )
    assert csv_text([""], []) == '""\r\n'
    assert csv_text([], []) == "\r\n"
