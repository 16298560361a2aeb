"""The call desk benchmark of issue 3: every figure on one database of a million calls.

    python bench/calls.py [--db PATH] [--calls N]

Builds the database once (a million calls from 2,000 organisations; reused when it is there),
then runs bench/calls_log.py (log first page, new filter, each kind of search) and
bench/calls_entry.py (save, caller panel, start-up against a bare Textual app, memory) on it.
Each prints its figures beside their targets and their baselines measured in the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    """Build once, run both halves."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench-data/calls.db"))
    parser.add_argument("--calls", type=int, default=1_000_000)
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    reuse = ["--reuse"] if args.db.exists() else []
    common = ["--db", str(args.db), "--calls", str(args.calls)]
    for script, extra in (("calls_log.py", reuse), ("calls_entry.py", [])):
        print(f"\n== {script} ==", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *common, *extra], check=False)
        if done.returncode:
            sys.exit(done.returncode)


if __name__ == "__main__":
    main()
