"""The ``shisaku`` process's start-up: the collector paused while it imports, then as before."""

from __future__ import annotations

import gc
import sys

from shisaku.cli import main


def test_the_process_collects_again_after_its_start_up(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["shisaku", "help"])
    paused: list[bool] = []
    monkeypatch.setattr("shisaku.cli._load_commands", lambda name: paused.append(gc.isenabled()))
    try:
        assert main() == 0
        assert paused == [False] and gc.isenabled()
    finally:
        gc.unfreeze()  # main froze this test process's objects, as it freezes its own
    assert "使い方" in capsys.readouterr().out


def test_a_call_with_arguments_leaves_the_collector_alone(monkeypatch, capsys):
    seen: list[bool] = []
    monkeypatch.setattr("shisaku.cli._load_commands", lambda name: seen.append(gc.isenabled()))
    frozen = gc.get_freeze_count()
    assert main(["help"]) == 0
    assert seen == [True] and gc.isenabled() and gc.get_freeze_count() == frozen
