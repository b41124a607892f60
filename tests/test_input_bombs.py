"""Inputs built to hurt (issue 13, item 2): each is refused in seconds, the command that reads it
staying under 300 MB, with a message that names the file and says what is accepted.

Each bomb is built here, never committed, and thrown at the real command in a child process
whose peak memory is read from the kernel (``os.wait4``); the child's address space is capped
at 3 GB, so that code that still expands the bomb fails instead of exhausting the machine.
The command is started by a small Python process, not by pytest: Linux carries the peak of
the process that forks over ``exec`` into the child's ``ru_maxrss``, so a child of a large
test process would seem as large as it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from shisaku.exchange import indicator_xlsx
from tests.badinput.builders import FIGURE_HEADER, _workbook_parts, sheet_xml, xlsx

SHISAKU = str(Path(sys.executable).parent / "shisaku")
PEAK_MB = 300
SECONDS = 15  # the whole command, Python and Django included; the refusals take well under 1 s


@dataclass
class Outcome:
    """What a child command did: exit status, standard error, peak memory, time."""

    status: int
    stderr: str
    peak_mb: float
    seconds: float


MEASURE = """
import os, resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
with open(sys.argv[1], "wb") as errors:
    child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=errors)
    _, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """An instance home with a migrated SQLite database."""
    home = tmp_path_factory.mktemp("home")
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ |= {"SHISAKU_HOME": str(home)}
    done = subprocess.run(
        [SHISAKU, "dump", "-o", str(home / "empty.json")], env=environ, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    return environ


def measured(env, *args) -> Outcome:
    """Run ``shisaku ARGS`` and return its outcome with its own peak memory."""
    errors = Path(env["SHISAKU_HOME"]) / "stderr.txt"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(errors), SHISAKU, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.monotonic() - started
    status, peak_kb = done.stdout.split()
    text = errors.read_text(encoding="utf-8", errors="replace")
    return Outcome(int(status), text, int(peak_kb) / 1024, seconds)


def assert_refused(outcome: Outcome, *fragments: str) -> None:
    """Check a clear refusal: status 2, no traceback, the fragments, fast and small."""
    print(f"peak {outcome.peak_mb:.0f} MB, {outcome.seconds:.1f} s: {outcome.stderr.strip()}")
    assert outcome.status == 2, outcome.stderr
    assert "Traceback" not in outcome.stderr
    for fragment in fragments:
        assert fragment in outcome.stderr
    assert outcome.peak_mb < PEAK_MB
    assert outcome.seconds < SECONDS


# --- gzip ------------------------------------------------------------------------------------


def gzip_bomb(path: Path, gigabytes: int = 1) -> None:
    """Write a ~1 MB gzip file that inflates to a dump header and a gigabyte of spaces."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    spaces = b" " * 2**20
    with path.open("wb") as out:
        out.write(packer.compress(b'{"format": "shisaku.dump/1", "models": {"auth.user": ['))
        for _ in range(1024 * gigabytes):
            out.write(packer.compress(spaces))
        out.write(packer.compress(b"]}}") + packer.flush())


def test_a_gzip_bomb_given_to_restore_is_refused_by_its_ratio(env, tmp_path):
    """1 MB inflating to 1 GB (a 3 MB one reached 3 GB): refused before it is inflated."""
    bomb = tmp_path / "bomb.json.gz"
    gzip_bomb(bomb)
    assert bomb.stat().st_size < 2 * 2**20
    assert_refused(
        measured(env, "restore", str(bomb)),
        "bomb.json.gz: 展開すると元の 200 倍を超えます",
        "shisaku dump で作った .json か .json.gz を指定してください",
    )


# --- YAML --------------------------------------------------------------------------------------


def laughs() -> bytes:
    """Return a plan file whose schema is a billion strings made of nine levels of aliases."""
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return ("\n".join(levels) + "\nschema: *i\n").encode()


def test_a_billion_laughs_plan_file_is_refused_at_its_first_alias(env, tmp_path):
    """The schema error once quoted the expanded value (5.9 GB): now no alias is expanded."""
    bomb = tmp_path / "laughs.yaml"
    bomb.write_bytes(laughs())
    assert_refused(
        measured(env, "import-plan", str(bomb)),
        "laughs.yaml の 2 行目: YAML のエイリアス（*名前）は使えません",
        "値をそのまま書いてください",
    )


def test_a_plan_file_over_5_mb_is_refused_before_it_is_parsed(env, tmp_path):
    """A JSON/YAML plan file is bounded (5 MB): a 30 MB list of lists is never parsed."""
    big = tmp_path / "lists.json"
    big.write_bytes(b"[" + b"[]," * 10_000_000 + b"[]]")
    assert_refused(
        measured(env, "import-plan", str(big)),
        "lists.json: ファイルが大きすぎます（28.6 MB。計画の JSON/YAML は 5 MB までです）",
    )


# --- xlsx --------------------------------------------------------------------------------------


def xlsx_of_cells(path: Path, cell: bytes, cells: int, per_row: int) -> None:
    """Write a workbook whose figures sheet holds ``cells`` copies of ``cell`` (no addresses)."""
    head, tail = sheet_xml([FIGURE_HEADER]).encode().split(b"</sheetData>")
    row = b"<row>" + cell * per_row + b"</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _workbook_parts(["figures"]).items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head)
            for _ in range(cells // per_row):
                sheet.write(row)
            sheet.write(b"</sheetData>" + tail)


def test_an_xlsx_of_cells_without_addresses_is_refused_before_openpyxl_reads_it(env, tmp_path):
    """A ~800 KB workbook of 97 million ``<c/>`` in rows of a million (390 MB unpacked: it
    once took over 6 GB): refused by its unpacked size before openpyxl sees it."""
    bomb = tmp_path / "cells.xlsx"
    xlsx_of_cells(bomb, b"<c/>", 97_000_000, 1_000_000)
    assert bomb.stat().st_size < 1024 * 1024
    assert_refused(
        measured(env, "import-indicators", str(bomb)),
        "cells.xlsx: ブックの中身が大きすぎます（展開すると 100 MB を超えます）",
    )


def test_an_xlsx_within_the_row_and_cell_limits_but_packed_1_to_400_is_refused(env, tmp_path):
    """2,000,000 cells in 20,000 rows, about 80 KB (it once took a server from 224 MB to
    1.25 GB for 32 s): refused by its ratio before any cell is built."""
    book = tmp_path / "packed.xlsx"
    xlsx_of_cells(book, b"<c><v>1</v></c>", 2_000_000, 100)
    assert book.stat().st_size < 200 * 1024
    assert_refused(
        measured(env, "import-indicators", str(book)),
        "packed.xlsx: ブックの中の xl/worksheets/sheet1.xml が異常に圧縮されています",
    )


def test_cells_without_addresses_are_counted_while_the_sheet_is_scanned(monkeypatch):
    """Cells without ``r=`` take the next column: counted as they stream past, not after."""
    monkeypatch.setattr(indicator_xlsx, "MAX_CELLS", 1000)
    wide = "<row>" + "<c><v>1</v></c>" * 5000 + "</row>"
    book = xlsx(("figures", sheet_xml([FIGURE_HEADER], extra=wide)))
    errors: list = []
    assert indicator_xlsx.read_xlsx(book, "wide.xlsx", errors) == []
    assert [error.message for error in errors] == [
        "表の範囲が広すぎます（A1:SG2、1,002 セル。1,000 セルまで）。"
        "使っていない行と列を削除してください"
    ]
