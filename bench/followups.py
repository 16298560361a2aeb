"""Follow-up benchmark: a million tasks on SQLite, figures beside targets and a small baseline.

    .venv/bin/python bench/followups.py [--tasks 1000000] [--import-rows 100000] [--keep DIR]

The baseline is the same measurement in the same run on a database of 10,000 tasks, so a
slow machine shows as slow in both columns and growth with size shows as a gap.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select  # noqa: E402

from desk.config import Settings, load_settings  # noqa: E402
from desk.i18n import set_language  # noqa: E402
from desk.models import AttemptResult, FollowupTask  # noqa: E402
from desk.store.demo import fill_demo  # noqa: E402
from desk.store.engine import open_database, read_engine, session_scope  # noqa: E402
from desk.store.followup_import import import_subjects  # noqa: E402
from desk.store.followup_queue import QueueTab, queue_counts, queue_page  # noqa: E402
from desk.store.followup_rates import followup_rates, month_period  # noqa: E402
from desk.store.followup_work import record_outcome  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)
DEPARTMENTS = ("内科", "外科", "妇产科", "儿科", "骨科", "眼科", "口腔科", "中医科")
TARGETS = {"queue": 100.0, "outcome_p95": 10.0, "import": 20_000.0, "rates": 500.0}


def build(path: Path, settings: Settings, tasks: int) -> Engine:
    """A database holding `tasks` follow-up tasks (one per demo subject), reused if present."""
    url = f"sqlite:///{path}"
    engine = open_database(url)
    with session_scope(engine) as session:
        have = session.execute(select(func.count()).select_from(FollowupTask)).scalar_one()
    if have < tasks:
        started = time.perf_counter()
        fill_demo(
            engine,
            subjects=tasks - have,
            departments=DEPARTMENTS,
            settings=settings,
            now=NOW,
            seed=11,
        )
        print(f"  built {tasks:,} tasks in {time.perf_counter() - started:.1f} s ({path})")
    return engine


def timed(job: Callable[[], object], repeat: int = 7) -> float:
    """Median milliseconds of a job."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def queue_ms(engine: Engine, settings: Settings) -> float:
    """What the queue screen loads when it opens: the first page and the counts."""
    reader = read_engine(engine)

    def job() -> None:
        with session_scope(reader) as session:
            queue_page(session, settings=settings, tab=QueueTab.DUE_NOW, now=NOW)
            queue_counts(session, settings=settings, now=NOW)

    return timed(job)


def screen_ms(engine: Engine, settings: Settings, *, prebuilt: bool = True) -> float:
    """F5 pressed to the queue shown, in the real app (headless): the first F5 in a running
    desk (after its background start-up work, or with prebuilt=False the screen built on the
    key), then four more after F12; the median of the five."""
    from desk.app import WARM_UP_AFTER_S, make_app
    from desk.models import Role
    from desk.screens.followups import FollowupScreen
    from desk.session_info import SignedIn

    app = make_app(settings, engine, clock=lambda: NOW)
    app.prebuild_screens = prebuilt
    result: list[float] = []
    shown: list[float] = []
    original = FollowupScreen._loaded

    def loaded(self: FollowupScreen, load: object) -> None:
        original(self, load)  # type: ignore[arg-type]
        shown.append(time.perf_counter())

    FollowupScreen._loaded = loaded  # type: ignore[method-assign]

    async def run() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            app.signed_in(SignedIn(id=1, name="bench", role=Role.SUPERVISOR))
            await pilot.pause(WARM_UP_AFTER_S + 0.2)
            for _ in range(200):
                if not prebuilt or "followups" in app._screen_stacks:
                    break
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            for _ in range(5):
                await pilot.press("f12")
                await pilot.pause()
                started = time.perf_counter()
                shown.clear()
                await pilot.press("f5")
                while not shown:
                    await asyncio.sleep(0.001)
                result.append((shown[0] - started) * 1000)
                assert isinstance(app.screen, FollowupScreen)

    try:
        asyncio.run(run())
    finally:
        FollowupScreen._loaded = original  # type: ignore[method-assign]
    if not prebuilt:
        return result[0]
    return statistics.median(result)


def outcome_p95(engine: Engine, settings: Settings, calls: int = 200) -> float:
    """p95 milliseconds of recording a no-answer (one transaction, durable commit each)."""
    with session_scope(read_engine(engine)) as session:
        ids = [
            r.task_id
            for r in queue_page(
                session, settings=settings, tab=QueueTab.UPCOMING, now=NOW, limit=calls
            )
        ]
    runs = []
    for task_id in ids:
        started = time.perf_counter()
        with session_scope(engine) as session:
            record_outcome(
                session,
                actor=None,
                settings=settings,
                task_id=task_id,
                desk="bench",
                result=AttemptResult.NO_ANSWER,
                now=NOW,
            )
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.quantiles(runs, n=20)[18] if len(runs) >= 20 else max(runs, default=0)


