"""Re-record pdb-session.txt, the pdb transcript shown in the chapter.

Run from the repository root after changing rainy_share.py:
    python docs/snippets/record_pdb_session.py
pdb reads the commands from a pipe and does not echo them, so they are put
back after each prompt to make the file read like a terminal session.
"""

import subprocess
import sys
from pathlib import Path

SCRIPT = "docs/snippets/rainy_share.py"
COMMANDS = [
    "b rainy_share",
    "c",
    "n",
    "p rainy.sum()",
    'p rentals["weather"].unique()',
    'pp rentals["weather"].value_counts().to_dict()',
    "q",
]
PROMPT = "(Pdb) "


def record() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pdb", SCRIPT],
        input="\n".join(COMMANDS) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout.replace(f"{Path.cwd()}/", "")
    first, *answers = output.split(PROMPT)
    lines = [f"$ python -m pdb {SCRIPT}", first.rstrip("\n")]
    for command, answer in zip(COMMANDS, answers, strict=False):
        lines.append(f"{PROMPT}{command}")
        if answer.strip():
            lines.append(answer.rstrip("\n"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name("pdb-session.txt").write_text(record())
