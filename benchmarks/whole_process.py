"""Run a command as a user runs it and measure the whole of it: wall and CPU seconds, memory.

:func:`measure` starts the command, reads the resident memory of it and of every process below
it from ``/proc`` every 20 ms (Linux), and waits for it with ``wait4``: the CPU seconds are
the command's and those of every process it waited for (its workers); the peak is the largest
sum of the proportional set sizes of all its processes seen at once (a page that forked workers
share counted once), beside the resident maximum of its largest single process
(``ru_maxrss``).  Nothing is imported into the measured process.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

EVERY = 0.02  # seconds between two samples of the memory


@dataclass(frozen=True)
class Measured:
    """What one run of a command cost."""

    wall: float
    cpu: float
    peak_mib: float  # all its processes together (PSS), sampled
    largest_mib: float  # its largest single process (ru_maxrss)
    status: int
    stdout: str
    stderr: str


def _children() -> dict[int, list[int]]:
    """Return every process's children, by parent id."""
    found: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        found.setdefault(parent, []).append(int(entry.name))
    return found


def tree_memory(pid: int) -> int:
    """Return the memory of ``pid`` and every process below it: the sum of their proportional
    set sizes (PSS: a page shared by forked workers counted once in all)."""
    children, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss(current)
        todo += children.get(current, [])
    return total


def _pss(pid: int) -> int:
    """Return the proportional set size of a process in bytes (0 once it has ended)."""
    try:
        text = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def measure(
    command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Measured:
    """Run ``command`` and return what it cost, with what it printed."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 (read back once the command has ended)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=output, stderr=subprocess.PIPE, text=True
    )
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_memory(process.pid))
            done.wait(EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    errors = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    output.seek(0)
    printed = output.read().decode(errors="replace")
    output.close()
    largest = usage.ru_maxrss / 1024
    return Measured(wall, cpu, peak[0] / 2**20, largest, process.returncode, printed, errors)
