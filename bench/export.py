"""Export and backup at real size: a million calls on SQLite, each figure beside its target.

    .venv/bin/python bench/export.py [--db /tmp/desk-bench.db] [--calls 1000000]

Needs the sqlite3 command-line tool for the baselines (Debian: apt-get install sqlite3).
Every ratio is measured in the same run, ours and the baseline one after the other. Our
exports and backups run in child processes so their peak memory (max RSS) is their own.
Benchmarks are not part of CI.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from statistics import median
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.dialects import sqlite as sqlite_dialect  # noqa: E402

from desk.models import Call  # noqa: E402
from desk.store.demo import fill_demo  # noqa: E402
from desk.store.engine import open_database, read_engine  # noqa: E402
from desk.store.export import _plan  # noqa: E402
from desk.store.export_columns import export_kind  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
CHILD_EXPORT = """
import sys, time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo
from desk.store.engine import open_database
from desk.store.export import write_export
engine = open_database(sys.argv[1])
start = date.fromisoformat(sys.argv[4]) if sys.argv[4] != "-" else None
began, cpu = time.perf_counter(), time.process_time()
rows = write_export(engine, kind="calls", fmt=sys.argv[2], path=Path(sys.argv[3]),
                    tz=ZoneInfo("Asia/Shanghai"), start=start)
print(time.perf_counter() - began, rows, PEAK(), time.process_time() - cpu)
"""
CHILD_ALONE = """
import gc, sys, time
from datetime import date
from zoneinfo import ZoneInfo
import xlsxwriter
from desk.export.writers import XLSX_OPTIONS, typed_writers
from desk.i18n import _
from desk.store.engine import open_database
from desk.store.export import stream_rows
from desk.store.export_columns import export_kind
engine = open_database(sys.argv[1])
start = date.fromisoformat(sys.argv[3])
# The same rows as ours (same query, same values), read before the clock starts; then frozen
# out of the garbage collector's sight so holding them costs the baseline nothing.
rows = [r for b in stream_rows(engine, kind="calls", tz=ZoneInfo("Asia/Shanghai"), start=start)
        for r in b]
headers = [_(c.header) for c in export_kind("calls").columns]
gc.collect()
gc.freeze()
began, cpu = time.perf_counter(), time.process_time()
book = xlsxwriter.Workbook(sys.argv[2], XLSX_OPTIONS)  # constant memory, same options as ours
sheet = book.add_worksheet()
sheet.write_row(0, 0, headers)
if sys.argv[4] == "write_row":
    for index, values in enumerate(rows, start=1):
        sheet.write_row(index, 0, values)
else:  # xlsxwriter's typed cell writers, exactly as our writer calls them
    handlers = typed_writers(sheet)
    for index, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is not None and value != "":
                handlers[value.__class__](index, col, value)
book.close()
print(time.perf_counter() - began, len(rows), PEAK(), time.process_time() - cpu)
"""
CHILD_BACKUP = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from desk.export.atomic import commit_file, create_private, temp_name
from desk.store.backup import backup_sqlite, copy_sqlite
db, folder, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
began, cpu = time.perf_counter(), time.process_time()
if mode == "copy":
    final = folder / "copy.db"
    temp = temp_name(final)
    create_private(temp)
    copy_sqlite(db, temp)
    commit_file(temp, final)
else:
    backup_sqlite(db, folder, now=datetime.now(UTC), full_check=mode == "full")
print(time.perf_counter() - began, 0, PEAK(), time.process_time() - cpu)
"""
PEAK = """
def PEAK():
    # VmHWM is the high-water mark of this program's own memory (reset by exec); ru_maxrss
    # of a child would include the benchmark's own pages copied at fork time.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""


def child(script: str, *args: str) -> tuple[float, int, float, float]:
    """Run a child; return (seconds it reports, rows, its peak RSS in MB, its CPU seconds)."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK + script, *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        check=True,
    )
    seconds, rows, peak_kb, cpu = done.stdout.split()
    return float(seconds), int(rows), int(peak_kb) / 1024, float(cpu)


