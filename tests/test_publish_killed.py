"""A killed publish: its workers die with it, and the next run leaves the folder byte for byte
as a fresh publish would (docs/publishing.md, "A run that is interrupted").

`shisaku publish` runs in a subprocess on its own SQLite instance (the fictional 試験市 plan of
tests/fixtures/plandocs, with invented indicators) and is killed with SIGKILL at seeded random
points: after a random number of files of the run are in the folder.  Between the runs the
figures go from 111人 to 222人 and back, and the site address from one to another of the
same length, so a file left by a killed run has the size of the right one (the case that
left 222人 online when runs trusted sizes).  The workers of a run are found in /proc: the
test runs where the project runs, on Linux.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from subprocess import DEVNULL

import pytest

SHISAKU = str(Path(sys.executable).parent / "shisaku")
PLANDOC = Path(__file__).parent / "fixtures" / "plandocs" / "variant_fullwidth.txt"
SEED = 20261207
KILLS = 5  # killed runs before the run that must repair the folder
SITES = ("http://a.example", "http://b.example")  # the same length: the same sizes
INDICATORS = 12
PLAN_COLUMNS = "municipality_code,plan,indicator_code"
# several commands in one process (each of its own costs a second of start-up)
COMMANDS = "import json, sys\nfrom shisaku.cli import main\nfor a in json.loads(sys.argv[1]):\n"
COMMANDS += "    assert main(a) == 0, a\n"


def shisaku(env: dict[str, str], *commands: list[str]) -> None:
    """Run commands, one after the other, in one process of their own."""
    script = [sys.executable, "-c", COMMANDS, json.dumps(commands)]
    done = subprocess.run(script, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def publish_command(out: Path, site: str) -> list[str]:
    """Return the arguments of ``shisaku publish`` in two processes."""
    return ["publish", str(out), "--jobs", "2", "--site-url", site]


def figures(folder: Path, value: str) -> list[str]:
    """Return the command importing every indicator's FY2025 actual as ``value``."""
    rows = "".join(f"999997,2024-2028,K{i},actual,2025年度,{value}\n" for i in range(INDICATORS))
    path = folder / f"figures-{value}.csv"
    path.write_text(f"{PLAN_COLUMNS},kind,period,value\n{rows}", encoding="utf-8")
    return ["import-indicators", str(path)]


def definitions(folder: Path) -> str:
    """Write the invented indicators of 試験市; return the file."""
    rows = "".join(
        f"999997,2024-2028,K{i},1-1-{1 + i % 2},指標{i},increase,人\n" for i in range(INDICATORS)
    )
    path = folder / "definitions.csv"
    path.write_text(f"{PLAN_COLUMNS},node_code,name,direction,unit\n{rows}", encoding="utf-8")
    return str(path)


@pytest.fixture
def instance(tmp_path) -> dict[str, str]:
    """A SQLite instance of its own with 試験市's plan and invented indicators at 111人,
    published into ``site``, then at 222人."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"SHISAKU_HOME": str(tmp_path / "home")}
    plan = ["--municipality", "999997", "--name", "試験市", "--period", "2024-2028"]
    shisaku(
        env,
        ["import-plan", str(PLANDOC), *plan, "--title", "試験計画"],
        ["import-indicators", definitions(tmp_path), figures(tmp_path, "111人")[1]],
        publish_command(tmp_path / "site", SITES[0]),
        figures(tmp_path, "222人"),
    )
    return env


def files_written_since(out: Path, started: float) -> int:
    """Return how many files in ``out`` were written after ``started``."""
    count = 0
    for folder, _, names in os.walk(out):
        for name in names:
            with suppress(FileNotFoundError):  # renamed meanwhile
                count += os.lstat(os.path.join(folder, name)).st_mtime > started
    return count


def children(pid: int) -> set[int]:
    """Return the processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Return whether a process runs (a zombie has ended)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_after(job: subprocess.Popen[bytes], out: Path, started: float, files: int) -> set[int]:
    """Kill ``job`` (SIGKILL) once ``files`` files of its run are in ``out``; return the
    processes it had started then."""
    deadline = time.monotonic() + 60
    while job.poll() is None and time.monotonic() < deadline:
        if files_written_since(out, started) >= files:
            break
        time.sleep(0.002)
    workers = children(job.pid)
    job.send_signal(signal.SIGKILL)
    job.wait()
    return workers


def survivors(workers: set[int]) -> set[int]:
    """Return the workers still running two seconds after their run was killed."""
    deadline = time.monotonic() + 2
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    return {pid for pid in workers if alive(pid)}


def tree(folder: Path) -> dict[str, bytes | str]:
    """Return every entry under ``folder``: a file's bytes, ``folder/`` or ``link → target``."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"link → {os.readlink(path)}"
        elif path.is_dir():
            found[name] = "folder/"
        else:
            found[name] = path.read_bytes()
    return found


def folder_state(out: Path) -> dict[str, tuple[int, int] | None]:
    """Return each entry's time of change and size (None: gone while it was looked at)."""
    entries = (os.path.join(f, n) for f, folders, names in os.walk(out) for n in folders + names)
    return {path: _changed_and_size(path) for path in entries}


def _changed_and_size(path: str) -> tuple[int, int] | None:
    """Return an entry's time of change and size, or None when it is gone."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    return found.st_mtime_ns, found.st_size


def test_after_publish_is_killed_at_random_points_the_next_run_equals_a_fresh_publish(
    instance, tmp_path
):
    out, chance = tmp_path / "site", random.Random(SEED)
    caught = []
    for kill in range(KILLS):
        started = time.time()
        command = [SHISAKU, *publish_command(out, SITES[(kill + 1) % 2])]
        job = subprocess.Popen(command, env=instance, stdout=DEVNULL, stderr=DEVNULL)
        workers = kill_after(job, out, started, chance.randint(1, 150))
        time.sleep(0.02)  # a write already in the kernel when the kill came completes
        after_the_kill = folder_state(out)
        assert survivors(workers) == set(), f"kill {kill}: workers outlived their run"
        assert folder_state(out) == after_the_kill, f"kill {kill}: written after the kill"
        caught.append(len(workers))
    shisaku(
        instance,
        figures(tmp_path, "111人"),
        publish_command(out, SITES[0]),
        publish_command(tmp_path / "fresh", SITES[0]),
    )
    assert tree(out) == tree(tmp_path / "fresh")
    assert any(caught), "no kill came while the workers ran: kill earlier"
