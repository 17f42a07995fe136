"""Re-record the pdb transcripts shown in the chapter.

Run from the repository root after changing one of the example scripts:
    python docs/snippets/record_pdb_session.py
pdb reads the commands from a pipe and does not echo them, so they are put
back after each prompt to make each file read like a terminal session.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
PROMPT = "(Pdb) "
# transcript file -> (pdb options, script, commands typed at the prompt)
SESSIONS = {
    "pdb-session.txt": (
        [],
        "docs/snippets/card_share.py",
        ["b card_share", "c", "n", "p by_card.sum()", 'p trips["payment"].unique()', "q"],
    ),
    "post-mortem-session.txt": (
        ["-c", "continue"],
        "docs/snippets/sensor_zscores.py",
        ["p worst", "u", "p temperatures.argmin(), temperatures.min()",
         "b load_temperatures", "c", "c", "q"],
    ),
}


def record(options: list[str], script: str, commands: list[str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pdb", *options, script],
        input="\n".join(commands) + "\n",
        capture_output=True,
        text=True,
        check=False,  # a post-mortem session ends with the program's error
    )
    output = result.stdout.replace(f"{Path.cwd()}/", "")
    first, *answers = output.split(PROMPT)
    lines = [" ".join(["$ python -m pdb", *options, script]), first.rstrip("\n")]
    for command, answer in zip(commands, answers, strict=False):
        lines.append(f"{PROMPT}{command}")
        if answer.strip():
            lines.append(answer.rstrip("\n"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for name, (options, script, commands) in SESSIONS.items():
        (HERE / name).write_text(record(options, script, commands))