def timed(command: list[str], **kwargs: object) -> float:
    """Wall time of a command."""
    began = time.perf_counter()
    subprocess.run(command, check=True, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - began


def export_sql(engine: object, start: date | None) -> str:
    """The exact SELECT the CSV export runs, as literal SQL for the sqlite3 tool."""
    spec = export_kind("calls")
    plan = _plan(spec, engine, tz=TZ, mask=False, safe_cells=True)  # type: ignore[arg-type]
    query = plan.query
    if start is not None:
        query = query.where(Call.received_at >= datetime.combine(start, datetime.min.time(), TZ))
    compiled = query.order_by(spec.order).compile(
        dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}
    )
    return str(compiled) + ";\n"


def ensure_data(url: str, calls: int) -> object:
    """The benchmark database, filled once with `calls` demo calls."""
    engine = open_database(url)
    with read_engine(engine).connect() as connection:
        have = connection.execute(select(func.count()).select_from(Call)).scalar_one()
    if have < calls:
        print(f"filling {calls - have:,} demo calls …", flush=True)
        fill_demo(engine, calls=calls - have, visits=1000, subjects=1000)
    return engine


def xlsx_start(engine: object, rows: int) -> date:
    """The first local day from which about `rows` calls remain."""
    with read_engine(engine).connect() as connection:  # type: ignore[arg-type]
        total = connection.execute(select(func.count()).select_from(Call)).scalar_one()
        moment = connection.execute(
            select(Call.received_at).order_by(Call.received_at).offset(total - rows).limit(1)
        ).scalar_one()
    return moment.astimezone(TZ).date()


def backup_figures(
    sqlite3_tool: str, db: Path, work: Path, repeat: int
) -> list[tuple[str, float, float, float]]:
    """The copy alone, and the copy with each check, against `sqlite3 DB ".backup FILE"`."""
    base = copy = quick = full = float("inf")
    for index in range(repeat + 1):
        cli = timed([sqlite3_tool, str(db), f".backup {work / 'cli.bak'}"])
        base = min(base, cli)
        copy = min(copy, child(CHILD_BACKUP, str(db), str(work), "copy")[0])
        seconds = {}
        for mode in ("quick", "full"):
            seconds[mode] = child(CHILD_BACKUP, str(db), str(work / f"{mode}{index}"), mode)[0]
            shutil.rmtree(work / f"{mode}{index}")
        quick, full = min(quick, seconds["quick"]), min(full, seconds["full"])
        print(
            f"  backup round: sqlite3 .backup {cli:.2f}s, quick_check {seconds['quick']:.2f}s "
            f"({seconds['quick'] / cli:.2f}×), integrity_check {seconds['full']:.2f}s "
            f"({seconds['full'] / cli:.2f}×)"
        )
    size = db.stat().st_size / 2**20
    return [
        (f"backup copy, {size:,.0f} MB", copy, base, 1.2),
        ("backup + quick_check + counts + SHA-256", quick, base, 3.0),
        ("backup + integrity_check (--full-check)", full, base, 0.0),
    ]


