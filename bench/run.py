"""Run every benchmark in bench/ (files named bench_*.py) and print their figures.

Each benchmark is a script that sets itself up (database, data, server) and prints lines of
the form ``figure: value unit (target)``. Run one alone with ``.venv/bin/python bench/bench_x.py``.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    only = set(sys.argv[1:])
    for script in sorted(HERE.glob("bench_*.py")):
        if only and script.stem not in only:
            continue
        print(f"== {script.stem}", flush=True)
        failures += subprocess.run([sys.executable, str(script)], check=False).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