def make_xlsx(path: Path, rows: int) -> None:
    """A hospital register of `rows` discharged patients, Chinese headers (new names each run,
    so a kept database imports them afresh)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))  # shared strings, as Excel and WPS write them
    sheet = book.add_worksheet()
    header = ["姓名", "性别", "年龄", "电话", "地址", "科室", "主管医师", "床号", "诊断",
              "入院日期", "出院日期"]  # fmt: skip
    sheet.write_row(0, 0, header)
    run = int(time.time()) % 100_000
    for i in range(1, rows + 1):
        day = 1 + i % 28
        sheet.write_row(
            i,
            0,
            [f"患者{run}-{i}", "男" if i % 2 else "女", 20 + i % 70, f"139{i:08d}", "兰州市城关区",
             DEPARTMENTS[i % len(DEPARTMENTS)], "刘医生", f"{i % 60}床", "高血压",
             f"2026-10-{day:02d}", f"2026-11-{day:02d}"],
        )  # fmt: skip
    book.close()


def import_ms(engine: Engine, settings: Settings, path: Path) -> float:
    """Milliseconds to import the XLSX register under the discharge rule (CPU time printed)."""
    started = time.perf_counter()
    cpu = time.process_time()
    with session_scope(engine) as session:
        report = import_subjects(
            session, actor=None, settings=settings, path=path, rule_name="discharge"
        )
    assert not report.refused and report.added, report
    print(f"  imported {report.added:,} subjects: CPU {time.process_time() - cpu:.1f} s")
    return (time.perf_counter() - started) * 1000


def rates_ms(engine: Engine, settings: Settings) -> float:
    """Milliseconds for a month's rates."""
    reader = read_engine(engine)

    def job() -> None:
        with session_scope(reader) as session:
            followup_rates(session, actor=None, settings=settings, period=month_period("2026-10"))

    return timed(job, repeat=5)


def main() -> None:
    """Build, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--baseline-tasks", type=int, default=10_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    args = parser.parse_args()
    set_language("en")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="desk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    settings = replace(load_settings(db=str(folder / "big.db")), departments=DEPARTMENTS)
    print(f"desk follow-up benchmark, {args.tasks:,} tasks vs a {args.baseline_tasks:,} baseline")
    xlsx = folder / "register.xlsx"
    started = time.perf_counter()
    make_xlsx(xlsx, args.import_rows)
    print(
        f"  wrote {args.import_rows:,} rows to {xlsx.name} in {time.perf_counter() - started:.1f} s"
    )
    figures: dict[str, tuple[float, float]] = {}
    engines = {
        "big": build(folder / "big.db", settings, args.tasks),
        "base": build(folder / "base.db", settings, args.baseline_tasks),
    }
    measured: dict[str, dict[str, float]] = {}
    for name, engine in engines.items():
        measured[name] = {
            "queue": queue_ms(engine, settings),
            "screen": screen_ms(engine, settings),
            "screen_cold": screen_ms(engine, settings, prebuilt=False),
            "outcome_p95": outcome_p95(engine, settings),
            "rates": rates_ms(engine, settings),
        }
    for name, engine in engines.items():
        copy = folder / f"{name}-register.xlsx"
        copy.write_bytes(xlsx.read_bytes())
        measured[name]["import"] = import_ms(engine, settings, copy)
    for key in ("queue", "screen", "screen_cold", "outcome_p95", "import", "rates"):
        figures[key] = (measured["big"][key], measured["base"][key])
    labels = {
        "queue": "queue data (first page + counts)",
        "screen": "queue screen ready after F5",
        "screen_cold": "  first F5, screen built on the key",
        "outcome_p95": "record an outcome, p95",
        "import": f"import {args.import_rows:,} subjects from XLSX",
        "rates": "a month's rates",
    }
    print(f"\n{'measure':<40}{'1M':>12}{'baseline':>12}{'target':>12}  ok")
    for key, (big, base) in figures.items():
        target = TARGETS.get(key, TARGETS["queue"] if key.startswith("screen") else 0.0)
        ok = "yes" if big <= target else "NO"
        print(f"{labels[key]:<40}{big:>10.1f}ms{base:>10.1f}ms{target:>10.0f}ms  {ok}")
    print(f"\nload average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for engine in engines.values():
        engine.dispose()


if __name__ == "__main__":
    main()
