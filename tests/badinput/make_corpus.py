"""Write the bad-input corpus (tests/badinput/corpus/) from the case table.

    .venv/bin/python -m tests.badinput.make_corpus

The corpus is committed so that each malformed file can be opened and looked at; this script
is how it is made, and ``test_corpus.py`` fails when the committed files and the script
disagree.  Huge inputs (10 MB lines, 5 MB uploads, deep nesting) are made at test time and
never committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.badinput.cases import FILES
from tests.badinput.model import CORPUS


def write_corpus(root: Path = CORPUS) -> list[Path]:
    """Write every corpus file under ``root``, delete files no case names; return the paths."""
    wanted = {root / f.path: f.content for f in FILES}
    for stale in sorted(p for p in root.rglob("*") if p.is_file() and p not in wanted):
        stale.unlink()
    for path, content in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
    return sorted(wanted)


def main() -> int:
    """Write the corpus and say how big it is."""
    paths = write_corpus()
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size:,} bytes in {CORPUS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
