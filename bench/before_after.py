"""Run one bench script on an earlier revision and on this tree, alternately, in one run.

    .venv/bin/python bench/before_after.py --before REV [--rounds 2] SCRIPT [-- ARGS...]
    e.g. bench/before_after.py --before 2453a73 sync.py -- --skip-postgres --transactions 5000

The earlier revision is checked out into a throw-away git worktree; each round runs the
script of that revision with its own ``src`` first on ``PYTHONPATH``, then this tree's, so a
busy machine slows both alike. Every numeric figure of the script's JSON is reported per
round, with its median and the ratio after / before. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def run(tree: Path, script: str, args: list[str]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    command = [sys.executable, str(tree / "bench" / script), *args]
    done = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{script} failed in {tree}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def figures(result: Any, prefix: str = "") -> dict[str, float]:
    """Every numeric leaf of a result, by its dotted path."""
    if isinstance(result, dict):
        found: dict[str, float] = {}
        for name, value in result.items():
            found |= figures(value, f"{prefix}{name}.")
        return found
    if isinstance(result, int | float) and not isinstance(result, bool):
        return {prefix.rstrip("."): float(result)}
    return {}


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    old = [figures(r) for r in before]
    new = [figures(r) for r in after]
    report = {}
    for name in old[0]:
        a = statistics.median(r[name] for r in old if name in r)
        b = statistics.median(r[name] for r in new if name in r)
        report[name] = {"before": a, "after": b, "after_over_before": b / a if a else None}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", required=True, help="a git revision of this repository")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("script", help="a script in bench/, e.g. sync.py")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    with tempfile.TemporaryDirectory(prefix="frontdesk-before-") as tmp:
        old_tree = Path(tmp) / "before"
        git = ["git", "-C", str(HERE)]
        subprocess.run([*git, "worktree", "add", "--detach", str(old_tree), options.before],
                       check=True, capture_output=True)  # fmt: skip
        try:
            before, after = [], []
            for _ in range(options.rounds):
                before.append(run(old_tree, options.script, args))
                after.append(run(HERE, options.script, args))
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(old_tree)], check=False)
    print(json.dumps({"before": options.before, "rounds": options.rounds,
                      "figures": compare(before, after)}))  # fmt: skip


if __name__ == "__main__":
    main()
