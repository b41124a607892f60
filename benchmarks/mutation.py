"""Mutation testing of the pure domain: the score per module and the mutants that survived.

mutmut (configured in setup.cfg, section [mutmut]) copies the tree to mutants/, changes one
thing at a time in the grading, value, period and plan-reading modules (a ``<`` for a ``<=``, a
``1.0`` for a ``2.0``, a string for another), and runs the fast pure-domain tests against each
change. A change the tests do not notice "survives": a wrong result the suite would let through.

The run is slow (minutes per module on two cores) and is not part of CI; it runs at the lowest
priority with one worker. Results are kept in mutants/ (ignored by git), so a rerun only tries
mutants of functions that changed; ``--report`` prints the last results without running.

    .venv/bin/python benchmarks/mutation.py                       # every module, then the report
    .venv/bin/python benchmarks/mutation.py values assessment     # only these modules
    .venv/bin/python benchmarks/mutation.py --report values       # the last results, no run
    .venv/bin/python benchmarks/mutation.py --recheck values      # try the survivors again
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "shisaku/domain"
# The order of the issue: grading, values, periods, then the reader of the plan exchange form.
MODULES = (
    "assessment",
    "assessment_methods",
    "assessment_scales",
    "values",
    "periods",
    "period_labels",
    "plandict",
)
DETECTED = {"killed", "timeout", "caught by type check", "segfault"}
UNCOUNTED = {"skipped", "not checked", "check was interrupted by user"}


@dataclass(frozen=True)
class Survivor:
    """A mutant the tests let through: where it is and what it changed."""

    name: str
    status: str
    line: int
    before: str
    after: str


def run(modules: list[str]) -> None:
    """Try every mutant of these modules (lowest priority, one worker)."""
    patterns = [f"shisaku.domain.{module}.*" for module in modules]
    command = ["nice", "-n", "19", sys.executable, "-m", "mutmut", "run", "--max-children", "1"]
    subprocess.run([*command, *patterns], cwd=ROOT, check=True)


def _meta(module: str) -> Path:
    """mutmut's results file of a module."""
    meta = ROOT / "mutants" / DOMAIN / f"{module}.py.meta"
    if not meta.exists():
        raise SystemExit(f"mutation: no results for {module} yet ({meta}); run it without --report")
    return meta


def forget_survivors(module: str) -> None:
    """Clear the results of the mutants that were not killed, so the next run tries them again."""
    meta = _meta(module)
    data = json.loads(meta.read_text(encoding="utf-8"))
    codes = data["exit_code_by_key"]
    found = statuses(module)
    data["exit_code_by_key"] = {
        name: None if found[name] not in DETECTED else code for name, code in codes.items()
    }
    meta.write_text(json.dumps(data, indent=4), encoding="utf-8")


def statuses(module: str) -> dict[str, str]:
    """The last status of each mutant of a module, from mutmut's results file."""
    from mutmut.stats import status_by_exit_code

    codes = json.loads(_meta(module).read_text(encoding="utf-8"))["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def _changed_lines(diff: str) -> tuple[str, str]:
    """The first removed and added line of a mutant's diff."""
    lines = diff.splitlines()[2:]
    before = next((line[1:] for line in lines if line.startswith("-")), "")
    after = next((line[1:] for line in lines if line.startswith("+")), "")
    return before, after


def _function_span(source: str, mangled: str) -> tuple[int, int]:
    """The first and last line of the function or method a mutant name points at."""
    parts = mangled.removeprefix("x_").removeprefix("xǁ").split("ǁ")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and len(parts) == 2 and node.name == parts[0]:
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and (
                    item.name == parts[1]
                ):
                    return item.lineno, item.end_lineno or item.lineno
        if isinstance(node, ast.FunctionDef) and len(parts) == 1 and node.name == parts[0]:
            return node.lineno, node.end_lineno or node.lineno
    return 1, len(source.splitlines())


def survivor(module: str, name: str, status: str) -> Survivor:
    """Locate a mutant in the real source file: the line it changes and how."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    path = ROOT / "mutants" / DOMAIN / f"{module}.py"
    before, after = _changed_lines(get_diff_for_mutant(name, path=path))
    source = (ROOT / DOMAIN / f"{module}.py").read_text(encoding="utf-8")
    mangled = name.rpartition(".")[2].rpartition("__mutmut_")[0]
    first, last = _function_span(source, mangled)
    lines = source.splitlines()
    line = next(
        (n for n in range(first, last + 1) if lines[n - 1].strip() == before.strip()), first
    )
    return Survivor(name, status, line, before.strip(), after.strip())


def report(module: str) -> float | None:
    """Print the score of one module and its surviving mutants; return the score."""
    found = statuses(module)
    counts = Counter(found.values())
    counted = sum(n for status, n in counts.items() if status not in UNCOUNTED)
    killed = sum(n for status, n in counts.items() if status in DETECTED)
    score = killed / counted if counted else None
    shown = "—" if score is None else f"{score:.1%}"
    tally = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
    print(f"{DOMAIN}/{module}.py: {shown} killed ({killed} of {counted}; {tally})")
    for name, status in sorted(found.items()):
        if status in DETECTED or status in UNCOUNTED:
            continue
        left = survivor(module, name, status)
        print(f"  {DOMAIN}/{module}.py:{left.line} [{status}] {left.before}  →  {left.after}")
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="module", help=", ".join(MODULES))
    parser.add_argument("--report", action="store_true", help="print the last results, no run")
    parser.add_argument("--recheck", action="store_true", help="try the surviving mutants again")
    args = parser.parse_args(argv)
    unknown = [module for module in args.modules if module not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; one of {', '.join(MODULES)}")
    modules = list(args.modules) or list(MODULES)
    if args.recheck:
        for module in modules:
            forget_survivors(module)
    if not args.report:
        run(modules)
    scores = {module: report(module) for module in modules}
    print()
    for module, score in scores.items():
        print(f"{module:20} {'—' if score is None else f'{score:.1%}'}")
    print(f"rerun: .venv/bin/python benchmarks/mutation.py {' '.join(modules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
