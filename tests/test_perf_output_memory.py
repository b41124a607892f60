"""The run's record of its files holds next to nothing in Python's memory however many files
it records (a dict of paths to hexadecimal digests held some 240 bytes a file: ~500 MiB at
national scale), and the manifest is written a block at a time."""

from __future__ import annotations

import tracemalloc

from shisaku.publishing.output import Output

FILES = 50_000


def test_recording_many_files_holds_little_memory(tmp_path):
    out = Output(tmp_path)
    try:
        tracemalloc.start()
        for n in range(FILES):
            out.current[f"ja/{n // 7:06d}/indicators/x-{n % 7}/index.html"] = f"{n:064x}"
        held, filling = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        out.save(complete=True)
        _, saving = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        out.close()
    assert held < 1 << 20 and filling < 2 << 20, (held, filling)  # a dict: ~12 MiB
    assert saving < 4 << 20, saving  # a dict: ~31 MiB (the whole manifest, twice)
    assert (tmp_path / ".shisaku-publish.json").stat().st_size > FILES * 64