PARTS = ("csv", "xlsx", "json", "backup")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "desk-bench.db"))
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs per figure")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts")
    args = parser.parse_args()
    parts = set(args.only or PARTS)
    sqlite3_tool = shutil.which("sqlite3")
    if not sqlite3_tool:
        print("the sqlite3 command-line tool is missing: apt-get install sqlite3")
        return 2
    db = Path(args.db).absolute()
    url = f"sqlite:///{db}"
    engine = ensure_data(url, args.calls)
    work = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    results: list[tuple[str, float, float, float]] = []
    peaks: list[tuple[str, float]] = []
    try:
        subprocess.run(["cat", str(db)], stdout=subprocess.DEVNULL, check=True)  # warm cache

        # The machine may be shared: each figure is the best of `--repeat` runs, ours and the
        # baseline alternating, so a busy moment does not land on one side only; each round's
        # own ratio is printed too.
        if "csv" in parts:
            sql = export_sql(engine, None)
            ours = base = float("inf")
            for _round in range(args.repeat):
                seconds, rows, peak, _cpu = child(
                    CHILD_EXPORT, url, "csv", str(work / "ours.csv"), "-"
                )
                ours = min(ours, seconds)
                with (work / "cli.csv").open("w") as out:
                    run = [sqlite3_tool, "-csv", "-header", str(db)]
                    cli = timed(run, input=sql, text=True, stdout=out)
                base = min(base, cli)
                print(f"  CSV round: ours {seconds:.2f}s, sqlite3 {cli:.2f}s, {seconds / cli:.2f}×")
            results.append((f"CSV export, {rows:,} calls", ours, base, 2.0))
            peaks.append(("CSV", peak))

        if "xlsx" in parts:
            start = xlsx_start(engine, args.xlsx_rows)
            best: dict[str, list[float]] = {}
            rounds: list[float] = []
            for _round in range(args.repeat):
                seconds, rows, peak, cpu = child(
                    CHILD_EXPORT, url, "xlsx", str(work / "ours.xlsx"), start.isoformat()
                )
                times = {"ours": (seconds, cpu)}
                for mode in ("write_row", "typed"):
                    alone, base_rows, _peak, alone_cpu = child(
                        CHILD_ALONE, url, str(work / "alone.xlsx"), start.isoformat(), mode
                    )
                    assert rows == base_rows
                    times[mode] = (alone, alone_cpu)
                for name, (wall, used) in times.items():
                    old = best.get(name, [float("inf")] * 2)
                    best[name] = [min(old[0], wall), min(old[1], used)]
                rounds.append(seconds / times["write_row"][0])
                print(
                    "  XLSX round: "
                    + ", ".join(f"{k} {w:.2f}s wall {c:.2f}s CPU" for k, (w, c) in times.items())
                    + f"; ours / write_row {rounds[-1]:.2f}×"
                )
            ours, base, typed = best["ours"], best["write_row"], best["typed"]
            results.append((f"XLSX export, {rows:,} calls", ours[0], base[0], 1.2))
            results.append(("  same, median of the rounds' own ratios", median(rounds), 1.0, 1.2))
            results.append(("  same, CPU time (both threads of ours)", ours[1], base[1], 1.2))
            results.append(("  against xlsxwriter's typed writers alone", ours[0], typed[0], 0.0))
            peaks.append(("XLSX", peak))

        if "json" in parts:
            for fmt in ("json", "jsonl"):
                _seconds, _rows, peak, _cpu = child(
                    CHILD_EXPORT, url, fmt, str(work / f"ours.{fmt}"), "-"
                )
                peaks.append((fmt.upper(), peak))

        if "backup" in parts:
            results.extend(backup_figures(sqlite3_tool, db, work, args.repeat))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{'figure':<46} {'ours':>8} {'baseline':>9} {'ratio':>6} {'target':>7}")
    failed = False
    for name, ours, base, target in results:
        ratio = ours / base
        verdict = "" if not target else ("ok" if ratio <= target else "OVER")
        failed |= verdict == "OVER"
        shown = f"≤{target:.1f}×" if target else "(info)"
        print(f"{name:<46} {ours:7.2f}s {base:8.2f}s {ratio:5.2f}× {shown:>7} {verdict}")
    for name, peak in peaks:
        verdict = "ok" if peak <= 200 else "OVER"
        failed |= verdict == "OVER"
        label = f"peak memory, {name} export"
        print(f"{label:<46} {peak:6.0f}MB {'':>9} {'':>6} {'≤200MB':>7} {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
